// What the authoring commands get from the thin CLI run: options as parsed, and how to load the configuration.
import { ConfigError } from '../../config/errors.js';
import { Linter, type LinterOptions } from '../../engine/linter.js';
import type { CliOptions } from '../options.js';

export interface CommandContext {
  cwd: string;
  options: CliOptions;
  /** The positional arguments (files, folders, globs). */
  patterns: string[];
  linterOptions: LinterOptions;
  color: boolean;
}

/** Load and compile the configuration; a bad config or pack is printed (FILE:LINE:COLUMN) and yields undefined. */
export function createLinterOrReport(options: LinterOptions): Linter | undefined {
  try {
    return Linter.create(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return undefined;
    }
    throw err;
  }
}
