// What a rule offers in place of the words it flags. A *fix* comes from the rule's `fix:` entries, which say
// where a replacement reads right in place (a whole clause or sentence matched by a pattern, its captures carried
// over as $1…); --fix applies it. A *suggestion* is the `suggest:` wording, shown under the problem and applied only
// on request. Both are written the way the text around them is: its script (OpenCC s2t/s2tw/s2hk), its
// punctuation width, no doubled marks, no apology said twice in a row, and Latin wording capitalized as its place in
// the sentence wants.
import { insideHandle, LEADING_HANDLE } from '../text/handles.js';
import type { PathSegment } from '../config/yaml-file.js';
import { foldTable, PATTERN_FOLD, type FoldTable } from '../text/fold-table.js';
import { LinearRegex } from '../text/linear-regex.js';
import { foldString } from '../text/normalize.js';
import { detectMarkWidth, detectScript, toMarkWidth, toScript, type MarkWidth, type Script } from '../text/script.js';
import type { Transcript, Turn } from '../types.js';
import { segmentsText, turnOffset, type Edit, type Offer, type RuleBuilder, type RuleContext } from './rule-kind.js';

/** The stretch of text a replacement stands for; it must start and end on the boundaries of this unit. */
export type SpanUnit = 'phrase' | 'clause' | 'sentence' | 'turn';

/** One entry of a rule's `fix:` list. */
export interface FixEntryDef {
  /** RE2 pattern, matched on the text folded as patterns are (Simplified, half-width marks). */
  replace: string;
  /** The replacement, with $1…$9 for the pattern's groups; absent: a form --fix leaves alone (a suggestion only). */
  with?: string;
  /**
   * With no `with`: the wording offered as a suggestion for the whole match, in place of the rule's own for the flagged
   * words (你们 → 您, where the rule's 您 for 你 would write the non-standard 您们).
   */
  suggest?: string;
  span?: SpanUnit;
}

// Marks after width folding (，→, ？→? ！→! ；→; ：→:); 。、… have no half-width twin.
const SENTENCE_MARKS = '.。!?…\n';
const CLAUSE_MARKS = `,、;:${SENTENCE_MARKS}`;
const MARK = /[，。？！、；：,.?!;:…]/;
const CLOSING_RUN = /[。？！?!…]/;

interface CompiledEntry {
  regex: LinearRegex;
  with?: string;
  suggest?: string;
  span: SpanUnit;
}

/** Read on first use, not as the bundle loads: a rerun whose files are all cached compiles no pattern (~5–10 ms). */
let patternTable: FoldTable | undefined;
const escapeClass = (marks: string): string => marks.replace(/[\]\\^-]/g, '\\$&').replace('\n', '\\n');

function compileEntry(entry: FixEntryDef, caseInsensitive: boolean, error: (message: string) => void, steps: (steps: number | undefined) => void): CompiledEntry | undefined {
  const span = entry.span ?? 'clause';
  const source = foldString(entry.replace, (patternTable ??= foldTable(PATTERN_FOLD)));
  // Group 1 is the replaced span; the entry's own groups follow it. The boundary after the span is matched, not
  // looked at (RE2 has no look-ahead), and stays outside group 1. `^` means the start of the turn.
  const wrapped = span === 'phrase' ? `(${source})`
    : span === 'turn' ? `\\s*(${source})[\\p{P}\\s]*$`
    : `\\s*(${source})(?:[${escapeClass(span === 'clause' ? CLAUSE_MARKS : SENTENCE_MARKS)}]|$)`;
  try {
    const regex = new LinearRegex(wrapped, { ignoreCase: caseInsensitive });
    steps(regex.steps);
    return { regex, with: entry.with, suggest: entry.suggest, span };
  } catch (err) {
    error(`pattern cannot be used: ${(err as Error).message}`);
    return undefined;
  }
}

/** A turn's text as one string (segments joined by "\n", like foldedText), and offsets both ways. */
export class TurnText {
  readonly text: string;

  constructor(readonly turn: Turn, fileText: string) {
    this.text = segmentsText(fileText, turn.segments);
  }

