import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaveWhenIdle, type LeavingProcess } from '../../src/cli/leave.js';
import { BIN, ROOT, tempDir } from '../helpers.js';

type Output = LeavingProcess['stdout'];

/** A process whose streams complete their writes when `flush` is called, in order, and which records its exits. */
function fakeProcess(resources: string[], stdoutState: { destroyed?: boolean; writableEnded?: boolean } = {}) {
  const pending: ((err?: Error | null) => void)[] = [];
  const exits: number[] = [];
  const output = (state: { destroyed?: boolean; writableEnded?: boolean }): Output => ({
    destroyed: state.destroyed ?? false,
    writableEnded: state.writableEnded ?? false,
    write: ((_chunk: string, callback: (err?: Error | null) => void) => {
      pending.push(callback);
      return true;
    }) as Output['write'],
  });
  const proc: LeavingProcess = {
    exitCode: undefined,
    stdout: output(stdoutState),
    stderr: output({}),
    getActiveResourcesInfo: () => resources,
    exit: (code: number) => {
      exits.push(code);
    },
  };
  /** Complete the writes asked for so far (and none asked for meanwhile); true when there were any. */
  const flush = (err?: Error): boolean => {
    const now = pending.splice(0);
    for (const callback of now) callback(err ?? null);
    return now.length > 0;
  };
  const flushAll = (): void => {
    while (flush());
  };
  return { proc, exits, flush, flushAll };
}

/** The next turn of the event loop, taken at once. */
const now = (then: () => void): void => then();

describe('leaveWhenIdle', () => {
  it('sets the exit status, and leaves with it only once stdout and then stderr have written what came before', () => {
    const { proc, exits, flush } = fakeProcess(['TTYWrap', 'PipeWrap']);
    leaveWhenIdle(1, proc, now);
    expect(proc.exitCode).toBe(1);
    expect(exits).toEqual([]);
    flush(); // stdout's
    expect(exits).toEqual([]);
    flush(); // stderr's
    expect(exits).toEqual([1]);
  });

  it('leaves it to the event loop while anything but the standard streams is active', () => {
    for (const other of ['SimpleWriteWrap', 'Timeout', 'FSReqCallback', 'FSEventWrap', 'MessagePort']) {
      const { proc, exits, flushAll } = fakeProcess(['PipeWrap', other]);
      leaveWhenIdle(2, proc, now);
      flushAll();
      expect(exits).toEqual([]);
      expect(proc.exitCode).toBe(2);
    }
  });

  it('leaves it to the event loop when stdout failed or was closed', () => {
    const failed = fakeProcess([]);
    leaveWhenIdle(1, failed.proc, now);
    failed.flush(new Error('EPIPE'));
    expect(failed.exits).toEqual([]);
    for (const state of [{ destroyed: true }, { writableEnded: true }]) {
      const closed = fakeProcess([], state);
      leaveWhenIdle(0, closed.proc, now);
      closed.flushAll();
      expect(closed.exits).toEqual([]);
      expect(closed.proc.exitCode).toBe(0);
    }
  });

  it('the command line leaves by process.exit, its output through a pipe whole and its status the same', () => {
    // A preload that reports each process.exit on stderr; with `keep`, it does not exit either (the natural exit).
    const preload = join(tempDir(), 'exit-recorder.cjs');
    writeFileSync(preload, [
      "'use strict';",
      'const exit = process.exit;',
      "process.exit = (code) => { require('node:fs').writeSync(2, `process.exit(${code})\\n`); if (!process.env.KEEP) exit(code); };",
    ].join('\n'));
    const run = (keep: boolean) => spawnSync(process.execPath, ['--require', preload, BIN, '--no-config-lookup', '-f', 'json', 'fixtures/'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ...(keep ? { KEEP: '1' } : {}) },
    });
    const leaving = run(false);
    const staying = run(true);
    expect(leaving.stderr).toContain('process.exit(2)');
    expect(leaving.status).toBe(2); // fixtures/bad-input: files that cannot be read
    expect(staying.status).toBe(2);
    expect(leaving.stdout.length).toBeGreaterThan(100_000);
    expect(leaving.stdout).toBe(staying.stdout);
    expect(leaving.stderr).toBe(staying.stderr);
  });
});
