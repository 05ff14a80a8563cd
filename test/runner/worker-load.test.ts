// A lint worker's code (src/runner/worker-load.cts, made by scripts/build-runtime.mjs): its bundle with its code
// cache when both fit — in a worker thread, which is where V8 must accept the cache — and otherwise the compiled
// files or the bundle compiled without the cache, linting the same either way. (npm test builds first.)
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutcomeDecoder, type BatchReply, type SentOutcome } from '../../dist/runner/batch-codec.js';
import { ROOT, tempDir } from '../helpers.js';

const RUNNER = join(ROOT, 'dist', 'runner');
const LOADER = join(RUNNER, 'worker-load.cjs');
/** The worker bundle's code cache for Node's default V8 flags (a process that sets none, as below). */
const CACHE = spawnSync(process.execPath, ['-p', `require(${JSON.stringify(join(ROOT, 'dist', 'script-bundle.cjs'))}).cacheFileOf(require(${JSON.stringify(LOADER)}).WORKER_BUNDLE)`], { encoding: 'utf8' }).stdout.trim();
const FIXTURES = ['fixtures/zh/bad-call-transfer-hold.txt', 'fixtures/zh-hant/bad-call-rude.txt', 'fixtures/zh/banned-ni.good.txt']
  .map((file) => ({ path: join(ROOT, file), display: file }));

/**
 * In a fresh process, in a worker thread with the pool's resource limits, load the worker's code by `load` (an
 * expression of `loader`, the required worker-load.cjs, giving { worker, from, cache }), and lint the fixtures through
 * a message port as the pool does. Returns where the code came from, how its cache was used, and its reply.
 * `v8Flag`: set in the process before the worker starts, as the command line does.
 */
type WorkerRun = { from: string; cache?: string } & Pick<BatchReply, 'shapes' | 'layouts'> & { outcomes: SentOutcome[] };

function lintInWorker(load: string, v8Flag?: string): WorkerRun {
  const thread = `const { parentPort, MessageChannel } = require('node:worker_threads');
    const loader = require(${JSON.stringify(LOADER)});
    Promise.resolve(${load}).then(({ worker, from, cache }) => {
      const { port1, port2 } = new MessageChannel();
      worker.serveLintBatches(port2, { linterOptions: { cwd: ${JSON.stringify(ROOT)}, noConfigLookup: true }, progress: new SharedArrayBuffer(8) });
      port1.once('message', ({ outcomes, shapes, layouts }) => { port1.close(); parentPort.postMessage({ from, cache, outcomes, shapes, layouts }); });
      port1.postMessage({ batch: 0, tasks: ${JSON.stringify(FIXTURES)} });
    });`;
  const main = `${v8Flag ? `require('node:v8').setFlagsFromString(${JSON.stringify(v8Flag)});` : ''}
    const { Worker } = require('node:worker_threads');
    const w = new Worker(${JSON.stringify(thread)}, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    w.once('message', (m) => { process.stdout.write(JSON.stringify(m)); w.terminate(); });`;
  const run = spawnSync(process.execPath, ['-e', main], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as WorkerRun;
}

/** Where the outcome of each fixture says problems are (rule and line), to compare runs by. */
function problems(run: WorkerRun): string[][] {
  const decoder = new OutcomeDecoder();
  decoder.learn(run);
  return run.outcomes.map((o, i) => decoder.decode(o, FIXTURES[i].display).result!.messages.map((m) => `${m.ruleId}:${m.line}`));
}

describe("a lint worker's code", () => {
  const compiled = lintInWorker(`import(${JSON.stringify(`file://${join(RUNNER, 'worker.js')}`)}).then((worker) => ({ worker, from: 'compiled' }))`);

  it('comes from its bundle with the cache the build made, which V8 accepts in a worker thread', () => {
    expect(problems(compiled).flat().length).toBeGreaterThan(2);
    expect(problems(compiled)[2]).toEqual([]); // (a good example)
    expect(isAscii(readFileSync(join(RUNNER, 'worker-bundle.cjs')))).toBe(true);
    const bundled = lintInWorker('loader.loadLintWorker()');
    expect(bundled).toEqual({ ...compiled, from: 'bundle', cache: 'accepted' });
  });

  it("comes with its cache in a command line's run too, under the V8 flag the command line sets", () => {
    const { COMMAND_LINE_V8_FLAG } = createRequire(import.meta.url)(join(ROOT, 'dist', 'script-bundle.cjs')) as { COMMAND_LINE_V8_FLAG: { set: string } };
    expect(lintInWorker('loader.loadLintWorker()', COMMAND_LINE_V8_FLAG.set)).toEqual({ ...compiled, from: 'bundle', cache: 'accepted' });
  });

  it('takes the cache made for the flags V8 has when they change as it loads (the main thread sets its flag again once a worker is up)', () => {
    const { COMMAND_LINE_V8_FLAG } = createRequire(import.meta.url)(join(ROOT, 'dist', 'script-bundle.cjs')) as { COMMAND_LINE_V8_FLAG: { set: string; unset: string } };
    // The flags change just after the cache for the flags as they were is read, before V8 checks it against them.
    const load = `(() => {
      const fs = require('node:fs');
      const read = fs.readFileSync;
      let changed = false;
      fs.readFileSync = function (file, ...rest) {
        const content = read.call(this, file, ...rest);
        if (!changed && String(file).endsWith('.cache')) {
          changed = true;
          require('node:v8').setFlagsFromString(${JSON.stringify(COMMAND_LINE_V8_FLAG.unset)});
        }
        return content;
      };
      return loader.loadLintWorker();
    })()`;
    expect(lintInWorker(load, COMMAND_LINE_V8_FLAG.set)).toEqual({ ...compiled, from: 'bundle', cache: 'accepted' });
  });

  it('compiles its bundle without the cache when there is none, it is of another build, or V8 refuses it', () => {
    const good = readFileSync(CACHE);
    const otherBuild = Buffer.from(good);
    otherBuild.write('0000000000000000', 0, 'latin1');
    const garbage = Buffer.concat([good.subarray(0, 16), Buffer.alloc(good.length - 16, 7)]);
    const dir = tempDir();
    const cases: [Buffer | null, string][] = [[null, 'none'], [otherBuild, 'rejected'], [garbage, 'rejected'], [good.subarray(0, 10), 'rejected']];
    cases.forEach(([cache, use], i) => {
      const file = join(dir, `cache-${i}`);
      if (cache) writeFileSync(file, cache);
      const load = `(() => { const l = loader.loadWorkerBundle(${cache ? `require('node:fs').readFileSync(${JSON.stringify(file)})` : 'null'}); return { worker: l.exports, from: 'bundle', cache: l.cache }; })()`;
      expect(lintInWorker(load)).toEqual({ ...compiled, from: 'bundle', cache: use });
    });
  });

  it('comes from the compiled files when the bundle is missing or older than them (after a bare tsc)', () => {
    const dir = tempDir();
    const stale = join(dir, 'worker-bundle.cjs');
    writeFileSync(stale, 'throw new Error("a stale bundle was run");');
    utimesSync(stale, new Date(0), new Date(0));
    const files = (bundle: string) => JSON.stringify({ bundle, cacheStem: join(dir, 'worker-bundle') });
    expect(lintInWorker(`loader.loadLintWorker(${files(stale)})`)).toEqual(compiled);
    expect(lintInWorker(`loader.loadLintWorker(${files(join(dir, 'missing.cjs'))})`)).toEqual(compiled);
  });
});
