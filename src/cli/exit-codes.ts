export const EXIT_OK = 0;
/** Lint errors, too many warnings, or (--test-pack) fixtures that do not match their expectations. */
export const EXIT_PROBLEMS = 1;
/** A bad config or pack, a file that could not be linted, or an internal failure. */
export const EXIT_TROUBLE = 2;
