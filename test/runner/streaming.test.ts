import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStream, type Formatter } from '../../src/report/formatter.js';
import { FORMATTERS } from '../../src/report/index.js';
import { ProgressBar } from '../../src/runner/progress.js';
import { BIN, linterFor, runCli } from '../helpers.js';
import { corpus, corpusFiles, PACK_ARGS, PACK_OPTIONS, RUNNER_PACK } from './corpus.js';
// The pool starts dist/runner/worker-thread.cjs: this test runs the built library (npm test builds first).
import { Linter, lintFilesStream } from '../../dist/index.js';

const linter = linterFor(RUNNER_PACK);
const results = Object.entries(corpusFiles(6)).map(([path, text]) => linter.lintText(text, path));
const context = { cwd: '.', color: false };

function streamed(formatter: Formatter): string {
  const stream = openStream(formatter, context);
  return (stream.start?.() ?? '') + results.map((r) => stream.result?.(r) ?? '').join('') + (stream.end?.() ?? '');
}

describe('streaming formatters', () => {
  it('write the same report per result as all at once', () => {
    // Every format but html (which shows each transcript beside its summary) is written as results arrive.
    const streaming = [...FORMATTERS].filter(([, formatter]) => formatter.stream).map(([name]) => name);
    expect(streaming).toEqual([...FORMATTERS.keys()].filter((name) => name !== 'html'));
    for (const [name, formatter] of FORMATTERS) expect(streamed(formatter), name).toBe(formatter(results, context));
    expect(FORMATTERS.get('json')!(results, context)).toBe(JSON.stringify(results) + '\n');
    expect(FORMATTERS.get('jsonl')!(results, context)).toBe(results.map((r) => JSON.stringify(r) + '\n').join(''));
  });

  it('collect the results for a formatter without a stream', () => {
    const count: Formatter = (all) => `${all.length} files\n`;
    expect(streamed(count)).toBe('6 files\n');
  });
});

describe('the worker pool', () => {
  it('gives the same output, in the same order, as linting in one thread', () => {
    const cwd = corpus(150);
    const pooled = runCli(['calls', '-f', 'jsonl', '--concurrency', '2', ...PACK_ARGS], { cwd });
    const single = runCli(['calls', '-f', 'jsonl', '--concurrency', 'off', ...PACK_ARGS], { cwd });
    expect(pooled.status).toBe(1);
    expect([pooled.status, pooled.stderr]).toEqual([single.status, single.stderr]);
    expect(pooled.stdout === single.stdout).toBe(true);
    const paths = pooled.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { filePath: string }).filePath);
    expect(paths).toHaveLength(150);
    expect(paths).toEqual([...paths].sort());
  });

  it('lints in its workers and, while it waits for them, in this thread', async () => {
    // The workers build their linter from the options (every rule on); the one given for this thread has every
    // rule off: a file that breaks a rule shows problems only when a worker linted it. The first two batches (64
    // files) go to the worker before this thread takes any; it then lints while the worker starts.
    const cwd = corpus(400);
    const quiet = Linter.create({ cwd, ...PACK_OPTIONS, rules: ['t/greet-first: off', 't/no-shenme-shi: off', 't/farewell-last: off'] });
    const byWorker: boolean[] = [];
    for await (const result of lintFilesStream(['calls'], { cwd, ...PACK_OPTIONS, concurrency: 2 }, quiet)) {
      // Odd-numbered calls (rude, no farewell) break a rule.
      if (Number(/call-(\d+)\.txt$/.exec(result.filePath)![1]) % 2 === 1) byWorker.push(result.messages.length > 0);
    }
    expect(byWorker).toHaveLength(200);
    expect(byWorker.filter(Boolean).length).toBeGreaterThanOrEqual(32);
    expect(byWorker.filter((b) => !b).length).toBeGreaterThan(0);
    let inThread = 0;
    for await (const result of lintFilesStream(['calls'], { cwd, ...PACK_OPTIONS, concurrency: 1 }, quiet)) inThread += result.messages.length;
    expect(inThread).toBe(0);
  });

  it('stops on Ctrl-C, reports what was done and exits 130', async () => {
    const cwd = corpus(3000);
    const child = spawn(process.execPath, [BIN, 'calls', '-f', 'jsonl', '--concurrency', '2', ...PACK_ARGS], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      if (!stdout) child.kill('SIGINT');
      stdout += d;
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines = stdout.trim().split('\n');
    expect(status).toBe(130);
    expect(lines.length).toBeLessThan(3000);
    expect(lines.every((line) => JSON.parse(line))).toBe(true);
    expect(stderr).toBe(`transcript-lint: interrupted: ${lines.length} files reported before Ctrl-C\n`);
  });

  it('ends quietly when the reader of stdout goes away', () => {
    const cwd = corpus(1200);
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" calls -f jsonl --pack ./pack.yaml 2>stderr.txt | head -n 1; cat stderr.txt`], { cwd, encoding: 'utf8' });
    const [first, ...rest] = run.stdout.trim().split('\n');
    expect(JSON.parse(first)).toMatchObject({ filePath: 'calls/a/call-0000.txt' });
    expect(rest).toEqual([]);
  });
});

describe('the progress bar', () => {
  it('shows files done of all, files per second and time left', () => {
    let now = 0;
    const out: string[] = [];
    const bar = new ProgressBar({ write: (t) => out.push(t), columns: 120 }, () => now);
    bar.setTotal(1000);
    for (let i = 0; i < 250; i++) bar.tick();
    now = 5000;
    expect(bar.line()).toBe('█████░░░░░░░░░░░░░░░ 250/1000 files 25% · 50 files/s · ETA 0:15');
    bar.clear();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('is not drawn when stderr is not a terminal', () => {
    // fixtures/ holds English calls too: the one language warning is all stderr carries.
    const lines = runCli(['fixtures'], { env: {} }).stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^transcript-lint: warning: \d+ files .* are English text/);
  });
});
