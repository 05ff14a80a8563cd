// --stats after a normal run: to stdout after the stylish report (or when the report goes to a file), to stderr
// when stdout carries a machine format, so that JSON stays parseable.
import { formatRuleStats, ruleStats, type RuleTally } from '../../report/rule-stats.js';
import type { Linter } from '../../engine/linter.js';
import type { CliOptions } from '../options.js';

export function writeRuleStats(fired: RuleTally, linter: Linter, options: CliOptions, machineOnStdout: boolean): void {
  // Under --quiet only errors are reported, so warn rules could not have fired.
  const lowest = options.quiet ? 2 : 1;
  const active = linter.config.rules.filter((rule) => rule.severity >= lowest).map((rule) => rule.id);
  const text = formatRuleStats(ruleStats(fired, active));
  if (machineOnStdout) process.stderr.write(text);
  else process.stdout.write(`\n${text}`);
}
