// The one-file command line and its code cache (src/cli/load-bundle.cts, made by scripts/build-runtime.mjs): used
// when it fits, refused silently when it does not, and the bundle answers as the compiled files do. (Its on-demand
// import of the language server is taken by test/lsp/server.test.ts, through the executable.)
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';

const LOADER = join(ROOT, 'dist', 'cli', 'load-bundle.cjs');
/** The bundle's code cache for Node's default V8 flags (a process that sets none, as below). */
const CACHE = spawnSync(process.execPath, ['-p', `require(${JSON.stringify(join(ROOT, 'dist', 'script-bundle.cjs'))}).cacheFileOf(require(${JSON.stringify(LOADER)}).CLI_BUNDLE)`], { encoding: 'utf8' }).stdout.trim();

/** Load the bundle in a fresh process with the given cache file content ('none': no cache), lint `args` with it. */
function loadWith(cache: Buffer | 'none', args: string[]): { cache: string; status: number; stdout: string; stderr: string } {
  const dir = tempDir();
  const cacheFile = join(dir, 'cache');
  if (cache !== 'none') writeFileSync(cacheFile, cache);
  const script = `const { loadBundle } = require(${JSON.stringify(LOADER)});
    const loaded = loadBundle(${cache === 'none' ? 'null' : `require('node:fs').readFileSync(${JSON.stringify(cacheFile)})`});
    process.stderr.write('cache: ' + loaded.cache + '\\n');
    loaded.cli.main(['node', 'transcript-lint', ...${JSON.stringify(args)}]).then((code) => { process.exitCode = code; });`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  const used = /^cache: (\w+)$/m.exec(run.stderr)?.[1] ?? '';
  return { cache: used, status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr.replace(/^cache: \w+\n/m, '') };
}

const ARGS = ['--no-config-lookup', '-f', 'json', 'fixtures/zh/bad-call-transfer-hold.txt', 'fixtures/zh-hant'];

describe('the one-file command line with its code cache', () => {
  const reference = spawnSync(process.execPath, ['--input-type=module', '-e',
    `const { main } = await import(${JSON.stringify(new URL(`file://${join(ROOT, 'dist', 'cli', 'run.js')}`).href)});
     process.exitCode = await main(['node', 'transcript-lint', ...${JSON.stringify(ARGS)}]);`], { cwd: ROOT, encoding: 'utf8' });

  it('lints as the compiled files do, with the cache the build made (which V8 accepts)', () => {
    expect(reference.status).toBe(1);
    expect(JSON.parse(reference.stdout).length).toBeGreaterThan(10);
    // The bundle is ASCII, read as Latin-1: its regular expressions' own characters (：, 。, …) are escaped.
    expect(isAscii(readFileSync(join(ROOT, 'dist', 'cli', 'bundle.cjs')))).toBe(true);
    const run = loadWith(readFileSync(CACHE), ARGS);
    expect(run).toEqual({ cache: 'accepted', status: 1, stdout: reference.stdout, stderr: '' });
    // And through the executable, which loads it.
    expect(runCli(ARGS)).toEqual({ status: 1, stdout: reference.stdout, stderr: '' });
  });

  it('is compiled by the executable, which sets a V8 flag first, with the cache made under that flag', () => {
    // V8 refuses a cache made under other flags: the executable's runs compiled the bundle without one until the
    // build made one under its flag too.
    const script = `const vm = require('node:vm');
      const uses = [];
      vm.Script = class extends vm.Script {
        constructor(source, options) {
          super(source, options);
          uses.push(options.cachedData === undefined ? 'none' : this.cachedDataRejected ? 'rejected' : 'accepted');
        }
      };
      process.on('exit', () => process.stderr.write('cache: ' + uses.join(' ') + '\\n'));
      process.argv = [process.execPath, ${JSON.stringify(join(ROOT, 'bin', 'transcript-lint.js'))}, ...${JSON.stringify(ARGS)}];
      require(process.argv[1]);`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
    expect(run.stderr).toBe('cache: accepted\n');
    expect([run.status, run.stdout]).toEqual([1, reference.stdout]);
  });

  it('compiles without a cache, without a word, when there is none, it is of another build, or V8 refuses it', () => {
    const good = readFileSync(CACHE);
    const otherBuild = Buffer.from(good);
    otherBuild.write('0000000000000000', 0, 'latin1');
    const garbage = Buffer.concat([good.subarray(0, 16), Buffer.alloc(good.length - 16, 7)]);
    const cases: [Buffer | 'none', string][] = [['none', 'none'], [otherBuild, 'rejected'], [garbage, 'rejected'], [good.subarray(0, 10), 'rejected']];
    for (const [cache, use] of cases) expect(loadWith(cache, ARGS)).toEqual({ cache: use, status: 1, stdout: reference.stdout, stderr: '' });
  });

  it("loads none of Node's modules that a lint of a built-in pack does not need (crypto, child_process, tty)", () => {
    const script = `const before = new Set(process.moduleLoadList);
      process.on('exit', () => process.stderr.write(process.moduleLoadList.filter((m) => !before.has(m)).join('\\n')));
      process.argv = [process.execPath, ${JSON.stringify(join(ROOT, 'bin', 'transcript-lint.js'))}, ...${JSON.stringify(ARGS)}];
      require(process.argv[1]);`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const loaded = run.stderr.split('\n');
    expect(loaded).toContain('NativeModule vm'); // (what the list holds: the bundle was compiled)
    for (const id of ['crypto', 'child_process', 'tty']) expect(loaded).not.toContain(`NativeModule ${id}`);
  });
});