  /** File offset → index in the turn's text. */
  index(offset: number): number {
    let before = 0;
    for (const s of this.turn.segments) {
      if (offset <= s.end) return before + Math.max(0, offset - s.start);
      before += s.end - s.start + 1;
    }
    return this.text.length;
  }

  offset(index: number): number {
    return turnOffset(this.turn.segments, index);
  }
}

/**
 * Where units of this kind may start in the text, at or before `at`, earliest first: the widest match wins, so
 * 什么？你在说一遍？ is replaced whole rather than from 你.
 */
function unitStarts(reads: TurnReads, folded: string, unit: SpanUnit, at: number): number[] {
  if (unit === 'turn') return [0];
  const from = Math.max(0, at - (unit === 'phrase' ? PHRASE_REACH : UNIT_REACH));
  if (unit === 'phrase') return Array.from({ length: at - from + 1 }, (_, i) => from + i);
  const marks = unit === 'clause' ? CLAUSE_MARKS : SENTENCE_MARKS;
  const starts = from === 0 ? [0] : [];
  for (let i = from; i < at; i++) if (reads.isBoundary(folded, i, marks)) starts.push(i + 1);
  return starts;
}

/**
 * Whether the character at `i` ends a clause or sentence: one of `marks`, but not the point or comma of a number
 * (3.5元, 1,000 yuan), which stands between digits.
 */
function isBoundary(folded: string, i: number, marks: string): boolean {
  const c = folded[i];
  if (!marks.includes(c)) return false;
  if ((c === '.' || c === ',') && /[0-9]/.test(folded[i - 1] ?? '') && /[0-9]/.test(folded[i + 1] ?? '')) return false;
  // Nor the point inside a Latin word (example.com, e.g): a suggestion ran to it and wrote 「… for you.com.」.
  return !(c === '.' && /[a-z0-9]/i.test(folded[i - 1] ?? '') && /[a-z]/i.test(folded[i + 1] ?? ''));
}

/**
 * Where the sentence around offset `at` ends: its closing mark, or the end of the text; looked for no further than
 * UNIT_REACH and a character past it (a sentence that runs on is no place for a fix, see matchAround). Unbounded, each
 * problem of a turn without marks (speech recognition's) read the rest of the turn.
 */
function sentenceEnd(reads: TurnReads, folded: string, at: number): number {
  const stop = Math.min(folded.length, at + UNIT_REACH + 1);
  let end = at;
  while (end < stop && !reads.isBoundary(folded, end, SENTENCE_MARKS)) end++;
  return end;
}

// How far from the flagged words a replaced span may reach: a clause or sentence longer than this is no place for
// a fix, and the bound keeps the work per problem small in a recording transcribed as one endless turn.
const PHRASE_REACH = 32;
const UNIT_REACH = 200;

/**
 * The unit around [start, end): from the boundary before it to the one after it (spaces and marks outside).
 * Undefined when a clause or sentence reaches further than UNIT_REACH from the words on either side: in a turn
 * without marks (speech recognition writes none) the sentence is the whole turn, no place for a wording, and looking
 * for its ends read the turn for each of its problems.
 */
function unitAround(reads: TurnReads, folded: string, unit: SpanUnit, start: number, end: number): [number, number] | undefined {
  if (unit === 'phrase') return [start, end];
  if (unit === 'turn') return [folded.length - folded.trimStart().length, folded.trimEnd().length];
  const marks = unit === 'clause' ? CLAUSE_MARKS : SENTENCE_MARKS;
  let from = start;
  while (from > 0 && !reads.isBoundary(folded, from - 1, marks)) if (start - --from > UNIT_REACH) return undefined;
  while (from < start && /\s/.test(folded[from])) from++;
  let to = end;
  while (to < folded.length && !reads.isBoundary(folded, to, marks)) if (++to - end > UNIT_REACH) return undefined;
  while (to > end && /\s/.test(folded[to - 1])) to--;
  return [from, to];
}

