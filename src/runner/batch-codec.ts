// How a batch of files crosses between the pool (src/runner/pool.ts) and a worker (src/runner/worker.ts), in a form
// that costs less to copy between threads than the objects themselves (issue #14: the pool's share of a cold run).
//
// A message is copied by structured clone, which walks every object and writes every property's name on both sides:
// serialized and read back, a result with problems cost 12–16 µs, and an array of task objects more than one string.
// So the tasks of a batch go as one string; a clean result (most files) goes back as the number of its shape, and a
// result with problems as one flat array: its shape, its counts, and each problem's values in the order of its
// properties, whose names go once per worker (4–5 µs). The pool makes the same objects again, properties in the same
// order; a result of any other form is sent as it is.
import type { LintMessage, LintResult, NotEvaluatedReason } from '../types.js';
import type { FileOutcome, FileTask } from './file-task.js';

export interface BatchRequest {
  batch: number;
  /** The tasks as `path NUL display NUL` each (no path holds a NUL), when none carries anything else. */
  files?: string;
  /** Otherwise the tasks themselves (a `--cache` run's carry hashes). */
  tasks?: FileTask[];
}

/**
 * An outcome as sent: the outcome itself; for a clean result the number of its shape (resultShape); for a result
 * with problems [shape, errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount, then for
 * each problem the number of its layout (its properties' names, in order) and its values in that order].
 */
export type SentOutcome = FileOutcome | number | unknown[];

export interface BatchReply {
  batch: number;
  outcomes: SentOutcome[];
  /** Shapes first used in this reply, numbered on from the worker's last ones. */
  shapes?: string[];
  /** Problem layouts first used in this reply, numbered likewise. */
  layouts?: string[][];
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

/** A result's properties, in the order the engine makes them (summarize in src/engine/lint-transcript.ts). */
const RESULT_KEYS = ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount',
  'usedDeprecatedRules', 'notEvaluated', 'notEvaluatedReasons'] as const;
/** Without the lists of rules that could not judge the file. */
const RESULT_KEYS_BARE = 9;
/** Where a result with problems has its problems, after its shape and its five counts. */
const PROBLEMS_AT = 6;

/**
 * The shape of a result: '' without the lists of rules that could not judge the file, otherwise a NUL then `rule NUL
 * reason NUL` for each such rule (none: the lists are there, empty). Only a result that is exactly such an object, its
 * properties in that order, with no suppressed problem, has a shape: anything else (metadata, a score, a property added
 * some day) is undefined, and sent whole.
 */
export function resultShape(result: LintResult, display: string): string | undefined {
  if (result.filePath !== display || !Array.isArray(result.messages) || !isEmptyArray(result.suppressedMessages) || !isEmptyArray(result.usedDeprecatedRules)) return undefined;
  let count = 0;
  for (const key in result) {
    if (count === RESULT_KEYS.length || key !== RESULT_KEYS[count]) return undefined;
    count++;
  }
  if (count === RESULT_KEYS_BARE) return '';
  const { notEvaluated, notEvaluatedReasons } = result;
  if (count !== RESULT_KEYS.length || !Array.isArray(notEvaluated) || typeof notEvaluatedReasons !== 'object' || !notEvaluatedReasons) return undefined;
  let shape = '\0';
  let at = 0;
  for (const rule in notEvaluatedReasons) {
    const reason: unknown = notEvaluatedReasons[rule];
    if (notEvaluated[at++] !== rule || typeof reason !== 'string' || rule.includes('\0') || reason.includes('\0')) return undefined;
    shape += `${rule}\0${reason}\0`;
  }
  return at === notEvaluated.length ? shape : undefined;
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** Whether `object`'s enumerable properties are `keys`, in that order. */
function hasKeys(object: object, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in object) {
    if (key !== keys[count]) return false;
    count++;
  }
  return count === keys.length;
}

/** The worker's side: an outcome as sent, and the shapes and layouts it numbered since the last reply. */
export class OutcomeEncoder {
  private readonly shapes = new Map<string, number>();
  private readonly layouts: string[][] = [];
  private freshShapes: string[] = [];
  private freshLayouts: string[][] = [];

