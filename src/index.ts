// The library API: what the CLI is built on, and what tests and users call.
import { Linter, type LinterOptions } from './engine/linter.js';
import type { LintResult } from './types.js';

export { Linter, type LinterOptions } from './engine/linter.js';
export { lintFiles, lintFilesStream, type LintFilesOptions } from './runner/lint-files.js';
export { loadConfig, builtinPackNames, type ResolvedConfig, type LoadOptions } from './config/load.js';
export { ConfigError, formatIssue, type ConfigIssue } from './config/errors.js';
export { formatResults, FORMATTERS } from './report/index.js';
export { applyFixes, fixUntilStable, MAX_FIX_PASSES, type AppliedFixes, type FixLoopResult } from './engine/fix.js';
export { fixFile, fixBytes, type FixedFile, type FixPreview } from './runner/fix-files.js';
export { watchTranscripts, type WatchCallbacks, type WatchSession } from './runner/watch.js';
export type { FormatContext, Formatter } from './report/formatter.js';
export { ruleMetas, type RuleMeta } from './report/rule-meta.js';
export { scorecardSettings, scoreResult, withScore, DEFAULT_SCORECARD, type ScorecardSettings } from './report/scorecard.js';
export { parseGroupBy, groupKey, type GroupBy } from './report/group-by.js';
export { formatSummary } from './report/summary.js';
export { RunStats } from './report/stats.js';
export { redactResults, redactResult, redactText } from './report/redact.js';
export type * from './types.js';
export { listRules, formatRuleList } from './authoring/list-rules.js';
export { explainRule, formatExplanation, type Explanation } from './authoring/explain.js';
export { findRule, type RuleInfo } from './authoring/rule-info.js';
export { starterConfig, writeStarterConfig } from './authoring/init-config.js';
export { testPack, packLinterOptions, formatPackTestReport, type PackTestReport } from './authoring/test-pack.js';
export { readExpectations, compareProblems } from './authoring/expectations.js';
export { ruleStats, formatRuleStats, RuleTally, type RuleStats } from './report/rule-stats.js';

export interface LintTextOptions extends LinterOptions {
  filePath?: string;
}

/** Lint a transcript given as text. Loads and compiles the config on each call: reuse a Linter for many texts. */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  return Linter.create(options).lintText(text, options.filePath);
}
