// Lint messages and config problems → LSP diagnostics. Positions come from the CLI's own line:column, so the
// editor underlines exactly what `transcript-lint FILE` prints.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleInfo } from '../authoring/rule-info.js';
import type { ConfigError, ConfigIssue } from '../config/errors.js';
import type { Linter } from '../engine/linter.js';
import type { LintMessage } from '../types.js';
import type { DocumentPositions } from './positions.js';

export const SOURCE = 'transcript-lint';

/** Where a rule is defined, as a link the editor can open (the pack file at the rule's line). */
export type RuleLinks = (ruleId: string) => string | undefined;

export function toDiagnostic(message: LintMessage, positions: DocumentPositions, ruleLink: RuleLinks): Diagnostic {
  const suggestion = message.suggestion !== undefined && !message.message.includes(message.suggestion) ? `\n→ ${message.suggestion}` : '';
  const diagnostic: Diagnostic = {
    range: positions.rangeOf(message),
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    message: `${message.message}${suggestion}`,
  };
  if (message.ruleId !== null) {
    diagnostic.code = message.ruleId;
    const href = ruleLink(message.ruleId);
    if (href) diagnostic.codeDescription = { href };
  }
  return diagnostic;
}

/** Where the pack defines a rule, as a link the editor can open. */
export function ruleLink(linter: Linter, cwd: string, ruleId: string): string | undefined {
  const rule = linter.compiled.config.rules.find((r) => r.id === ruleId);
  if (!rule) return undefined;
  const where = ruleInfo(rule);
  return fileLink(resolve(cwd, where.file), where.line);
}

/** A file URI with the editor's usual line fragment. */
export function fileLink(file: string, line?: number): string {
  return `${pathToFileURL(file).href}${line ? `#L${line}` : ''}`;
}

function issueDiagnostic(issue: ConfigIssue): Diagnostic {
  const line = Math.max(0, issue.line - 1);
  // The yaml library's line counter counts UTF-16 units, as LSP does.
  const character = Math.max(0, issue.column - 1);
  return {
    range: { start: { line, character }, end: { line, character } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: `${issue.message}${issue.hint ? `\nhint: ${issue.hint}` : ''}`,
  };
}

/** The problems of a config that does not load, per file URI (packs and configs named by the issues). */
export function configIssueDiagnostics(error: ConfigError, cwd: string): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const issue of error.issues) {
    if (issue.file.startsWith('--')) continue; // a command-line option, not a file
    const uri = fileLink(resolve(cwd, issue.file));
    byUri.set(uri, [...(byUri.get(uri) ?? []), issueDiagnostic(issue)]);
  }
  return byUri;
}

/** The one diagnostic a transcript gets while its config does not load: what is wrong, and where. */
export function configProblemDiagnostic(error: ConfigError): Diagnostic {
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: `transcript-lint cannot load its configuration, so this transcript is not linted: ${error.message.split('\n')[0]}${more}`,
  };
}
