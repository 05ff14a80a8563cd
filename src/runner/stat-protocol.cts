// What the stat thread (stat-worker.cts) and StatAhead (stat-ahead.ts) send each other. CommonJS, like the thread's
// own file: the thread starts without Node's ES module loader (~7 ms less of its start).

/** Numbers per path in a reply, in FileStats order (stat-ahead.ts). */
export const STAT_FIELDS = 7;

export interface StatRequest {
  batch: number;
  /** Display paths (relative to the run's folder, or absolute outside it), each ended by a NUL (which no path holds): one string is cloned
   * across threads in a copy, while an array of strings costs more than stat'ing them. */
  displays: string;
}

export interface StatReply {
  batch: number;
  /** STAT_FIELDS numbers per path, in FileStats order; NaN where the file cannot be stat'ed. */
  fields: Float64Array;
}
