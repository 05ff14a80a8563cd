// The registry of formatters: one file each.
import { checkstyle } from './checkstyle.js';
import { compact } from './compact.js';
import { csv } from './csv.js';
import type { FormatContext, Formatter } from './formatter.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { jsonl } from './jsonl.js';
import { stylish } from './stylish.js';
import type { LintResult } from '../types.js';

export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map([
  ['stylish', stylish],
  ['compact', compact],
  ['json', json],
  ['sarif', sarif],
  ['junit', junit],
  ['checkstyle', checkstyle],
  ['csv', csv],
  ['html', html],
  ['jsonl', jsonl],
]);

export function formatResults(results: readonly LintResult[], format = 'stylish', context: FormatContext = { cwd: process.cwd(), color: false }): string {
  const formatter = FORMATTERS.get(format);
  if (!formatter) throw new Error(`unknown format "${format}"; formats: ${[...FORMATTERS.keys()].join(', ')}`);
  return formatter(results, context);
}
