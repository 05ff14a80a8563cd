// Fixes: text + messages → new text, as ESLint's source-code-fixer does. Pure: nothing here reads or writes files.
import type { Fix, LintMessage, LintResult } from '../types.js';
import { LineIndex } from './line-index.js';
import { summarize } from './lint-transcript.js';

/** ESLint's limit: a fix may make room for another, but never loop forever. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  output: string;
  /** Messages whose fix was applied. */
  fixed: LintMessage[];
  /** Fixable messages skipped because their range overlaps or touches an applied fix (left for another pass). */
  skipped: LintMessage[];
  /** Where the applied replacements stand in `output`. */
  inserted: [number, number][];
}

export const usesCrlf = (text: string): boolean => text.includes('\r\n');

/** A fix's text as written into the file: with the file's line ending. */
export function replacementText(fix: Fix, crlf: boolean): string {
  return crlf ? fix.text.replace(/\r?\n/g, '\r\n') : fix.text;
}

/** Whether a fix still fits a text of this length (a stale one does not). */
export function fixFits(fix: Fix, length: number): boolean {
  return fix.range[0] <= fix.range[1] && fix.range[1] <= length;
}

/**
 * Apply every fix that neither overlaps nor touches another. Where fixes compete, the widest wins (the
 * wording for 你说什么 over the one for 你 inside it), then the first; the others wait for a further pass,
 * as in ESLint. Replacement text takes the file's line ending.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): AppliedFixes {
  const fixable = messages.filter((m) => m.fix && fixFits(m.fix, text.length));
  const width = (m: LintMessage): number => m.fix!.range[1] - m.fix!.range[0];
  const chosen: LintMessage[] = [];
  const skipped: LintMessage[] = [];
  for (const message of [...fixable].sort((a, b) => width(b) - width(a) || a.fix!.range[0] - b.fix!.range[0])) {
    const [start, end] = message.fix!.range;
    const clashes = chosen.some((c) => start <= c.fix!.range[1] && c.fix!.range[0] <= end);
    (clashes ? skipped : chosen).push(message);
  }
  chosen.sort((a, b) => a.fix!.range[0] - b.fix!.range[0]);
  const crlf = usesCrlf(text);
  const parts: string[] = [];
  const inserted: [number, number][] = [];
  let copiedTo = 0;
  let length = 0;
  for (const message of chosen) {
    const [start, end] = message.fix!.range;
    const replacement = replacementText(message.fix!, crlf);
    const kept = text.slice(copiedTo, start);
    parts.push(kept, replacement);
    length += kept.length;
    inserted.push([length, length + replacement.length]);
    length += replacement.length;
    copiedTo = end;
  }
  parts.push(text.slice(copiedTo));
  return { output: parts.join(''), fixed: chosen, skipped, inserted };
}

/** One change as a reader sees it: the sentence it falls in, before and after. */
export interface FixChange {
  ruleId: string | null;
  /** A fix (applied by --fix) or a suggestion (applied on request). */
  kind: 'fix' | 'suggestion';
  /** Where the sentence starts, in the text as it was just before this change. */
  line: number;
  column: number;
  before: string;
  after: string;
  /** Where the changed words stand in `before` and `after`: [start, end) in UTF-16 units. */
  changedBefore: [number, number];
  changedAfter: [number, number];
}

export interface FixOptions {
  /** Apply fixes (default true). */
  fixes?: boolean;
  /** Apply the suggestions of problems that have no fix (default false). */
  suggestions?: boolean;
  /** Asked before each change (--interactive): false leaves that change out. */
  confirm?: (change: FixChange) => boolean;
  maxPasses?: number;
}

export interface FixLoopResult {
  /** The text after every pass. */
  output: string;
  /** The lint result of `output`. */
  result: LintResult;
  /** How many changes were applied in all. */
  fixCount: number;
  passes: number;
  /** The applied changes, in order. */
  changes: FixChange[];
  /** Changes left out because they would have made a new problem. */
  refusedCount: number;
}

type Range = [number, number];

const overlaps = (range: Range, ranges: readonly Range[]): boolean =>
  ranges.some(([start, end]) => range[0] < end && start < range[1]);

/** Ranges after replacing [start, end) by `length` units (ranges never overlap the replaced span). */
function shifted(ranges: readonly Range[], start: number, end: number, length: number): Range[] {
  const delta = length - (end - start);
  return ranges.map(([a, b]) => (a >= end ? [a + delta, b + delta] : [a, b]));
}

