// transcript-lint --explain RULE [FILE] [--format json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { explainRule, explanationInScript, formatExplanation } from '../../authoring/explain.js';
import { detectScript, type Script } from '../../text/script.js';
import { decode } from '../../transcript/decode.js';
import { findRule } from '../../authoring/rule-info.js';
import { formatIssue } from '../../config/errors.js';
import { EXIT_OK, EXIT_TROUBLE } from '../exit-codes.js';
import { createLinterOrReport, type CommandContext } from './command-context.js';

export function runExplain(context: CommandContext, query: string): number {
  const linter = createLinterOrReport(context.linterOptions);
  if (!linter) return EXIT_TROUBLE;
  const found = findRule(linter.compiled.config.rules, query);
  if ('error' in found) {
    process.stderr.write(`${formatIssue({ file: `--explain ${query}`, line: 0, column: 0, message: found.error, hint: found.hint })}\n`);
    return EXIT_TROUBLE;
  }
  // Given a transcript, the rule reads in its script, as that file's problems do (a Traditional call: Traditional);
  // alone, in the pack's own.
  const explanation = explanationInScript(explainRule(linter, found.rule), scriptOfFile(context));
  process.stdout.write(context.options.format.includes('json') ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation, context.color));
  return EXIT_OK;
}

/** The script of the first file named with --explain (its first 64 KB); undefined without one, or unreadable. */
function scriptOfFile(context: CommandContext): Script | undefined {
  const [file] = context.patterns;
  if (file === undefined) return undefined;
  try {
    // Decoded as a lint run decodes it (a Big5 or UTF-16 call read as UTF-8 showed no Traditional character).
    return detectScript(decode(readFileSync(resolve(context.cwd, file)), context.options.encoding).text.slice(0, 65_536));
  } catch {
    return undefined;
  }
}