/**
 * What a suggestion replaces: the unit around the words, but a sentence only from the clause they are in. The clauses
 * before them are the agent's own, often the news (查到了，您那片区在检修，我不知道什么时候好 → 查到了，您那片区在检修，
 * 我先帮您咨询一下), as a fix entry may keep them. Undefined: no place for it (unitAround).
 */
function suggestedSpan(reads: TurnReads, folded: string, unit: SpanUnit, start: number, end: number): [number, number] | undefined {
  if (unit !== 'sentence') return afterHandles(folded, unitAround(reads, folded, unit, start, end), start);
  const clause = unitAround(reads, folded, 'clause', start, end);
  const sentence = clause && unitAround(reads, folded, 'sentence', start, end);
  return afterHandles(folded, clause && sentence && [clause[0], sentence[1]], start);
}

/**
 * A suggestion for a clause or sentence starts after the @handles that open it: on Weibo or Twitter they say whom
 * the message is for (@客服 @营业厅 不知道… → @客服 @营业厅 我先帮您咨询一下), which the wording does not replace.
 */
function afterHandles(folded: string, span: [number, number] | undefined, start: number): [number, number] | undefined {
  if (!span || span[0] >= start) return span;
  // Words inside a handle (@小镇不知道的事) are a name: no wording goes in their place.
  if (insideHandle(folded, start)) return undefined;
  let from = span[0];
  for (let handle = LEADING_HANDLE.exec(folded.slice(from, start)); handle; handle = LEADING_HANDLE.exec(folded.slice(from, start))) from += handle[0].length;
  return [from, span[1]];
}

/** Particles that end a clause or question without saying anything of their own (不知道吧？, 不知道呢). */
const PARTICLES = /[呢吧啊呀嘛哦么吗嗎麼\s]/g;
/** Question words that are the very thing not known (不知道为什么？): the wording answers them, nothing is lost. */
const SHORT_QUESTION = 3;
/** The words around the flagged ones that a clause longer than this drops make a run-on, not a clause. */
const RUN_ON = 20;
/** The same in a Latin script, whose words are longer: 40 characters, some seven words. */
const RUN_ON_LATIN = 40;

/**
 * Whether a suggestion that replaces the clause (or sentence) `unit` would drop more than the flagged words
 * [from, to) stand for — what a trainer would not want lost: a number, date, code or product name (digits; in a
 * Chinese clause, Latin letters too), an @handle, the question the clause asks (more than a question word after the
 * flagged ones, in their clause, which a question mark closes: 不知道贵公司打算怎么解决呢？), or, in Chinese, the rest of a
 * message that has spaces for marks or none at all (a tweet whose "clause" is the whole of it). Such a problem is
 * shown the wording, with no change to apply.
 */
function losesWhatMatters(folded: string, unit: [number, number], from: number, to: number, wording: string): boolean {
  const before = folded.slice(unit[0], from);
  const after = folded.slice(to, unit[1]);
  const dropped = `${before} ${after}`;
  if (/[0-9@]/.test(dropped)) return true;
  let next = unit[1];
  while (next < folded.length && /\s/.test(folded[next])) next++;
  // (The question of the words' own clause: a sentence span replaces the clauses after it by design.)
  const asks = (folded[next] === '?' || folded[next] === '？') && !/[,、;:，；：]/.test(after);
  if (asks && !/[?？]$/.test(wording) && after.replace(PARTICLES, '').length > SHORT_QUESTION) return true;
  // A tweet without marks, whose clause is the whole of it (help I lost my account and … because I don't know …).
  if (!HAN.test(wording)) return before.length > RUN_ON_LATIN;
  // (Words, then a space, before the flagged ones: 搜不到 不知道是什么原因 — the space is the message's mark.)
  return /[a-z]/i.test(dropped) || /\S\s/.test(before) || /\s\S/.test(after) || before.length > RUN_ON;
}

interface Place {
  script?: Script;
  width?: 'full' | 'half';
  /** The replacement starts a sentence (Latin wording is capitalized). */
  sentenceStart: boolean;
}

