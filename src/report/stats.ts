// Figures shared by the summary and the HTML report: problems per rule, the score distribution, groups ranked.
import { ruleStats as countRules, type RuleCount } from './rule-stats.js';
import type { LintResult } from '../types.js';
import { groupKey, type GroupBy } from './group-by.js';

/** Problems per rule, the rules broken in the most calls first. */
export function rulesByCalls(results: readonly LintResult[]): RuleCount[] {
  return countRules(results, []).fired.sort((a, b) => b.files - a.files || b.problems - a.problems || a.ruleId.localeCompare(b.ruleId));
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
  worstRules: RuleCount[];
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
    worstRules: rulesByCalls(list),
  })).sort((a, b) => (a.score.average ?? 101) - (b.score.average ?? 101) || b.problems - a.problems || String(a.key).localeCompare(String(b.key)));
}
