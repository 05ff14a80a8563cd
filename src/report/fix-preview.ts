// The --fix-dry-run view (and --interactive's question): each change as the whole sentence before and after,
// one above the other, with the changed words marked at the same column — counted in display columns, so that
// Chinese (two columns a character) lines up with the label and with Latin text.
import { Chalk } from 'chalk';
import type { FixChange } from '../engine/fix.js';
import { displayWidth } from './display-width.js';
import { terminalSafe } from './terminal-text.js';

export interface FilePreview {
  filePath: string;
  changes: readonly FixChange[];
}

const INDENT = '    ';

/** One change: where, which rule, the sentence before (-) and after (+), changed words marked with ^ when plain. */
export function formatChange(change: FixChange, color = false): string[] {
  const c = new Chalk({ level: color ? 1 : 0 });
  const kind = change.kind === 'suggestion' ? ' (suggestion)' : '';
  // A change without a rule is --report-unused-disable-directives' removal of a comment that suppresses nothing.
  const out = [`  ${c.dim(`${change.line}:${change.column}`)}  ${c.dim(change.ruleId ?? 'unused disable comment')}${kind}`];
  const side = (sign: '-' | '+', text: string, [from, to]: [number, number]): void => {
    const paint = sign === '-' ? c.red : c.green;
    out.push(`${INDENT}${paint(sign)} ${text.slice(0, from)}${paint.bold(text.slice(from, to))}${text.slice(to)}`.trimEnd());
    if (!color && to > from) out.push(`${INDENT}  ${' '.repeat(displayWidth(text.slice(0, from)))}${'^'.repeat(displayWidth(text.slice(from, to)))}`);
  };
  // Transcript text is shown as text: control characters cannot reach the terminal (same length, so marks stay put).
  side('-', terminalSafe(change.before), change.changedBefore);
  if (change.after || !change.before) side('+', terminalSafe(change.after), change.changedAfter);
  else out.push(`${INDENT}${c.green('+')} ${c.dim('(line removed)')}`);
  return out;
}

export function formatFixPreviews(previews: readonly FilePreview[], color = false): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const shown = previews.filter((p) => p.changes.length);
  if (!shown.length) return '';
  const out: string[] = [];
  // In the file's order: a change of a later pass (喂，什么事？ → 什么事？ → 您好，请问有什么可以帮您？) stands by its line, not
  // after the rest of the file; within a line, in the order made. A fix writes no line break, so lines stay put.
  const inOrder = (changes: readonly FixChange[]): FixChange[] => [...changes].sort((a, b) => a.line - b.line);
  for (const preview of shown) out.push('', c.underline(terminalSafe(preview.filePath)), ...inOrder(preview.changes).flatMap((change) => formatChange(change, color)));
  const count = shown.reduce((sum, p) => sum + p.changes.length, 0);
  out.push('', c.bold(`${count} ${count === 1 ? 'change' : 'changes'} in ${shown.length} ${shown.length === 1 ? 'file' : 'files'} would be written by --fix`));
  return out.join('\n') + '\n';
}
