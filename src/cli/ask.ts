// --fix --interactive: a question per change, answered on the terminal or by lines piped into standard input.
// Read synchronously, so that the fixer (a pure loop that lints after each change) can ask in the middle of a file.
import { readSync } from 'node:fs';
import type { FixChange } from '../engine/fix.js';
import { formatChange } from '../report/fix-preview.js';
import { terminalSafe } from '../report/terminal-text.js';

/**
 * Where the first line of `text` ends, after its \n, \r\n or lone \r; -1 while that is not known yet (no break, or a \r
 * last, which may be half of a \r\n).
 */
function lineEnd(text: string, ended: boolean): number {
  const at = text.search(/[\r\n]/);
  if (at < 0) return -1;
  if (text[at] === '\n') return at + 1;
  if (at + 1 < text.length) return text[at + 1] === '\n' ? at + 2 : at + 1;
  return ended ? at + 1 : -1;
}

/** Lines of a file descriptor, read as they are needed (ended by \n, \r\n or a lone \r); undefined at the end of input. */
export function lineReader(fd: number): () => string | undefined {
  let pending = '';
  let ended = false;
  const chunk = Buffer.alloc(4096);
  return () => {
    while (lineEnd(pending, ended) < 0 && !ended) {
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        // A non-blocking pipe with nothing yet: wait a little and try again.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      if (read === 0) ended = true;
      else pending += chunk.toString('utf8', 0, read);
    }
    if (!pending) return undefined;
    const found = lineEnd(pending, true);
    const end = found < 0 ? pending.length : found;
    const line = pending.slice(0, end);
    pending = pending.slice(end);
    return line.replace(/(?:\r\n?|\n)$/, '');
  };
}

export interface Asker {
  confirm(filePath: string, change: FixChange): boolean;
}

/**
 * Ask on `out` about each change: y(es), n(o), a(ll: yes to this and every later change), q(uit: no to every later
 * change). The end of input answers no to everything left.
 */
export function changeAsker(readLine: () => string | undefined, out: NodeJS.WritableStream, color: boolean): Asker {
  let rest: boolean | undefined;
  return {
    confirm(filePath, change) {
      if (rest !== undefined) return rest;
      // A file's name is shown as text, as in every report: control characters cannot reach the terminal.
      out.write(`\n${terminalSafe(filePath)}\n${formatChange(change, color).join('\n')}\n`);
      for (;;) {
        out.write('Apply this change? [y]es, [n]o, [a]ll the rest, [q]uit: ');
        const answer = readLine();
        if (answer === undefined) {
          out.write('\n');
          rest = false;
          return false;
        }
        const key = answer.trim().toLowerCase()[0];
        if (key === 'y') return true;
        if (key === 'n') return false;
        if (key === 'a') return (rest = true);
        if (key === 'q') return (rest = false);
      }
    },
  };
}