/** Wording written as the text around it is written: script and mark width for Chinese, capitals for Latin. */
function adapt(wording: string, place: Place): string {
  // The same few wordings are placed in the same few styles all run long: each is converted once per style and kept
  // (converting the marks went through the wording a character at a time, ~1 % of a warm call's CPU).
  const styled = adaptedIn(place.script, place.width);
  let out = styled.get(wording);
  if (out === undefined) {
    out = wording;
    if (/\p{Script=Han}/u.test(out)) {
      if (place.script) out = toScript(out, place.script);
      if (place.width) out = toMarkWidth(out, place.width);
    }
    // (Bounded: a pack's wordings and their pieces are a few hundred.)
    if (styled.size < MAX_ADAPTED) styled.set(wording, out);
  }
  return out;
}

/** adapt's results, by script (none: as written) and mark width (none: as written), then by wording. */
const adaptedByStyle = new Map<string, Map<string, string>>();
const MAX_ADAPTED = 4096;

function adaptedIn(script: Script | undefined, width: MarkWidth | undefined): Map<string, string> {
  const key = `${script ?? ''}/${width ?? ''}`;
  let styled = adaptedByStyle.get(key);
  if (!styled) adaptedByStyle.set(key, (styled = new Map()));
  return styled;
}

function capitalize(text: string, sentenceStart: boolean): string {
  const first = text.charAt(0);
  if (!/[A-Za-z]/.test(first)) return text;
  if (sentenceStart) return first.toUpperCase() + text.slice(1);
  return /^I\b/.test(text) ? text : first.toLowerCase() + text.slice(1);
}

/**
 * A replacement of [from, to) of the turn's text, fitted to the marks around it: the wording's closing mark takes
 * the place of the text's (什么事？ → 请问有什么可以帮您？, not ？？), a leading mark after a mark is dropped, and a
 * deletion takes one of the marks it would leave side by side.
 */
function fitted(text: string, from: number, to: number, replacement: string): { from: number; to: number; text: string } {
  let out = replacement;
  let end = to;
  let start = from;
  const before = text[start - 1];
  const after = text[end];
  if (out && MARK.test(out[0]) && (start === 0 || MARK.test(before ?? ''))) out = out.slice(1);
  if (out && MARK.test(out[out.length - 1]) && after !== undefined && MARK.test(after)) {
    end++;
    // A run of closing marks (烦不烦？！, what?!) goes whole: one left behind would follow the wording's own (。！).
    while (end < text.length && CLOSING_RUN.test(text[end])) end++;
  }
  if (!out && after !== undefined && MARK.test(after) && (start === 0 || MARK.test(before ?? ''))) {
    end++;
    while (end < text.length && text[end] === ' ') end++;
  }
  if (!out && start > 0 && MARK.test(before ?? '') && end === text.length) start--;
  return { from: start, to: end, text: out };
}

const APOLOGY_LEAD = /^(?:很抱歉|非常抱歉|抱歉|对不起|對不起|不好意思)[，,]\s*/;
const APOLOGY = /抱歉|对不起|對不起|不好意思/;

/**
 * A wording that opens with an apology, put in a turn that has apologized already, starts after its own: 很抱歉。现在好了吧
 * → 很抱歉。现在好些了吗？, not 很抱歉。很抱歉，现在好些了吗？; nor, once 你说啥 was given its wording, 很抱歉，麻烦您将刚才的
 * 问题再重复一遍，好吗？很抱歉，请您大声一点好吗？ (one apology per turn).
 */
function withoutRepeatedApology(reads: TurnReads, style: TurnStyle, from: number, wording: string): string {
  const lead = APOLOGY_LEAD.exec(wording);
  if (!lead || lead[0].length === wording.length || reads.firstApologyEnd(style) > from) return wording;
  return wording.slice(lead[0].length);
}

const HAN = /\p{Script=Han}/u;

/**
 * Latin wording of more than one sentence (I'm sorry about that. Let me see …) is a sentence of its own: put after a
 * comma, the comma becomes a full stop (Your refund was sent, but that's not my department. → Your refund was sent.
 * I'm sorry about that. …), not a comma splice.
 */
