// ESLint-compatible JSON: an array of results, one per file — written element by element as results arrive.
import { streamingFormatter } from './formatter.js';

export const json = streamingFormatter(() => {
  let first = true;
  return {
    start: () => '[',
    result(result) {
      const text = (first ? '' : ',') + JSON.stringify(result);
      first = false;
      return text;
    },
    end: () => ']\n',
  };
});
