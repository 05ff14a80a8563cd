// What the authoring commands get from the thin CLI run: options as parsed, and how to load the configuration.
import { ConfigError } from '../../config/errors.js';
import { Linter, type LinterOptions } from '../../engine/linter.js';
import type { CliOptions } from '../options.js';
import { terminalSafeLines } from '../../report/terminal-text.js';

export interface CommandContext {
  cwd: string;
  options: CliOptions;
  /** The positional arguments (files, folders, globs). */
  patterns: string[];
  linterOptions: LinterOptions;
  color: boolean;
}

/**
 * Load and compile the configuration; a bad config or pack is printed (FILE:LINE:COLUMN) and yields undefined.
 * `compileLater`: asked once the configuration is loaded whether the compile can wait until a file is linted (a cache
 * written with the same packs vouches for them).
 */
export function createLinterOrReport(options: LinterOptions, compileLater?: (loaded: Linter) => boolean): Linter | undefined {
  try {
    const linter = Linter.load(options);
    if (!compileLater?.(linter)) linter.compile();
    return linter;
  } catch (err) {
    if (err instanceof ConfigError) {
      // The message quotes the pack (a code frame): its control characters are shown, not obeyed.
      process.stderr.write(`${terminalSafeLines(err.message)}\n`);
      return undefined;
    }
    throw err;
  }
}
