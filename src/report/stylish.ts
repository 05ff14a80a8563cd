// The default console report: grouped by file, aligned (Chinese counts two columns), colored on a terminal.
// Written file by file as results arrive; the summary comes at the end.
import { detectScript, type Script } from '../text/script.js';
import { Chalk } from 'chalk';
import { displayWidth as stringWidth } from './display-width.js';
import type { LintMessage, LintResult, NotEvaluatedReason } from '../types.js';
import { terminalSafe } from './terminal-text.js';
import { addToTotals, emptyTotals, plural, streamingFormatter, type Totals } from './formatter.js';

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

/** "in 3 files", or "in 4 of 5 files" when some files were clean. */
function inFiles(sum: Totals): string {
  const linted = sum.files - sum.otherLanguageFiles;
  return sum.filesWithProblems === linted ? `in ${plural(linted, 'file')}` : `in ${sum.filesWithProblems} of ${plural(linted, 'file')}`;
}

/** Where the rules could not judge the files, as the summary says it (a report merged from an older run gives no reason). */
const NOT_EVALUATED_WHERE: Record<NotEvaluatedReason | 'unknown', string> = {
  'no-timestamps': ' without timestamps',
  'no-reply': ' where the transcript ends before the reply the rule waits for',
  'speaker-silent': ' where the speaker the rule checks never speaks',
  unknown: '',
};

/** The rules not evaluated on some file, by reason: how many files, which rules. */
class NotEvaluatedTally {
  private readonly byReason = new Map<NotEvaluatedReason | 'unknown', { files: number; rules: Set<string> }>();

  add(result: LintResult): void {
    if (!result.notEvaluated?.length) return;
    const counted = new Set<string>();
    for (const id of result.notEvaluated) {
      const given = result.notEvaluatedReasons?.[id];
      const reason = given !== undefined && Object.hasOwn(NOT_EVALUATED_WHERE, given) ? given : 'unknown';
      let entry = this.byReason.get(reason);
      if (!entry) this.byReason.set(reason, (entry = { files: 0, rules: new Set() }));
      if (!counted.has(reason)) {
        counted.add(reason);
        entry.files++;
      }
      entry.rules.add(id);
    }
  }

  /** One line per reason, in the order of NOT_EVALUATED_WHERE. */
  lines(): string[] {
    return (Object.keys(NOT_EVALUATED_WHERE) as (keyof typeof NOT_EVALUATED_WHERE)[]).flatMap((reason) => {
      const entry = this.byReason.get(reason);
      return entry ? [`  not evaluated on ${plural(entry.files, 'file')}${NOT_EVALUATED_WHERE[reason]}: ${terminalSafe([...entry.rules].join(', '))}`] : [];
    });
  }
}

export const stylish = Object.assign(streamingFormatter((context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const sum = emptyTotals();
  /** Rules not evaluated on some file: told once per run, in the summary. */
  const notEvaluated = new NotEvaluatedTally();
  /** Patterns that matched no file: errors about the command line, told after the files. */
  const unmatched: string[] = [];
  return {
    result(result) {
      addToTotals(sum, result);
      notEvaluated.add(result);
      if (result.unmatchedPattern) {
        unmatched.push(terminalSafe(`"${result.filePath}": ${result.messages[0]?.message ?? 'no files match'}`));
        return '';
      }
      if (!result.messages.length) return '';
      const rows = result.messages.map((m: LintMessage) => ({
        where: m.line ? `${m.line}:${m.column}` : '',
        severity: m.severity === 2 ? 'error' : 'warning',
        message: terminalSafe(withoutSuggestion(m)),
        rule: terminalSafe(m.ruleId ?? ''),
        suggestion: m.suggestion === undefined ? undefined : terminalSafe(m.suggestion),
        fixable: m.fix !== undefined,
        refused: m.fixRefused === undefined ? undefined : terminalSafe(m.fixRefused),
      }));
      const whereWidth = rows.reduce((widest, r) => Math.max(widest, r.where.length), 0);
      const messageWidth = Math.min(70, rows.reduce((widest, r) => Math.max(widest, stringWidth(r.message)), 0));
      const out = ['', c.underline(terminalSafe(result.filePath))];
      for (const row of rows) {
        const severity = row.severity === 'error' ? c.red(pad(row.severity, 7)) : c.yellow(pad(row.severity, 7));
        out.push(`  ${c.dim(pad(row.where, whereWidth))}  ${severity}  ${pad(row.message, messageWidth)}  ${c.dim(row.rule)}`.trimEnd());
        const indent = ' '.repeat(whereWidth + 13);
        if (row.suggestion !== undefined) {
          // In the script of the problem's message and wording (both follow the transcript's): 建議 in a Traditional call.
          const label = !/\p{Script=Han}/u.test(row.suggestion) ? 'say instead' : isTraditional(detectScript(row.message + row.suggestion)) ? '建議' : '建议';
          out.push(`${indent}${c.green(`→ ${label}: ${row.suggestion}`)}${row.fixable ? c.dim('  [--fix]') : ''}`);
        }
        if (row.refused) out.push(`${indent}${c.yellow(`--fix left this: ${row.refused}`)}`);
      }
      return out.join('\n') + '\n';
    },
    end() {
      const problems = sum.errors + sum.warnings - sum.unmatchedPatterns;
      const notes: string[] = [];
      if (!context.quiet) for (const line of notEvaluated.lines()) notes.push(c.yellow(line));
      if (sum.otherLanguageFiles) notes.push(c.yellow(`  ${plural(sum.otherLanguageFiles, 'file')} not linted: written in another language than the packs (see the warning)`));
      const applied = sum.applied ? c.green(`  ${plural(sum.applied, 'change')} applied by --fix`) : undefined;
      const patterns = unmatched.map((line) => c.red(`✖ ${line}`));
      if (problems === 0) {
        // Nothing was linted because no pattern matched: the errors about the patterns are the whole report.
        if (sum.files === 0 && patterns.length) return `${patterns.join('\n')}\n`;
        const out = [c.green(`✔ ${plural(sum.files - sum.otherLanguageFiles, 'file')} checked, no problems`), ...notes, ...(applied ? [applied] : [])];
        if (patterns.length) out.push('', ...patterns);
        if (out.length > 1) out.unshift('');
        return out.join('\n') + '\n';
      }
      const out = ['', (sum.errors > sum.unmatchedPatterns ? c.red.bold : c.yellow.bold)(`✖ ${plural(problems, 'problem')} (${plural(sum.errors - sum.unmatchedPatterns, 'error')}, ${plural(sum.warnings, 'warning')}) ${inFiles(sum)}`)];
      if (sum.fatalFiles) out.push(c.red.bold(`  ${plural(sum.fatalFiles, 'file')} could not be linted (or not completely): see the fatal problems above`));
      out.push(...notes);
      if (applied) out.push(applied);
      if (sum.refused) out.push(c.yellow(`  ${plural(sum.refused, 'change')} left out: each would have made a new problem (see "--fix left this" above)`));
      if (sum.fixable) out.push(c.dim(`  ${sum.fixable} ${sum.fixable === 1 ? 'problem is' : 'problems are'} fixable with --fix`));
      if (sum.suggestible) out.push(c.dim(`  ${sum.suggestible} ${sum.suggestible === 1 ? 'suggestion waits' : 'suggestions wait'}: --fix --interactive asks about each, --fix --fix-type suggestion applies them all`));
      if (patterns.length) out.push('', ...patterns);
      return out.join('\n') + '\n';
    },
  };
}), { showsScores: false });

function isTraditional(script: Script | undefined): boolean {
  return script !== undefined && script !== 'simplified';
}
