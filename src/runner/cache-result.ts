// How a cached result is written in its cache line (cache-store.ts), and read back straight from the line's bytes.
//
// Most results have the shape the linter gives them (summarize in engine/lint-transcript.ts): filePath, messages,
// suppressedMessages, five counts, no deprecated rules, then meta and notEvaluated with its notEvaluatedReasons when
// there are any. Such a result is written as its parts, each where the line's TABs put it (JSON escapes every TAB
// within a value; a list of problems says its length):
//
//   S TAB messages TAB suppressedMessages TAB errorCount TAB warningCount TAB fatalErrorCount TAB fixableErrorCount
//     TAB fixableWarningCount TAB meta (empty: none) TAB notEvaluatedReasons (empty: none; its keys are notEvaluated)
//
// and made again by one object literal in that order, without its filePath (the line's key) and without parsing what
// is empty: parsing the whole result as JSON was the largest cost of a rerun over unchanged files (three in four files
// of an archive have no problem). Any other result is written as its JSON, first character "{", and parsed.
//
// The two lists are written as their problems' values (problemUnits below), not as JSON: a list of the shape the
// linter makes is made again by one object literal per problem and a few property stores, its strings cut from one
// string of the list's UTF-16 (copied, not decoded, out of the line). JSON.parse of the lists had been the largest
// part of a rerun's main thread left (13 % of its instructions). Such a field is "#", its length in bytes, ":" and the
// UTF-16LE bytes, which may hold any byte — a TAB or newline too: the line's length, not a newline, ends it
// (cache-store.ts). A list of any other shape is its JSON as UTF-8, first character "[" ("[]" when empty).
//
// A result with problems whose changes were not worked out (LinterOptions.changes false: a compact or checkstyle run)
// is written after a "-": it serves runs that do not want changes either, and a run that wants them lints its file
// again. (A result without problems has no changes to offer, and serves any run.)
import type { Fix, LintMessage, LintResult, NotEvaluatedReason, Role, Suggestion, SuppressedMessage, Suppression } from '../types.js';

/** A cached result lacks its source and turns (re-read when needed); its filePath is the entry's key. */
export type StoredResult = Omit<LintResult, 'source' | 'turns'>;

const SHAPE = ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount', 'usedDeprecatedRules'];
const SUMMARY = 0x53; // S
const TAB = 0x09;

const WITHOUT_CHANGES = 0x2d; // -

/** The result field of a cache line for `result`, whose filePath is the line's key; `changes`: they were worked out. */
export function encodeResult(result: StoredResult, changes = true): Buffer {
  const field = isSummary(result) ? summaryBytes(result) : Buffer.from(JSON.stringify(result), 'utf8');
  return changes || (result.messages.length === 0 && result.suppressedMessages.length === 0) ? field : Buffer.concat([MINUS, field]);
}

const MINUS = Buffer.from('-', 'latin1');

/** Whether the result field at `start` holds problems whose changes were not worked out. */
export function lacksChanges(b: Buffer, start: number): boolean {
  return b[start] === WITHOUT_CHANGES;
}

function isSummary(result: StoredResult): boolean {
  const keys = Object.keys(result);
  let extra = SHAPE.length;
  if (keys[extra] === 'meta') extra++;
  if (keys[extra] === 'notEvaluated') {
    if (keys[extra + 1] !== 'notEvaluatedReasons') return false;
    extra += 2;
  }
  if (keys.length !== extra || SHAPE.some((key, i) => keys[i] !== key)) return false;
  const counts = [result.errorCount, result.warningCount, result.fatalErrorCount, result.fixableErrorCount, result.fixableWarningCount];
  return Array.isArray(result.messages) && Array.isArray(result.suppressedMessages) && Array.isArray(result.usedDeprecatedRules) && !result.usedDeprecatedRules.length
    && counts.every((n) => Number.isSafeInteger(n) && n >= 0)
    && (!('meta' in result) || (typeof result.meta === 'object' && result.meta !== null))
    && (!('notEvaluated' in result) || reasonsKeyedAsListed(result.notEvaluated, result.notEvaluatedReasons));
}

/** Whether the reasons are an object whose keys are the listed rules, in their order (the line keeps only the reasons). */
function reasonsKeyedAsListed(list: unknown, reasons: unknown): boolean {
  if (!Array.isArray(list) || typeof reasons !== 'object' || reasons === null || Array.isArray(reasons)) return false;
  const keys = Object.keys(reasons);
  return keys.length === list.length && keys.every((key, i) => key === list[i]);
}

