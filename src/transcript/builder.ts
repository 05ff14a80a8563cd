// What every format's parser shares: turns, speaker roles, notices, call metadata — and the checks that apply
// to any transcript (unknown labels reported once, an empty file, a file without turns).
import type { CommentLine, ParseNotice, Role, Span, TextOrigin, Transcript, Turn } from '../types.js';
import { LineBreakRecorder } from '../text/line-breaks.js';
import type { SpeakerResolver } from './speakers.js';

export class TranscriptBuilder {
  readonly turns: Turn[] = [];
  readonly comments: CommentLine[] = [];
  readonly notices: ParseNotice[] = [];
  readonly meta: Record<string, string> = {};

  /**
   * One field of call metadata, as an own property whatever its name: a field named "__proto__" written by
   * assignment would set the object's prototype (or vanish) instead of being kept like the others.
   */
  setMeta(key: string, value: string): void {
    Object.defineProperty(this.meta, key, { value, enumerable: true, writable: true, configurable: true });
  }
  private readonly unknownLabels = new Map<string, number>();

  /** `text`: what the turns' spans point into. `spansInOrigin`: notices and label offsets are offsets of the original file (JSON), not of `text`. */
  constructor(public text: string, readonly speakers: SpeakerResolver, private readonly spansInOrigin = false) {}

  /** The role of a label; an unknown one is remembered (at `offset`) for one notice per file. */
  role(label: string, offset: number, speakerId = false): Role {
    const role = speakerId ? this.speakers.resolveSpeakerId(label) : this.speakers.resolve(label);
    if (role) return role;
    if (label && !this.unknownLabels.has(label)) this.unknownLabels.set(label, offset);
    return 'other';
  }

  /** Remember a label already resolved elsewhere as unknown (plain text resolves labels while finding them). */
  unknown(label: string, offset: number): void {
    if (!this.unknownLabels.has(label)) this.unknownLabels.set(label, offset);
  }

  addTurn(role: Role, label: string, segments: Span[], start?: number, end?: number): Turn {
    const turn: Turn = { index: this.turns.length, role, label, segments, start, end };
    this.turns.push(turn);
    return turn;
  }

  notice(severity: 1 | 2, message: string, span: Span, fatal = false): void {
    this.notices.push(fatal ? { severity, message, span, fatal } : { severity, message, span });
  }

  build(origin?: TextOrigin): Transcript {
    if (this.unknownLabels.size) {
      const [first] = this.unknownLabels.values();
      // Ten by name: a recognizer that numbers its speakers may give a call thousands (50,000 made a warning of 700 KB).
      const labels = [...this.unknownLabels.keys()];
      const named = labels.length > 10 ? `${labels.slice(0, 10).join(', ')} and ${(labels.length - 10).toLocaleString('en')} more` : labels.join(', ');
      const message = `unknown speaker labels: ${named}; their turns count as "other" (add them under "speakers:" in your pack${origin ? ', or map channel numbers under "channels:"' : ''})`;
      this.notices.push({ severity: 1, message, span: { start: first, end: first }, unknownLabels: true });
    }
    const fileText = origin?.text ?? this.text;
    if (this.turns.length === 0 && !this.notices.some((n) => n.fatal)) {
      this.notice(1, fileText.trim() ? 'no speaker turns found; nothing was linted' : 'empty file; nothing to lint', { start: 0, end: 0 });
    }
    nextDayAfterMidnight(this.turns);
    // An end before its start (a typo, a cue written backwards; the parsers warn of it) is no time to measure from:
    // such a turn counts as one without an end.
    for (const turn of this.turns) if (turn.end !== undefined && turn.start !== undefined && turn.end < turn.start) turn.end = undefined;
    if (this.spansInOrigin) for (const notice of this.notices) notice.inOrigin = true;
    const transcript: Transcript = { text: this.text, turns: this.turns, comments: this.comments, meta: this.meta, notices: this.notices };
    if (origin) transcript.origin = origin;
    return transcript;
  }
}

const DAY = 24 * 3600;

/**
 * A chat's clock times start again at 00:00 after midnight: a turn timed more than half a day before the timed turn
 * before it is the next day's (23:58:00, then 00:05:00, is a wait of 7 minutes, not of minus 23 hours).
 */
function nextDayAfterMidnight(turns: Turn[]): void {
  let days = 0;
  let last: number | undefined;
  for (const turn of turns) {
    if (turn.start === undefined) continue;
    if (last !== undefined && turn.start + days < last - DAY / 2) days += DAY;
    if (days) {
      turn.start += days;
      if (turn.end !== undefined) turn.end += days;
    }
    last = turn.start;
  }
}

/** Lines longer than this are not a transcript (a dump, a minified file): line-based formats refuse them. */
export const MAX_LINE_LENGTH = 1_000_000;

/** A fatal notice when some line is longer than MAX_LINE_LENGTH; true when there was one. */
export function refuseHugeLines(text: string, builder: TranscriptBuilder): boolean {
  if (text.length <= MAX_LINE_LENGTH) return false;
  // From a line's start, the last line break within reach: one search jumps over the thousands of lines a long
  // transcript has in that reach (a search per line was a tenth of parsing it). No break within reach: that line is
  // too long.
  for (let start = 0; text.length - start > MAX_LINE_LENGTH; ) {
    const lastBreak = text.lastIndexOf('\n', start + MAX_LINE_LENGTH);
    if (lastBreak >= start) {
      start = lastBreak + 1;
      continue;
    }
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    const next = text.indexOf('\n', start);
    const end = next < 0 ? text.length : next;
    builder.notice(2, `line ${line} is ${(end - start).toLocaleString('en')} characters long (the limit is ${MAX_LINE_LENGTH.toLocaleString('en')}); this is not a line-based transcript, so it was not linted`, { start, end: start }, true);
    return true;
  }
  return false;
}

/** Call `visit` for each line from offset `from` on, without its line break; line numbers count from the file's start. */
export function forEachLine(text: string, from: number, visit: (line: string, lineStart: number, lineNumber: number) => void): void {
  forEachLineSpan(text, from, (lineStart, lineEnd, lineNumber) => visit(text.slice(lineStart, lineEnd), lineStart, lineNumber));
}

/**
 * forEachLine without the line itself: where each starts and ends (its line break, and a "\r" before it, left out).
 * A parser that reads most lines where they stand in the text makes no string per line.
 */
export function forEachLineSpan(text: string, from: number, visit: (lineStart: number, lineEnd: number, lineNumber: number) => void): void {
  // Each "\n" found is kept for the LineIndex that places the call's problems (text/line-breaks.ts).
  const breaks = new LineBreakRecorder(text);
  let lineNumber = 1;
  let i = text.indexOf('\n');
  for (; i >= 0 && i < from; i = text.indexOf('\n', i + 1)) {
    breaks.add(i);
    lineNumber++;
  }
  for (let lineStart = from; lineStart < text.length; lineNumber++) {
    // (The search before found the first break from `from` on already.)
    let lineEnd = lineStart === from ? i : text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    else breaks.add(lineEnd);
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    visit(lineStart, contentEnd, lineNumber);
    lineStart = lineEnd + 1;
  }
  breaks.keep();
}
