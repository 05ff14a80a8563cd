// The end of a run (issue #14, the fixed cost of a run): once the command's work is done and its output written, the
// process leaves by `process.exit` rather than by its event loop running dry. A natural exit tears down V8's heap
// and Node's environment first; `process.exit` skips that: 2–3 ms of a small run's end, ~7 ms of a cold run's over
// 10,000 files (docs/performance.md, "The fixed cost of a run").

/** Handles of the standard streams themselves: active while the streams are open, with nothing left to do. */
const STANDARD_STREAM_HANDLES: ReadonlySet<string> = new Set(['TTYWrap', 'PipeWrap', 'TCPWrap']);

type Output = Pick<NodeJS.WriteStream, 'write' | 'destroyed' | 'writableEnded'>;

/** What `leaveWhenIdle` needs of the process (the real one by default; a test passes its own). */
export interface LeavingProcess {
  exitCode?: number | string | undefined;
  readonly stdout: Output;
  readonly stderr: Output;
  getActiveResourcesInfo(): string[];
  exit(code: number): void;
}

/** Call `then` once `stream` has written what was written to it before, unless it failed or was closed. */
function afterWritten(stream: Output, then: () => void): void {
  if (stream.destroyed || stream.writableEnded) return;
  // A write's callback runs once every write before it is done (a pipe's writes can be in flight here).
  stream.write('', (err) => {
    if (!err) then();
  });
}

/**
 * Set the exit status to `code`; once what was written to stdout and stderr before this call is written, leave at
 * once if nothing but the standard streams' own handles is still active. Otherwise (a timer, a watcher, a stream
 * failed or closed by its reader) the event loop ends the process as before, with the same status.
 */
export function leaveWhenIdle(code: number, proc: LeavingProcess = process, nextTurn: (then: () => void) => void = setImmediate): void {
  proc.exitCode = code;
  afterWritten(proc.stdout, () => afterWritten(proc.stderr, () => {
    // Looked at on the next turn: inside a write's callback, that write's own request still counts as active.
    nextTurn(() => {
      if (proc.getActiveResourcesInfo().every((kind) => STANDARD_STREAM_HANDLES.has(kind))) proc.exit(code);
    });
  }));
}