function summaryBytes(r: StoredResult): Buffer {
  const meta = 'meta' in r ? JSON.stringify(r.meta) : '';
  const notEvaluated = 'notEvaluatedReasons' in r ? JSON.stringify(r.notEvaluatedReasons) : '';
  const rest = `\t${r.errorCount}\t${r.warningCount}\t${r.fatalErrorCount}\t${r.fixableErrorCount}\t${r.fixableWarningCount}\t${meta}\t${notEvaluated}`;
  return Buffer.concat([SUMMARY_START, listBytes(r.messages), TAB_BYTE, listBytes(r.suppressedMessages), Buffer.from(rest, 'utf8')]);
}

const SUMMARY_START = Buffer.from('S\t', 'latin1');
const TAB_BYTE = Buffer.from('\t', 'latin1');
const EMPTY_LIST = Buffer.from('[]', 'latin1');
const PROBLEMS_MARK = 0x23; // #
const COLON = 0x3a;

/** A list field: "[]", its problems' values (problemUnits), or, for a list of another shape, its JSON as UTF-8. */
export function listBytes(list: readonly unknown[]): Buffer {
  if (!list.length) return EMPTY_LIST;
  const units = problemUnits(list);
  if (units === undefined) return Buffer.from(JSON.stringify(list), 'utf8');
  const bytes = Buffer.from(units, 'utf16le');
  return Buffer.concat([Buffer.from(`#${bytes.length}:`, 'latin1'), bytes]);
}

// A list of problems as UTF-16 code units (numbers: one unit below 0x8000, else two, the first with its top bit set):
//   count, then for each problem:
//   flags (severity in bits 0–1; 4: ruleId null; 8: ruleId as the problem before's; 16: message as the problem
//     before's; the number of further properties from bit 5),
//   ruleId (length, units) unless null or repeated, message (length, units) unless repeated, line, column, endLine,
//   endColumn,
//   then each further property in the problem's own order: (index in TAIL << 2 | kind) and its value — kind 0 a
//   string (length, units), 1 the string this property had last in the list, 2 JSON (length, units), 3 true.
// Strings are stored unit for unit (lone surrogates too). A problem whose first seven properties are not the linter's
// (place() in engine/lint-transcript.ts), in its order and of its types, or with any property TAIL does not hold,
// makes its list JSON.
const HEAD = ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'];
const TAIL = ['excerpt', 'speaker', 'suggestion', 'fixRefused', 'fatal', 'fix', 'suggestions', 'suppressions'] as const;
type TailKey = (typeof TAIL)[number];
const STRING = 0;
const REPEATED = 1;
const JSON_VALUE = 2;
const TRUE = 3;
const NULL_RULE = 4;
const SAME_RULE = 8;
const SAME_MESSAGE = 16;
const TAIL_SHIFT = 5;
/** How each property of TAIL is written: a string (STRING or REPEATED), TRUE, or JSON_VALUE. */
const TAIL_KIND = [STRING, STRING, STRING, STRING, TRUE, JSON_VALUE, JSON_VALUE, JSON_VALUE];
/** The largest number written (in two units): line and column numbers, lengths. */
const MAX_NUMBER = 0x7fffffff;

function numberUnits(n: number): string {
  return n < 0x8000 ? String.fromCharCode(n) : String.fromCharCode(0x8000 | (n >>> 16), n & 0xffff);
}

function isNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_NUMBER;
}

