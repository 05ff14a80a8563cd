// --summary and --group-by: counts per rule, the score distribution and, grouped, who needs coaching — for the
// console, aligned with Chinese counted as two columns.
import { Chalk } from 'chalk';
import type { LintResult } from '../types.js';
import type { FormatContext } from './formatter.js';
import { DEFAULT_SCORECARD, type ScorecardSettings } from './scorecard.js';
import type { RuleCount } from './rule-stats.js';
import { formatTable } from './text-table.js';
import { RunStats } from './stats.js';

const BAR_WIDTH = 30;

function bar(count: number, most: number): string {
  return most ? '█'.repeat(Math.max(count ? 1 : 0, Math.round((count / most) * BAR_WIDTH))) : '';
}

export function starLabel(stars: number): string {
  return '★'.repeat(stars) + '☆'.repeat(5 - stars);
}

/** The points range each star count stands for, e.g. "75–89.9" for four stars with [90, 75, 60, 40]. */
export function starRange(stars: number, settings: ScorecardSettings): string {
  const least = stars === 1 ? 0 : settings.stars[5 - stars];
  const next = stars === 5 ? undefined : settings.stars[4 - stars];
  // Points carry one decimal, so the range below a threshold ends a tenth under it.
  return next === undefined ? `${least}–100` : `${least}–${Math.round(next * 10 - 1) / 10}`;
}

export function worstRulesText(worst: readonly RuleCount[], limit = 3): string {
  return worst.slice(0, limit).map((r) => `${r.ruleId} (${r.files})`).join(', ');
}

/** Why every call fell in one "(no FIELD)" group: a misspelt field, or calls without metadata. */
function missingFieldHint(field: string, namesSeen: readonly string[]): string {
  const has = namesSeen.length
    ? `their metadata names: ${namesSeen.join(', ')}`
    : 'they have no metadata (front matter, or the fields of a JSON or CSV transcript)';
  return `  No call has the field "${field}"; ${has}. --group-by takes agent, meta:FIELD or 'path:REGEX'.`;
}

/** The summary of a run's results, or of the figures counted as they were reported (RunStats, grouped as the context's groupBy). */
export function formatSummary(results: readonly LintResult[] | RunStats, context: FormatContext): string {
  const stats = results instanceof RunStats ? results : RunStats.of(results, context.groupBy);
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const settings = context.scorecard ?? DEFAULT_SCORECARD;
  const out: string[] = [];

  const rules = stats.rulesByCalls();
  out.push(c.bold('Problems by rule'));
  if (rules.length) {
    const most = rules[0].files;
    const rows = [['rule', 'calls', 'problems', ''], ...rules.map((r) => [r.ruleId, String(r.files), String(r.problems), bar(r.files, most)])];
    const [head, ...lines] = formatTable(rows, [{}, { right: true }, { right: true }], '  ');
    out.push(c.dim(head), ...lines);
  } else {
    out.push('  none');
  }

  const scores = stats.scores();
  out.push('', c.bold(`Scores: ${scores.scored} ${scores.scored === 1 ? 'call' : 'calls'} graded` +
    (scores.average !== undefined ? `, average ${scores.average}` : '') + `, ${scores.failed} failed`));
  const most = Math.max(...scores.stars);
  const rows = [5, 4, 3, 2, 1].map((stars) => [starLabel(stars), starRange(stars, settings), String(scores.stars[stars]), bar(scores.stars[stars], most)]);
  out.push(...formatTable(rows, [{}, {}, { right: true }], '  '));

  if (context.groupBy) {
    const groups = stats.groupStats();
    out.push('', c.bold(`By ${context.groupBy.label}, lowest average score first`));
    const groupRows = [[context.groupBy.label, 'calls', 'average', 'failed', 'worst rules (calls)'], ...groups.map((g) => [
      g.key === undefined ? `(no ${context.groupBy!.label})` : g.key, String(g.calls), g.score.average === undefined ? '–' : g.score.average.toFixed(1),
      String(g.score.failed), worstRulesText(g.worstRules),
    ])];
    const [head, ...lines] = formatTable(groupRows, [{}, { right: true }, { right: true }, { right: true }], '  ');
    out.push(c.dim(head), ...lines);
    const namesSeen = stats.fieldMissingEverywhere();
    if (namesSeen && context.groupBy.kind === 'meta') out.push(c.yellow(missingFieldHint(context.groupBy.key, namesSeen)));
  }
  return out.join('\n') + '\n';
}
