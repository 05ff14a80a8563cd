// One line per problem: file:line:column: severity message [rule] — for grep and editors' problem matchers.
import { terminalSafe } from './terminal-text.js';
import { addToTotals, emptyTotals, plural, streamingFormatter } from './formatter.js';

// It shows no fix, suggested edit, end, excerpt or score: a run that writes only it skips working them out.
export const compact = Object.assign(streamingFormatter(() => {
  const sum = emptyTotals();
  return {
    result(result) {
      addToTotals(sum, result);
      let text = '';
      if (!result.messages.length) return text; // most files of an archive
      const file = terminalSafe(result.filePath);
      for (const m of result.messages) {
        text += `${file}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'} ${terminalSafe(m.message)}${m.ruleId ? ` [${terminalSafe(m.ruleId)}]` : ''}\n`;
      }
      return text;
    },
    end: () => `\n${plural(sum.errors + sum.warnings, 'problem')}\n`,
  };
}), { showsChanges: false, showsScores: false });
