// How a batch of files crosses between the pool (src/runner/pool.ts) and a worker (src/runner/worker.ts), in a form
// that costs less to copy between threads than the objects themselves (issue #14: the pool's share of a cold run).
//
// A message is copied by structured clone, which walks every object and property on both sides: ~1.9 µs of the main
// thread's CPU and ~1.5 µs of the worker's per file for the outcomes, and an array of task objects costs more than
// one string. So the tasks of a batch go as one string, and a result with nothing to report (most files) goes back as
// the number of its shape, which the pool makes into the same object again from the file's shown path.
import type { LintResult, NotEvaluatedReason } from '../types.js';
import type { FileOutcome, FileTask } from './file-task.js';

export interface BatchRequest {
  batch: number;
  /** The tasks as `path NUL display NUL` each (no path holds a NUL), when none carries anything else. */
  files?: string;
  /** Otherwise the tasks themselves (a `--cache` run's carry hashes). */
  tasks?: FileTask[];
}

export interface BatchReply {
  batch: number;
  /** Each file's outcome, or for a result with nothing to report the number of its shape (see ResultShapes). */
  outcomes: (FileOutcome | number)[];
  /** Shapes first used in this reply, numbered on from the worker's last ones. */
  shapes?: string[];
}

/** The request for these tasks. */
export function encodeTasks(batch: number, tasks: readonly FileTask[]): BatchRequest {
  let files = '';
  for (const task of tasks) {
    if (task.hash !== undefined || task.knownHash !== undefined) return { batch, tasks: [...tasks] };
    files += `${task.path}\0${task.display}\0`;
  }
  return { batch, files };
}

/** The tasks of a request. */
export function decodeTasks(request: BatchRequest): FileTask[] {
  if (request.files === undefined) return request.tasks ?? [];
  const parts = request.files.split('\0');
  const tasks: FileTask[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) tasks.push({ path: parts[i], display: parts[i + 1] });
  return tasks;
}

/** A clean result's properties, in the order the engine makes them (summarize in src/engine/lint-transcript.ts). */
const CLEAN_KEYS = ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount',
  'usedDeprecatedRules', 'notEvaluated', 'notEvaluatedReasons'] as const;
/** Without rules that could not judge the file. */
const CLEAN_KEYS_BARE = 9;

/**
 * The shape of a result that reports nothing: '' without the lists of rules that could not judge the file, otherwise
 * a NUL then `rule NUL reason NUL` for each such rule (none: the lists are there, empty); undefined for any other result. Only a result that is exactly such an object, with its
 * properties in that order, has a shape: anything else (a problem, metadata, a property added some day) is sent whole.
 */
export function cleanShape(result: LintResult, display: string): string | undefined {
  if (result.filePath !== display || result.messages.length || result.suppressedMessages.length || result.usedDeprecatedRules.length
    || result.errorCount !== 0 || result.warningCount !== 0 || result.fatalErrorCount !== 0 || result.fixableErrorCount !== 0 || result.fixableWarningCount !== 0) return undefined;
  let count = 0;
  for (const key in result) {
    if (count === CLEAN_KEYS.length || key !== CLEAN_KEYS[count]) return undefined;
    count++;
  }
  if (count === CLEAN_KEYS_BARE) return '';
  const { notEvaluated, notEvaluatedReasons } = result;
  if (count !== CLEAN_KEYS.length || !Array.isArray(notEvaluated) || !notEvaluatedReasons) return undefined;
  let shape = '\0';
  let at = 0;
  for (const rule in notEvaluatedReasons) {
    const reason: unknown = notEvaluatedReasons[rule];
    if (notEvaluated[at++] !== rule || typeof reason !== 'string' || rule.includes('\0') || reason.includes('\0')) return undefined;
    shape += `${rule}\0${reason}\0`;
  }
  return at === notEvaluated.length ? shape : undefined;
}

/** The worker's side: an outcome as sent, and the shapes it numbered since the last reply. */
export class OutcomeEncoder {
  private readonly numbers = new Map<string, number>();
  private fresh: string[] = [];

  encode(outcome: FileOutcome, task: FileTask): FileOutcome | number {
    const { result } = outcome;
    if (!result || outcome.hash !== undefined || outcome.stamp !== undefined || outcome.source !== undefined) return outcome;
    const shape = cleanShape(result, task.display);
    if (shape === undefined) return outcome;
    let number = this.numbers.get(shape);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(shape, number);
      this.fresh.push(shape);
    }
    return number;
  }

  /** The shapes numbered since the last call, for the reply (undefined: none). */
  takeShapes(): string[] | undefined {
    if (!this.fresh.length) return undefined;
    const shapes = this.fresh;
    this.fresh = [];
    return shapes;
  }
}

interface Shape {
  /** Whether the result has the lists notEvaluated and notEvaluatedReasons (empty or not). */
  lists: boolean;
  rules: string[];
  reasons: NotEvaluatedReason[];
}

/** The pool's side, one per worker (a worker started again numbers its shapes from 0). */
export class OutcomeDecoder {
  private readonly shapes: Shape[] = [];

  /** Take in a reply's new shapes, before its outcomes. */
  learn(shapes: readonly string[] | undefined): void {
    if (!shapes) return;
    for (const text of shapes) {
      const shape: Shape = { lists: text !== '', rules: [], reasons: [] };
      const parts = text.slice(1).split('\0');
      for (let i = 0; i + 1 < parts.length; i += 2) {
        shape.rules.push(parts[i]);
        shape.reasons.push(parts[i + 1] as NotEvaluatedReason);
      }
      this.shapes.push(shape);
    }
  }

  /** The outcome as the worker had it: a new object, as a structured clone would have made. */
  decode(sent: FileOutcome | number, display: string): FileOutcome {
    if (typeof sent !== 'number') return sent;
    const shape = this.shapes[sent];
    if (!shape) throw new Error(`a worker's reply named result shape ${sent}, which it never sent`);
    const result: LintResult = {
      filePath: display, messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0,
      fixableWarningCount: 0, usedDeprecatedRules: [],
    };
    if (shape.lists) {
      const reasons: Record<string, NotEvaluatedReason> = {};
      for (let i = 0; i < shape.rules.length; i++) reasons[shape.rules[i]] = shape.reasons[i];
      result.notEvaluated = shape.rules.slice();
      result.notEvaluatedReasons = reasons;
    }
    return { result };
  }
}
