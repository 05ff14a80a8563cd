// Whether a stream of this run may carry colors and cursor movement: a terminal that can show them, unless the
// environment says no — NO_COLOR (no-color.org), FORCE_COLOR=0 or false, TERM=dumb — as Node (tty.hasColors), chalk
// and most command-line tools read it. FORCE_COLOR (1, 2, 3, true) forces colors also where output is piped.

/** Colors on `stream` (process.stdout or process.stderr), --color / --no-color aside. */
export function colorsAllowed(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force) return true;
  return stream.isTTY === true && canMoveCursor(stream);
}

/** A terminal that understands escape sequences (not TERM=dumb): a progress bar may redraw its line there. */
export function canMoveCursor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}
