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

/** Count the reported problems per rule; `activeRuleIds` are the rules that could have fired. */
export function ruleStats(results: readonly LintResult[], activeRuleIds: readonly string[]): RuleStats {
  const counts = new Map<string, RuleCount>();
  for (const result of results) {
    const seen = new Set<string>();
    for (const message of result.messages) {
      if (message.ruleId === null) continue;
      let count = counts.get(message.ruleId);
      if (!count) counts.set(message.ruleId, (count = { ruleId: message.ruleId, problems: 0, files: 0 }));
      count.problems++;
      if (!seen.has(message.ruleId)) {
        seen.add(message.ruleId);
        count.files++;
      }
    }
  }
  const fired = [...counts.values()].sort((a, b) => b.problems - a.problems || b.files - a.files || a.ruleId.localeCompare(b.ruleId));
  return { files: results.length, fired, neverFired: activeRuleIds.filter((id) => !counts.has(id)) };
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