function ownSentence(reads: TurnReads, text: string, span: { from: number; to: number; text: string }): { from: number; to: number; text: string } {
  if (!span.text || HAN.test(span.text) || !/[.!?]\s+\S/.test(span.text)) return span;
  const lead = /[A-Za-z0-9)'’"”](,[ \t]*)$/.exec(text.slice(Math.max(0, span.from - 8), span.from));
  // Not after a clause that cannot stand alone (After they said who they are, …): a comma splice reads better. A
  // sentence that started further back than UNIT_REACH (a turn without full stops) is taken for one that can: no
  // subordinate clause runs that long before its comma.
  if (!lead) return span;
  const sentenceStart = reads.sentenceStartBefore(text, span.from);
  if (sentenceStart >= 0 && SUBORDINATE_START.test(text.slice(sentenceStart, span.from).trimStart())) return span;
  const space = lead[1].slice(1) || ' ';
  return { from: span.from - lead[1].length, to: span.to, text: `.${space}${capitalize(span.text, true)}` };
}

const SUBORDINATE_START = /^(?:if|unless|when|whenever|once|after|before|since|because|as|until|while|though|although|even if|even though)\b/i;

/**
 * Where the sentence that `at` is in starts (after the closing mark or line break before it), looking back at most
 * UNIT_REACH characters; -1 when it starts further back. Unbounded, each problem of a turn without full stops (speech
 * recognition's) read the turn back to its start: 20,000 problems on one line took 95 s.
 */
function sentenceStartBefore(text: string, at: number): number {
  const stop = Math.max(0, at - UNIT_REACH);
  let from = at;
  while (from > stop && !/[.!?。！？…\n]/.test(text[from - 1])) from--;
  return from > 0 && !/[.!?。！？…\n]/.test(text[from - 1]) ? -1 : from;
}

/**
 * The words after a Latin wording that ends a sentence start the next one: capitalized, without the conjunction that
 * tied them to the clause replaced (That's not my department, but your refund was sent. → … for you. Your refund was
 * sent.). A word with a capital inside (iPhone) is left as written.
 */
function nextSentenceCapitalized(text: string, span: { from: number; to: number; text: string }): { from: number; to: number; text: string } {
  if (!span.text || HAN.test(span.text) || !/[.!?]$/.test(span.text)) return span;
  const next = /^([ \t]*)(?:(but|and|so|yet),?[ \t]+)?([a-z](?![A-Z])|I\b)/.exec(text.slice(span.to, span.to + 16));
  if (!next || (!next[2] && next[3] === 'I')) return span;
  return { from: span.from, to: span.to + next[0].length, text: `${span.text}${next[1] || ' '}${next[3].toUpperCase()}` };
}

/** Words a Chinese question may end with before its mark (好吗？ 怎么样呢？); English wordings carry their own mark. */
const QUESTION_END = /[吗嗎呢吧么麼嘛]$/;

/**
 * A wording without a closing mark put in place of a clause or sentence that a question mark closes is a statement:
 * the mark becomes a full stop (我不知道？ → 我先帮您咨询一下。, not 我先帮您咨询一下？). A question wording ends with
 * its own mark (请问有什么可以帮您？), which fitted() puts in the text's place.
 */
function closedAsStatement(text: string, span: { from: number; to: number; text: string }): { from: number; to: number; text: string } {
  const mark = text[span.to];
  if ((mark !== '？' && mark !== '?') || !span.text || MARK.test(span.text[span.text.length - 1]) || QUESTION_END.test(span.text)) return span;
  const stop = mark === '？' || /\p{Script=Han}$/u.test(span.text) ? '。' : '.';
  return { from: span.from, to: span.to + 1, text: span.text + stop };
}

export interface CallStyle {
  script?: Script;
  width?: MarkWidth;
}
const callStyles = new WeakMap<Transcript, CallStyle>();

