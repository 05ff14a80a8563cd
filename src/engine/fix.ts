// Fixes: text + messages → new text, as ESLint's source-code-fixer does. Pure: nothing here reads or writes files.
import type { Fix, LintMessage, LintResult } from '../types.js';
import { partitionPoint } from '../rules/rule-kind.js';
import { lineBreakAt } from '../text/line-breaks.js';
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

/** A fix's text as written into `text`: with the line break of the line it stands on (`\r\n`, `\r` or `\n`). */
export function replacementText(fix: Fix, text: string): string {
  if (fix.text.indexOf('\n') < 0 && fix.text.indexOf('\r') < 0) return fix.text;
  const lineBreak = lineBreakAt(text, fix.range[1]);
  return fix.text.replace(/\r\n?|\n/g, lineBreak);
}

/** Whether a fix still fits a text of this length (a stale one does not). */
export function fixFits(fix: Fix, length: number): boolean {
  return fix.range[0] <= fix.range[1] && fix.range[1] <= length;
}

/**
 * Apply every fix that neither overlaps nor touches another. Where fixes compete, the widest wins (the
 * wording for 你说什么 over the one for 你 inside it), then the first; the others wait for a further pass,
 * as in ESLint, and so does a narrower fix inside the words of one that waits. Replacement text takes the file's
 * line ending.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): AppliedFixes {
  const fixable = messages.filter((m) => m.fix && fixFits(m.fix, text.length));
  const width = (m: LintMessage): number => m.fix!.range[1] - m.fix!.range[0];
  const chosen: LintMessage[] = [];
  const skipped: LintMessage[] = [];
  for (const message of [...fixable].sort((a, b) => width(b) - width(a) || a.fix!.range[0] - b.fix!.range[0])) {
    const [start, end] = message.fix!.range;
    const clashes = chosen.some((c) => start <= c.fix!.range[1] && c.fix!.range[0] <= end)
      // A wider change that waits keeps its words for the next pass: a narrower one inside them would change the
      // words it replaces whole (你 → 您 made 你说什么 您说什么, which its rule no longer finds, and the wording for
      // 你说什么 was never written when it waited for a change beside it).
      || skipped.some((s) => start < s.fix!.range[1] && s.fix!.range[0] < end);
    (clashes ? skipped : chosen).push(message);
  }
  chosen.sort((a, b) => a.fix!.range[0] - b.fix!.range[0]);
  const parts: string[] = [];
  const inserted: [number, number][] = [];
  let copiedTo = 0;
  let length = 0;
  for (const message of chosen) {
    const [start, end] = message.fix!.range;
    const replacement = replacementText(message.fix!, text);
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
  /**
   * Whether a rule's problems are words of a turn (a banned phrase), which a change of part of them must not make
   * disappear: 你 → 您 inside 你自己看 left 您自己看, still blame, no longer reported. Absent: no such check.
   */
  flagsWords?: (ruleId: string) => boolean;
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

/**
 * Whether a change would alter text a change inserted: it overlaps an inserted range without replacing more than the
 * whole of it. A wider change (a suggestion for the whole sentence around a word a fix replaced) is what a second run
 * would make: made now, so that --fix done twice changes nothing the second time.
 */
const altersInserted = (range: Range, inserted: readonly Range[]): boolean =>
  inserted.some(([start, end]) => range[0] < end && start < range[1] && !(range[0] <= start && end <= range[1] && range[1] - range[0] > end - start));

/**
 * The text a change inserted, as ranges of its replacement: all of it, but only the characters that differ where
 * the replacement is as long as the words. One problem's fix for two 你 of a line keeps the words between them
 * (你那片区在检修，你 → 您那片区在检修，您), which a later change may replace; a wording that contains the words it
 * replaces (不知道 → 我也不知道) is longer, and stays whole, so it is not changed again and again.
 */
