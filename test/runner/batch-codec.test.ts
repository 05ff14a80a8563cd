import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { cleanShape, decodeTasks, encodeTasks, OutcomeDecoder, OutcomeEncoder, type BatchReply } from '../../src/runner/batch-codec.js';
import { lintFileTask, type FileOutcome, type FileTask } from '../../src/runner/file-task.js';
import type { LintResult } from '../../src/types.js';
import { ROOT } from '../helpers.js';

/** What the pool gets: the reply as a structured clone makes it, its outcomes made objects again. */
function roundTrip(outcomes: FileOutcome[], tasks: FileTask[], encoder = new OutcomeEncoder(), decoder = new OutcomeDecoder()): { sent: (FileOutcome | number)[]; got: FileOutcome[] } {
  const sent = outcomes.map((o, i) => encoder.encode(o, tasks[i]));
  const reply = structuredClone<BatchReply>({ batch: 0, outcomes: sent, shapes: encoder.takeShapes() });
  decoder.learn(reply.shapes);
  return { sent, got: reply.outcomes.map((o, i) => decoder.decode(o, tasks[i].display)) };
}

const clean = (filePath: string): LintResult => ({
  filePath, messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [],
});

describe('a batch between the pool and a worker', () => {
  it('sends plain tasks as one string and gives them back as they were; tasks with cache fields go as objects', () => {
    const tasks: FileTask[] = [
      { path: '/archive/2026 12/呼叫 1.txt', display: '2026 12/呼叫 1.txt' },
      { path: '/elsewhere/b.txt', display: '/elsewhere/b.txt' },
      { path: '/archive/c\nd.txt', display: 'c\nd.txt' },
    ];
    const plain = structuredClone(encodeTasks(7, tasks));
    expect(plain.batch).toBe(7);
    expect(typeof plain.files).toBe('string');
    expect(plain.tasks).toBeUndefined();
    expect(decodeTasks(plain)).toEqual(tasks);
    expect(decodeTasks(structuredClone(encodeTasks(0, [])))).toEqual([]);
    const cached: FileTask[] = [tasks[0], { ...tasks[1], hash: true, knownHash: 'abc' }];
    const withHashes = structuredClone(encodeTasks(1, cached));
    expect(withHashes.files).toBeUndefined();
    expect(decodeTasks(withHashes)).toEqual(cached);
  });

  it('gives back every result of the fixtures as a structured clone would, key order included, most clean ones as numbers', () => {
    const linter = Linter.create({ cwd: ROOT, noConfigLookup: true, skipExamples: true });
    const tasks: FileTask[] = [];
    for (const folder of readdirSync(join(ROOT, 'fixtures'))) {
      const dir = join(ROOT, 'fixtures', folder);
      if (!statSync(dir).isDirectory()) continue;
      for (const name of readdirSync(dir).sort()) tasks.push({ path: join(dir, name), display: `fixtures/${folder}/${name}` });
    }
    const outcomes = tasks.map((task) => lintFileTask(linter, task));
    const { sent, got } = roundTrip(outcomes, tasks);
    expect(JSON.stringify(got)).toBe(JSON.stringify(structuredClone(outcomes)));
    expect(got.map((o) => o.result)).toEqual(outcomes.map((o) => o.result));
    // Both kinds occur, and a clean result made by the engine takes the short way (if the engine's results change
    // shape, they are sent whole: still right, but this test says the short way was lost).
    const numbers = sent.filter((s) => typeof s === 'number').length;
    expect(numbers).toBeGreaterThan(0);
    expect(numbers).toBeLessThan(sent.length);
    outcomes.forEach((o, i) => {
      if (!o.result!.messages.length && !o.result!.meta && !o.result!.notLinted) expect(typeof sent[i], tasks[i].display).toBe('number');
    });
    // Each result is an object of its own, as a clone's are.
    const byShape = got.filter((_, i) => typeof sent[i] === 'number');
    expect(new Set(byShape.map((o) => o.result)).size).toBe(byShape.length);
  });

  it('tells the lists of rules not evaluated, empty or not, from their absence, and keeps their order', () => {
    const tasks: FileTask[] = ['a', 'b', 'c', 'd'].map((n) => ({ path: `/x/${n}`, display: n }));
    const results: LintResult[] = [
      clean('a'),
      { ...clean('b'), notEvaluated: [], notEvaluatedReasons: {} },
      { ...clean('c'), notEvaluated: ['p/z', 'p/a'], notEvaluatedReasons: { 'p/z': 'no-reply', 'p/a': 'no-timestamps' } },
      { ...clean('d'), notEvaluated: ['p/a'], notEvaluatedReasons: { 'p/a': 'speaker-silent' } },
    ];
    const encoder = new OutcomeEncoder();
    const decoder = new OutcomeDecoder();
    const first = roundTrip(results.map((result) => ({ result })), tasks, encoder, decoder);
    expect(first.sent).toEqual([0, 1, 2, 3]);
    expect(first.got.map((o) => JSON.stringify(o.result))).toEqual(results.map((r) => JSON.stringify(r)));
    // A later reply names shapes already sent by number, without sending them again.
    const again = roundTrip([{ result: clean('e') }, { result: { ...clean('f'), notEvaluated: ['p/a'], notEvaluatedReasons: { 'p/a': 'speaker-silent' } } }],
      [{ path: '/x/e', display: 'e' }, { path: '/x/f', display: 'f' }], encoder, decoder);
    expect(again.sent).toEqual([0, 3]);
    expect(encoder.takeShapes()).toBeUndefined();
    expect(again.got.map((o) => o.result!.filePath)).toEqual(['e', 'f']);
    expect(again.got[1].result!.notEvaluatedReasons).toEqual({ 'p/a': 'speaker-silent' });
  });

  it('sends whole whatever is not exactly a clean result', () => {
    const task: FileTask = { path: '/x/a', display: 'a' };
    const whole: FileOutcome[] = [
      { result: { ...clean('a'), meta: { agent: '7' } } },
      { result: { ...clean('a'), score: { grade: 'A' } as unknown as LintResult['score'] } },
      { result: { ...clean('a'), warningCount: 1 } },
      { result: { ...clean('a'), messages: [{ ruleId: 'r', severity: 1, message: 'm', line: 1, column: 1 }] } },
      { result: clean('shown elsewhere') },
      { result: { ...clean('a'), notEvaluated: ['p/b'], notEvaluatedReasons: { 'p/a': 'no-reply' } } },
      { result: { ...clean('a'), notEvaluated: ['p/a', 'p/b'], notEvaluatedReasons: { 'p/a': 'no-reply' } } },
      { result: { fatalErrorCount: 0, ...clean('a') } },
      { result: clean('a'), hash: 'h' },
      { hash: 'h' },
    ];
    const encoder = new OutcomeEncoder();
    for (const outcome of whole) expect(encoder.encode(outcome, task)).toBe(outcome);
    expect(encoder.takeShapes()).toBeUndefined();
    expect(cleanShape({ ...clean('a'), notEvaluated: ['p\0q'], notEvaluatedReasons: { 'p\0q': 'no-reply' } }, 'a')).toBeUndefined();
  });

  it('refuses a shape number it was never sent', () => {
    expect(() => new OutcomeDecoder().decode(0, 'a')).toThrow(/never sent/);
  });
});
