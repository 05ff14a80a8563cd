// ESLint-compatible JSON: an array of results, one per file.
import type { Formatter } from './formatter.js';

export const json: Formatter = (results) => JSON.stringify(results) + '\n';
