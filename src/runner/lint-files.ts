// Lint many files: discovery, then one result per file, streamed in input order.
import { Linter, fatalResult, type LinterOptions } from '../engine/linter.js';
import type { LintResult } from '../types.js';
import { discoverFiles, displayPath } from './discover.js';

export interface LintFilesOptions extends LinterOptions {
  /** Patterns that match nothing are not an error. */
  allowUnmatched?: boolean;
}

/**
 * Lint every transcript the patterns name. A pattern that matches nothing yields a fatal result under its own
 * name (unless allowUnmatched), so that nothing is silently skipped.
 */
export async function* lintFilesStream(patterns: string[], options: LintFilesOptions = {}, linter = Linter.create(options)): AsyncGenerator<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const { files, unmatched, problems } = await discoverFiles(patterns, { cwd, allowUnmatched: options.allowUnmatched });
  if (!options.allowUnmatched) {
    for (const { pattern, reason } of unmatched) yield fatalResult(pattern, `${reason}; check the path or pattern (or pass --no-error-on-unmatched-pattern)`);
  }
  for (const { path, message } of problems) yield fatalResult(displayPath(path, cwd), message);
  for (const file of files) yield linter.lintFile(file, displayPath(file, cwd));
}

export async function lintFiles(patterns: string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, options)) results.push(result);
  return results;
}