const SENTENCE_END = /[。！？!?…\n]/;

/** The sentence(s) around [start, end) before and after replacing it by `text`. */
function describe(before: string, fix: Fix, message: LintMessage, kind: FixChange['kind'], lines: LineIndex): FixChange {
  const [start, end] = fix.range;
  let from = start;
  while (from > 0 && !SENTENCE_END.test(before[from - 1])) from--;
  while (from < start && /\s/.test(before[from])) from++;
  let to = end;
  while (to < before.length && before[to] !== '\n' && !SENTENCE_END.test(before[to])) to++;
  if (to < before.length && before[to] !== '\n') to++;
  const trimmedTo = before.slice(end, to).replace(/\r$/, '').length + end;
  const position = lines.position(from);
  // Mark only what differs: a replacement that carries words over ($1) leaves them unmarked.
  const replaced = before.slice(start, end);
  let same = 0;
  while (same < replaced.length && same < fix.text.length && replaced[same] === fix.text[same]) same++;
  let sameEnd = 0;
  while (sameEnd < replaced.length - same && sameEnd < fix.text.length - same && replaced[replaced.length - 1 - sameEnd] === fix.text[fix.text.length - 1 - sameEnd]) sameEnd++;
  return {
    ruleId: message.ruleId,
    kind,
    line: position.line,
    column: position.column,
    before: before.slice(from, trimmedTo),
    after: before.slice(from, start) + fix.text + before.slice(end, trimmedTo),
    changedBefore: [start - from + same, end - from - sameEnd],
    changedAfter: [start - from + same, start - from + fix.text.length - sameEnd],
  };
}

/** Offsets of a message's start and end in `text` (line and column are 1-based, columns in code points). */
function messageRange(m: LintMessage, lines: LineIndex): Range {
  const start = lines.offset(m.line, m.column);
  return [start, m.endLine ? lines.offset(m.endLine, m.endColumn ?? m.column) : start];
}

/**
 * Problems in `after` that `before` did not have, once the change [start, end) → `length` units is taken into
 * account: a problem away from the change must stand where it stood (moved by the change), one that touched it
 * may stay or go, but nothing may appear.
 */
export function newProblems(before: LintResult, beforeText: string, after: LintResult, afterText: string, start: number, end: number, length: number): LintMessage[] {
  const delta = length - (end - start);
  const beforeLines = new LineIndex(beforeText);
  const afterLines = new LineIndex(afterText);
  const away = new Map<string, number>();
  const touched = new Map<string | null, number>();
  const bump = <K>(map: Map<K, number>, key: K, by: number): void => void map.set(key, (map.get(key) ?? 0) + by);
  for (const m of before.messages) {
    const [a, b] = messageRange(m, beforeLines);
    if (b < start || (b === start && a < start)) bump(away, `${m.ruleId}@${a}`, 1);
    else if (a >= end && !(a === end && b === end && end === start)) bump(away, `${m.ruleId}@${a + delta}`, 1);
    else bump(touched, m.ruleId, 1);
  }
  return after.messages.filter((m) => {
    const key = `${m.ruleId}@${messageRange(m, afterLines)[0]}`;
    if ((away.get(key) ?? 0) > 0) return bump(away, key, -1), false;
    if ((touched.get(m.ruleId) ?? 0) > 0) return bump(touched, m.ruleId, -1), false;
    return true;
  });
}

/**
 * Lint, change, lint again, until nothing more applies (at most MAX_FIX_PASSES passes). Each change is applied
 * alone and the text linted again: a change that would make a new problem is refused, the text keeps its words and
 * the problem says why. Text a change inserted is never changed again, so a wording that still contains the phrase
 * it replaces cannot grow the file pass after pass.
 */
