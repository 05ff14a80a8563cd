// Instructions of one Node process, counted by valgrind's cachegrind (bench/instructions.mjs, bench/rule-instructions.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The instructions `node ...nodeArgs` executes, every thread counted. */
export function countInstructions(nodeArgs) {
  const out = mkdtempSync(join(tmpdir(), 'tl-instructions-'));
  try {
    const file = join(out, 'cachegrind.out');
    const run = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${file}`, process.execPath, ...nodeArgs],
      { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`valgrind failed (is it installed? apt-get install valgrind):\n${run.stderr}`);
    const summary = readFileSync(file, 'utf8').split('\n').find((line) => line.startsWith('summary:'));
    return Number(summary.split(/\s+/)[1]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
