// The real distribution path, as a user meets it: `npm pack`, install the tarball globally (into a temporary
// prefix), and run `transcript-lint` from PATH in a folder far from the repository, on the built-in pack.
// Needs the registry's packages in npm's cache (CI's `npm ci` just put them there) or the network.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env }, timeout: 600_000 });
}

describe('npm pack → global install → transcript-lint on PATH', () => {
  const work = tempDir();
  const prefix = join(work, 'prefix');
  // npm puts executables in PREFIX/bin (PREFIX itself on Windows).
  const PATH = [join(prefix, 'bin'), prefix, process.env.PATH].join(delimiter);
  let files: string[] = [];

  beforeAll(() => {
    // dist/ is built by `npm test`; --ignore-scripts keeps npm from rebuilding it under the running tests.
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info.files.map((f) => f.path);
    const install = run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)], work);
    expect(install.status, install.stderr).toBe(0);
  }, 600_000);

  it('the tarball holds the executable, the built library and the packs, not the sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/transcript-lint.js', 'dist/cli/run.js', 'dist/cli/load-bundle.cjs', 'dist/cli/bundle.cjs', 'dist/runner/worker-thread.cjs', 'dist/runner/stat-worker.cjs', 'dist/runner/read-ahead-worker.cjs', 'dist/runner/worker-bundle.cjs', 'dist/script-bundle.cjs', 'dist/index.js', 'rules/zh-callcenter.yaml', 'rules/transcript-lint.schema.json']));
    // Each bundle's code caches: under Node's default V8 flags (a library's) and under the command line's.
    for (const bundle of ['dist/cli/bundle', 'dist/runner/worker-bundle']) {
      expect(files.filter((f) => f.startsWith(`${bundle}.`) && f.endsWith('.cache'))).toHaveLength(2);
    }
    expect(files.filter((f) => /^(src|test|fixtures|bench|scripts)\//.test(f))).toEqual([]);
    expect(files).not.toContain('dist/build-inputs'); // the build's own record (scripts/build-inputs.mjs)
    // Every compiled module has its source (a bundle is made of many): nothing a removed source left in dist/.
    const compiled = files.filter((f) => /^dist\/.*\.c?js$/.test(f) && !/^dist\/(cli\/bundle|runner\/worker-bundle)\.cjs$/.test(f));
    expect(compiled.length).toBeGreaterThan(50);
    expect(compiled.filter((f) => !existsSync(join(ROOT, 'src', f.slice('dist/'.length).replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts'))))).toEqual([]);
  });

  it('runs from another folder on the built-in pack, and --init writes a config that lints', () => {
    const elsewhere = tempDir();
    cpSync(join(ROOT, 'fixtures', 'zh', 'bad-call-transfer-hold.txt'), join(elsewhere, 'calls', 'a.txt'));
    const version = run('transcript-lint', ['--version'], elsewhere, { PATH });
    expect([version.status, version.stdout.trim()]).toEqual([0, pkg.version]);
    const lint = run('transcript-lint', ['calls/'], elsewhere, { PATH });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('calls/a.txt');
    expect(lint.stdout).toContain('zh-callcenter/self-id');
    const init = run('transcript-lint', ['--init'], elsewhere, { PATH });
    expect(init.status, init.stderr).toBe(0);
    expect(existsSync(join(elsewhere, 'transcript-lint.yaml'))).toBe(true);
    const withConfig = run('transcript-lint', [], elsewhere, { PATH });
    expect(withConfig.status).toBe(1);
    expect(withConfig.stdout).toContain('zh-callcenter/self-id');
  }, 300_000);
});
