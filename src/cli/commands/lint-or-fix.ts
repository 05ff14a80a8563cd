// The linting run proper: files or standard input, linted, or fixed (--fix writes, --fix-dry-run only previews).
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { describeReadError, fatalResult, type Linter, type LinterOptions } from '../../engine/linter.js';
import { displayPath, fixRoots, IGNORE_FILE, isIgnored, loadIgnore } from '../../runner/discover.js';
import { summarize } from '../../engine/lint-transcript.js';
import { fixBytes, fixFile, withApplied, type FixPreview } from '../../runner/fix-files.js';
import { lintFilesStream, type FileLinter, type LintFilesOptions } from '../../runner/lint-files.js';
import { InputTooLarge, lintBytes, readAll } from '../../runner/stdin.js';
import type { LintResult } from '../../types.js';
import type { FixOptions } from '../../engine/fix.js';
import type { CliOptions } from '../options.js';
import { changeAsker, lineReader } from '../ask.js';
import { colorsAllowed } from '../color.js';

/** What --fix applies, from --fix-type and --interactive (which asks about suggestions too unless told otherwise). */
function fixOptions(options: CliOptions, color: boolean, filePath: () => string): FixOptions {
  const types = options.fixType ?? (options.interactive ? ['fix', 'suggestion'] : ['fix']);
  const asker = options.interactive ? changeAsker(lineReader(0), process.stderr, color) : undefined;
  return {
    fixes: types.includes('fix'),
    suggestions: types.includes('suggestion'),
    confirm: asker && ((change) => asker.confirm(filePath(), change)),
  };
}

export interface LintRun {
  results: LintResult[];
  /** What --fix-dry-run would change. */
  previews: FixPreview[];
  /** --stdin --fix: the transcript to print, fixed (or unchanged when nothing applies or it cannot be fixed). */
  filtered?: Uint8Array;
  /** --stdin --fix over --max-file-size: the rest of standard input, to print after `filtered` as it comes. */
  filteredRest?: Readable;
}

export async function lintOrFix(patterns: string[], linterOptions: LintFilesOptions & LinterOptions, linter: Linter, options: CliOptions, cwd: string): Promise<LintRun> {
  // The questions go to stderr: colored when it is a terminal.
  const color = options.color ?? (process.stderr.isTTY === true && colorsAllowed(process.stderr));
  const fixing = options.fix || options.fixDryRun;
  const previews: FixPreview[] = [];
  let current = '';
  const fix = fixOptions(options, color, () => current);
  if (options.stdin) {
    const name = options.stdinFilename ? displayPath(resolve(cwd, options.stdinFilename), cwd) : '<stdin>';
    let bytes: Buffer;
    try {
      bytes = await readAll(process.stdin, linter.readOptions.maxBytes);
    } catch (err) {
      if (!(err instanceof InputTooLarge)) throw err;
      const results = [fatalResult(name, describeReadError(err))];
      // As a filter (--fix) it is given back unchanged, the rest as it comes, not held (a pipe to `> fixed.txt`, or an
      // editor's format-on-save, would otherwise be left with nothing); the report goes to stderr.
      if (options.fix) return { results, previews, filtered: err.head, filteredRest: err.rest };
      err.rest.destroy();
      return { results, previews };
    }
    // An editor pipes every buffer: one the ignore rules leave out is said so, not linted (as ESLint does).
    const ignore = options.stdinFilename ? loadIgnore({ cwd, ignorePatterns: linterOptions.ignorePatterns, noIgnore: linterOptions.noIgnore }) : undefined;
    if (ignore && isIgnored(ignore, resolve(cwd, options.stdinFilename!), cwd)) {
      const ignored = summarize(name, [{ ruleId: null, severity: 1, message: `${IGNORE_FILE} or --ignore-pattern leaves this file out, so it was not linted; --no-ignore lints it`, line: 0, column: 0 }]);
      return { results: [ignored], previews, filtered: options.fix ? bytes : undefined };
    }
    if (!fixing) return { results: [lintBytes(linter, bytes, name, options.encoding)], previews };
    current = name;
    const fixed = options.fix ? withApplied(fixBytes(linter, bytes, name, options.encoding, fix)) : fixBytes(linter, bytes, name, options.encoding, fix);
    if (fixed.preview) previews.push(fixed.preview);
    return { results: [fixed.result], previews, filtered: options.fix ? fixed.bytes ?? bytes : undefined };
  }
  const roots = fixRoots(patterns, cwd);
  const fixOne: FileLinter = (file, shownPath) => {
    current = shownPath;
    const fixed = fixFile(linter, file, shownPath, { write: options.fix, encoding: options.encoding, force: options.fixForce, roots, fix });
    if (fixed.preview) previews.push(fixed.preview);
    return fixed.result;
  };
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(patterns, linterOptions, linter, fixing ? fixOne : undefined)) results.push(result);
  return { results, previews };
}