/** `list` as code units (see above); undefined when a problem is not of the shape they hold. */
function problemUnits(list: readonly unknown[]): string | undefined {
  if (list.length > MAX_NUMBER) return undefined;
  let out = numberUnits(list.length);
  let lastRule: string | undefined;
  let lastMessage: string | undefined;
  const lastString = new Map<TailKey, string>();
  for (const problem of list) {
    if (typeof problem !== 'object' || problem === null || Array.isArray(problem)) return undefined;
    const keys = Object.keys(problem);
    if (keys.length < HEAD.length || keys.length - HEAD.length >= 1 << (16 - TAIL_SHIFT)) return undefined;
    for (let i = 0; i < HEAD.length; i++) if (keys[i] !== HEAD[i]) return undefined;
    const m = problem as Record<string, unknown>;
    const { ruleId, severity, message, line, column, endLine, endColumn } = m;
    if ((ruleId !== null && typeof ruleId !== 'string') || (severity !== 1 && severity !== 2) || typeof message !== 'string'
      || !isNumber(line) || !isNumber(column) || !isNumber(endLine) || !isNumber(endColumn)) return undefined;
    let flags = severity | ((keys.length - HEAD.length) << TAIL_SHIFT);
    let text = '';
    if (ruleId === null) flags |= NULL_RULE;
    else if (ruleId === lastRule) flags |= SAME_RULE;
    else text += stringUnits(ruleId), (lastRule = ruleId);
    if (message === lastMessage) flags |= SAME_MESSAGE;
    else text += stringUnits(message), (lastMessage = message);
    text += numberUnits(line) + numberUnits(column) + numberUnits(endLine) + numberUnits(endColumn);
    for (let i = HEAD.length; i < keys.length; i++) {
      const key = keys[i] as TailKey;
      const index = TAIL.indexOf(key);
      if (index < 0) return undefined;
      const value = m[key];
      const kind = TAIL_KIND[index];
      if (kind === TRUE) {
        if (value !== true) return undefined;
        text += String.fromCharCode((index << 2) | TRUE);
      } else if (kind === STRING) {
        if (typeof value !== 'string' || value.length > MAX_NUMBER) return undefined;
        if (lastString.get(key) === value) {
          text += String.fromCharCode((index << 2) | REPEATED);
        } else {
          text += String.fromCharCode((index << 2) | STRING) + stringUnits(value);
          lastString.set(key, value);
        }
      } else {
        const json = JSON.stringify(value) as string | undefined; // undefined: a value JSON leaves out
        if (json === undefined || json.length > MAX_NUMBER) return undefined;
        text += String.fromCharCode((index << 2) | JSON_VALUE) + stringUnits(json);
      }
    }
    out += String.fromCharCode(flags) + text;
  }
  return out;
}

function stringUnits(s: string): string {
  return numberUnits(s.length) + s;
}

type Reasons = Record<string, NotEvaluatedReason>;

/**
 * Reads result fields out of cache lines' bytes. The last notEvaluatedReasons read is remembered with its bytes: an
 * archive repeats the same one over and over (each result still gets its own copy).
 */
