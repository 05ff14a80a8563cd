// CSV for spreadsheets: a row per problem, plus one row per clean call (empty severity and rule) so that a
// spreadsheet sees every call's score. UTF-8 with a byte-order mark (Excel otherwise guesses a legacy code page
// and garbles Chinese), RFC 4180 quoting and CRLF line ends, and a guard against formula injection: text
// beginning with = + - @ (or a tab or carriage return) gets a leading apostrophe so a spreadsheet shows it
// instead of running it. Written as results arrive.
import { metaField } from '../transcript/front-matter.js';
import type { LintMessage, LintResult } from '../types.js';
import { streamingFormatter } from './formatter.js';

const BOM = '\uFEFF';
const COLUMNS = ['file', 'line', 'column', 'severity', 'rule', 'message', 'speaker', 'excerpt', 'suggestion', 'agent', 'score', 'stars', 'failed'];

type Cell = string | number | undefined;

/** A text cell: guarded against formulas, quoted when it holds a quote, comma or line break. */
export function csvText(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function cell(value: Cell): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? String(value) : csvText(value);
}

function row(result: LintResult, m: LintMessage | undefined): string {
  const severity = m ? (m.fatal ? 'fatal' : m.severity === 2 ? 'error' : 'warning') : undefined;
  const { score } = result;
  const cells: Cell[] = [
    result.filePath, m?.line, m?.column, severity, m?.ruleId ?? undefined, m?.message, m?.speaker, m?.excerpt, m?.suggestion,
    metaField(result.meta, 'agent'), score?.points, score?.stars, score ? String(score.failed) : undefined,
  ];
  return cells.map(cell).join(',');
}

export const csv = streamingFormatter(() => ({
  start: () => `${BOM}${COLUMNS.join(',')}\r\n`,
  result(result) {
    if (result.messages.length === 0) return `${row(result, undefined)}\r\n`;
    let text = '';
    for (const m of result.messages) text += `${row(result, m)}\r\n`;
    return text;
  },
}));
