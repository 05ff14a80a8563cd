// The reports of one CLI run: which formats go where (-f NAME[:FILE], -o), grading each result on the scorecard,
// and the reports' writers (report-writers.ts). Kept apart from run.ts so that the run loop only asks for a grade
// per result.
import { ConfigError } from '../config/errors.js';
import type { Linter } from '../engine/linter.js';
import type { FormatContext } from '../report/formatter.js';
import { GroupByError, parseGroupBy, type GroupBy } from '../report/group-by.js';
import { FORMATTERS } from '../report/index.js';
import { ruleMetas, type RuleMeta } from '../report/rule-meta.js';
import { DEFAULT_SCORECARD, scorecardSettings, withScore, type ScorecardSettings } from '../report/scorecard.js';
import { CONSOLE_FORMATS, parseReportTargets, ReportTargetError, type ReportTarget } from '../report/targets.js';
import type { LintResult } from '../types.js';
import type { CliOptions } from './options.js';
import { terminalSafeLines } from '../report/terminal-text.js';

/** A report option that cannot work (unknown format, two reports to one place, a bad --group-by). */
export class ReportOptionError extends Error {}

export class ReportPlan {
  private rules: readonly RuleMeta[] = [];
  private scorecard: ScorecardSettings = DEFAULT_SCORECARD;
  private speakerRole: FormatContext['speakerRole'];
  /** Scores by the rules a call broke and those not evaluated (see grade). */
  private readonly scores = new Map<string, LintResult['score'] | null>();

  private constructor(readonly targets: readonly ReportTarget[], readonly groupBy: GroupBy | undefined, readonly summary: boolean, private readonly quiet: boolean) {}

  static fromOptions(options: Pick<CliOptions, 'format' | 'outputFile' | 'groupBy' | 'summary' | 'quiet'>): ReportPlan {
    try {
      const groupBy = options.groupBy !== undefined ? parseGroupBy(options.groupBy) : undefined;
      return new ReportPlan(parseReportTargets(options.format, options.outputFile), groupBy, options.summary || groupBy !== undefined, options.quiet);
    } catch (err) {
      if (err instanceof ReportTargetError || err instanceof GroupByError) throw new ReportOptionError(err.message);
      throw err;
    }
  }

  /** The HTML report shows transcripts, so the linter keeps their text. */
  get keepSource(): boolean {
    return this.targets.some((t) => t.format === 'html');
  }

  /** Whether some report shows the changes problems offer (fixes, suggested edits): else the run skips them. */
  get showsChanges(): boolean {
    return this.targets.some((t) => FORMATTERS.get(t.format)!.showsChanges !== false);
  }

  /** Whether some report or the summary shows calls' scores: else the run grades none. */
  get showsScores(): boolean {
    return this.summary || this.targets.some((t) => FORMATTERS.get(t.format)!.showsScores !== false);
  }

  /** The format shown on the terminal (for --watch): the one without a file, stylish when every report goes to a file. */
  get consoleFormat(): string {
    return this.targets.find((t) => t.file === undefined)?.format ?? 'stylish';
  }

  /** Whether standard output carries a report for programs (json, sarif, …), which nothing else may join. */
  get dataOnStdout(): boolean {
    const onStdout = this.targets.find((t) => t.file === undefined);
    return onStdout !== undefined && !CONSOLE_FORMATS.has(onStdout.format);
  }

  /** Take rule metadata and the scorecard from the loaded config; a bad scorecard is printed and yields false. */
  useLinter(linter: Linter): boolean {
    try {
      this.scorecard = scorecardSettings(linter.config);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`${terminalSafeLines(err.message)}\n`);
      return false;
    }
    this.rules = ruleMetas(linter.config);
    this.scores.clear();
    // (Only a report that shows transcripts asks, and it reads them with the packs compiled.)
    this.speakerRole = (label) => linter.compiled.speakers.resolve(label);
    return true;
  }

  grade(result: LintResult): LintResult {
    const score = this.scoreOf(result);
    return score ? { ...result, score } : result;
  }

  /** The result's score on the scorecard; undefined for a file that could not be linted or was not linted. */
  scoreOf(result: LintResult): LintResult['score'] {
    // A score depends only on which rules broke and which could not be judged: a run over an archive meets the
    // same few combinations (most often none) over and over, so each is worked out once.
    if (result.fatalErrorCount > 0 || result.notLinted) return undefined;
    // (Keyed by the strings themselves where there is one: a key built for each of a rerun's results cost more than
    // the lookup.)
    const notEvaluated = result.notEvaluated ?? [];
    const unjudged = notEvaluated.length === 1 ? notEvaluated[0] : notEvaluated.join('\n');
    let key = unjudged;
    if (result.messages.length) {
      // The rule ids one per line, then NUL and the rest (a loop: a map / join chain here was deoptimized and
      // optimized again in every run).
      key = result.messages[0].ruleId ?? '';
      for (let i = 1; i < result.messages.length; i++) key += `\n${result.messages[i].ruleId ?? ''}`;
      key += `\u0000${unjudged}`;
    }
    let score = this.scores.get(key);
    if (score === undefined) {
      score = withScore(result, this.rules, this.scorecard).score ?? null;
      if (this.scores.size < 10_000) this.scores.set(key, score);
    }
    return score ?? undefined;
  }

  /** What formatters are told about the run: rule metadata, the scorecard, grouping. */
  context(cwd: string, version: string, color: boolean): FormatContext {
    return { cwd, color, rules: this.rules, scorecard: this.scorecard, groupBy: this.groupBy, speakerRole: this.speakerRole, version, quiet: this.quiet };
  }
}