export class ResultDecoder {
  private lastUnjudged: { bytes: DataView<ArrayBufferLike>; reasons: Reasons; keys: string[] } | undefined;
  /** The rules of the reasons unjudged() read last (a copy of their own). */
  private unjudgedKeys: string[] = [];
  /** A view of the buffer decode() was given last, to compare its bytes four at a time (see sameBytes). */
  private viewOf: Buffer | undefined;
  private data: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /** The result in `b` [start, end) for the file `filePath`; undefined when it cannot be read or names another file. */
  decode(b: Buffer, start: number, end: number, filePath: string): StoredResult | undefined {
    if (lacksChanges(b, start)) start++;
    if (start >= end) return undefined;
    try {
      if (b[start] === SUMMARY) return this.summary(b, start + 1, end, filePath);
      const stored = JSON.parse(b.toString('utf8', start, end)) as StoredResult | null;
      return stored?.filePath === filePath ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  private summary(b: Buffer, at: number, end: number, filePath: string): StoredResult | undefined {
    if (b !== this.viewOf) (this.viewOf = b), (this.data = new DataView(b.buffer, b.byteOffset, b.length));
    let messages: unknown;
    let suppressedMessages: unknown;
    let errorCount = 0;
    let warningCount = 0;
    let fatalErrorCount = 0;
    let fixableErrorCount = 0;
    let fixableWarningCount = 0;
    if (isClean(this.data, at, end)) {
      // A result without problems (most files of an archive): its lists and counts told by one comparison.
      messages = [];
      suppressedMessages = [];
      at += CLEAN_BYTES;
    } else {
      if (b[at] !== TAB) return undefined;
      const messagesEnd = listEnd(b, ++at, end);
      if (messagesEnd < 0) return undefined;
      messages = list(b, at, messagesEnd);
      at = messagesEnd + 1;
      const suppressedEnd = listEnd(b, at, end);
      if (suppressedEnd < 0) return undefined;
      suppressedMessages = list(b, at, suppressedEnd);
      at = suppressedEnd + 1;
      // The five counts, each followed by a TAB (not gathered in an array: one per file fewer to make).
      errorCount = countAt(b, at, end);
      warningCount = countAt(b, (at = countEnd + 1), end);
      fatalErrorCount = countAt(b, (at = countEnd + 1), end);
      fixableErrorCount = countAt(b, (at = countEnd + 1), end);
      fixableWarningCount = countAt(b, (at = countEnd + 1), end);
      if (errorCount < 0 || warningCount < 0 || fatalErrorCount < 0 || fixableErrorCount < 0 || fixableWarningCount < 0) return undefined;
      at = countEnd + 1;
    }
    const metaEnd = fieldEnd(b, at, end);
    const meta = metaEnd > at ? (JSON.parse(b.toString('utf8', at, metaEnd)) as unknown) : undefined;
    at = metaEnd + 1;
    if (at > end) return undefined;
    const notEvaluated = end > at ? this.unjudged(b, at, end) : undefined;
    if (!Array.isArray(messages) || !Array.isArray(suppressedMessages) || (meta !== undefined && (typeof meta !== 'object' || meta === null))
      || notEvaluated === null) return undefined;
    // In the order summarize() makes a result, so that both are the same kind of object and print the same.
    const result: StoredResult = {
      filePath,
      messages: messages as LintResult['messages'],
      suppressedMessages: suppressedMessages as LintResult['suppressedMessages'],
      errorCount,
      warningCount,
      fatalErrorCount,
      fixableErrorCount,
      fixableWarningCount,
      usedDeprecatedRules: [],
    };
    if (meta !== undefined) result.meta = meta as Record<string, string>;
    if (notEvaluated !== undefined) {
      result.notEvaluated = this.unjudgedKeys;
      result.notEvaluatedReasons = notEvaluated;
    }
    return result;
  }

  /** The notEvaluatedReasons field (a copy of its own, its keys in unjudgedKeys); null when it is not one. */
  private unjudged(b: Buffer, start: number, end: number): Reasons | null {
    const last = this.lastUnjudged;
    if (last && sameBytes(last.bytes, this.data, start, end)) {
      this.unjudgedKeys = last.keys.slice();
      return { ...last.reasons };
    }
    // The last field: no TAB within it (a line of more fields is not one this version wrote).
    if (fieldEnd(b, start, end) !== end) return null;
    const reasons = JSON.parse(b.toString('utf8', start, end)) as unknown;
    if (typeof reasons !== 'object' || reasons === null || Array.isArray(reasons) || !Object.values(reasons).every((r) => typeof r === 'string')) return null;
    const bytes = Buffer.from(b.subarray(start, end));
    const keys = Object.keys(reasons);
    this.lastUnjudged = { bytes: new DataView(bytes.buffer, bytes.byteOffset, bytes.length), reasons: { ...(reasons as Reasons) }, keys };
    this.unjudgedKeys = keys.slice();
    return reasons as Reasons;
  }
}

/** The bytes after "S" of a result without problems: empty lists, and every count 0, each field ended by its TAB. */
const CLEAN = Buffer.from('\t[]\t[]\t0\t0\t0\t0\t0\t', 'latin1');
const CLEAN_BYTES = CLEAN.length;
const CLEAN_WORDS = [0, 4, 8, 12].map((i) => CLEAN.readInt32BE(i));
const CLEAN_LAST = CLEAN[16];

/** Whether `data` (a view of the whole buffer) holds CLEAN at `at`, before `end`. */
function isClean(data: DataView, at: number, end: number): boolean {
  return at + CLEAN_BYTES <= end && data.getInt32(at) === CLEAN_WORDS[0] && data.getInt32(at + 4) === CLEAN_WORDS[1]
    && data.getInt32(at + 8) === CLEAN_WORDS[2] && data.getInt32(at + 12) === CLEAN_WORDS[3] && data.getUint8(at + 16) === CLEAN_LAST;
}

/** Where the last count countAt read ends (its TAB). */
let countEnd = 0;

/** The count (decimal digits, at most 15) at `at`, which a TAB before `end` must follow; -1 when there is none. */
function countAt(b: Buffer, at: number, end: number): number {
  let n = 0;
  const from = at;
  for (let c = b[at]; c >= 0x30 && c <= 0x39 && at < end; c = b[++at]) n = n * 10 + c - 0x30;
  countEnd = at;
  return at === from || at - from > 15 || b[at] !== TAB || at >= end ? -1 : n;
}

/**
 * Whether `data` (a view of a whole buffer) holds the bytes of `known` at [start, end), compared four bytes at a time
 * through the views: ~55 bytes of a typical field cost Buffer#compare's arguments and call ~700 instructions a line
 * (callgrind, a loop over 100,000 cache lines), and a loop of single bytes ~2.5 K.
 */
function sameBytes(known: DataView, data: DataView, start: number, end: number): boolean {
  const length = known.byteLength;
  if (length !== end - start) return false;
  let i = 0;
  for (; i + 4 <= length; i += 4) if (data.getInt32(start + i) !== known.getInt32(i)) return false;
  for (; i < length; i++) if (data.getUint8(start + i) !== known.getUint8(i)) return false;
  return true;
}

/** Where the field starting at `at` ends: the next TAB, or `end`. (An empty field and "[]" are told without a call.) */
function fieldEnd(b: Buffer, at: number, end: number): number {
  if (at >= end || b[at] === TAB) return at >= end ? end : at;
  if (b[at] === 0x5b && b[at + 1] === 0x5d && at + 2 <= end && (at + 2 === end || b[at + 2] === TAB)) return at + 2;
  const tab = b.indexOf(TAB, at);
  return tab < 0 || tab > end ? end : tab;
}

/**
 * Where the list field starting at `at` ends: after its bytes when it is a list of problems ("#", length, ":"), else
 * at the next TAB (or `end`); -1 when a list of problems is not whole and followed by a TAB.
 */
function listEnd(b: Buffer, at: number, end: number): number {
  if (b[at] !== PROBLEMS_MARK) return fieldEnd(b, at, end);
  let length = 0;
  let i = at + 1;
  for (let c = b[i]; c >= 0x30 && c <= 0x39 && i < end && i - at < 12; c = b[++i]) length = length * 10 + c - 0x30;
  const stop = i + 1 + length;
  return b[i] !== COLON || i === at + 1 || stop >= end || b[stop] !== TAB ? -1 : stop;
}

/** A list field [start, end): "[]" without parsing, a list of problems from its units, else JSON; not an array: undefined. */
function list(b: Buffer, start: number, end: number): unknown {
  if (end - start === 2 && b[start] === 0x5b && b[start + 1] === 0x5d) return [];
  if (b[start] !== PROBLEMS_MARK) return JSON.parse(b.toString('utf8', start, end));
  const from = b.indexOf(COLON, start) + 1;
  return (end - from) % 2 ? undefined : problems(b.toString('utf16le', from, end));
}

/** The problems written as `s` (problemUnits); undefined when `s` is not such a list, whole. */
function problems(s: string): LintMessage[] | undefined {
  const length = s.length;
  let at = 0;
  let n = s.charCodeAt(at++);
  if (n >= 0x8000) n = (n & 0x7fff) * 0x10000 + s.charCodeAt(at++);
  if (!(n <= length)) return undefined;
  const list: LintMessage[] = [];
  let ruleId: string | null = null;
  let lastRule: string | undefined;
  let message = '';
  /** The last string of each further property (TAIL's order), for those repeated. */
  const last: (string | undefined)[] = [];
  for (let k = 0; k < n; k++) {
    if (!(at < length)) return undefined;
    const flags = s.charCodeAt(at++);
    const severity = flags & 3;
    if (severity !== 1 && severity !== 2) return undefined;
    if (flags & NULL_RULE) {
      ruleId = null;
    } else if (flags & SAME_RULE) {
      if (lastRule === undefined) return undefined;
      ruleId = lastRule;
    } else {
      let size = s.charCodeAt(at++);
      if (size >= 0x8000) size = (size & 0x7fff) * 0x10000 + s.charCodeAt(at++);
      ruleId = lastRule = s.substring(at, (at += size));
    }
    if (flags & SAME_MESSAGE) {
      if (!k) return undefined;
    } else {
      let size = s.charCodeAt(at++);
      if (size >= 0x8000) size = (size & 0x7fff) * 0x10000 + s.charCodeAt(at++);
      message = s.substring(at, (at += size));
    }
    let line = s.charCodeAt(at++);
    if (line >= 0x8000) line = (line & 0x7fff) * 0x10000 + s.charCodeAt(at++);
    let column = s.charCodeAt(at++);
    if (column >= 0x8000) column = (column & 0x7fff) * 0x10000 + s.charCodeAt(at++);
    let endLine = s.charCodeAt(at++);
    if (endLine >= 0x8000) endLine = (endLine & 0x7fff) * 0x10000 + s.charCodeAt(at++);
    let endColumn = s.charCodeAt(at++);
    if (endColumn >= 0x8000) endColumn = (endColumn & 0x7fff) * 0x10000 + s.charCodeAt(at++);
    // In the order place() makes a problem, so that both are the same kind of object.
    const m: LintMessage = { ruleId, severity: severity as 1 | 2, message, line, column, endLine, endColumn };
    for (let more = flags >> TAIL_SHIFT; more > 0; more--) {
      const unit = s.charCodeAt(at++);
      const kind = unit & 3;
      const index = unit >> 2;
      const key = TAIL[index] as TailKey | undefined;
      // The kind written must be the property's (a string may be REPEATED).
      const expected = TAIL_KIND[index] as number | undefined;
      if (expected === undefined || (kind !== expected && !(kind === REPEATED && expected === STRING))) return undefined;
      let value: string | undefined;
      if (kind === REPEATED) {
        value = last[index];
        if (value === undefined) return undefined;
      } else if (kind !== TRUE) {
        let size = s.charCodeAt(at++);
        if (size >= 0x8000) size = (size & 0x7fff) * 0x10000 + s.charCodeAt(at++);
        value = s.substring(at, (at += size));
        if (kind === STRING) last[index] = value;
      }
      // Named stores, as place() and the fixes add these properties.
      switch (key) {
        case 'excerpt':
          m.excerpt = value;
          break;
        case 'speaker':
          m.speaker = value as Role;
          break;
        case 'suggestion':
          m.suggestion = value;
          break;
        case 'fixRefused':
          m.fixRefused = value;
          break;
        case 'fatal':
          m.fatal = true;
          break;
        case 'fix':
          m.fix = plainFix(value!) ?? (JSON.parse(value!) as Fix);
          break;
        case 'suggestions':
          m.suggestions = JSON.parse(value!) as Suggestion[];
          break;
        case 'suppressions':
          (m as SuppressedMessage).suppressions = JSON.parse(value!) as Suppression[];
          break;
      }
    }
    list.push(m);
  }
  return at === length ? list : undefined;
}

const FIX_START = '{"range":[';
const FIX_TEXT = '],"text":"';
const FIX_END = '"}';

/**
 * The fix written as `json` when it has the shape JSON.stringify gives the linter's fixes — `{"range":[from,to],
 * "text":"…"}`, plain numbers, no escape in the text — read in place (JSON.parse of it was a third of restoring a
 * fixable problem); undefined for any other JSON, which is parsed.
 */
function plainFix(json: string): Fix | undefined {
  if (!json.startsWith(FIX_START) || !json.endsWith(FIX_END)) return undefined;
  const fromEnd = digitsEnd(json, FIX_START.length);
  const from = naturalIn(json, FIX_START.length, fromEnd);
  if (from < 0 || json.charCodeAt(fromEnd) !== 0x2c) return undefined; // ,
  const toEnd = digitsEnd(json, fromEnd + 1);
  const to = naturalIn(json, fromEnd + 1, toEnd);
  if (to < 0 || !json.startsWith(FIX_TEXT, toEnd)) return undefined;
  const textStart = toEnd + FIX_TEXT.length;
  const textEnd = json.length - FIX_END.length;
  if (textEnd < textStart) return undefined;
  for (let i = textStart; i < textEnd; i++) {
    const unit = json.charCodeAt(i);
    if (unit === 0x5c || unit === 0x22 || unit < 0x20) return undefined; // an escape, a quote, a control
  }
  return { range: [from, to], text: json.slice(textStart, textEnd) };
}

/** Where the run of digits that starts at `at` in `s` ends. */
function digitsEnd(s: string, at: number): number {
  for (let c = s.charCodeAt(at); c >= 0x30 && c <= 0x39; c = s.charCodeAt(++at));
  return at;
}

/** The number s[from, to) holds in JSON's digits (no sign, no leading zero, at most 15); -1 when it is none. */
function naturalIn(s: string, from: number, to: number): number {
  if (to === from || to - from > 15 || (s.charCodeAt(from) === 0x30 && to - from > 1)) return -1;
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 0x30;
  return n;
}
