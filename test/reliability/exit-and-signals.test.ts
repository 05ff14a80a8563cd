// Reliability, exit codes and signals (issue item 12): a reader that leaves early (`| head`) does not turn errors
// into exit 0; an absurd --shard is refused; SIGTERM — what Kubernetes, systemd and timeout send — is handled like
// Ctrl-C: a complete JSON report, a saved cache, exit 143. Signals go to a real child process.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from '../helpers.js';
import { corpus, PACK_ARGS } from '../runner/corpus.js';

function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, closed, stderr: () => stderr };
}

describe('item 12: exit status and signals', () => {
  it('a reader that goes away after the first lines still gets exit 1 when those lines hold errors', async () => {
    const cwd = corpus(3000);
    const run = start(['calls', '-f', 'compact', '--concurrency', 'off', ...PACK_ARGS], cwd);
    let first = '';
    run.child.stdout.once('data', (d: Buffer) => {
      first = d.toString();
      run.child.stdout.destroy(); // as `| head -n 1` does once it has its line
    });
    const status = await run.closed;
    expect(first).toMatch(/error/);
    expect(status).toBe(1);
  });

  it('refuses a shard count no run can fill, instead of linting nothing with exit 0', () => {
    const run = runCli(['--shard', '99999999999999999999/99999999999999999999', 'fixtures/zh']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('write it as K/N with 1 ≤ K ≤ N ≤ 4294967296');
    expect(runCli(['--shard', '1/4294967297', 'fixtures/zh']).status).toBe(2);
  });

  it('SIGTERM stops like Ctrl-C: a complete JSON report, a saved cache, exit 143', async () => {
    const cwd = corpus(3000);
    const run = start(['calls', '-f', 'json', '--cache', '--concurrency', 'off', ...PACK_ARGS], cwd);
    let stdout = '';
    run.child.stdout.on('data', (d: Buffer) => {
      if (!stdout) run.child.kill('SIGTERM');
      stdout += d;
    });
    const status = await run.closed;
    expect(status).toBe(143);
    const results = JSON.parse(stdout) as unknown[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(3000);
    expect(run.stderr()).toBe(`transcript-lint: interrupted: ${results.length} files reported before SIGTERM\n`);
    expect(existsSync(join(cwd, '.transcript-lint-cache'))).toBe(true);
  });

  it('Ctrl-C: the SARIF report of the files done says the run did not complete (a scanner must not close the alerts of files never linted)', async () => {
    const cwd = corpus(3000);
    const run = start(['calls', '-f', 'sarif', '--concurrency', 'off', ...PACK_ARGS], cwd);
    let stdout = '';
    run.child.stdout.on('data', (d: Buffer) => {
      if (!stdout) run.child.kill('SIGINT');
      stdout += d;
    });
    expect(await run.closed).toBe(130);
    const invocation = (JSON.parse(stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] }).runs[0].invocations[0];
    // Until 2026-12-01 it said executionSuccessful: true, as for a run that linted every file.
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((n) => [n.level, n.message.text])).toContainEqual(['error', expect.stringMatching(/^stopped by Ctrl-C after \d+ files?: the files after them were not linted$/)]);
  });

  it('--merge stops on SIGTERM as a lint run does: the report of the results merged, exit 143, no file left half written (it was killed where it stood)', async () => {
    const error = { ruleId: 'p/r', severity: 2, message: 'm', line: 1, column: 1 };
    const line = (i: number): string => `${JSON.stringify({ filePath: `calls/${String(i).padStart(6, '0')}.txt`, messages: [error], suppressedMessages: [], errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 })}\n`;
    const count = 150_000;
    const cwd = tempDir();
    writeFileSync(join(cwd, 'shard.jsonl'), Array.from({ length: count }, (_, i) => line(i)).join(''));
    const run = start(['--merge', 'shard.jsonl', '-f', 'sarif', '-o', 'merged.sarif'], cwd);
    const temporary = (): string[] => readdirSync(cwd).filter((name) => name.endsWith('.tmp'));
    // Once the report is being written beside its file: the merge is under way.
    while (temporary().length === 0 && run.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    run.child.kill('SIGTERM');
    expect(await run.closed).toBe(143);
    expect(temporary()).toEqual([]);
    const sarif = JSON.parse(readFileSync(join(cwd, 'merged.sarif'), 'utf8')) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean }[] }[] };
    const merged = sarif.runs[0].results.length;
    expect(merged).toBeLessThan(count);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(run.stderr()).toBe(`transcript-lint: interrupted: ${merged} files reported before SIGTERM\n`);
  });

  it('a second signal leaves at once, and takes the report it was writing with it (it was left half written beside its file)', async () => {
    const cwd = corpus(3000);
    const run = start(['calls', '-f', 'json', '-o', 'report.json', '--concurrency', 'off', ...PACK_ARGS], cwd);
    const temporary = (): string[] => readdirSync(cwd).filter((name) => name.endsWith('.tmp'));
    while (temporary().length === 0 && run.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    // Two signals of different kinds, so that neither is merged into the other before the process hears them.
    run.child.kill('SIGTERM');
    run.child.kill('SIGINT');
    expect([130, 143]).toContain(await run.closed); // the first heard gives the status
    expect(temporary()).toEqual([]);
    expect(existsSync(join(cwd, 'report.json'))).toBe(false);
  });
});
