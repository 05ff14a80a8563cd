// The registry of formatters: one file each.
import { compact } from './compact.js';
import type { FormatContext, Formatter } from './formatter.js';
import { json } from './json.js';
import { jsonl } from './jsonl.js';
import { stylish } from './stylish.js';
import type { LintResult } from '../types.js';

export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map([
  ['stylish', stylish],
  ['compact', compact],
  ['json', json],
  ['jsonl', jsonl],
]);

export function formatResults(results: readonly LintResult[], format = 'stylish', context: FormatContext = { cwd: process.cwd(), color: false }): string {
  const formatter = FORMATTERS.get(format);
  if (!formatter) throw new Error(`unknown format "${format}"; formats: ${[...FORMATTERS.keys()].join(', ')}`);
  return formatter(results, context);
}