/** A turn's text and style, made once per turn: each problem of the turn used to read the whole turn again. */
export interface TurnStyle extends CallStyle {
  own: TurnText;
  /** Where the turn's first apology ends (TurnReads.firstApologyEnd), once it was asked. */
  apologyEnd: number | undefined;
}

/**
 * What the wording of a problem reads of its turn: the turn's text and style (made once per turn), the characters
 * looked at for the ends of the clause or sentence around the words, the stretch a fix pattern is matched on, and
 * where the turn first apologized.
 * Each problem reads a bounded stretch around its words (UNIT_REACH), not its turn: a recording transcribed as one
 * endless line has thousands of problems, and until 2026-12-02 each of them read the whole line (its square in all).
 * A class passed to compileWording, so that a test can count these reads (test/rules/linearity.test.ts); the
 * linter's rules share one, TURN_READS.
 */
export class TurnReads {
  private readonly styles = new WeakMap<Turn, TurnStyle>();

  /** The turn's text and style: the turn's own script and marks, or the call's (`wholeCall`) where it shows none. */
  styleOf(turn: Turn, fileText: string, wholeCall: () => CallStyle): TurnStyle {
    let style = this.styles.get(turn);
    if (!style) {
      const own = this.turnText(turn, fileText);
      this.styles.set(turn, (style = { own, script: detectScript(own.text) ?? wholeCall().script, width: detectMarkWidth(own.text) ?? wholeCall().width, apologyEnd: undefined }));
    }
    return style;
  }

  /** A turn's text, as one string. */
  turnText(turn: Turn, fileText: string): TurnText {
    return new TurnText(turn, fileText);
  }

  /**
   * Where the turn's first apology ends (Infinity: it has none), found once per turn: testing the text before each
   * problem (withoutRepeatedApology) read the turn again for each (40,000 problems on one line: 3.3 s). No apology word
   * holds another, so the first to start is the first to end, and the text before `from` holds one exactly when it ends
   * at or before `from`.
   */
  firstApologyEnd(style: TurnStyle): number {
    return (style.apologyEnd ??= this.apologyEndIn(style.own.text));
  }

  /** Where the first apology in `text` ends (Infinity: it has none): `text` read to there. */
  apologyEndIn(text: string): number {
    const found = APOLOGY.exec(text);
    return found ? found.index + found[0].length : Infinity;
  }

  /** Where the sentence around `at` starts, looked for back to UNIT_REACH (see sentenceStartBefore): `text` read back to there. */
  sentenceStartBefore(text: string, at: number): number {
    return sentenceStartBefore(text, at);
  }

  /** Whether the folded character at `i` ends a unit of `marks` (see isBoundary): a character looked at. */
  isBoundary(folded: string, i: number, marks: string): boolean {
    return isBoundary(folded, i, marks);
  }

  /** A fix pattern's leftmost match in `window` from `start` on (LinearRegex.matchFrom): the window read from `start`. */
  matchFrom(regex: LinearRegex, window: string, start: number): ([number, number] | undefined)[] | undefined {
    return regex.matchFrom(window, start);
  }
}

const TURN_READS = new TurnReads();

/** Whether a wording at `at` starts a sentence: only spaces between it and the turn's start or a closing mark. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  // @handles that open a message stand before its first sentence (@AcmeHelp Let me find that out for you.).
  const handle = /(?:^|\s)@[^\s@]+$/.exec(text.slice(Math.max(0, i - 40), i + 1));
  if (handle && i >= 0) return startsSentence(text, i + 1 - handle[0].trimStart().length);
  return i < 0 || /[.!?。！？…]/.test(text[i]);
}

export interface Wording {
  /** The fix (where an entry matches) and the suggestion (where the rule has a wording) for a flagged span. */
  offer(context: RuleContext, turnIndex: number, start: number, end: number, wording: string | undefined): Offer;
}

/**
 * Compile a rule's `fix:` entries; `suggestSpan` is what a suggestion replaces (the phrase, or its clause…); `reads`,
 * what its problems read of their turns (a test's counts them).
 */
