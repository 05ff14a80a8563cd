// statOrUndefined: a file's stats as a cache lookup compares them, read from Node's stat binding where it checks out.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { STAT_SYNC_CALL, STATS_FROM_BINDING, statOrUndefined, type FileStats } from '../../dist/runner/stat-protocol.cjs';

const PROTOCOL = new URL('../../dist/runner/stat-protocol.cjs', import.meta.url).pathname;
const fieldsOf = ({ size, mtimeMs, ctimeMs, ino, mode, uid, gid }: FileStats) => ({ size, mtimeMs, ctimeMs, ino, mode, uid, gid });

describe('statOrUndefined', () => {
  it("reads Node's stat binding wherever this Node's statSync calls it so (Node 20.20 here), so the tests below check that path", () => {
    expect(STATS_FROM_BINDING).toBe(process.platform !== 'win32' && STAT_SYNC_CALL.test(String(statSync)));
  });

  it("gives statSync's numbers for a file, a folder, a link and times with a fraction of a millisecond", () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, '您好'.repeat(1000));
    // Nanoseconds that a millisecond float rounds: the lookup compares mtimeMs for equality with the cached one.
    utimesSync(file, 1_700_000_000.123456, 1_700_000_000.987654321);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(file, join(dir, 'link.txt'));
    for (const path of [file, join(dir, 'sub'), join(dir, 'link.txt'), dir]) {
      expect(fieldsOf(statOrUndefined(path)!)).toEqual(fieldsOf(statSync(path)));
    }
    expect(statOrUndefined(file)!.mtimeMs % 1).not.toBe(0);
  });

  it('gives undefined for a missing file and a path through a file, instead of throwing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'x');
    expect(statOrUndefined(join(dir, 'missing.txt'))).toBeUndefined();
    expect(statOrUndefined(join(dir, 'a.txt', 'b.txt'))).toBeUndefined();
    expect(statOrUndefined('')).toBeUndefined();
  });

  it("leaves the binding alone under --pending-deprecation, where process.binding warns, and stats all the same", () => {
    const script = `const p = require(${JSON.stringify(PROTOCOL)}); process.stdout.write(JSON.stringify([p.STATS_FROM_BINDING, p.statOrUndefined(${JSON.stringify(PROTOCOL)}).size]));`;
    const run = spawnSync(process.execPath, ['--pending-deprecation', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([false, statSync(PROTOCOL).size]);
  });
});
