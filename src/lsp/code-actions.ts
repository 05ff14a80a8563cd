// Quick fixes for the problems under the cursor (the rule's fix, its suggestions, a disable comment for this
// line) and one source action that applies every fix of the file, as `--fix` would in one pass.
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { applyFixes, fixFits, replacementText } from '../engine/fix.js';
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

export function codeActions(linted: LintedDocument, range: Range, only?: readonly string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const found of linted.found.filter((f) => touches(f.diagnostic.range, range))) actions.push(...quickFixes(linted, found));
  }
  if (wanted(FIX_ALL_KIND, only)) {
    const all = fixAll(linted);
    if (all) actions.push(all);
  }
  return actions;
}

function quickFixes(linted: LintedDocument, { message, diagnostic }: LintedMessage): CodeAction[] {
  const text = linted.document.getText();
  const actions: CodeAction[] = [];
  const rule = message.ruleId ? ` (${message.ruleId})` : '';
  // A fix is what --fix applies (preferred: an editor may apply it on its own); suggestions only on request.
  const change = (fix: Fix, isPreferred: boolean): void => {
    if (!fixFits(fix, text.length)) return;
    const old = text.slice(fix.range[0], fix.range[1]);
    const what = old ? `Replace ${quote(old)} with ${quote(fix.text)}` : `Insert ${quote(fix.text)}`;
    const title = `${isPreferred ? what : `Suggestion: ${what.charAt(0).toLowerCase()}${what.slice(1)}`}${rule}`;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [linted.document.uri]: [textEdit(linted, fix, text)] } } });
  };
  if (message.fix) change(message.fix, true);
  const sameAsFix = (fix: Fix): boolean => message.fix !== undefined && fix.text === message.fix.text && fix.range[0] === message.fix.range[0] && fix.range[1] === message.fix.range[1];
  for (const suggestion of message.suggestions ?? []) if (!sameAsFix(suggestion.fix)) change(suggestion.fix, false);
  const disable = disableForLine(linted, message.line, message.ruleId);
  if (disable) actions.push({ title: `Disable ${message.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [linted.document.uri]: [disable] } } });
  return actions;
}

/** Every fix that fits with the others, as `--fix` applies them in one pass (the rest come back on the next lint). */
function fixAll(linted: LintedDocument): CodeAction | undefined {
  const text = linted.document.getText();
  const { fixed } = applyFixes(text, linted.found.map((f) => f.message));
  if (!fixed.length) return undefined;
  return {
    title: `Fix all auto-fixable problems (${fixed.length})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [linted.document.uri]: fixed.map((m) => textEdit(linted, m.fix!, text)) } },
  };
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
