// --watch on the terminal: redraw the whole report after each batch of changes, until Ctrl-C.
import { Linter, type LinterOptions } from '../engine/linter.js';
import type { LintFilesOptions } from '../runner/lint-files.js';
import { displayPath } from '../runner/discover.js';
import { watchTranscripts } from '../runner/watch.js';
import type { LintResult } from '../types.js';
import { terminalSafe, terminalSafeLines } from '../report/terminal-text.js';
import { canMoveCursor } from './color.js';

/** Clear the screen and the scrollback, cursor to the top. */
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

export interface WatchView {
  /** The report of one run, as the chosen formatter writes it. */
  render(results: LintResult[]): string;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
}

/** Runs until SIGINT or SIGTERM; resolves with the exit status (0: stopped by the user). */
export async function runWatch(patterns: string[], options: LintFilesOptions & LinterOptions, linter: Linter, view: WatchView): Promise<number> {
  const clock = (): string => new Date().toTimeString().slice(0, 8);
  const session = await watchTranscripts(patterns, options, linter, () => Linter.create(options), {
    onResults(results, changed, configError) {
      // On a terminal the report replaces the previous one; in a pipe or a log, each run follows the last.
      view.out.write(canMoveCursor(view.out) ? CLEAR : '\n');
      view.out.write(view.render(results));
      const cwd = options.cwd ?? process.cwd();
      const what = changed.length ? `re-linted after a change to ${changed.length === 1 ? terminalSafe(displayPath(changed[0], cwd)) : `${changed.length} files`}` : 'linted';
      // Shown after every redraw until the config loads again, so that it is not wiped off the screen.
      if (configError) view.err.write(`\nthe config or a pack no longer loads; still using the previous rules:\n${terminalSafeLines(configError.message)}\n`);
      view.out.write(`\n[${clock()}] ${what}; watching ${results.length} ${results.length === 1 ? 'file' : 'files'} for changes (Ctrl-C to stop)\n`);
    },
    onError(error) {
      view.err.write(`transcript-lint: internal error while re-linting: ${error instanceof Error ? error.stack : String(error)}\n`);
    },
  });
  return new Promise((done) => {
    const stop = (): void => {
      session.close();
      done(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
