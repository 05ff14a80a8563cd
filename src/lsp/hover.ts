// Hover over a problem: the rule as `transcript-lint --explain RULE` prints it (phrases, settings, examples,
// the norm it comes from), and a link to where the pack defines it.
import { resolve } from 'node:path';
import { MarkupKind, type Hover, type MarkupContent, type Position } from 'vscode-languageserver';
import { explainRule, explanationInScript, formatExplanation } from '../authoring/explain.js';
import { detectScript } from '../text/script.js';
import { findRule } from '../authoring/rule-info.js';
import { fileLink } from './diagnostics.js';
import { touches, type LintedDocument } from './linted-document.js';

export function hover(linted: LintedDocument, position: Position, markdown: boolean): Hover | null {
  const { linter, cwd } = linted.folder;
  if (!linter) return null;
  const here = linted.found.filter((f) => f.message.ruleId !== null && touches(f.diagnostic.range, { start: position, end: position }));
  const ruleIds = [...new Set(here.map((f) => f.message.ruleId!))];
  const parts: string[] = [];
  // The rule in the document's script, as its problems' messages are (a Traditional call reads Traditional).
  const script = ruleIds.length ? detectScript(linted.document.getText().slice(0, 65_536)) : undefined;
  for (const ruleId of ruleIds) {
    const found = findRule(linter.compiled.config.rules, ruleId);
    if (!('rule' in found)) continue;
    const explanation = explanationInScript(explainRule(linter, found.rule), script);
    const text = formatExplanation(explanation).trimEnd();
    parts.push(markdown ? `${fence(text)}\n[${explanation.file}:${explanation.line}](${fileLink(resolve(cwd, explanation.file), explanation.line)})` : text);
  }
  if (!parts.length) return null;
  const contents: MarkupContent = { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(markdown ? '\n\n---\n\n' : '\n\n') };
  const ranges = here.map((f) => f.diagnostic.range);
  return { contents, range: ranges.length === 1 ? ranges[0] : undefined };
}

/** A fenced block longer than any run of backticks inside, so no example can close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}text\n${text}\n${marks}`;
}