  encode(outcome: FileOutcome, task: FileTask): SentOutcome {
    const { result } = outcome;
    if (!result || outcome.hash !== undefined || outcome.stamp !== undefined || outcome.source !== undefined) return outcome;
    const text = resultShape(result, task.display);
    if (text === undefined) return outcome;
    const { messages } = result;
    // Problems first: one of an unknown form sends the outcome whole, and should number no shape.
    let values: unknown[] | undefined;
    if (messages.length) {
      values = [0, result.errorCount, result.warningCount, result.fatalErrorCount, result.fixableErrorCount, result.fixableWarningCount];
      for (const message of messages) {
        const layout = this.layoutOf(message);
        if (layout === undefined) return outcome;
        values.push(layout);
        for (const key of this.layouts[layout]) values.push((message as unknown as Record<string, unknown>)[key]);
      }
    } else if (result.errorCount !== 0 || result.warningCount !== 0 || result.fatalErrorCount !== 0 || result.fixableErrorCount !== 0 || result.fixableWarningCount !== 0) {
      values = [0, result.errorCount, result.warningCount, result.fatalErrorCount, result.fixableErrorCount, result.fixableWarningCount];
    }
    let shape = this.shapes.get(text);
    if (shape === undefined) {
      shape = this.shapes.size;
      this.shapes.set(text, shape);
      this.freshShapes.push(text);
    }
    if (!values) return shape;
    values[0] = shape;
    return values;
  }

  /** The number of a problem's layout (numbered now if new); undefined for what is not a plain object. */
  private layoutOf(message: LintMessage): number | undefined {
    if (typeof message !== 'object' || message === null || Array.isArray(message) || Object.getPrototypeOf(message) !== Object.prototype) return undefined;
    // Most problems share a few layouts: the most recent first.
    for (let n = this.layouts.length - 1; n >= 0; n--) if (hasKeys(message, this.layouts[n])) return n;
    const keys = Object.keys(message);
    // (for…in, which the layouts are matched with, would also list inherited properties: a plain object has none.)
    if (!hasKeys(message, keys)) return undefined;
    this.layouts.push(keys);
    this.freshLayouts.push(keys);
    return this.layouts.length - 1;
  }

  /** The shapes and layouts numbered since the last call, for the reply. */
  takeNew(): Pick<BatchReply, 'shapes' | 'layouts'> {
    const fresh: Pick<BatchReply, 'shapes' | 'layouts'> = {};
    if (this.freshShapes.length) fresh.shapes = this.freshShapes;
    if (this.freshLayouts.length) fresh.layouts = this.freshLayouts;
    this.freshShapes = [];
    this.freshLayouts = [];
    return fresh;
  }
}

interface Shape {
  /** Whether the result has the lists notEvaluated and notEvaluatedReasons (empty or not). */
  lists: boolean;
  rules: string[];
  reasons: NotEvaluatedReason[];
}

/** The pool's side, one per worker (a worker started again numbers its shapes and layouts from 0). */
export class OutcomeDecoder {
  private readonly shapes: Shape[] = [];
  private readonly layouts: string[][] = [];

  /** Take in a reply's new shapes and layouts, before its outcomes. */
  learn(reply: Pick<BatchReply, 'shapes' | 'layouts'>): void {
    for (const text of reply.shapes ?? []) {
      const shape: Shape = { lists: text !== '', rules: [], reasons: [] };
      const parts = text.slice(1).split('\0');
      for (let i = 0; i + 1 < parts.length; i += 2) {
        shape.rules.push(parts[i]);
        shape.reasons.push(parts[i + 1] as NotEvaluatedReason);
      }
      this.shapes.push(shape);
    }
    for (const layout of reply.layouts ?? []) this.layouts.push(layout);
  }

  /** The outcome as the worker had it: new objects, as a structured clone would have made. */
  decode(sent: SentOutcome, display: string): FileOutcome {
    if (typeof sent === 'number') return { result: this.result(sent, display, [], 0, 0, 0, 0, 0) };
    if (!Array.isArray(sent)) return sent;
    const messages: LintMessage[] = [];
    for (let at = PROBLEMS_AT; at < sent.length;) {
      const layout = this.layouts[sent[at++] as number];
      if (!layout) throw new Error(`a worker's reply named problem layout ${String(sent[at - 1])}, which it never sent`);
      const message: Record<string, unknown> = {};
      for (const key of layout) message[key] = sent[at++];
      messages.push(message as unknown as LintMessage);
    }
    return { result: this.result(sent[0] as number, display, messages, sent[1] as number, sent[2] as number, sent[3] as number, sent[4] as number, sent[5] as number) };
  }

  private result(number: number, filePath: string, messages: LintMessage[], errorCount: number, warningCount: number, fatalErrorCount: number,
    fixableErrorCount: number, fixableWarningCount: number): LintResult {
    const shape = this.shapes[number];
    if (!shape) throw new Error(`a worker's reply named result shape ${number}, which it never sent`);
    const result: LintResult = {
      filePath, messages, suppressedMessages: [], errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount, usedDeprecatedRules: [],
    };
    if (shape.lists) {
      const reasons: Record<string, NotEvaluatedReason> = {};
      for (let i = 0; i < shape.rules.length; i++) reasons[shape.rules[i]] = shape.reasons[i];
      result.notEvaluated = shape.rules.slice();
      result.notEvaluatedReasons = reasons;
    }
    return result;
  }
}
