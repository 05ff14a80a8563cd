// The default console report: grouped by file, aligned (Chinese counts two columns), colored on a terminal.
// Written file by file as results arrive; the summary comes at the end.
import { Chalk } from 'chalk';
import { displayWidth as stringWidth } from './display-width.js';
import type { LintMessage } from '../types.js';
import { terminalSafe } from './terminal-text.js';
import { addToTotals, emptyTotals, plural, streamingFormatter } from './formatter.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/**
 * The message without the wording it prescribes: json keeps `… → 「wording」` so each message stands alone,
 * while this report prints the wording on a line of its own under the problem.
 */
function withoutSuggestion(m: LintMessage): string {
  const suffix = m.suggestion !== undefined ? ` → 「${m.suggestion}」` : undefined;
  return suffix && m.message.endsWith(suffix) ? m.message.slice(0, -suffix.length) : m.message;
}

export const stylish = streamingFormatter((context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const sum = emptyTotals();
  return {
    result(result) {
      addToTotals(sum, result);
      // A clean file is not listed; that it had rules not evaluated is told in the summary (and per file in json).
      if (!result.messages.length) return '';
      const rows = result.messages.map((m: LintMessage) => ({
        where: m.line ? `${m.line}:${m.column}` : '',
        severity: m.severity === 2 ? 'error' : 'warning',
        message: terminalSafe(withoutSuggestion(m)),
        rule: terminalSafe(m.ruleId ?? ''),
        suggestion: m.suggestion === undefined ? undefined : terminalSafe(m.suggestion),
      }));
      const whereWidth = rows.reduce((widest, r) => Math.max(widest, r.where.length), 0);
      const messageWidth = Math.min(70, rows.reduce((widest, r) => Math.max(widest, stringWidth(r.message)), 0));
      const out = ['', c.underline(terminalSafe(result.filePath))];
      for (const row of rows) {
        const severity = row.severity === 'error' ? c.red(pad(row.severity, 7)) : c.yellow(pad(row.severity, 7));
        out.push(`  ${c.dim(pad(row.where, whereWidth))}  ${severity}  ${pad(row.message, messageWidth)}  ${c.dim(row.rule)}`.trimEnd());
        if (row.suggestion !== undefined) out.push(`${' '.repeat(whereWidth + 13)}${c.green(`→ ${/\p{Script=Han}/u.test(row.suggestion) ? '建议' : 'say instead'}: ${row.suggestion}`)}`);
      }
      if (result.notEvaluated?.length) out.push(c.yellow(`  not evaluated (the file has no timestamps): ${terminalSafe(result.notEvaluated.join(', '))}`));
      return out.join('\n') + '\n';
    },
    end() {
      const problems = sum.errors + sum.warnings;
      const notEvaluated = [
        sum.notEvaluatedFiles ? c.yellow(`  rules that need timestamps were not evaluated on ${plural(sum.notEvaluatedFiles, 'file')} without them`) : '',
        sum.otherLanguageFiles ? c.yellow(`  ${plural(sum.otherLanguageFiles, 'file')} not linted: written in another language than the packs (see the warning)`) : '',
      ].filter(Boolean).join('\n') || undefined;
      if (problems === 0) {
        const checked = sum.files - sum.otherLanguageFiles;
        const out = [c.green(`✔ ${plural(checked, 'file')} checked, no problems`)];
        if (notEvaluated) out.unshift('');
        if (notEvaluated) out.push(notEvaluated);
        return out.join('\n') + '\n';
      }
      const out = ['', (sum.errors ? c.red.bold : c.yellow.bold)(`✖ ${plural(problems, 'problem')} (${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}) in ${plural(sum.files, 'file')}`)];
      if (sum.fatalFiles) out.push(c.red.bold(`  ${plural(sum.fatalFiles, 'file')} could not be linted (or not completely): see the fatal problems above`));
      if (notEvaluated) out.push(notEvaluated);
      if (sum.fixable) out.push(c.dim(`  ${sum.fixable} ${sum.fixable === 1 ? 'problem is' : 'problems are'} fixable with --fix`));
      return out.join('\n') + '\n';
    },
  };
});
