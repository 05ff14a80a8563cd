// The library API: what the CLI is built on, and what tests and users call.
import { Linter, type LinterOptions } from './engine/linter.js';
import type { LintResult } from './types.js';

export { Linter, type LinterOptions } from './engine/linter.js';
export { lintFiles, lintFilesStream, type LintFilesOptions } from './runner/lint-files.js';
export { loadConfig, builtinPackNames, type ResolvedConfig, type LoadOptions } from './config/load.js';
export { ConfigError, formatIssue, type ConfigIssue } from './config/errors.js';
export { formatResults, FORMATTERS } from './report/index.js';
export type * from './types.js';
export { listRules, formatRuleList } from './authoring/list-rules.js';
export { explainRule, formatExplanation, type Explanation } from './authoring/explain.js';
export { findRule, type RuleInfo } from './authoring/rule-info.js';
export { starterConfig, writeStarterConfig } from './authoring/init-config.js';
export { testPack, packLinterOptions, formatPackTestReport, type PackTestReport } from './authoring/test-pack.js';
export { readExpectations, compareProblems } from './authoring/expectations.js';
export { ruleStats, formatRuleStats, type RuleStats } from './authoring/rule-stats.js';

export interface LintTextOptions extends LinterOptions {
  filePath?: string;
}

/** Lint a transcript given as text. Loads and compiles the config on each call: reuse a Linter for many texts. */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  return Linter.create(options).lintText(text, options.filePath);
}