function insertedRuns(original: string, replacement: string, flagged?: Range): Range[] {
  if (original.length !== replacement.length) return [wordsInserted(original, replacement, flagged)];
  const runs: Range[] = [];
  for (let i = 0; i < replacement.length; i++) {
    if (original[i] === replacement[i]) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}

/**
 * What a replacement of another length inserted: all of it, less the words before and after the flagged ones that it
 * carries over unchanged (`flagged`: the problem's words, relative to the replaced span). A clause or sentence fix
 * writes the words around the problem back (好的，你的账单我看一下，不知道 → 好的，你的账单我看一下，我先帮您咨询一下):
 * those are the file's words, and another problem in them (你) is fixed in a later pass — it was held as inserted text,
 * and fixed by a second --fix run. The flagged words themselves stay inserted where the wording keeps them (不知道 →
 * 我也不知道), so that a wording is not changed again and again.
 */
function wordsInserted(original: string, replacement: string, flagged: Range | undefined): Range {
  if (!flagged || flagged[1] <= 0 || flagged[0] >= original.length) return [0, replacement.length];
  const limit = Math.min(original.length, replacement.length);
  let same = 0;
  while (same < Math.min(limit, Math.max(0, flagged[0])) && original[same] === replacement[same]) same++;
  let sameEnd = 0;
  const endLimit = Math.min(limit - same, original.length - Math.min(original.length, flagged[1]));
  while (sameEnd < endLimit && original[original.length - 1 - sameEnd] === replacement[replacement.length - 1 - sameEnd]) sameEnd++;
  return [same, replacement.length - sameEnd];
}

/** Ranges after replacing [start, end) by `length` units (ranges never overlap the replaced span). */
function shifted(ranges: readonly Range[], start: number, end: number, length: number): Range[] {
  const delta = length - (end - start);
  return ranges.map(([a, b]) => (a >= end ? [a + delta, b + delta] : [a, b]));
}

const SENTENCE_END = /[。！？!?…\n\r]/;

/** The sentence(s) around [start, end) of `text`, with the mark that ends them (not a line break): [from, to). */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from--;
  while (from < start && /\s/.test(text[from])) from++;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to])) to++;
  if (to < text.length && text[to] !== '\n' && text[to] !== '\r') to++;
  return [from, to];
}

