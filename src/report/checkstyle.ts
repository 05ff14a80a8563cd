// Checkstyle XML, which many CI dashboards and review bots read: a <file> per transcript, an <error> per problem.
// Written as results arrive: nothing in it depends on the files after.
import { streamingFormatter } from './formatter.js';
import { XML_DECLARATION, xmlAttribute } from './xml.js';

export const checkstyle = Object.assign(streamingFormatter(() => ({
  start: () => `${XML_DECLARATION}\n<checkstyle version="4.3">\n`,
  result(result) {
    const errors = result.messages.map((m) => {
      const severity = m.severity === 2 ? 'error' : 'warning';
      const source = m.ruleId ? ` source="${xmlAttribute(m.ruleId)}"` : '';
      return `    <error line="${m.line}" column="${m.column}" severity="${severity}" message="${xmlAttribute(m.message)}"${source}/>`;
    });
    return `  <file name="${xmlAttribute(result.filePath)}">${errors.length ? `\n${errors.join('\n')}\n  ` : ''}</file>\n`;
  },
  end: () => '</checkstyle>\n',
})), { showsChanges: false, showsScores: false });
