// Quick fixes for the problems under the cursor (the rule's fix, its suggestions, a disable comment for this
// line) and one source action that applies every fix of the file, as `--fix` would.
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { fixFits, fixUntilStable, refusalOf, replacementText } from '../engine/fix.js';
import { detectFormat } from '../transcript/index.js';
import type { Fix } from '../types.js';
import { touches, type LintedDocument, type LintedMessage } from './linted-document.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.transcript-lint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** Whether a client asking only for `only` kinds wants actions of `kind` (kinds are dotted prefixes). */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

function quote(text: string): string {
  return `「${text}」`;
}

export function codeActions(linted: LintedDocument, range: Range, only?: readonly string[], triggerKind?: CodeActionTriggerKind): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const found of linted.found.filter((f) => touches(f.diagnostic.range, range))) actions.push(...quickFixes(linted, found));
  }
  // Fix-all lints the document pass by pass, as --fix does: not for the light bulb a cursor move asks about
  // (automatic, every kind), only when asked for (a menu, the source action on save).
  if (wanted(FIX_ALL_KIND, only) && !(triggerKind === CodeActionTriggerKind.Automatic && !only)) {
    const all = fixAll(linted);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFixes(linted: LintedDocument, { message, diagnostic }: LintedMessage): CodeAction[] {
  const text = linted.document.getText();
  const actions: CodeAction[] = [];
  const rule = message.ruleId ? ` (${message.ruleId})` : '';
  // A fix is what --fix applies (preferred: an editor may apply it on its own); suggestions only on request. A fix
  // that would make a new problem is refused by --fix, and offered here as a suggestion that says so.
  const change = (fix: Fix, isPreferred: boolean, refused?: string): void => {
    if (!fixFits(fix, text.length)) return;
    const old = text.slice(fix.range[0], fix.range[1]);
    const what = old ? `Replace ${quote(old)} with ${quote(fix.text)}` : `Insert ${quote(fix.text)}`;
    const title = `${isPreferred ? what : `Suggestion: ${what.charAt(0).toLowerCase()}${what.slice(1)}`}${rule}${refused ? ` — --fix leaves this: ${refused}` : ''}`;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [linted.document.uri]: [textEdit(linted, fix, text)] } } });
  };
  if (message.fix) {
    const refused = linted.result && linted.lint && fixFits(message.fix, text.length) ? refusalOf(text, linted.result, { ...message, fix: message.fix }, linted.lint, linted.flagsWords) : undefined;
    change(message.fix, !refused, refused);
  }
  const sameAsFix = (fix: Fix): boolean => message.fix !== undefined && fix.text === message.fix.text && fix.range[0] === message.fix.range[0] && fix.range[1] === message.fix.range[1];
  for (const suggestion of message.suggestions ?? []) if (!sameAsFix(suggestion.fix)) change(suggestion.fix, false);
  const disable = disableForLine(linted, message.line, message.ruleId);
  if (disable) actions.push({ title: `Disable ${message.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [linted.document.uri]: [disable] } } });
  return actions;
}

/** What --fix would write: every fix, pass by pass, none that makes a new problem; one edit over what changed. */
function fixAll(linted: LintedDocument): CodeAction | undefined {
  if (!linted.lint) return undefined;
  const text = linted.document.getText();
  const fixed = fixUntilStable(text, linted.lint, { flagsWords: linted.flagsWords });
  if (!fixed.fixCount || fixed.output === text) return undefined;
  return {
    title: `Fix all auto-fixable problems (${fixed.fixCount})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [linted.document.uri]: [changedSpan(linted, text, fixed.output)] } },
  };
}

/** One edit from `before` to `after`: the span between what they share at the start and at the end. */
function changedSpan(linted: LintedDocument, before: string, after: string): TextEdit {
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never between the halves of a surrogate pair or of a CRLF.
  while (start > 0 && (/[\uD800-\uDBFF]/.test(before[start - 1]) || (before[start - 1] === '\r' && before[start] === '\n'))) start--;
  while (end > 0 && (/[\uDC00-\uDFFF]/.test(before[before.length - end]) || (before[before.length - end] === '\n' && before[before.length - end - 1] === '\r'))) end--;
  const range = { start: linted.positions.positionAt(start), end: linted.positions.positionAt(before.length - end) };
  return { range, newText: after.slice(start, after.length - end) };
}

function textEdit(linted: LintedDocument, fix: Fix, text: string): TextEdit {
  return { range: { start: linted.positions.positionAt(fix.range[0]), end: linted.positions.positionAt(fix.range[1]) }, newText: replacementText(fix, text) };
}

/**
 * `# transcript-lint-disable-line RULE` at the end of a plain-text turn line — the comment other formats have no
 * place for at a line's end. Not offered where the line already ends in a directive or is itself a comment.
 */
function disableForLine(linted: LintedDocument, line: number, ruleId: string | null): TextEdit | undefined {
  if (ruleId === null || line < 1) return undefined;
  const text = linted.document.getText();
  if (detectFormat(text, linted.file ?? linted.document.uri) !== 'plain') return undefined;
  const start = linted.positions.offsetOf(line, 1);
  const end = linted.positions.offsetOf(line, Number.MAX_SAFE_INTEGER);
  const content = text.slice(start, end);
  if (!content.trim() || content.trim().startsWith('#') || /[#＃][ \t\u3000]*transcript-lint-/.test(content)) return undefined;
  const at = linted.positions.positionAt(end);
  return { range: { start: at, end: at }, newText: `  # transcript-lint-disable-line ${ruleId}` };
}
