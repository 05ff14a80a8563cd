// transcript-lint --explain RULE [--format json]
import { explainRule, formatExplanation } from '../../authoring/explain.js';
import { findRule } from '../../authoring/rule-info.js';
import { formatIssue } from '../../config/errors.js';
import { EXIT_OK, EXIT_TROUBLE } from '../exit-codes.js';
import { createLinterOrReport, type CommandContext } from './command-context.js';

export function runExplain(context: CommandContext, query: string): number {
  const linter = createLinterOrReport(context.linterOptions);
  if (!linter) return EXIT_TROUBLE;
  const found = findRule(linter.compiled.config.rules, query);
  if ('error' in found) {
    process.stderr.write(`${formatIssue({ file: `--explain ${query}`, line: 0, column: 0, message: found.error, hint: found.hint })}\n`);
    return EXIT_TROUBLE;
  }
  const explanation = explainRule(linter, found.rule);
  process.stdout.write(context.options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation, context.color));
  return EXIT_OK;
}
