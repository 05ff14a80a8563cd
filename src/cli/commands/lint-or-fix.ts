// The linting run proper: files or standard input, linted, or fixed (--fix writes, --fix-dry-run only previews).
import { resolve } from 'node:path';
import type { Linter, LinterOptions } from '../../engine/linter.js';
import { displayPath, fixRoots } from '../../runner/discover.js';
import { fixBytes, fixFile, type FixPreview } from '../../runner/fix-files.js';
import { lintFilesStream, type FileLinter, type LintFilesOptions } from '../../runner/lint-files.js';
import { lintBytes, readAll } from '../../runner/stdin.js';
import type { LintResult } from '../../types.js';
import type { CliOptions } from '../options.js';

export interface LintRun {
  results: LintResult[];
  /** What --fix-dry-run would change. */
  previews: FixPreview[];
  /** --stdin --fix: the transcript to print, fixed (or unchanged when nothing applies or it cannot be fixed). */
  filtered?: Uint8Array;
}

export async function lintOrFix(patterns: string[], linterOptions: LintFilesOptions & LinterOptions, linter: Linter, options: CliOptions, cwd: string): Promise<LintRun> {
  const fixing = options.fix || options.fixDryRun;
  const previews: FixPreview[] = [];
  if (options.stdin) {
    const name = options.stdinFilename ? displayPath(resolve(cwd, options.stdinFilename), cwd) : '<stdin>';
    const bytes = await readAll(process.stdin);
    if (!fixing) return { results: [lintBytes(linter, bytes, name, options.encoding)], previews };
    const fixed = fixBytes(linter, bytes, name, options.encoding);
    if (fixed.preview) previews.push(fixed.preview);
    return { results: [fixed.result], previews, filtered: options.fix ? fixed.bytes ?? bytes : undefined };
  }
  const roots = fixRoots(patterns, cwd);
  const fixOne: FileLinter = (file, shownPath) => {
    const fixed = fixFile(linter, file, shownPath, { write: options.fix, encoding: options.encoding, force: options.fixForce, roots });
    if (fixed.preview) previews.push(fixed.preview);
    return fixed.result;
  };
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, linterOptions, linter, fixing ? fixOne : undefined)) results.push(result);
  return { results, previews };
}
