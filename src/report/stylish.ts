// The default console report: grouped by file, aligned (Chinese counts two columns), colored on a terminal.
// Written file by file as results arrive; the summary comes at the end.
import { detectScript, type Script } from '../text/script.js';
import { Chalk } from 'chalk';
import { displayWidth, plainWidth } from './display-width.js';
import type { LintMessage, LintResult, NotEvaluatedReason } from '../types.js';
import { terminalSafe } from './terminal-text.js';
import { addToTotals, emptyTotals, plural, streamingFormatter, type Totals } from './formatter.js';

/** Runs of spaces by length, each made once: every row pads its place and its message, and indents its wording. */
const SPACES: string[] = [];
const KEPT_SPACES = 128;

/** `count` spaces (none when it is 0 or less). */
function spaces(count: number): string {
  if (count <= 0) return '';
  return count < KEPT_SPACES ? (SPACES[count] ??= ' '.repeat(count)) : ' '.repeat(count);
}

/** What comes between a prescribed wording and the message before it: ` → 「wording」`. */
const SUGGESTION_OPEN = ' → 「';
const SUGGESTION_CLOSE = '」';

/**
 * The message without the wording it prescribes: json keeps `… → 「wording」` so each message stands alone,
 * while this report prints the wording on a line of its own under the problem. (Compared in place: the ending is not
 * made as a string of its own to compare with.)
 */
function withoutSuggestion(m: LintMessage): string {
  const { message, suggestion } = m;
  if (suggestion === undefined) return message;
  const start = message.length - SUGGESTION_OPEN.length - suggestion.length - SUGGESTION_CLOSE.length;
  return start >= 0 && message.endsWith(SUGGESTION_CLOSE) && message.startsWith(SUGGESTION_OPEN, start)
    && message.startsWith(suggestion, start + SUGGESTION_OPEN.length) ? message.slice(0, start) : message;
}

/** Whether a row that ends with `rule` has no trailing blanks to trim: it ends with a visible ASCII character. */
function endsVisibly(rule: string): boolean {
  const last = rule.charCodeAt(rule.length - 1); // NaN when empty
  return last > 0x20 && last < 0x7f;
}

const HAN = /\p{Script=Han}/u;

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
  // The severity column, padded to its width and colored once for the run.
  const errorCell = c.red('error  ');
  const warningCell = c.yellow('warning');
  const fixableTag = c.dim('  [--fix]');
  /** The dim columns of a row; without colors the text as it is (chalk's call makes an array of its arguments even then). */
  const dim = context.color ? c.dim : (text: string) => text;
  return {
    result(result) {
      addToTotals(sum, result);
      notEvaluated.add(result);
      if (result.unmatchedPattern) {
        unmatched.push(terminalSafe(`"${result.filePath}": ${result.messages[0]?.message ?? 'no files match'}`));
        return '';
      }
      const messages = result.messages;
      if (!messages.length) return '';
      // The columns' widths first: each problem's place, and its message as shown with its width (measured once).
      const places: string[] = [];
      const shown: string[] = [];
      const widths: number[] = [];
      let whereWidth = 0;
      let messageWidth = 0;
      for (const m of messages) {
        const where = m.line ? `${m.line}:${m.column}` : '';
        let message = withoutSuggestion(m);
        let width = plainWidth(message);
        if (width < 0) width = displayWidth((message = terminalSafe(message)));
        places.push(where);
        shown.push(message);
        widths.push(width);
        if (where.length > whereWidth) whereWidth = where.length;
        if (width > messageWidth) messageWidth = width;
      }
      if (messageWidth > 70) messageWidth = 70;
      const indent = spaces(whereWidth + 13);
      // One string for the file, added to as it goes: an array of lines joined, and each line trimmed (a copy of it),
      // made every row twice.
      let out = `\n${c.underline(terminalSafe(result.filePath))}`;
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i];
        const where = places[i];
        const rule = terminalSafe(m.ruleId ?? '');
        const row = `  ${dim(where + spaces(whereWidth - where.length))}  ${m.severity === 2 ? errorCell : warningCell}  ${shown[i]}${spaces(messageWidth - widths[i])}  ${dim(rule)}`;
        // A row ending with its rule (or the rule's color) has nothing to trim; one without a rule ends with blanks.
        out += '\n' + (endsVisibly(rule) ? row : row.trimEnd());
        if (m.suggestion !== undefined) {
          const suggestion = terminalSafe(m.suggestion);
          // In the script of the problem's message and wording (both follow the transcript's): 建議 in a Traditional call.
          const label = !HAN.test(suggestion) ? 'say instead' : isTraditional(detectScript(shown[i] + suggestion)) ? '建議' : '建议';
          out += `\n${indent}${c.green(`→ ${label}: ${suggestion}`)}${m.fix !== undefined ? fixableTag : ''}`;
        }
        if (m.fixRefused !== undefined) {
          const refused = terminalSafe(m.fixRefused);
          if (refused) out += `\n${indent}${c.yellow(`--fix left this: ${refused}`)}`;
        }
      }
      return out + '\n';
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
