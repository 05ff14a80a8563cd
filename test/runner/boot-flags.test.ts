// Threads booted under Node's own V8 flags (src/runner/boot-flags.ts): the helper threads' and the lint pool's. Each
// case runs in a process of its own: V8's flags are the whole process's. (npm test builds first.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const FLAG = join(ROOT, 'dist', 'v8-flag.cjs');
const url = (file: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'runner', file)).href);

/**
 * Runs `body` (an async function's body, given `v8`, `defaults`: V8's tag under Node's flags, and `flagged`: whether
 * the command line's flag was set first, as bin/transcript-lint.js does) and returns what it prints as JSON.
 */
function inProcess(body: string, flag: boolean): unknown {
  const script = `
    const v8 = require('node:v8');
    const defaults = v8.cachedDataVersionTag();
    ${flag ? `v8.setFlagsFromString(require(${JSON.stringify(FLAG)}).COMMAND_LINE_V8_FLAG.set);` : ''}
    const flagged = v8.cachedDataVersionTag();
    (async () => { ${body} })().then((out) => console.log(JSON.stringify(out)));`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as unknown;
}

describe('booting under Node\'s own V8 flags', () => {
  it('sets the command line\'s flag again only once every thread booting is up, once however often each says so', () => {
    const body = `
      const { bootUnderNodeFlags } = await import(${url('boot-flags.js')});
      const node = () => v8.cachedDataVersionTag() === defaults;
      const first = bootUnderNodeFlags();
      const second = bootUnderNodeFlags();
      const booting = node();
      first();
      first();
      const oneUp = node();
      second();
      const after = v8.cachedDataVersionTag() === flagged;
      return { changed: flagged !== defaults, booting, oneUp, after };`;
    expect(inProcess(body, true)).toEqual({ changed: true, booting: true, oneUp: true, after: true });
    expect(inProcess(body, false)).toEqual({ changed: false, booting: true, oneUp: true, after: true });
  });

  it('boots the lint pool\'s workers under it, and sets the command line\'s flag again once they are online', () => {
    const body = `
      const { LintPool } = await import(${url('pool.js')});
      const pool = new LintPool(2, { linterOptions: { cwd: process.cwd(), noConfigLookup: true } });
      const booting = v8.cachedDataVersionTag() === defaults;
      for (let i = 0; i < 1000 && v8.cachedDataVersionTag() !== flagged; i++) await new Promise((r) => setTimeout(r, 10));
      const after = v8.cachedDataVersionTag() === flagged;
      // (A run through it lints, so its workers came up: the flag was set again on their 'online'.)
      const batches = [];
      for await (const batch of pool.run([{ path: 'fixtures/zh/banned-ni.good.txt', display: 'good.txt' }])) batches.push(batch.length);
      const still = v8.cachedDataVersionTag() === flagged;
      await pool.close();
      return { changed: flagged !== defaults, booting, after, batches, still };`;
    expect(inProcess(body, true)).toEqual({ changed: true, booting: true, after: true, batches: [1], still: true });
    expect(inProcess(body, false)).toEqual({ changed: false, booting: true, after: true, batches: [1], still: true });
  });

  it('boots a helper thread under it, and sets the command line\'s flag again once it is up, or could not be made', () => {
    const body = `
      const { startHelperThread } = await import(${url('boot-flags.js')});
      const { ReadAhead } = await import(${url('read-ahead.js')});
      const readers = new ReadAhead(process.cwd(), 'always');
      [...readers.paths([])]; // starts its two threads
      const booting = v8.cachedDataVersionTag() === defaults;
      for (let i = 0; i < 1000 && v8.cachedDataVersionTag() !== flagged; i++) await new Promise((r) => setTimeout(r, 10));
      const after = v8.cachedDataVersionTag() === flagged;
      await readers.close();
      let refused = false;
      try {
        startHelperThread(new URL(${url('read-ahead-worker.cjs')}), { execArgv: ['--no-such-node-option'] });
      } catch {
        refused = true;
      }
      const afterRefused = v8.cachedDataVersionTag() === flagged;
      return { changed: flagged !== defaults, booting, after, refused, afterRefused };`;
    expect(inProcess(body, true)).toEqual({ changed: true, booting: true, after: true, refused: true, afterRefused: true });
    expect(inProcess(body, false)).toEqual({ changed: false, booting: true, after: true, refused: true, afterRefused: true });
  });
});
