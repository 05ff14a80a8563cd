// One line per problem: file:line:column: severity message [rule] — for grep and editors' problem matchers.
import { addToTotals, emptyTotals, plural, streamingFormatter } from './formatter.js';

export const compact = streamingFormatter(() => {
  const sum = emptyTotals();
  return {
    result(result) {
      addToTotals(sum, result);
      let text = '';
      for (const m of result.messages) {
        text += `${result.filePath}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'} ${m.message}${m.ruleId ? ` [${m.ruleId}]` : ''}\n`;
      }
      return text;
    },
    end: () => `\n${plural(sum.errors + sum.warnings, 'problem')}\n`,
  };
});
