// The default console report: grouped by file, aligned (Chinese counts two columns), colored on a terminal.
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import type { LintMessage } from '../types.js';
import { plural, totals, type Formatter } from './formatter.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export const stylish: Formatter = (results, context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const out: string[] = [];
  for (const result of results) {
    if (!result.messages.length && !result.notEvaluated?.length) continue;
    const rows = result.messages.map((m: LintMessage) => ({
      where: m.line ? `${m.line}:${m.column}` : '',
      severity: m.severity === 2 ? 'error' : 'warning',
      message: m.message,
      rule: m.ruleId ?? '',
    }));
    const whereWidth = Math.max(...rows.map((r) => r.where.length));
    const messageWidth = Math.min(70, Math.max(...rows.map((r) => stringWidth(r.message))));
    out.push('', c.underline(result.filePath));
    for (const row of rows) {
      const severity = row.severity === 'error' ? c.red(pad(row.severity, 7)) : c.yellow(pad(row.severity, 7));
      out.push(`  ${c.dim(pad(row.where, whereWidth))}  ${severity}  ${pad(row.message, messageWidth)}  ${c.dim(row.rule)}`.trimEnd());
    }
    if (result.notEvaluated?.length) out.push(c.yellow(`  not evaluated (the file has no timestamps): ${result.notEvaluated.join(', ')}`));
  }
  const sum = totals(results);
  const problems = sum.errors + sum.warnings;
  const notEvaluated = sum.notEvaluatedFiles
    ? c.yellow(`  rules that need timestamps were not evaluated on ${plural(sum.notEvaluatedFiles, 'file')} without them`)
    : undefined;
  if (problems === 0) {
    if (notEvaluated) out.push('');
    out.push(c.green(`✔ ${plural(sum.files, 'file')} checked, no problems`));
    if (notEvaluated) out.push(notEvaluated);
    return out.join('\n') + '\n';
  }
  const summary = `✖ ${plural(problems, 'problem')} (${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}) in ${plural(sum.files, 'file')}`;
  out.push('', (sum.errors ? c.red.bold : c.yellow.bold)(summary));
  if (sum.fatalFiles) out.push(c.red.bold(`  ${plural(sum.fatalFiles, 'file')} could not be linted (or not completely): see the fatal problems above`));
  if (notEvaluated) out.push(notEvaluated);
  if (sum.fixable) out.push(c.dim(`  ${sum.fixable} ${sum.fixable === 1 ? 'problem is' : 'problems are'} fixable with --fix`));
  return out.join('\n') + '\n';
};
