// One line per problem: file:line:column: severity message [rule] — for grep and editors' problem matchers.
import type { Formatter } from './formatter.js';
import { plural, totals } from './formatter.js';

export const compact: Formatter = (results) => {
  const lines: string[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      lines.push(`${result.filePath}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'} ${m.message}${m.ruleId ? ` [${m.ruleId}]` : ''}`);
    }
  }
  const sum = totals(results);
  lines.push('', `${plural(sum.errors + sum.warnings, 'problem')}`);
  return lines.join('\n') + '\n';
};
