// Where a clause ends in a transcript's text: the marks `near` / `not-near` (without `chars`) and `except` phrases of
// words only do not reach across.

/** Punctuation that ends a clause, and a line break. */
const CLAUSE_BREAK = /[，。！？；：,.!?;:\n]/;

/** Whether the text from `start` to `end` holds a mark that ends a clause (or a line break). */
export function breaksClause(text: string, start = 0, end = text.length): boolean {
  return CLAUSE_BREAK.test(text.slice(start, end));
}
