// How a cached result is written in its cache line (cache-store.ts), and read back straight from the line's bytes.
//
// Most results have the shape the linter gives them (summarize in engine/lint-transcript.ts): filePath, messages,
// suppressedMessages, five counts, no deprecated rules, then meta and notEvaluated with its notEvaluatedReasons when
// there are any. Such a result is written as its parts, each where the line's TABs put it (JSON escapes every TAB
// within a value):
//
//   S TAB messages TAB suppressedMessages TAB errorCount TAB warningCount TAB fatalErrorCount TAB fixableErrorCount
//     TAB fixableWarningCount TAB meta (empty: none) TAB notEvaluatedReasons (empty: none; its keys are notEvaluated)
//
// and made again by one object literal in that order, without its filePath (the line's key) and without parsing what
// is empty: parsing the whole result as JSON was the largest cost of a rerun over unchanged files (three in four files
// of an archive have no problem). Any other result is written as its JSON, first character "{", and parsed.
//
// The two lists are JSON, written as UTF-8 when they are ASCII and otherwise as UTF-16LE (told by the NUL of their
// "[" — UTF-8 JSON has none): decoding UTF-8 into a string was the largest part of reading them back (Chinese
// messages, ~2.5 ns a byte), where UTF-16 is copied. So that no byte of such a field is a TAB or newline, which end
// fields and lines, a character with a 0x09 or 0x0a byte in its UTF-16 (上, 三, any U+09xx or U+0Axx) is written as
// its JSON escape (\uXXXX); JSON.stringify has escaped TAB and newline themselves already.
//
// A result with problems whose changes were not worked out (LinterOptions.changes false: a compact or checkstyle run)
// is written after a "-": it serves runs that do not want changes either, and a run that wants them lints its file
// again. (A result without problems has no changes to offer, and serves any run.)
import type { LintResult, NotEvaluatedReason } from '../types.js';

/** A cached result lacks its source and turns (re-read when needed); its filePath is the entry's key. */
export type StoredResult = Omit<LintResult, 'source' | 'turns'>;

const SHAPE = ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount', 'usedDeprecatedRules'];
const SUMMARY = 0x53; // S
const TAB = 0x09;
const NEWLINE = 0x0a;

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
const NOT_ASCII = /[^\u0000-\u007f]/;

/** A list field: its JSON as UTF-8 when it is ASCII ("[]" most often), else as UTF-16LE without a TAB or newline byte. */
export function listBytes(list: unknown[]): Buffer {
  const json = JSON.stringify(list);
  return NOT_ASCII.test(json) ? Buffer.from(withoutBreakBytes(json), 'utf16le') : Buffer.from(json, 'latin1');
}

/** `json` with each character whose UTF-16 has a TAB or newline byte written as its escape (JSON reads it the same). */
function withoutBreakBytes(json: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    const low = c & 0xff;
    const high = c >> 8;
    if (low !== TAB && low !== NEWLINE && high !== TAB && high !== NEWLINE) continue;
    out += `${json.slice(from, i)}\\u${c.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from ? out + json.slice(from) : json;
}

type Reasons = Record<string, NotEvaluatedReason>;

/**
 * Reads result fields out of cache lines' bytes. The last notEvaluatedReasons read is remembered with its bytes: an
 * archive repeats the same one over and over (each result still gets its own copy).
 */
export class ResultDecoder {
  private lastUnjudged: { bytes: Buffer; reasons: Reasons } | undefined;

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
    if (b[at] !== TAB) return undefined;
    const messagesEnd = fieldEnd(b, ++at, end);
    const messages = list(b, at, messagesEnd);
    at = messagesEnd + 1;
    const suppressedEnd = fieldEnd(b, at, end);
    const suppressedMessages = list(b, at, suppressedEnd);
    at = suppressedEnd + 1;
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5; i++) {
      let n = 0;
      const from = at;
      for (let c = b[at]; c >= 0x30 && c <= 0x39 && at < end; c = b[++at]) n = n * 10 + c - 0x30;
      if (at === from || at - from > 15 || b[at] !== TAB || at >= end) return undefined;
      counts[i] = n;
      at++;
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
      errorCount: counts[0],
      warningCount: counts[1],
      fatalErrorCount: counts[2],
      fixableErrorCount: counts[3],
      fixableWarningCount: counts[4],
      usedDeprecatedRules: [],
    };
    if (meta !== undefined) result.meta = meta as Record<string, string>;
    if (notEvaluated !== undefined) {
      result.notEvaluated = Object.keys(notEvaluated);
      result.notEvaluatedReasons = notEvaluated;
    }
    return result;
  }

  /** The notEvaluatedReasons field (a copy of its own); null when it is not one. */
  private unjudged(b: Buffer, start: number, end: number): Reasons | null {
    const last = this.lastUnjudged;
    if (last && sameBytes(last.bytes, b, start, end)) return { ...last.reasons };
    // The last field: no TAB within it (a line of more fields is not one this version wrote).
    if (fieldEnd(b, start, end) !== end) return null;
    const reasons = JSON.parse(b.toString('utf8', start, end)) as unknown;
    if (typeof reasons !== 'object' || reasons === null || Array.isArray(reasons) || !Object.values(reasons).every((r) => typeof r === 'string')) return null;
    this.lastUnjudged = { bytes: Buffer.from(b.subarray(start, end)), reasons: { ...(reasons as Reasons) } };
    return reasons as Reasons;
  }
}

/** Whether `b` [start, end) holds the bytes of `known` (a loop: Buffer.compare's checks cost more for a few dozen bytes). */
function sameBytes(known: Buffer, b: Buffer, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== b[start + i]) return false;
  return true;
}

/** Where the field starting at `at` ends: the next TAB, or `end`. (An empty field and "[]" are told without a call.) */
function fieldEnd(b: Buffer, at: number, end: number): number {
  if (at >= end || b[at] === TAB) return at >= end ? end : at;
  if (b[at] === 0x5b && b[at + 1] === 0x5d && at + 2 <= end && (at + 2 === end || b[at + 2] === TAB)) return at + 2;
  const tab = b.indexOf(TAB, at);
  return tab < 0 || tab > end ? end : tab;
}

/** A JSON array field: "[]" without parsing; UTF-16LE when its "[" is followed by a NUL (see listBytes). */
function list(b: Buffer, start: number, end: number): unknown {
  if (end - start === 2 && b[start] === 0x5b && b[start + 1] === 0x5d) return [];
  if (end - start >= 2 && b[start + 1] === 0) return (end - start) % 2 ? undefined : JSON.parse(b.toString('utf16le', start, end));
  return JSON.parse(b.toString('utf8', start, end));
}
