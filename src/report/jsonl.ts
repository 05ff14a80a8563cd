// JSON Lines: one ESLint-style result object per line, written as each file finishes (for archive jobs, jq, merge).
import { streamingFormatter } from './formatter.js';

export const jsonl = streamingFormatter(() => ({
  result: (result) => `${JSON.stringify(result)}\n`,
}));
