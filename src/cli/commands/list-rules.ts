// transcript-lint --list-rules [--format json]
import { formatRuleList, formatRuleListJson, listRules } from '../../authoring/list-rules.js';
import { EXIT_OK, EXIT_TROUBLE } from '../exit-codes.js';
import { createLinterOrReport, type CommandContext } from './command-context.js';

export function runListRules(context: CommandContext): number {
  const linter = createLinterOrReport(context.linterOptions);
  if (!linter) return EXIT_TROUBLE;
  const rules = listRules(linter.compiled.config);
  process.stdout.write(context.options.format === 'json' ? formatRuleListJson(rules) : formatRuleList(rules));
  return EXIT_OK;
}