export function fixUntilStable(text: string, lint: (text: string) => LintResult, options: FixOptions = {}): FixLoopResult {
  let current = text;
  let result = lint(current);
  /** Text changes inserted: never changed again. */
  let settled: Range[] = [];
  /** Changes the user declined (--interactive): not offered again. */
  let declined: Range[] = [];
  /** Changes refused, with the reason, moved along as the text changes. */
  /** `after`: how many changes had been made when it was refused. */
  let refused: { range: Range; text: string; reason: string; after: number }[] = [];
  const changes: FixChange[] = [];
  let passes = 0;
  const crlf = usesCrlf(text);
  const changeOf = (m: LintMessage): { fix: Fix; kind: FixChange['kind'] } | undefined => {
    const offered = m.fix ? (options.fixes !== false ? { fix: m.fix, kind: 'fix' as const } : undefined)
      : options.suggestions && m.suggestions?.[0] ? { fix: m.suggestions[0].fix, kind: 'suggestion' as const } : undefined;
    const [start, end] = offered?.fix.range ?? [0, 0];
    if (!offered || overlaps(offered.fix.range, settled) || declined.some((d) => d[0] === start && d[1] === end)) return undefined;
    // A refused change is tried again only once other changes were made (the greeting it lacked may be there now).
    if (refused.some((r) => r.range[0] === start && r.range[1] === end && r.text === offered.fix.text && r.after === changes.length)) return undefined;
    return { fix: { range: offered.fix.range, text: replacementText(offered.fix, crlf) }, kind: offered.kind };
  };
  while (passes < (options.maxPasses ?? MAX_FIX_PASSES)) {
    const offered = new Map<LintMessage, FixChange['kind']>();
    const candidates: LintMessage[] = [];
    for (const m of result.messages) {
      const change = changeOf(m);
      if (!change) continue;
      const candidate = { ...m, fix: change.fix };
      offered.set(candidate, change.kind);
      candidates.push(candidate);
    }
    // Fixes first: suggestions only once no fix is left to apply — unless someone is asked about each change, who is
    // asked top to bottom. The widest of competing changes, the others wait for a later pass; then in text order.
    const fixes = options.confirm ? [] : candidates.filter((m) => offered.get(m) === 'fix');
    const chosen = applyFixes(current, fixes.length ? fixes : candidates).fixed;
    if (!chosen.length) break;
    passes++;
    let delta = 0;
    for (const m of chosen) {
      const fix: Fix = { range: [m.fix!.range[0] + delta, m.fix!.range[1] + delta], text: m.fix!.text };
      const [start, end] = fix.range;
      if (current.slice(start, end) === fix.text) {
        declined.push([start, end]);
        continue;
      }
      const next = current.slice(0, start) + fix.text + current.slice(end);
      const nextResult = lint(next);
      const made = newProblems(result, current, nextResult, next, start, end, fix.text.length);
      if (made.length) {
        refused.push({ range: [start, end], text: fix.text, after: changes.length, reason: `it would make a new problem: ${made[0].ruleId ?? ''} ${made[0].message}`.trim() });
        continue;
      }
      // Asked only about changes that can be made.
      const change = describe(current, fix, m, offered.get(m)!, new LineIndex(current));
      if (options.confirm && !options.confirm(change)) {
        declined.push([start, end]);
        continue;
      }
      refused = refused.filter((r) => !(r.range[0] === start && r.range[1] === end && r.text === fix.text));
      settled = [...shifted(settled, start, end, fix.text.length), [start, start + fix.text.length]];
      declined = shifted(declined, start, end, fix.text.length);
      refused = refused.map((r) => ({ ...r, range: shifted([r.range], start, end, fix.text.length)[0] }));
      delta += fix.text.length - (end - start);
      current = next;
      result = nextResult;
      changes.push(change);
    }
  }
  const final = settled.length || refused.length ? settle(result, settled, refused) : result;
  return { output: current, result: final, fixCount: changes.length, passes, changes, refusedCount: final.messages.filter((m) => m.fixRefused).length };
}

/**
 * The final result: problems inside inserted text are reported but no longer offer changes; a problem whose change
 * was refused says why, and its fix is kept only as a suggestion.
 */
function settle(result: LintResult, settled: readonly Range[], refused: readonly { range: Range; text: string; reason: string; after: number }[]): LintResult {
  let touchedAny = false;
  const messages = result.messages.map((m): LintMessage => {
    const own = m.fix ?? m.suggestions?.[0]?.fix;
    if (!own) return m;
    const refusal = refused.find((r) => own.range[0] === r.range[0] && own.range[1] === r.range[1] && own.text === r.text);
    if (refusal) {
      touchedAny = true;
      const { fix, ...rest } = m;
      const suggestions = fix ? [{ desc: fix.text, fix }, ...(m.suggestions ?? [])] : m.suggestions;
      return { ...rest, ...(suggestions ? { suggestions } : {}), fixRefused: refusal.reason };
    }
    if (overlaps(own.range, settled.filter(([a, b]) => b > a))) {
      touchedAny = true;
      const { fix: _fix, suggestions: _suggestions, ...rest } = m;
      return rest;
    }
    return m;
  });
  return touchedAny ? summarize(result.filePath, messages, result.meta, result.notEvaluated, result.suppressedMessages) : result;
}
