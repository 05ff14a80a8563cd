// The shard-and-merge path under a real scheduler: GNU parallel (Debian's `parallel`) runs each shard as its own
// process, as a Kubernetes Indexed Job or a CI matrix would; --merge of their reports must equal one run over all files.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, runCli } from '../helpers.js';
import { corpus, PACK_ARGS } from './corpus.js';

const hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).stdout?.startsWith('GNU parallel');
if (!hasParallel) console.warn('shard-parallel tests skipped: no GNU parallel; install it with scripts/install-system-deps.sh (CI does)');

const SHARDS = 3;
// Each shard is a separate Node process: on a busy machine that takes seconds each.
const TIMEOUT = 240_000;

/** Run every shard under GNU parallel; its exit status counts the shards that failed, its job log has each one's. */
function parallelShards(cwd: string, args: string[], extra: string[] = []): { status: number | null; exits: number[] } {
  const command = [process.execPath, BIN, ...args, '--shard', `{}/${SHARDS}`, '-f', 'jsonl', '-o', 'shard-{}.jsonl', '--concurrency', '1', ...extra];
  rmSync(join(cwd, 'jobs.log'), { force: true });
  const run = spawnSync('parallel', ['--will-cite', '--halt', 'never', '--joblog', 'jobs.log', ...command, ':::', ...Array.from({ length: SHARDS }, (_, i) => String(i + 1))], {
    cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: TIMEOUT,
  });
  // With the reports in files, the shards' logs name what they could not lint, and nothing else.
  expect(run.stderr.split('\n').filter(Boolean).map((line) => line.split(': error ')[0]).sort()).toEqual(['transcript-lint: calls/e/binary.txt:0:0', 'transcript-lint: missing/**/*.txt:0:0']);
  const log = readFileSync(join(cwd, 'jobs.log'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  return { status: run.status, exits: log.map((fields) => Number(fields[6])) };
}

describe.skipIf(!hasParallel)('shards under GNU parallel, then --merge', () => {
  it('equals one run over all files: report and exit status, cold and from a cache per shard', () => {
    // 30 transcripts with problems, one that cannot be decoded, one pattern that matches nothing: exit 2 overall.
    const cwd = corpus(30, { 'calls/e/binary.txt': new Uint8Array([0x41, 0, 0x42]) });
    const args = ['calls', 'missing/**/*.txt', ...PACK_ARGS];
    const single = runCli([...args, '-f', 'json'], { cwd });
    expect(single.status).toBe(2);
    const reports = Array.from({ length: SHARDS }, (_, i) => `shard-${i + 1}.jsonl`);

    // Twice, each shard with its own cache: the second pass is served from the caches and merges to the same report.
    for (let pass = 0; pass < 2; pass++) {
      const shards = parallelShards(cwd, args, ['--cache', '--cache-location', 'cache-{}/']);
      expect(shards.exits).toHaveLength(SHARDS);
      expect(shards.exits.every((code) => code === 1 || code === 2)).toBe(true); // every shard found problems
      expect(shards.exits).toContain(2); // the shard that drew the binary file or the unmatched pattern
      expect(shards.status).toBe(shards.exits.filter((code) => code !== 0).length);
      const merged = runCli(['--merge', ...reports, '-f', 'json'], { cwd });
      expect([merged.status, merged.stdout, merged.stderr]).toEqual([single.status, single.stdout, single.stderr]);
    }
  }, TIMEOUT);
});

describe("the README's Kubernetes recipe", () => {
  // The container's shell line, as the README gives it: a shard with problems succeeds, exit 2 is passed on for
  // podFailurePolicy to fail the Job, and ONLY_SHARD re-runs one shard alone.
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# Kubernetes Indexed Job[\s\S]*?)```/.exec(readme)![1];
  const job = parse(block) as {
    spec: { podFailurePolicy: { rules: { action: string; onExitCodes?: { values: number[] } }[] }; template: { spec: { restartPolicy: string; containers: { args: string[]; env: { name: string; value: string }[] }[] } } };
  };
  const container = job.spec.template.spec.containers[0];
  const line = container.args[0].replace(/\b(npx --yes )?transcript-lint /, `"${process.execPath}" "${BIN}" `).replaceAll('/cache/', 'cache/');
  const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));

  function pod(cwd: string, index: number, onlyShard = env.ONLY_SHARD) {
    return spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', env: { ...process.env, ...env, SHARDS: String(SHARDS), ONLY_SHARD: onlyShard, JOB_COMPLETION_INDEX: String(index), NO_COLOR: '1' }, timeout: 60_000 });
  }

  it('fails the Job on exit 2 only, and re-runs one shard', () => {
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.podFailurePolicy.rules.find((r) => r.action === 'FailJob')?.onExitCodes?.values).toEqual([2]);
    const cwd = corpus(8, { 'calls/binary.txt': new Uint8Array([0x41, 0, 0x42]) });
    const statuses = Array.from({ length: SHARDS }, (_, i) => pod(cwd, i).status);
    // Every shard found problems (exit 1 → the pod succeeds), except the one holding the binary file (exit 2).
    expect(statuses.filter((s) => s === 2)).toHaveLength(1);
    expect(statuses.filter((s) => s === 0)).toHaveLength(statuses.length - 1);
    const failed = statuses.indexOf(2) + 1;
    expect(readFileSync(join(cwd, `reports/shard-${failed}.jsonl`), 'utf8')).toContain('"filePath":"calls/binary.txt"');
    // Fixed, then re-run alone: the pod succeeds and rewrites that shard's report.
    writeFileSync(join(cwd, 'calls/binary.txt'), '客服: 您好。\n客服: 再见。\n');
    expect(pod(cwd, 0, String(failed)).status).toBe(0);
    expect(readFileSync(join(cwd, `reports/shard-${failed}.jsonl`), 'utf8')).not.toContain('"fatalErrorCount":1');
  }, TIMEOUT);
});
