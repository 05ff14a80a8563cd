/** A report --merge cannot merge: its message names the report (and line) and what to do. */
export class MergeError extends Error {}
