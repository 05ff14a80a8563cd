// --stats: how often each rule fired over a run, and which active rules never fired (dead or mistargeted rules).
import { plural } from './formatter.js';
import type { LintResult } from '../types.js';
import { formatTable } from './text-table.js';
import { terminalSafe } from './terminal-text.js';

export interface RuleCount {
  ruleId: string;
  /** Problems reported. */
  problems: number;
  /** Files with at least one. */
  files: number;
}

export interface RuleStats {
  files: number;
  /** Rules that fired, most problems first. */
  fired: RuleCount[];
  /** Active rules that fired nowhere, in pack order. */
  neverFired: string[];
}

/** Problems per rule, counted one result at a time (a run over an archive keeps the counts, not the results). */
export class RuleTally {
  private readonly counts = new Map<string, RuleCount>();
  files = 0;

  add(result: LintResult): void {
    this.files++;
    const seen = new Set<string>();
    for (const { ruleId } of result.messages) {
      if (ruleId === null) continue;
      let count = this.counts.get(ruleId);
      if (!count) this.counts.set(ruleId, (count = { ruleId, problems: 0, files: 0 }));
      count.problems++;
      if (!seen.has(ruleId)) {
        seen.add(ruleId);
        count.files++;
      }
    }
  }

  has(ruleId: string): boolean {
    return this.counts.has(ruleId);
  }

  /** The rules that fired, copies in the order they first did. */
  fired(): RuleCount[] {
    return [...this.counts.values()].map((count) => ({ ...count }));
  }

  static of(results: readonly LintResult[]): RuleTally {
    const tally = new RuleTally();
    for (const result of results) tally.add(result);
    return tally;
  }
}

/** Count the reported problems per rule; `activeRuleIds` are the rules that could have fired. */
export function ruleStats(results: readonly LintResult[] | RuleTally, activeRuleIds: readonly string[]): RuleStats {
  const tally = results instanceof RuleTally ? results : RuleTally.of(results);
  const fired = tally.fired().sort((a, b) => b.problems - a.problems || b.files - a.files || a.ruleId.localeCompare(b.ruleId));
  return { files: tally.files, fired, neverFired: activeRuleIds.filter((id) => !tally.has(id)) };
}

export function formatRuleStats(stats: RuleStats): string {
  const out = [`Rule statistics over ${plural(stats.files, 'file')}:`];
  if (stats.fired.length) {
    const rows = [['problems', 'files', 'rule'], ...stats.fired.map((c) => [String(c.problems), String(c.files), c.ruleId])];
    out.push(...formatTable(rows, [{ right: true }, { right: true }, {}], '  '));
  } else {
    out.push('  no rule fired');
  }
  const active = stats.fired.length + stats.neverFired.length;
  out.push(stats.neverFired.length
    ? `Never fired (${stats.neverFired.length} of ${plural(active, 'active rule')}):\n${stats.neverFired.map((id) => `  ${terminalSafe(id)}`).join('\n')}`
    : `Every active rule fired at least once (${active}).`);
  return `${out.join('\n')}\n`;
}