/** The sentence(s) around [start, end) before and after replacing it by `text`. */
function describe(before: string, fix: Fix, message: LintMessage, kind: FixChange['kind'], lines: LineIndex): FixChange {
  const [start, end] = fix.range;
  // A line taken out whole (an unused disable comment): the line itself, not a "sentence" running into the next one.
  const removed = before.slice(start, end);
  if (!fix.text && removed.endsWith('\n') && (start === 0 || before[start - 1] === '\n')) {
    const line = removed.replace(/\r?\n$/, '');
    const { line: at, column } = lines.position(start);
    return { ruleId: message.ruleId, kind, line: at, column, before: line, after: '', changedBefore: [0, line.length], changedAfter: [0, 0] };
  }
  const [from, to] = sentenceAround(before, start, end);
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

/** Where a problem's words stand, relative to the start of the span its change replaces. */
const flaggedIn = (m: LintMessage, change: Fix, lines: LineIndex): Range => messageRange(m, lines).map((at) => at - change.range[0]) as Range;

/** A change of a text: [start, end) replaced by `length` units; `runs`: the stretches whose characters it changes. */
interface Replacement {
  start: number;
  end: number;
  length: number;
  runs: Range[];
  /** The rule whose problem the change fixes: its own words may go (a fix spanning two 你 keeps the words between). */
  ruleId: string | null;
}

/**
 * `fix` as a Replacement of `text`. A replacement as long as its words changes the characters that differ (one 你 →
 * 您 fix spanning two 你 of a line changes those two only); any other replaces its words whole.
 */
function replacementOf(text: string, fix: Fix, ruleId: string | null): Replacement {
  const [start, end] = fix.range;
  const original = text.slice(start, end);
  const runs = original.length === fix.text.length ? insertedRuns(original, fix.text).map(([a, b]): Range => [start + a, start + b]) : [[start, end] as Range];
  return { start, end, length: fix.text.length, runs, ruleId };
}

/** Whether [a, b) has a character that none of `runs` changes. */
const partlyKept = (a: number, b: number, runs: readonly Range[]): boolean => {
  let at = a;
  for (const [from, to] of runs) {
    if (to <= at) continue;
    if (from > at) return true;
    at = to;
    if (at >= b) return false;
  }
  return at < b;
};

/**
 * Problems in `after` that `before` did not have, once several changes made at once (sorted, not overlapping, offsets
 * in `beforeText`) are taken into account, each new problem with the change it stands by: a problem away from the
 * changes must stand where it stood (moved by them); one that touched a change may stay or go as if that change alone
 * were made; nothing may appear.
 * Linear in the problems (a binary search each): one lint checks a whole pass of changes.
 */
function newProblems(before: LintResult, beforeText: string, after: LintResult, afterText: string, changes: readonly Replacement[],
  flagsWords?: (ruleId: string) => boolean): { message: LintMessage; change: number; hidden?: boolean }[] {
  // Where each change stands in `after`, and by how much it moved what follows it.
  const afterStarts: number[] = [];
  const shiftAfter: number[] = [];
  let delta = 0;
  for (const change of changes) {
    afterStarts.push(change.start + delta);
    delta += change.length - (change.end - change.start);
    shiftAfter.push(delta);
  }
  const beforeLines = new LineIndex(beforeText);
  const afterLines = new LineIndex(afterText);
  const away = new Map<string, number>();
  const touched = new Map<string, number>();
  const partly = new Map<string, LintMessage>();
  const bump = <K>(map: Map<K, number>, key: K, by: number): void => void map.set(key, (map.get(key) ?? 0) + by);
  for (const m of before.messages) {
    const [a, b] = messageRange(m, beforeLines);
    // The first change that does not lie wholly before the problem (the same tests as for one change).
    const next = partitionPoint(changes, (c) => a >= c.end && !(a === c.end && b === c.end && c.end === c.start));
    const change = changes[next];
    const moved = next > 0 ? shiftAfter[next - 1] : 0;
    if (!change || b < change.start || (b === change.start && a < change.start)) bump(away, `${m.ruleId}@${a + moved}`, 1);
    else {
      bump(touched, `${m.ruleId}#${next}`, 1);
      // Words the change replaces only part of: if their problem goes, the change hid it.
      if (m.ruleId && m.ruleId !== change.ruleId && flagsWords?.(m.ruleId) && partlyKept(a, b, change.runs)) partly.set(`${m.ruleId}#${next}`, m);
    }
  }
  const made: { message: LintMessage; change: number; hidden?: boolean }[] = [];
  for (const m of after.messages) {
    const at = messageRange(m, afterLines)[0];
    const key = `${m.ruleId}@${at}`;
    if ((away.get(key) ?? 0) > 0) {
      bump(away, key, -1);
      continue;
    }
    // The change nearest to where the problem starts now.
    const i = partitionPoint(afterStarts, (s) => s <= at);
    const change = i === 0 ? 0 : i === changes.length || at - (afterStarts[i - 1] + changes[i - 1].length) <= afterStarts[i] - at ? i - 1 : i;
    const own = `${m.ruleId}#${change}`;
    if ((touched.get(own) ?? 0) > 0) bump(touched, own, -1);
    else made.push({ message: m, change });
  }
  for (const [key, message] of partly) {
    if ((touched.get(key) ?? 0) > 0) made.push({ message, change: Number(key.slice(key.lastIndexOf('#') + 1)), hidden: true });
  }
  return made;
}

/** Why a change is refused: the problem it would make, or hide. */
const refusal = ({ message, hidden }: { message: LintMessage; hidden?: boolean }): string =>
  `it would ${hidden ? 'hide a problem' : 'make a new problem'}: ${message.ruleId ?? ''} ${message.message}`.trim();

/**
 * Why --fix would refuse the fix of `message` alone in `text` (whose lint is `result`): the problem it would make or
 * hide; undefined when it would make it. The language server asks this of each quick fix, so that the one it prefers
 * is one --fix would write.
 */
export function refusalOf(text: string, result: LintResult, message: LintMessage & { fix: Fix }, lint: (text: string) => LintResult, flagsWords?: (ruleId: string) => boolean): string | undefined {
  const fix = { range: message.fix.range, text: replacementText(message.fix, text) };
  const next = applied(text, [fix]);
  const made = newProblems(result, text, lint(next), next, [replacementOf(text, fix, message.ruleId)], flagsWords);
  return made.length ? refusal(made[0]) : undefined;
}

/** A change planned in a pass: the message it comes from, and the fix with the file's line ending. */
interface Planned {
  message: LintMessage;
  fix: Fix;
  /** The fix where it stood in the text the pass started from (`fix` moves as earlier changes are made). */
  origin: Fix;
}

/** Text with sorted, non-overlapping fixes applied. */
function applied(text: string, fixes: readonly Fix[]): string {
  const parts: string[] = [];
  let copiedTo = 0;
  for (const { range, text: replacement } of fixes) {
    parts.push(text.slice(copiedTo, range[0]), replacement);
    copiedTo = range[1];
  }
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

/** `fix` moved by `delta` units. */
const movedBy = (fix: Fix, delta: number): Fix => ({ range: [fix.range[0] + delta, fix.range[1] + delta], text: fix.text });

/**
 * Which of a pass's changes (sorted, not overlapping, offsets in `text`) can be made without making a new problem:
 * all of them are made and the text linted once; when that made a new problem, each half is checked in turn (the
 * second against the text with the first half's accepted changes), down to the change that made it. One lint per
 * pass when no change is refused, about log₂(changes) more per refused one — where linting after every change made
 * a long script's --fix quadratic.
 */
function checkChanges(text: string, result: LintResult, planned: readonly Planned[], lint: (text: string) => LintResult,
  refuse: (change: Planned, reason: string, acceptedBefore: number) => void, flagsWords: FixOptions['flagsWords'], acceptedBefore = 0): { text: string; result: LintResult; accepted: Planned[] } {
  if (!planned.length) return { text, result, accepted: [] };
  const next = applied(text, planned.map((p) => p.fix));
  const nextResult = lint(next);
  const changes = planned.map(({ fix, message }) => replacementOf(text, fix, message.ruleId));
  const made = newProblems(result, text, nextResult, next, changes, flagsWords);
  if (!made.length) return { text: next, result: nextResult, accepted: [...planned] };
  if (planned.length === 1) {
    refuse(planned[0], refusal(made[0]), acceptedBefore);
    return { text, result, accepted: [] };
  }
  const half = planned.length >> 1;
  const first = checkChanges(text, result, planned.slice(0, half), lint, refuse, flagsWords, acceptedBefore);
  // The second half, moved by what the first half's accepted changes added or removed before it.
  const delta = first.accepted.reduce((sum, p) => sum + p.fix.text.length - (p.fix.range[1] - p.fix.range[0]), 0);
  const rest = planned.slice(half).map((p) => ({ ...p, fix: movedBy(p.fix, delta) }));
  const second = checkChanges(first.text, first.result, rest, lint, refuse, flagsWords, acceptedBefore + first.accepted.length);
  return { text: second.text, result: second.result, accepted: [...first.accepted, ...second.accepted] };
}

/**
 * Lint, change, lint again, until nothing more applies (at most MAX_FIX_PASSES passes). A change that would make a
 * new problem is refused, the text keeps its words and the problem says why: each pass's changes are checked
 * together, and apart only when together they made a new problem (checkChanges); with --interactive each change is
 * checked alone before it is asked about. Text a change inserted is never changed again, so a wording that still
 * contains the phrase it replaces cannot grow the file pass after pass.
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
  const changeOf = (m: LintMessage): { fix: Fix; kind: FixChange['kind'] } | undefined => {
    const offered = m.fix ? (options.fixes !== false ? { fix: m.fix, kind: 'fix' as const } : undefined)
      : options.suggestions && m.suggestions?.[0] ? { fix: m.suggestions[0].fix, kind: 'suggestion' as const } : undefined;
    const [start, end] = offered?.fix.range ?? [0, 0];
    if (!offered || altersInserted(offered.fix.range, settled) || declined.some((d) => d[0] === start && d[1] === end)) return undefined;
    // A refused change is tried again only once other changes were made (the greeting it lacked may be there now).
    if (refused.some((r) => r.range[0] === start && r.range[1] === end && r.text === offered.fix.text && r.after === changes.length)) return undefined;
    return { fix: { range: offered.fix.range, text: replacementText(offered.fix, current) }, kind: offered.kind };
  };
  // Where the pass started from: refusals are moved along with the changes accepted (in text order) after them.
  const refuse = (change: Planned, reason: string, acceptedBefore: number): void => {
    const { range, text: replacement } = change.origin;
    refused.push({ range: [...range], text: replacement, after: changes.length + acceptedBefore, reason });
  };
  /** Record a change made to `before` (the text just before it). */
  /** `flagged`: the problem's words, relative to the start of the span the change replaces. */
  const accept = (before: string, message: LintMessage, fix: Fix, kind: FixChange['kind'], flagged: Range, change = describe(before, fix, message, kind, new LineIndex(before))): void => {
    const [start, end] = fix.range;
    refused = refused.filter((r) => !(r.range[0] === start && r.range[1] === end && r.text === fix.text));
    const changed = insertedRuns(before.slice(start, end), fix.text, flagged).map(([a, b]): Range => [start + a, start + b]);
    settled = [...shifted(settled, start, end, fix.text.length), ...changed];
    declined = shifted(declined, start, end, fix.text.length);
    refused = refused.map((r) => ({ ...r, range: shifted([r.range], start, end, fix.text.length)[0] }));
    changes.push(change);
  };
  /**
   * --interactive: ask about the first of `ordered` that can be made alone (checked, then asked); false when none
   * can. Each question is one step; going back above the last question counts as a new pass.
   */
  const askNext = (ordered: readonly LintMessage[], offered: ReadonlyMap<LintMessage, FixChange['kind']>, confirm: (change: FixChange) => boolean): boolean => {
    for (const message of ordered) {
      const fix = message.fix!;
      const [start, end] = fix.range;
      // A change that would leave the words as they are is no change: not offered again.
      if (current.slice(start, end) === fix.text) {
        declined.push([start, end]);
        continue;
      }
      const checked = checkChanges(current, result, [{ message, fix, origin: fix }], lint, refuse, options.flagsWords);
      if (!checked.accepted.length) continue;
      if (start < asked || passes === 0) passes++;
      asked = start;
      const kind = offered.get(message)!;
      const lines = new LineIndex(current);
      const change = describe(current, fix, message, kind, lines);
      if (!confirm(change)) {
        declined.push([start, end]);
        return true;
      }
      accept(current, message, fix, kind, flaggedIn(message, fix, lines), change);
      current = checked.text;
      result = checked.result;
      return true;
    }
    return false;
  };
  /** --interactive: where the last question's change started; a question before it starts another pass. */
  let asked = -1;
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
    if (options.confirm) {
      // --interactive: one question at a time, in file order — the first change (the widest where several start at
      // once) that can be made now. A change another one made possible (什么事 once 喂 is gone) is asked next, not in
      // a later pass after the rest of the file: a trainer who answers q has been asked about everything above.
      if (!askNext(candidates.sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || b.fix!.range[1] - a.fix!.range[1]), offered, options.confirm)) break;
      continue;
    }
    // Fixes first: suggestions only once no fix is left to apply. The widest of competing changes, the others wait
    // for a later pass; then in text order.
    const fixes = candidates.filter((m) => offered.get(m) === 'fix');
    const chosen = applyFixes(current, fixes.length ? fixes : candidates).fixed;
    if (!chosen.length) break;
    passes++;
    // Where each problem's words stand, relative to its change (in the text the pass started from).
    const passLines = new LineIndex(current);
    // A change that would leave the words as they are is no change: not offered again.
    const planned: Planned[] = [];
    for (const m of chosen) {
      if (current.slice(m.fix!.range[0], m.fix!.range[1]) === m.fix!.text) declined.push([...m.fix!.range]);
      else planned.push({ message: m, fix: m.fix!, origin: m.fix! });
    }
    const checked = checkChanges(current, result, planned, lint, refuse, options.flagsWords);
    // Recorded in text order, each against the text just before it (what --fix-dry-run shows).
    let before = current;
    let delta = 0;
    for (const change of checked.accepted) {
      const fix = movedBy(change.origin, delta);
      accept(before, change.message, fix, offered.get(change.message)!, flaggedIn(change.message, change.origin, passLines));
      before = before.slice(0, fix.range[0]) + fix.text + before.slice(fix.range[1]);
      delta += fix.text.length - (fix.range[1] - fix.range[0]);
    }
    current = checked.text;
    result = checked.result;
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
    if (altersInserted(own.range, settled.filter(([a, b]) => b > a))) {
      touchedAny = true;
      const { fix: _fix, suggestions: _suggestions, ...rest } = m;
      return rest;
    }
    return m;
  });
  return touchedAny ? summarize(result.filePath, messages, result.meta, result.notEvaluatedReasons, result.suppressedMessages) : result;
}
