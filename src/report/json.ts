// ESLint-compatible JSON: an array of results, one per file — written element by element as results arrive.
import { streamingFormatter } from './formatter.js';

export const json = streamingFormatter((context) => {
  let first = true;
  return {
    start: () => '[',
    result(result) {
      const text = (first ? '' : ',') + JSON.stringify(result);
      first = false;
      return text;
    },
    end() {
      // A shard with no files: one result says so, which --merge checks as it does a shard's results.
      const mark = first ? context.emptyShard?.() : undefined;
      return `${mark ? JSON.stringify(mark) : ''}]\n`;
    },
  };
});
