// Scorecards, the way QA teams grade calls: each active rule carries a weight; a call loses the weight of every
// rule it breaks (once per rule, however often it breaks it), a broken critical rule fails the call outright,
// and rules that could not be evaluated on a call (timing without timestamps, …) leave its denominator.
import { ConfigError } from '../config/errors.js';
import type { ResolvedConfig } from '../config/load.js';
import type { LintResult, Score } from '../types.js';
import type { RuleMeta } from './rule-meta.js';

export interface ScorecardSettings {
  /** Least points for five, four, three and two stars, highest first. */
  stars: [number, number, number, number];
  defaultWeight: number;
  /** Calls with fewer points fail; undefined: only critical rules fail a call. */
  pass?: number;
}

export const DEFAULT_SCORECARD: ScorecardSettings = { stars: [90, 75, 60, 40], defaultWeight: 1 };

/** The `scorecard:` keys of every loaded pack, later ones (the config is loaded last) winning key by key. */
export function scorecardSettings(config: ResolvedConfig): ScorecardSettings {
  const settings: ScorecardSettings = { ...DEFAULT_SCORECARD };
  for (const pack of config.packs) {
    const def = pack.data.scorecard;
    if (!def) continue;
    if (def.stars) {
      const [five, four, three, two] = def.stars;
      if (!(five >= four && four >= three && three >= two)) {
        throw new ConfigError([pack.yaml.issueAt(['scorecard', 'stars'], 'star thresholds must go from highest to lowest',
          'list the least points for five, four, three and two stars, e.g. [90, 75, 60, 40]')]);
      }
      settings.stars = [five, four, three, two];
    }
    if (def['default-weight'] !== undefined) settings.defaultWeight = def['default-weight'];
    if (def.pass !== undefined) settings.pass = def.pass;
  }
  return settings;
}

export function starsFor(points: number, settings: ScorecardSettings): number {
  return 1 + settings.stars.filter((least) => points >= least).length;
}

/**
 * The call's grade; undefined when there is nothing to grade: the file could not be linted, has no speaker turns,
 * is in another language than the packs (notLinted), or no active rule could be evaluated on it.
 */
export function scoreResult(result: LintResult, rules: readonly RuleMeta[], settings: ScorecardSettings = DEFAULT_SCORECARD): Score | undefined {
  if (result.fatalErrorCount > 0 || result.notLinted) return undefined;
  const skipped = new Set(result.notEvaluated ?? []);
  const broken = new Set<string>();
  for (const m of result.messages) if (m.ruleId !== null) broken.add(m.ruleId);
  let possible = 0;
  let lost = 0;
  const critical: string[] = [];
  for (const rule of rules) {
    if (rule.severity === 0 || skipped.has(rule.id)) continue;
    const weight = rule.weight ?? settings.defaultWeight;
    possible += weight;
    if (!broken.has(rule.id)) continue;
    lost += weight;
    if (rule.critical) critical.push(rule.id);
  }
  if (possible === 0) return undefined;
  const kept = (100 * (possible - lost)) / possible;
  const points = critical.length ? 0 : Math.round(kept * 10) / 10;
  const failed = critical.length > 0 || (settings.pass !== undefined && points < settings.pass);
  return { points, stars: starsFor(points, settings), failed, critical };
}

/** The result with its score attached (a new object; the result passed in is not changed). */
export function withScore(result: LintResult, rules: readonly RuleMeta[], settings?: ScorecardSettings): LintResult {
  const score = scoreResult(result, rules, settings);
  return score ? { ...result, score } : result;
}
