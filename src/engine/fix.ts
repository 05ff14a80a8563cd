// Fixes: text + messages → new text, as ESLint's source-code-fixer does. Pure: nothing here reads or writes files.
import type { Fix, LintMessage, LintResult } from '../types.js';
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

export interface FixLoopResult {
  /** The text after every pass. */
  output: string;
  /** The lint result of `output`. */
  result: LintResult;
  /** How many fixes were applied in all. */
  fixCount: number;
  passes: number;
}

/** Offsets of earlier insertions, moved through one pass's edits (which never overlap them). */
function shiftRanges(ranges: [number, number][], pass: AppliedFixes): [number, number][] {
  const edits = pass.fixed.map((m, i) => ({ start: m.fix!.range[0], end: m.fix!.range[1], delta: pass.inserted[i][1] - pass.inserted[i][0] - (m.fix!.range[1] - m.fix!.range[0]) }));
  return ranges.map(([start, end]) => {
    const shift = edits.filter((e) => e.end <= start).reduce((sum, e) => sum + e.delta, 0);
    return [start + shift, end + shift];
  });
}

const overlaps = (range: [number, number], ranges: readonly [number, number][]): boolean =>
  ranges.some(([start, end]) => range[0] < end && start < range[1]);

/**
 * Lint, fix, lint again, up to MAX_FIX_PASSES times, until no fix applies. Text that a fix inserted is never
 * fixed again, so a suggestion that still contains the phrase it replaces cannot grow the file pass after pass.
 */
export function fixUntilStable(text: string, lint: (text: string) => LintResult, maxPasses = MAX_FIX_PASSES): FixLoopResult {
  let current = text;
  let inserted: [number, number][] = [];
  let fixCount = 0;
  let passes = 0;
  let result = lint(current);
  const withoutRefixes = (r: LintResult): LintMessage[] =>
    r.messages.map((m) => {
      if (!m.fix || !overlaps(m.fix.range, inserted)) return m;
      const { fix: _refix, ...unfixable } = m;
      return unfixable;
    });
  while (passes < maxPasses) {
    const pass = applyFixes(current, withoutRefixes(result));
    if (!pass.fixed.length || pass.output === current) break;
    passes++;
    fixCount += pass.fixed.length;
    inserted = [...shiftRanges(inserted, pass), ...pass.inserted];
    current = pass.output;
    result = lint(current);
  }
  if (inserted.length && result.messages.some((m) => m.fix && overlaps(m.fix.range, inserted))) {
    // Problems left inside inserted text are reported, but no longer counted as fixable.
    result = summarize(result.filePath, withoutRefixes(result), result.meta, result.notEvaluated, result.suppressedMessages);
  }
  return { output: current, result, fixCount, passes };
}
