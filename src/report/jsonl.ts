// JSON Lines: one ESLint-style result object per line, written as each file finishes (for archive jobs, jq, merge).
import { streamingFormatter } from './formatter.js';

export const jsonl = streamingFormatter((context) => {
  let none = true;
  return {
    result(result) {
      none = false;
      return `${JSON.stringify(result)}\n`;
    },
    end() {
      // A shard with no files: one result says so, which --merge checks as it does a shard's results.
      const mark = none ? context.emptyShard?.() : undefined;
      return mark ? `${JSON.stringify(mark)}\n` : '';
    },
  };
});
