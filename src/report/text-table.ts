// Aligned plain-text columns for terminal output. Widths are display columns: a Chinese character counts two.
import { displayWidth as stringWidth } from './display-width.js';
import { terminalSafe } from './terminal-text.js';

export interface ColumnOptions {
  /** Right-align (numbers). */
  right?: boolean;
  /** Cut longer cells to this many columns, ending in "…". */
  maxWidth?: number;
}

/** Pad `text` with spaces to `width` display columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** Cut `text` to at most `width` display columns, marking the cut with "…". */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/**
 * Lay out rows as columns separated by two spaces; the last column is not padded. Cells are data (rule ids, pack
 * messages, group names): control characters in them are shown as escapes (see terminal-text.ts).
 */
export function formatTable(rows: string[][], columns: ColumnOptions[] = [], indent = ''): string[] {
  const cells = rows.map((row) => row.map((text, i) => {
    const cell = terminalSafe(text);
    return columns[i]?.maxWidth ? truncate(cell, columns[i].maxWidth!) : cell;
  }));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell))));
  return cells.map((row) =>
    (indent + row.map((cell, i) => {
      if (columns[i]?.right) return padStart(cell, widths[i]);
      return i === row.length - 1 ? cell : padEnd(cell, widths[i]);
    }).join('  ')).trimEnd());
}
