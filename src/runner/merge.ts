// --merge: combine the json or jsonl reports of several shards into the results of one run over all their files —
// same order, same totals, same exit status. A result that appears in several reports (a shard run twice) counts once.
//
// A shard's report, json or jsonl, is read a part at a time and its results merged with the other shards' as they
// come (each shard wrote its files in the run's order), so a merge over an archive holds a few results per shard, not
// the archive. The reports are read twice: once to check every result before anything is reported (a bad line is said
// by report and line, and no partial report is written), then to merge. Reports not in the run's order (joined by
// hand) are merged in memory.
import { constants as bufferLimits } from 'node:buffer';
import { closeSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { openRegularFile } from '../io/read-file.js';
import { summarize } from '../engine/lint-transcript.js';
import type { LintMessage, LintResult, NotEvaluatedReason, Role } from '../types.js';
import { MergeError } from './merge-error.js';
import { ShardCoverage } from './merge-shards.js';
import { comparePaths } from './sorted-paths.js';

export { MergeError };

/** Bytes read at a time from a report. */
const CHUNK_BYTES = 1 << 20;
/** The longest string Node can make. */
const MAX_STRING_LENGTH = bufferLimits.MAX_STRING_LENGTH;
/** Results handed on at a time. */
const BATCH = 256;

function cannotRead(file: string, err: unknown): MergeError {
  return new MergeError(`${file}: cannot read this report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
}

/** The text of a file, a part at a time. */
function* textOf(file: string): Generator<string> {
  let opened: { fd: number };
  try {
    opened = openRegularFile(file);
  } catch (err) {
    throw cannotRead(file, err);
  }
  const { fd } = opened;
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      } catch (err) {
        throw cannotRead(file, err);
      }
      if (read === 0) break;
      yield decoder.write(chunk.subarray(0, read));
    }
    yield decoder.end();
  } finally {
    closeSync(fd);
  }
}

/** A result longer than a string can be: Node would end the merge with a RangeError that names no report. */
function tooLong(file: string, where: string): MergeError {
  return new MergeError(`${file}: ${where} is longer than the longest text Node can hold (${Math.floor(MAX_STRING_LENGTH / 2 ** 20)} Mi characters); this is not a report transcript-lint wrote`);
}

/** The lines of a text given in parts, each with its number. */
function* linesOf(file: string, parts: Iterable<string>): Generator<[number, string]> {
  let pending = '';
  let lineNumber = 0;
  for (const part of parts) {
    const lines = part.split('\n');
    if (pending.length + lines[0].length > MAX_STRING_LENGTH) throw tooLong(file, `line ${lineNumber + 1}`);
    lines[0] = pending + lines[0];
    pending = lines.pop()!;
    for (const line of lines) yield [++lineNumber, line];
  }
  yield [++lineNumber, pending];
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The elements of a JSON array, each as its text, from a text given in parts: a json report is one line of all its
 * results, which a shard of an archive can make longer than a string can be, so it is split element by element
 * rather than parsed whole (and merged as it is read, as a jsonl report is).
 */
function* arrayElements(file: string, parts: Iterable<string>): Generator<string> {
  const invalid = (why: string): MergeError => new MergeError(`${file}: not valid JSON (${why}); merge reads reports written with --format json or --format jsonl`);
  let element: string[] = [];
  let length = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stage: 'before [' | 'in' | 'after ]' = 'before [';
  let count = 0;
  for (const part of parts) {
    let from = 0;
    const take = (to: number): void => {
      length += to - from;
      if (length > MAX_STRING_LENGTH) throw tooLong(file, `result ${count + 1}`);
      element.push(part.slice(from, to));
    };
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (stage !== 'in') {
        if (isBlank(c)) continue;
        if (stage === 'after ]') throw invalid('text after the closing ]');
        if (c !== OPEN_BRACKET) throw invalid('it does not begin with [');
        stage = 'in';
        from = i + 1;
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
      else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        take(i);
        const text = element.join('');
        element = [];
        length = 0;
        from = i + 1;
        if (text.trim()) {
          count++;
          yield text;
        } else if (c === COMMA || count > 0) {
          const mark = c === COMMA ? 'a comma' : 'the closing ]';
          throw invalid(count ? `nothing between result ${count} and ${mark}` : `nothing before ${mark}`);
        }
        if (c === CLOSE_BRACKET) stage = 'after ]';
      }
    }
    if (stage === 'in') take(part.length);
  }
  if (stage === 'in') throw invalid(`it ends after result ${count}, before its closing ]: the report was cut short`);
}

/** The results of one report written with --format json (an array) or --format jsonl (one result per line), in its order. */
function* resultsOf(file: string): Generator<LintResult> {
  const parts = textOf(file);
  // The first character that is not white space tells: "[" begins a json report, anything else a jsonl one.
  const seen: string[] = [];
  for (const part of parts) {
    seen.push(part);
    const start = part.trimStart();
    if (!start) continue;
    const all = (function* (): Generator<string> {
      yield* seen;
      yield* parts;
    })();
    yield* start.startsWith('[') ? arrayReport(file, all) : lineReport(file, all);
    return;
  }
}

function* lineReport(file: string, parts: Iterable<string>): Generator<LintResult> {
  for (const [lineNumber, line] of linesOf(file, parts)) {
    if (!line.trim()) continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      throw new MergeError(`${file}:${lineNumber}: not a JSON result; merge reads reports written with --format json or --format jsonl`);
    }
    yield checkResult(item, file, `line ${lineNumber}`);
  }
}

function* arrayReport(file: string, parts: Iterable<string>): Generator<LintResult> {
  let count = 0;
  for (const text of arrayElements(file, parts)) {
    count++;
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (err) {
      throw new MergeError(`${file}: result ${count} is not valid JSON (${(err as Error).message}); merge reads reports written with --format json or --format jsonl`);
    }
    yield checkResult(item, file, `result ${count}`);
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
/** A line, column, offset or count: what the formatters put in a table, a range or a repeat. */
const isWhole = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const listOf = (check: (v: unknown) => boolean) => (v: unknown): boolean => Array.isArray(v) && v.every(check);
/** An optional field: absent, or of its type. */
const optional = (check: (v: unknown) => boolean) => (v: unknown): boolean => v === undefined || check(v);
const oneOf = (...values: string[]) => (v: unknown): boolean => values.includes(v as string);
const ROLES: Role[] = ['agent', 'customer', 'other'];
const isRole = oneOf(...ROLES);
const isLanguage = oneOf('zh', 'en');
const NOT_EVALUATED_REASONS: NotEvaluatedReason[] = ['no-timestamps', 'no-reply', 'speaker-silent'];
const isNotEvaluatedReason = oneOf(...NOT_EVALUATED_REASONS);

const isFix = (v: unknown): boolean => isObject(v) && listOf(isWhole)(v.range) && (v.range as number[]).length === 2 && isString(v.text);
const isSuggestion = (v: unknown): boolean => isObject(v) && isString(v.desc) && isFix(v.fix);
const isScore = (v: unknown): boolean => isObject(v) && isNumber(v.points) && v.points >= 0 && v.points <= 100 && isWhole(v.stars) && v.stars >= 1 && v.stars <= 5
  && typeof v.failed === 'boolean' && listOf(isString)(v.critical);
const isShownTurn = (v: unknown): boolean => isObject(v) && isRole(v.role) && isString(v.label) && optional((start) => isNumber(start) && start >= 0)(v.start)
  && listOf((line) => listOf(isWhole)(line) && (line as number[]).length === 3)(v.lines);
const isShardTag = (v: unknown): boolean => isObject(v) && isWhole(v.count) && isWhole(v.index) && v.index >= 1 && v.index <= v.count && isString(v.config)
  && (v.folder === undefined || isString(v.folder)) && (v.files === undefined || isString(v.files)) && optional(isString)(v.run)
  && optional((flag) => flag === true)(v.last) && optional((flag) => flag === true)(v.empty);
const isNotLinted = (v: unknown): boolean => isObject(v) && (v.reason === 'no-turns' || (v.reason === 'language' && isLanguage(v.transcript) && isLanguage(v.packs)));

/** What formatters read of a message besides its required fields, and what each must be when present. */
const MESSAGE_FIELDS: Record<string, (v: unknown) => boolean> = {
  endLine: optional(isWhole), endColumn: optional(isWhole), fatal: optional((v) => typeof v === 'boolean'), fix: optional(isFix),
  suggestions: optional(listOf(isSuggestion)), suggestion: optional(isString), fixRefused: optional(isString), excerpt: optional(isString), speaker: optional(isRole),
};
/** The same for a result. */
const RESULT_FIELDS: Record<string, (v: unknown) => boolean> = {
  meta: optional((v) => isObject(v) && Object.values(v).every(isString)), notEvaluated: optional(listOf(isString)),
  notEvaluatedReasons: optional((v) => isObject(v) && Object.values(v).every(isNotEvaluatedReason)), output: optional(isString),
  appliedFixes: optional(isWhole), source: optional(isString), turns: optional(listOf(isShownTurn)), unmatchedPattern: optional((v) => typeof v === 'boolean'),
  score: optional(isScore), notLinted: optional(isNotLinted), shard: optional(isShardTag),
};
/** A result's counts, each of which its messages give (summarize). */
const COUNTS = ['errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount'] as const;

/** The first field of `item` that `fields` says is of the wrong type or holds a value no report holds. */
function wrongField(item: Record<string, unknown>, fields: Record<string, (v: unknown) => boolean>): string | undefined {
  return Object.keys(fields).find((name) => !fields[name](item[name]));
}

function checkMessage(m: unknown, where: string, file: string, suppressed: boolean): void {
  const message = m as Partial<LintMessage> | null;
  const valid = message !== null && typeof message === 'object' && typeof message.message === 'string' && (message.severity === 1 || message.severity === 2)
    && isWhole(message.line) && isWhole(message.column) && (message.ruleId === null || typeof message.ruleId === 'string');
  if (!valid) throw new MergeError(`${file}: ${where} is not a transcript-lint message (message, severity 1 or 2, line, column, ruleId expected); regenerate the report with --format json or jsonl`);
  const wrong = wrongField(message as Record<string, unknown>, suppressed ? { ...MESSAGE_FIELDS, suppressions: listOf(isObject) } : MESSAGE_FIELDS);
  if (wrong) throw new MergeError(`${file}: ${where} has the wrong type or value in its "${wrong}" field; regenerate the report with --format json or jsonl`);
}

function checkResult(item: unknown, file: string, where: string): LintResult {
  const r = item as Partial<LintResult> | null;
  if (!r || typeof r !== 'object' || typeof r.filePath !== 'string' || !Array.isArray(r.messages) || COUNTS.some((count) => typeof r[count] !== 'number')) {
    throw new MergeError(`${file}: ${where} is not a transcript-lint result (filePath, messages, errorCount, … expected)`);
  }
  // Formatters read every message's fields: a hand-edited or truncated report is refused here, not met as a crash.
  r.messages.forEach((m: unknown, i) => checkMessage(m, `${where}, message ${i + 1}`, file, false));
  const suppressed: unknown = r.suppressedMessages ?? [];
  if (!Array.isArray(suppressed)) throw new MergeError(`${file}: ${where} has the wrong type in its "suppressedMessages" field; regenerate the report with --format json or jsonl`);
  (suppressed as unknown[]).forEach((m, i) => checkMessage(m, `${where}, suppressed message ${i + 1}`, file, true));
  const wrong = wrongField(r as Record<string, unknown>, RESULT_FIELDS);
  if (wrong) throw new MergeError(`${file}: ${where} has the wrong type or value in its "${wrong}" field; regenerate the report with --format json or jsonl`);
  // The totals and the exit status are the counts' sums: counts its messages do not give would pass a shard with
  // errors as clean (or fail a clean one).
  const counted = summarize(r.filePath, r.messages);
  const miscounted = COUNTS.find((count) => r[count] !== counted[count]);
  if (miscounted) {
    throw new MergeError(`${file}: ${where} has ${miscounted} ${String(r[miscounted])}, where its messages give ${counted[miscounted]}; regenerate the report with --format json or jsonl`);
  }
  return r as LintResult;
}

/** Whether every result of the report is valid (else MergeError) and in the run's order. */
function checkReport(file: string, notice: (message: string) => void, shards: ShardCoverage): boolean {
  let last: string | undefined;
  let ordered = true;
  let count = 0;
  for (const result of resultsOf(file)) {
    shards.add(result, file, `result ${++count}`);
    const { filePath } = result;
    if (last !== undefined && comparePaths(last, filePath) > 0) ordered = false;
    last = filePath;
  }
  if (last === undefined) shards.emptyReport();
  if (last === undefined && isEmpty(file)) {
    // A shard whose output was redirected (`> shard.json`) and that failed leaves an empty file: its files would be
    // missing from the merge without a word. A json report of no results is `[]`; a jsonl one may be empty.
    if (/\.json$/i.test(file)) throw new MergeError(`${file}: empty, where a json report holds at least []: the shard that was to write it did not finish; run it again`);
    notice(`${file}: empty: no results (a shard with no files, or one that stopped before its first); check that it finished`);
  }
  return ordered;
}

/** No text but white space (a report of no results read this far is small). */
function isEmpty(file: string): boolean {
  for (const part of textOf(file)) if (part.trim()) return false;
  return true;
}

/** Where the results of one report stand in the merge: the next one, and the report's rank among those given. */
interface Head {
  result: LintResult;
  rank: number;
  rest: Iterator<LintResult>;
}

/** Head a before head b: by path, then by report (the first report given wins a tie). */
function before(a: Head, b: Head): boolean {
  const order = comparePaths(a.result.filePath, b.result.filePath);
  return order < 0 || (order === 0 && a.rank < b.rank);
}

/** A binary heap of the reports' heads, the next result on top. */
class Heads {
  private readonly heads: Head[] = [];

  get size(): number {
    return this.heads.length;
  }

  push(head: Head): void {
    const { heads } = this;
    let at = heads.push(head) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(heads[at], heads[parent])) break;
      [heads[at], heads[parent]] = [heads[parent], heads[at]];
      at = parent;
    }
  }

  pop(): Head {
    const { heads } = this;
    const top = heads[0];
    const last = heads.pop()!;
    if (heads.length) {
      heads[0] = last;
      for (let at = 0; ;) {
        const left = 2 * at + 1;
        let least = at;
        if (left < heads.length && before(heads[left], heads[least])) least = left;
        if (left + 1 < heads.length && before(heads[left + 1], heads[least])) least = left + 1;
        if (least === at) break;
        [heads[at], heads[least]] = [heads[least], heads[at]];
        at = least;
      }
    }
    return top;
  }
}

/** Results in the order of their paths, each path once (the first seen: earlier in the reports given). */
function* firstOfEachPath(sorted: Iterable<LintResult>, notice: (message: string) => void): Generator<readonly LintResult[]> {
  let batch: LintResult[] = [];
  let kept: LintResult | undefined;
  for (const result of sorted) {
    // The merged report is one run's: the shards' marks were checked (ShardCoverage) and are not part of it, nor the
    // results that stand for shards with no files.
    if (result.shard?.empty) continue;
    delete result.shard;
    if (kept?.filePath === result.filePath) {
      if (JSON.stringify(kept) !== JSON.stringify(result)) {
        notice(`${result.filePath} appears in several reports with different results; keeping the first (from an earlier report)`);
      }
      continue;
    }
    kept = result;
    batch.push(result);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function* merged(files: readonly string[]): Generator<LintResult> {
  const heads = new Heads();
  files.forEach((file, rank) => {
    const rest = resultsOf(file);
    const first = rest.next();
    if (!first.done) heads.push({ result: first.value, rank, rest });
  });
  while (heads.size) {
    const head = heads.pop();
    yield head.result;
    const next = head.rest.next();
    if (!next.done) heads.push({ result: next.value, rank: head.rank, rest: head.rest });
  }
}

/** Every result of the reports in memory, in the run's order (stable: ties keep the reports' order). */
function sortedInMemory(files: readonly string[]): LintResult[] {
  return files.flatMap((file) => [...resultsOf(file)]).sort((a, b) => comparePaths(a.filePath, b.filePath));
}

/**
 * All results of the reports, deduplicated by file and in the order one run over all files would give, in batches.
 * Every report is checked first (a MergeError names the report and line); a report that changes while it is merged
 * may still throw one. `run`: the --run-id every shard must carry.
 */
export function mergeReportBatches(files: readonly string[], notice: (message: string) => void = () => {}, run?: string): Iterable<readonly LintResult[]> {
  const shards = new ShardCoverage(run);
  const ordered = files.map((file) => checkReport(file, notice, shards)).every(Boolean);
  shards.checkComplete();
  return firstOfEachPath(ordered ? merged(files) : sortedInMemory(files), notice);
}