export function compileWording(builder: RuleBuilder, entries: FixEntryDef[] | undefined, suggestSpan: SpanUnit = 'phrase', reads: TurnReads = TURN_READS): Wording {
  const caseInsensitive = builder.table.fold['A'.charCodeAt(0)] === 'a'.charCodeAt(0);
  const compiled = (entries ?? []).flatMap((entry, i) => {
    const path: PathSegment[] = ['fix', i, 'replace'];
    const one = compileEntry(entry, caseInsensitive, (message) => builder.error(path, message,
      'fix patterns use RE2 syntax and must match the whole clause, sentence or turn named by span:'), (steps) => builder.patternSteps(path, steps));
    return one ? [one] : [];
  });
  return {
    offer(context, turnIndex, start, end, wording) {
      const turn = context.transcript.turns[turnIndex];
      // Nothing to offer, or only changes nobody wants: no text work.
      if (!turn || (wording === undefined && (compiled.length === 0 || !context.changesWanted))) return {};
      // The script and marks of the turn, or of the whole call when the turn shows none (好的，谢谢): looked at
      // once per turn and per transcript, not per problem (a long recording has thousands, on one line).
      const wholeCall = (): CallStyle => {
        let style = callStyles.get(context.transcript);
        if (!style) callStyles.set(context.transcript, (style = { script: detectScript(context.transcript.text), width: detectMarkWidth(context.transcript.text) }));
        return style;
      };
      const style = reads.styleOf(turn, context.transcript.text, wholeCall);
      const { own } = style;
      const folded = context.foldedText(turn);
      const from = own.index(start);
      const to = own.index(end);
      const place = (at: number): Place => ({ script: style.script, width: style.width, sentenceStart: startsSentence(own.text, at) });
      const edit = (span: { from: number; to: number; text: string }): Edit =>
        ({ start: own.offset(span.from), end: own.offset(span.to), text: span.text });
      // (A literal of the same fields, in the same order, where spreading the edit copied it through V8's runtime.)
      const suggestedEdit = (span: { from: number; to: number; text: string }, desc: string): Edit & { desc: string } =>
        ({ start: own.offset(span.from), end: own.offset(span.to), text: span.text, desc });
      // Every field in place from the start (one shape of object, see problemDraft).
      const offered: Offer = { suggestion: undefined, fix: undefined, suggestions: undefined };
      if (wording !== undefined) {
        const unit = suggestedSpan(reads, folded, suggestSpan, from, to);
        const here = place(unit?.[0] ?? from);
        const text = withoutRepeatedApology(reads, style, unit?.[0] ?? from, capitalize(adapt(wording, here), here.sentenceStart));
        offered.suggestion = text;
        if (!context.changesWanted) return offered;
        // A sentence that runs on past reach (a turn without marks) is shown the wording, with no change to apply; so
        // is a clause whose other words say what the wording would lose.
        if (unit && (suggestSpan === 'phrase' || !losesWhatMatters(folded, unit, from, to, wording))) {
          const fit = fitted(own.text, unit[0], unit[1], text);
          const span = suggestSpan === 'phrase' ? fit : nextSentenceCapitalized(own.text, ownSentence(reads, own.text, closedAsStatement(own.text, fit)));
          if (onItsLine(own.text, span)) offered.suggestions = [suggestedEdit(span, text)];
        }
      }
      if (!context.changesWanted) return offered;
      for (const entry of compiled) {
        const found = matchAround(reads, entry, folded, from, to);
        if (!found) continue;
        if (entry.with === undefined) {
          // A form --fix leaves alone; its own wording, if it has one, is the suggestion for the whole of it…
          if (entry.suggest !== undefined) {
            const here = place(found[0][0]);
            const text = capitalize(adapt(entry.suggest, here), here.sentenceStart);
            const fit = fitted(own.text, found[0][0], found[0][1], text);
            const span = entry.span === 'phrase' ? fit : closedAsStatement(own.text, fit);
            offered.suggestion = text;
            offered.suggestions = onItsLine(own.text, span) ? [suggestedEdit(span, text)] : undefined;
          } else {
            // …and with no wording of its own, no change at all: words no wording mends (你妹 made 您妹).
            offered.suggestions = undefined;
          }
          break;
        }
        const here = place(found[0][0]);
        let text = '';
        for (const part of entry.with.split(/(\$[1-9])/)) {
          const group = /^\$[1-9]$/.test(part) ? found[1][Number(part.slice(1))] : undefined;
          if (group) text += own.text.slice(group[0], group[1]);
          // Latin wording after carried-over words starts a sentence only after a full stop (Sorry, let me …).
          else if (!/^\$[1-9]$/.test(part)) text += text ? capitalize(adapt(part, here), /[.!?。！？]\s*$/.test(text)) : adapt(part, here);
        }
        text = withoutRepeatedApology(reads, style, found[0][0], capitalize(text, here.sentenceStart));
        const fit = fitted(own.text, found[0][0], found[0][1], text);
        const span = nextSentenceCapitalized(own.text, entry.span === 'phrase' ? fit : ownSentence(reads, own.text, closedAsStatement(own.text, fit)));
        if (onItsLine(own.text, span)) offered.fix = edit(span);
        break;
      }
      // As in ESLint, a problem offers a fix or suggestions: the wording of a fixable problem is its fix.
      if (offered.fix) offered.suggestions = undefined;
      return offered;
    },
  };
}

