// Plain-text transcripts: one turn per line, "客服: …" / "客戶：…" / "Agent: …", optionally after a timestamp
// ([00:01:23], 00:01:23.450, [00:01:23 - 00:01:30]). Lines without a label continue the previous turn;
// lines starting with # are comments, and so is a `# transcript-lint-…` directive at the end of a turn line (a
// directive may start with a full-width ＃ too, as an input method in full-width mode writes it).
// Front matter or header lines ("通话ID: …") before the first turn are call metadata.
import type { Transcript, Turn } from '../types.js';
import { TranscriptBuilder, refuseHugeLines } from './builder.js';
import { isMetaKey, readFrontMatter } from './front-matter.js';
import { findLabel, type LabelMatch } from './labels.js';
import type { SpeakerResolver } from './speakers.js';
import { parseClockTime } from './time.js';
import { LineBreakRecorder } from '../text/line-breaks.js';
import { MARK_HASH, SHARED_UNITS, heldUnits, newUnitCopy, unitMarks, writeUnits } from '../text/text-units.js';

const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/**
 * Space before a label: ASCII, the ideographic space, and the no-break and fixed-width spaces that word processors
 * and web pages write (&nbsp;), with the zero-width space. A label after a no-break space was read as words of the
 * turn before, in the other speaker's name: an agent's 不知道 went unreported.
 */
const SPACE = String.raw` \t\u00a0\u2000-\u200b\u202f\u205f\u3000`;
/** Leading space and an optional timestamp or time range. */
const HEAD = new RegExp(String.raw`^[${SPACE}\uFEFF]*(?:\[?(${TIME})(?:\s*(?:-->|-|–|~)\s*(${TIME}))?\]?[${SPACE}]*)?`);
/** A directive at the end of a turn line (`客服: 不知道  # transcript-lint-disable-line …`): a comment, not text. */
const TRAILING_DIRECTIVE = /[ \t\u3000]*[#＃][ \t\u3000]*transcript-lint-[\s\S]*$/;
/** A line that is a directive written with a full-width ＃ (a ＃ line that is none stays words of the turn). */
const FULL_WIDTH_DIRECTIVE = /^＃[ \t\u3000]*transcript-lint-/;

/** Where the next # or ＃ stands from `from` on (-1: none). */
function nextMark(text: string, from: number): number {
  const hash = text.indexOf('#', from);
  const wide = text.indexOf('＃', from);
  return hash < 0 ? wide : wide < 0 ? hash : Math.min(hash, wide);
}
/** Something in brackets at the start of a line that tries to be a timestamp and is not one. */
const BROKEN_TIME = new RegExp(String.raw`^[${SPACE}\uFEFF]*\[(?=[^\]]*\d)[\d:.,：\s>~–-]{1,40}\]`);

/** The units of a text whose units are not held, copied here (reused from text to text, at most SHARED_UNITS). */
const copy = newUnitCopy();

/** Label spellings a parse remembers: beyond them (names in labels), lines are matched by LABEL as they come. */
const MAX_WRITTEN_LABELS = 8;

/** Space HEAD allows after a timestamp, and LABEL after a colon: space, tab, ideographic space. */
function isHeadSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x3000 || unit === 0xa0 || (unit >= 0x2000 && unit <= 0x200b) || unit === 0x202f || unit === 0x205f;
}

/**
 * Whether a line starting with this unit is certainly not blank: no trim removes it (a label, a bracket, a digit, a
 * Han character). Other lines are told by `trim()`.
 */
function startsWords(first: number): boolean {
  return (first > 0x20 && first < 0x7f) || (first > 0x3000 && first !== 0xfeff);
}

/** A byte-order mark at a line's start: a transcript joined from files with one (cat a.txt b.txt), or saved twice. */
const BOM = 0xfeff;

/** Whether a line starting with this unit can have a head (space, a bracket or a digit): HEAD's first units. */
function mayStartHead(unit: number): boolean {
  return isHeadSpace(unit) || unit === 0x5b || (unit >= 0x30 && unit <= 0x39) || unit === BOM;
}

