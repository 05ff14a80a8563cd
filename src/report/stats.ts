// Figures shared by the summary and the HTML report: problems per rule, the score distribution, groups ranked.
import type { LintResult } from '../types.js';
import { groupKey, type GroupBy } from './group-by.js';

export interface RuleStats {
  id: string;
  problems: number;
  /** Calls with at least one problem of this rule. */
  calls: number;
  errors: number;
  warnings: number;
}

/** Problems per rule, the rules broken in most calls first. */
export function ruleStats(results: readonly LintResult[]): RuleStats[] {
  const byId = new Map<string, RuleStats>();
  for (const result of results) {
    const seen = new Set<string>();
    for (const m of result.messages) {
      if (m.ruleId === null) continue;
      let stats = byId.get(m.ruleId);
      if (!stats) byId.set(m.ruleId, (stats = { id: m.ruleId, problems: 0, calls: 0, errors: 0, warnings: 0 }));
      stats.problems++;
      if (m.severity === 2) stats.errors++;
      else stats.warnings++;
      if (!seen.has(m.ruleId)) {
        seen.add(m.ruleId);
        stats.calls++;
      }
    }
  }
  return [...byId.values()].sort((a, b) => b.calls - a.calls || b.problems - a.problems || a.id.localeCompare(b.id));
}

export interface ScoreStats {
  scored: number;
  /** Calls with one to five stars: index 1 … 5 (index 0 unused). */
  stars: number[];
  average?: number;
  failed: number;
}

export function scoreStats(results: readonly LintResult[]): ScoreStats {
  const stats: ScoreStats = { scored: 0, stars: [0, 0, 0, 0, 0, 0], failed: 0 };
  let sum = 0;
  for (const { score } of results) {
    if (!score) continue;
    stats.scored++;
    stats.stars[score.stars]++;
    sum += score.points;
    if (score.failed) stats.failed++;
  }
  if (stats.scored) stats.average = Math.round((sum / stats.scored) * 10) / 10;
  return stats;
}

export interface GroupStats {
  /** The group's name; undefined for calls that belong to no group (no such metadata, path not matched). */
  key: string | undefined;
  calls: number;
  problems: number;
  score: ScoreStats;
  /** The rules broken in most of the group's calls, most first. */
  worstRules: RuleStats[];
}

/** Calls per group, the lowest average score (who needs coaching most) first. */
export function groupStats(results: readonly LintResult[], groupBy: GroupBy): GroupStats[] {
  const members = new Map<string | undefined, LintResult[]>();
  for (const result of results) {
    const key = groupKey(result, groupBy);
    const list = members.get(key);
    if (list) list.push(result);
    else members.set(key, [result]);
  }
  return [...members].map(([key, list]) => ({
    key,
    calls: list.length,
    problems: list.reduce((n, r) => n + r.messages.length, 0),
    score: scoreStats(list),
    worstRules: ruleStats(list),
  })).sort((a, b) => (a.score.average ?? 101) - (b.score.average ?? 101) || b.problems - a.problems || String(a.key).localeCompare(String(b.key)));
}
