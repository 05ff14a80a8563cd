// Checkstyle XML, which many CI dashboards and review bots read: a <file> per transcript, an <error> per problem.
import type { LintResult } from '../types.js';
import type { Formatter } from './formatter.js';
import { XML_DECLARATION, xmlText } from './xml.js';

export const checkstyle: Formatter = Object.assign((results: readonly LintResult[]): string => {
  const files = results.map((result) => {
    const errors = result.messages.map((m) => {
      const severity = m.severity === 2 ? 'error' : 'warning';
      const source = m.ruleId ? ` source="${xmlText(m.ruleId)}"` : '';
      return `    <error line="${m.line}" column="${m.column}" severity="${severity}" message="${xmlText(m.message)}"${source}/>`;
    });
    return `  <file name="${xmlText(result.filePath)}">${errors.length ? `\n${errors.join('\n')}\n  ` : ''}</file>`;
  });
  return `${XML_DECLARATION}\n<checkstyle version="4.3">\n${files.length ? files.join('\n') + '\n' : ''}</checkstyle>\n`;
}, { showsChanges: false, showsScores: false });