/** The two-digit number at `at` of `units`, or -1. */
function twoDigits(units: Uint16Array, at: number): number {
  const tens = units[at] - 48;
  const ones = units[at + 1] - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The seconds of a line (`units` from `start` to `end`) that starts "[hh:mm:ss]" with minutes and seconds below 60, or
 * -1: what HEAD and parseClockTime make of such a line (no range or fraction can follow the bracket).
 */
function bracketedClock(units: Uint16Array, start: number, end: number): number {
  if (end - start < 10 || units[start] !== 0x5b || units[start + 3] !== 0x3a || units[start + 6] !== 0x3a || units[start + 9] !== 0x5d) return -1;
  const hours = twoDigits(units, start + 1);
  const minutes = twoDigits(units, start + 4);
  const seconds = twoDigits(units, start + 7);
  if (hours < 0 || minutes < 0 || seconds < 0 || minutes >= 60 || seconds >= 60) return -1;
  return hours * 3600 + minutes * 60 + seconds;
}

/**
 * A line holding "#" or "＃" (`text` from `lineStart` to `lineEnd`): a comment line is kept as a comment (-1), a
 * directive at the end of a turn line is kept and cut from it (where the line's words end), any other "#" is words.
 */
function cutComment(text: string, lineStart: number, lineEnd: number, lineNumber: number, builder: TranscriptBuilder): number {
  let line = text.slice(lineStart, lineEnd);
  const isComment = line.trim().startsWith('#') || FULL_WIDTH_DIRECTIVE.test(line.trim());
  const trailing = isComment ? null : TRAILING_DIRECTIVE.exec(line);
  if (trailing) {
    const hash = trailing.index + trailing[0].search(/[#＃]/);
    builder.comments.push({ line: lineNumber, text: line.slice(hash + 1).trim(), span: { start: lineStart + hash, end: lineStart + line.length } });
    line = line.slice(0, trailing.index);
  }
  if (isComment) {
    builder.comments.push({ line: lineNumber, text: line.trim().slice(1).trim(), span: { start: lineStart, end: lineStart + line.length } });
    return -1;
  }
  return lineStart + line.length;
}

/** A line's head as HEAD reads it: its length, and the turn's start and end in seconds (undefined: none or malformed). */
interface Head {
  length: number;
  start: number | undefined;
  end: number | undefined;
}

/**
 * The head of a line (`text` from `lineStart` to `contentEnd`) other than "[hh:mm:ss]", by the regular expressions;
 * a malformed timestamp is said.
 */
function readHead(text: string, lineStart: number, contentEnd: number, builder: TranscriptBuilder): Head {
  const line = text.slice(lineStart, contentEnd);
  const head = HEAD.exec(line)!;
  const broken = BROKEN_TIME.exec(line);
  if (broken && broken[0].length > head[0].trimEnd().length) {
    // A bracket HEAD did not read to its end ("[0:00:14:5]", "[99999:00:00]", "[00:00:20 - ]"): a malformed
    // timestamp, and the label after it is still this turn's (the line was words of the turn before it, in the
    // other speaker's name, and a customer's 不知道 was the agent's).
    const at = lineStart + broken[0].indexOf('[');
    builder.notice(2, `malformed timestamp "${broken[0].trim()}"; write it as [hh:mm:ss] or [mm:ss.mmm]`, { start: at, end: lineStart + broken[0].length }, true);
    let length = broken[0].length;
    while (isHeadSpace(line.charCodeAt(length))) length++;
    return { length, start: undefined, end: undefined };
  }
  const seconds = (value: string | undefined, last: boolean): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseClockTime(value);
    if (parsed === undefined) {
      const at = lineStart + (last ? head[0].lastIndexOf(value) : head[0].indexOf(value));
      builder.notice(2, `malformed timestamp "${value}": minutes and seconds run from 00 to 59`, { start: at, end: at + value.length }, true);
    }
    return parsed;
  };
  const start = seconds(head[1], false);
  const end = seconds(head[2], true);
  if (start !== undefined && end !== undefined && end < start) {
    const at = lineStart + head[0].lastIndexOf(head[2]!);
    builder.notice(1, `turn ends (${head[2]}) before it starts (${head[1]}); its end is not used`, { start: at, end: at + head[2]!.length });
  }
  return { length: head[0].length, start, end };
}

/** A label found before, as written with its colon and spaces, and its interned string. */
interface WrittenLabel {
  /** Its units, compared where a line's label would stand. */
  units: number[];
  /** Its first two units as one number (`(first << 16) | second`). */
  pair: number;
  found: LabelMatch;
  label: string;
}

export function parsePlainText(text: string, speakers: SpeakerResolver): Transcript {
  const builder = new TranscriptBuilder(text, speakers);
  if (refuseHugeLines(text, builder)) return builder.build();
  const from = readFrontMatter(text, builder);
  // Each "\n" found is kept for the LineIndex that places the call's problems (text/line-breaks.ts).
  const breaks = new LineBreakRecorder(text);
  readLines(text, speakers, builder, from, breaks);
  breaks.keep();
  return builder.build();
}

/**
 * The turns, comments and metadata of the lines from offset `from` on, into `builder`; each line break into `breaks`.
 * A function of its own, apart from parsePlainText: in one function this large TurboFan inlined neither the builder's
 * nor the recorder's constructor, which were then compiled on their own thousands of calls later.
 */
function readLines(text: string, speakers: SpeakerResolver, builder: TranscriptBuilder, from: number, breaks: LineBreakRecorder): void {
  const length = text.length;
  // The text's units, read where a line's head stands instead of `charCodeAt` (which tells the string's representation
  // again at every unit): a decoded call's are held already (text-units.ts). Another text's (ASCII read as Latin-1,
  // UTF-16, a string given to lintText) are copied into this module's own array, not held: holding them would make the
  // engine tell its searches by the marks pass, which an ASCII call pays more for than for its searches. A text longer
  // than SHARED_UNITS is copied in pieces of whole lines (a line is at most MAX_LINE_LENGTH units, below SHARED_UNITS:
  // refuseHugeLines), each as the lines reach past the piece before: `units[i - base]` is the unit at offset i.
  let units = heldUnits(text);
  let base = 0;
  let unitsEnd = length;
  if (units === undefined) {
    units = copy.units;
    unitsEnd = 0;
  }
  let current: Turn | undefined;
  // One string per distinct label, not one per line: a long call repeats its two labels a million times.
  const labels = new Map<string, string>();
  // The labels found so far, as written with their colon and spaces (a call has two or three, on every line). A line
  // holding one of them where its label would start, with no more space after it, has that label: LABEL takes the
  // shortest label before a colon, and only spaces after the colon. Looked for before LABEL runs.
  // Each with its label interned once, not looked up in `labels` at every line. Compared in the text's units where the
  // label would stand: most lines are read without a string of their own.
  const written: WrittenLabel[] = [];
  // Only a line holding "#" (or "＃") can be a comment or hold a directive: where the next one of the text stands is
  // looked up once per mark (most calls have none), not in every line; a call whose units are held says whether it has
  // any without a search (text-units.ts).
  const marks = unitMarks(text);
  let nextHash = marks !== undefined && (marks & MARK_HASH) === 0 ? -1 : nextMark(text, 0);
  // The lines, read in this loop rather than through a callback (forEachLineSpan's): the current turn, the units and
  // the next "#" stay in the function's own variables.
  let lineNumber = 1;
  let firstBreak = text.indexOf('\n');
  for (; firstBreak >= 0 && firstBreak < from; firstBreak = text.indexOf('\n', firstBreak + 1)) {
    breaks.add(firstBreak);
    lineNumber++;
  }
  for (let lineStart = from, next = from; lineStart < length; lineStart = next, lineNumber++) {
    // (The search before found the first break from `from` on already.)
    let lineEnd = lineStart === from ? firstBreak : text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    else breaks.add(lineEnd);
    next = lineEnd + 1;
    if (lineEnd > unitsEnd) {
      // (A text whose units are not held: its first piece, or the next piece of one longer than SHARED_UNITS.)
      base = lineStart;
      unitsEnd = Math.min(length, lineStart + SHARED_UNITS);
      units = writeUnits(copy, base === 0 && unitsEnd === length ? text : text.slice(base, unitsEnd))!;
    }
    if (lineEnd > lineStart && units[lineEnd - 1 - base] === 13) lineEnd--; // (a "\r" before the "\n")
    let contentEnd = lineEnd;
    if (nextHash >= 0 && nextHash < lineStart) nextHash = nextMark(text, lineStart);
    if (nextHash >= 0 && nextHash < lineEnd) {
      contentEnd = cutComment(text, lineStart, lineEnd, lineNumber, builder);
      if (contentEnd < 0) continue;
    }
    if (contentEnd === lineStart) continue; // empty
    const at = lineStart - base;
    const first = units[at];
    if (!startsWords(first) && text.slice(lineStart, contentEnd).trim() === '') continue;
    // The form of nearly every line of a long call, "[hh:mm:ss] ", read without the regular expression; any other
    // head (a range, a fraction, a bad time) goes to it.
    const clock = bracketedClock(units, at, contentEnd - base);
    let start: number | undefined = clock;
    let end: number | undefined;
    let headLength: number;
    if (clock >= 0) {
      headLength = 10;
      while (lineStart + headLength < contentEnd && isHeadSpace(units[at + headLength])) headLength++;
    } else if (!mayStartHead(first)) {
      // No space, bracket or digit first (a label, most lines without a timestamp): HEAD matches nothing and no
      // broken timestamp can stand there.
      start = undefined;
      headLength = 0;
    } else {
      const head = readHead(text, lineStart, contentEnd, builder);
      headLength = head.length;
      start = head.start;
      end = head.end;
    }
    const labelAt = lineStart + headLength;
    let found: LabelMatch | undefined;
    let label: string | undefined;
    // (A label as written is at least two units, a character and its colon.)
    if (labelAt + 2 <= contentEnd) {
      // The first two units where the label would stand, as one number told against each known label's before the
      // rest is compared: a call's labels often share their first character (客服, 客户).
      const spot = labelAt - base;
      const pair = (units[spot] << 16) | units[spot + 1];
      for (let k = 0; k < written.length; k++) {
        const known = written[k];
        if (known.pair !== pair) continue;
        const spelled = known.units;
        const after = labelAt + spelled.length;
        if (after > contentEnd) continue;
        let u = 2;
        while (u < spelled.length && units[spot + u] === spelled[u]) u++;
        if (u === spelled.length && (after === contentEnd || !isHeadSpace(units[after - base]))) {
          found = known.found;
          label = known.label;
          break;
        }
      }
    }
    if (!found) {
      const line = text.slice(lineStart, contentEnd);
      found = findLabel(line, speakers, headLength);
      if (found) {
        label = labels.get(found.label);
        if (label === undefined) labels.set(found.label, (label = found.label));
        if (written.length < MAX_WRITTEN_LABELS) {
          const spelled: number[] = [];
          for (let u = headLength; u < headLength + found.length; u++) spelled.push(line.charCodeAt(u));
          written.push({ units: spelled, pair: (spelled[0] << 16) | spelled[1], found, label });
        }
      }
    }
    if (found && !current && isMetaKey(found.label)) {
      builder.setMeta(found.label, text.slice(labelAt + found.length, contentEnd).trim());
      continue;
    }
    const textStart = labelAt + (found?.length ?? 0);
    const segment = { start: Math.min(textStart, contentEnd), end: contentEnd };
    if (found || !current) {
      if (found && !found.role) builder.unknown(found.label, labelAt);
      if (!found) {
        builder.notice(1, 'text before the first speaker label; start each turn with a label such as "客服:" or "客户:"', { start: textStart, end: contentEnd });
      }
      // The segments as a one-element literal: an array grown from [] by push reserves 17 slots, and a long call has
      // a million turns.
      current = builder.addTurn(found?.role ?? 'other', label ?? '', [segment], start, end);
    } else {
      current.segments.push(segment);
    }
    if (end !== undefined) current.end = end;
  }
}