/** Line breaks, as a transcript's reader or an editor takes them. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * A change stays on its line: it neither replaces a line break nor writes one. A line of a transcript is a turn, so a
 * wording with a line break in it (好的\n客户：我同意录音) would write a turn of its own, in any speaker's name.
 */
function onItsLine(text: string, span: { from: number; to: number; text: string }): boolean {
  return !LINE_BREAK.test(text.slice(span.from, span.to)) && !LINE_BREAK.test(span.text);
}

/** The replaced span and the entry's groups, where the entry matches a unit that covers [from, to). */
function matchAround(reads: TurnReads, entry: CompiledEntry, folded: string, from: number, to: number): [[number, number], ([number, number] | undefined)[]] | undefined {
  // A sentence entry replaces words of one sentence, the one around the words, up to its end: the pattern is matched
  // on the text up to that sentence's end, from no earlier than its start, so a greedy `.*` neither runs on into the
  // next sentence (不要这个态度。您的宽带账号多少？ lost the question) nor starts in the one before (您的卡号是多少？
  // 这不归我们管。 lost it too).
  const sentence = entry.span === 'sentence';
  const limit = sentence ? sentenceEnd(reads, folded, to) : folded.length;
  // Matched within a window around the words; a match that runs into the window's cut end is not trusted.
  const cut = Math.min(limit, to + UNIT_REACH);
  const window = cut < folded.length ? folded.slice(0, cut) : folded;
  // It may start at a clause of that sentence (您的宽带明天恢复，如果没有其他的事，请挂机。: a pattern that does not
  // reach back over a comma keeps the first clause); the earliest start that matches wins.
  const sentenceStart = sentence ? unitStarts(reads, folded, 'sentence', from).pop() : undefined;
  const starts = !sentence ? unitStarts(reads, folded, entry.span, from)
    : sentenceStart === undefined ? []
    : [sentenceStart, ...unitStarts(reads, folded, 'clause', from).filter((at) => at > sentenceStart)];
  // The starts come in increasing order: one search finds the leftmost match at or after a start, which tells that no
  // match starts before it (those starts are skipped) and, when there is none, that no later start has one. (A search
  // per start read the window after each start again: ~3.6 µs a start.)
  let found: ([number, number] | undefined)[] | undefined;
  for (const start of starts) {
    if (!found || found[0]![0] < start) {
      found = reads.matchFrom(entry.regex, window, start);
      if (!found) break;
    }
    if (found[0]![0] !== start) continue;
    const groups = found;
    const span = groups[1];
    if (!span || span[0] > from || span[1] < to || span[1] === span[0]) continue;
    if (cut < limit && groups[0]![1] >= cut) continue;
    return [span, groups.slice(1)];
  }
  return undefined;
}
