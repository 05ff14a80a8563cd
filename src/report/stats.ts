// Figures shared by the summary and the HTML report: problems per rule, the score distribution, groups ranked.
// Counted one result at a time (RunStats), so that a run over an archive keeps the figures, not the results.
import { RuleTally, type RuleCount } from './rule-stats.js';
import type { LintResult } from '../types.js';
import { addToTotals, emptyTotals, type Totals } from './formatter.js';
import { groupKey, type GroupBy } from './group-by.js';

const MAX_META_NAMES_SHOWN = 12;

/** The rules of a tally, those broken in the most calls first. */
function byCalls(rules: RuleTally): RuleCount[] {
  return rules.fired().sort((a, b) => b.files - a.files || b.problems - a.problems || a.ruleId.localeCompare(b.ruleId));
}

export interface ScoreStats {
  scored: number;
  /** Calls with one to five stars: index 1 … 5 (index 0 unused). */
  stars: number[];
  average?: number;
  failed: number;
}

class ScoreTally {
  private readonly stats: ScoreStats = { scored: 0, stars: [0, 0, 0, 0, 0, 0], failed: 0 };
  private sum = 0;

  add({ score }: LintResult): void {
    if (!score) return;
    this.stats.scored++;
    this.stats.stars[score.stars]++;
    this.sum += score.points;
    if (score.failed) this.stats.failed++;
  }

  figures(): ScoreStats {
    const { scored, stars, failed } = this.stats;
    return scored ? { scored, stars: [...stars], failed, average: Math.round((this.sum / scored) * 10) / 10 } : { scored, stars: [...stars], failed };
  }
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

interface GroupTally {
  calls: number;
  problems: number;
  scores: ScoreTally;
  rules: RuleTally;
}

/** The summary's figures over the results added so far, and per group when the run groups its calls. */
export class RunStats {
  private readonly rules = new RuleTally();
  private readonly scoreTally = new ScoreTally();
  private readonly groups = new Map<string | undefined, GroupTally>();
  /** Metadata names the calls have, while none has the grouping field: what to offer for a misspelt one. */
  private readonly metaNames = new Set<string>();
  /** Problems and files of every kind, as the report's totals. */
  readonly totals: Totals = emptyTotals();

  constructor(private readonly groupBy?: GroupBy) {}

  static of(results: readonly LintResult[], groupBy?: GroupBy): RunStats {
    const stats = new RunStats(groupBy);
    for (const result of results) stats.add(result);
    return stats;
  }

  add(result: LintResult): void {
    addToTotals(this.totals, result);
    this.rules.add(result);
    this.scoreTally.add(result);
    if (!this.groupBy) return;
    const key = groupKey(result, this.groupBy);
    if (key === undefined && this.groups.size <= 1 && this.metaNames.size < MAX_META_NAMES_SHOWN) {
      for (const name of Object.keys(result.meta ?? {})) if (this.metaNames.size < MAX_META_NAMES_SHOWN) this.metaNames.add(name);
    }
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { calls: 0, problems: 0, scores: new ScoreTally(), rules: new RuleTally() }));
    group.calls++;
    group.problems += result.messages.length;
    group.scores.add(result);
    group.rules.add(result);
  }

  /** Problems per rule, the rules broken in the most calls first. */
  rulesByCalls(): RuleCount[] {
    return byCalls(this.rules);
  }

  scores(): ScoreStats {
    return this.scoreTally.figures();
  }

  /**
   * When no call has the field the run groups by (`--group-by agnet` read as a metadata name), the metadata names the
   * calls do have (up to MAX_META_NAMES_SHOWN; empty when they have none); undefined when some call has it.
   */
  fieldMissingEverywhere(): string[] | undefined {
    if (this.groupBy?.kind !== 'meta' || this.groups.size !== 1 || !this.groups.has(undefined)) return undefined;
    return [...this.metaNames];
  }

  /** Calls per group, the lowest average score (who needs coaching most) first; none without a groupBy. */
  groupStats(): GroupStats[] {
    return [...this.groups].map(([key, group]) => ({
      key,
      calls: group.calls,
      problems: group.problems,
      score: group.scores.figures(),
      worstRules: byCalls(group.rules),
    })).sort((a, b) => (a.score.average ?? 101) - (b.score.average ?? 101) || b.problems - a.problems || String(a.key).localeCompare(String(b.key)));
  }
}
