import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { decodeTasks, encodeTasks, OutcomeDecoder, OutcomeEncoder, resultShape, type BatchReply, type SentOutcome } from '../../src/runner/batch-codec.js';
import { lintFileTask, type FileOutcome, type FileTask } from '../../src/runner/file-task.js';
import type { LintMessage, LintResult } from '../../src/types.js';
import { ROOT } from '../helpers.js';

/** What the pool gets: the reply as a structured clone makes it, its outcomes made objects again. */
function roundTrip(outcomes: FileOutcome[], tasks: FileTask[], encoder = new OutcomeEncoder(), decoder = new OutcomeDecoder()): { sent: SentOutcome[]; got: FileOutcome[] } {
  const sent = outcomes.map((o, i) => encoder.encode(o, tasks[i]));
  const reply = structuredClone<BatchReply>({ batch: 0, outcomes: sent, ...encoder.takeNew() });
  decoder.learn(reply);
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

  it('gives back every result of the fixtures as a structured clone would, key order included, most as numbers or arrays', () => {
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
    // All three forms occur, and a result made by the engine without metadata takes a short way (if the engine's
    // results change form, they are sent whole: still right, but this test says the short way was lost).
    const kinds = sent.map((s) => (typeof s === 'number' ? 'clean' : Array.isArray(s) ? 'problems' : 'whole'));
    expect(new Set(kinds)).toEqual(new Set(['clean', 'problems', 'whole']));
    outcomes.forEach((o, i) => {
      const { messages, meta, notLinted, suppressedMessages } = o.result!;
      if (!meta && !notLinted && !suppressedMessages.length) expect(kinds[i], tasks[i].display).toBe(messages.length ? 'problems' : 'clean');
    });
    // Problems of several layouts, fixes and suggestions among them, come the short way.
    expect(outcomes.some((o, i) => kinds[i] === 'problems' && o.result!.messages.some((m) => m.fix))).toBe(true);
    // Each result and problem is an object of its own, as a clone's are.
    const made = got.filter((_, i) => kinds[i] !== 'whole');
    expect(new Set(made.map((o) => o.result)).size).toBe(made.length);
    const problems = made.flatMap((o) => o.result!.messages);
    expect(new Set(problems).size).toBe(problems.length);
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
    expect(encoder.takeNew()).toEqual({});
    expect(again.got.map((o) => o.result!.filePath)).toEqual(['e', 'f']);
    expect(again.got[1].result!.notEvaluatedReasons).toEqual({ 'p/a': 'speaker-silent' });
  });

  it('gives back problems of any layout, counts and values as they were, each layout sent once', () => {
    const tasks: FileTask[] = ['a', 'b', 'c'].map((n) => ({ path: `/x/${n}`, display: n }));
    const plain: LintMessage = { ruleId: 'p/r', severity: 2, message: '须先问候', line: 1, column: 1, endLine: 1, endColumn: 4, excerpt: '喂', speaker: 'agent' };
    const fixed: LintMessage = { ruleId: null, severity: 1, message: 'm', line: 2, column: 3, fix: { range: [4, 6], text: '您好' }, suggestion: '您好', endLine: undefined };
    const results: LintResult[] = [
      { ...clean('a'), messages: [plain, fixed, { ...plain, line: 7 }], errorCount: 2, warningCount: 1, fixableWarningCount: 1 },
      { ...clean('b'), messages: [fixed], warningCount: 1, notEvaluated: ['p/a'], notEvaluatedReasons: { 'p/a': 'no-reply' } },
      // Counts that do not match the problems are sent as they are.
      { ...clean('c'), errorCount: 3 },
    ];
    const encoder = new OutcomeEncoder();
    const decoder = new OutcomeDecoder();
    const first = roundTrip(results.map((result) => ({ result })), tasks, encoder, decoder);
    expect(first.sent.every(Array.isArray)).toBe(true);
    expect(first.got.map((o) => o.result)).toEqual(results);
    expect(first.got.map((o) => JSON.stringify(o.result))).toEqual(results.map((r) => JSON.stringify(r)));
    expect(first.got.map((o) => o.result!.messages.map((m) => Object.keys(m)))).toEqual(results.map((r) => r.messages.map((m) => Object.keys(m))));
    expect('endLine' in first.got[1].result!.messages[0]).toBe(true);
    const again = roundTrip([{ result: { ...clean('d'), messages: [fixed, plain], warningCount: 1, errorCount: 1 } }], [{ path: '/x/d', display: 'd' }], encoder, decoder);
    expect(encoder.takeNew()).toEqual({});
    expect(again.got[0].result!.messages).toEqual([fixed, plain]);
    expect(again.got[0].result!.messages[0].fix).not.toBe(fixed.fix);
  });

  it('sends whole whatever is not exactly a result of the engine\'s form', () => {
    const task: FileTask = { path: '/x/a', display: 'a' };
    const problem: LintMessage = { ruleId: 'r', severity: 1, message: 'm', line: 1, column: 1 };
    const whole: FileOutcome[] = [
      { result: { ...clean('a'), meta: { agent: '7' } } },
      { result: { ...clean('a'), score: { grade: 'A' } as unknown as LintResult['score'] } },
      { result: { ...clean('a'), suppressedMessages: [{ ...problem, suppressions: [{ kind: 'directive', justification: '' }] }] } },
      { result: { ...clean('a'), messages: [Object.assign(Object.create({ inherited: 1 }) as LintMessage, problem)] } },
      { result: { ...clean('a'), messages: [problem, null as unknown as LintMessage] } },
      { result: clean('shown elsewhere') },
      { result: { ...clean('a'), notEvaluated: ['p/b'], notEvaluatedReasons: { 'p/a': 'no-reply' } } },
      { result: { ...clean('a'), notEvaluated: ['p/a', 'p/b'], notEvaluatedReasons: { 'p/a': 'no-reply' } } },
      // (Its fields in another order: fatalErrorCount first.)
      { result: Object.assign({ fatalErrorCount: 0 }, clean('a')) },
      { result: clean('a'), hash: 'h' },
      { hash: 'h' },
    ];
    const encoder = new OutcomeEncoder();
    for (const outcome of whole) expect(encoder.encode(outcome, task)).toBe(outcome);
    expect(encoder.takeNew().shapes).toBeUndefined();
    expect(resultShape({ ...clean('a'), notEvaluated: ['p\0q'], notEvaluatedReasons: { 'p\0q': 'no-reply' } }, 'a')).toBeUndefined();
  });

  it('refuses a shape or layout number it was never sent', () => {
    expect(() => new OutcomeDecoder().decode(0, 'a')).toThrow(/shape 0, which it never sent/);
    const decoder = new OutcomeDecoder();
    decoder.learn({ shapes: [''] });
    expect(() => decoder.decode([0, 1, 0, 0, 0, 0, 5, 'x'], 'a')).toThrow(/layout 5, which it never sent/);
  });
});
