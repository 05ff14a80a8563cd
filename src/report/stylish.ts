// The default console report: grouped by file, aligned (Chinese counts two columns), colored on a terminal.
// Written file by file as results arrive; the summary comes at the end.
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import type { LintMessage } from '../types.js';
import { addToTotals, emptyTotals, plural, streamingFormatter } from './formatter.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export const stylish = streamingFormatter((context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const sum = emptyTotals();
  return {
    result(result) {
      addToTotals(sum, result);
      if (!result.messages.length) return '';
      const rows = result.messages.map((m: LintMessage) => ({
        where: m.line ? `${m.line}:${m.column}` : '',
        severity: m.severity === 2 ? 'error' : 'warning',
        message: m.message,
        rule: m.ruleId ?? '',
      }));
      const whereWidth = Math.max(...rows.map((r) => r.where.length));
      const messageWidth = Math.min(70, Math.max(...rows.map((r) => stringWidth(r.message))));
      const out = ['', c.underline(result.filePath)];
      for (const row of rows) {
        const severity = row.severity === 'error' ? c.red(pad(row.severity, 7)) : c.yellow(pad(row.severity, 7));
        out.push(`  ${c.dim(pad(row.where, whereWidth))}  ${severity}  ${pad(row.message, messageWidth)}  ${c.dim(row.rule)}`.trimEnd());
      }
      return out.join('\n') + '\n';
    },
    end() {
      const problems = sum.errors + sum.warnings;
      if (problems === 0) return c.green(`✔ ${plural(sum.files, 'file')} checked, no problems`) + '\n';
      const out = ['', (sum.errors ? c.red.bold : c.yellow.bold)(`✖ ${plural(problems, 'problem')} (${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}) in ${plural(sum.files, 'file')}`)];
      if (sum.fatal) out.push(c.red.bold(`  ${plural(sum.fatal, 'file')} could not be linted`));
      if (sum.fixable) out.push(c.dim(`  ${sum.fixable} ${sum.fixable === 1 ? 'problem is' : 'problems are'} fixable with --fix`));
      return out.join('\n') + '\n';
    },
  };
});
