import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { computeBuildId } from '../../src/runner/build-id.js';
import { lintFiles } from '../../src/runner/lint-files.js';
import { ROOT, tempDir } from '../helpers.js';
import { corpus, PACK_OPTIONS } from './corpus.js';

// The build the runs below take themselves to be (the key of their cache).
const build = vi.hoisted(() => ({ identity: '0.1.0+aaaa' }));
vi.mock('../../src/runner/build-id.js', async (original) => ({ ...(await original<object>()), buildIdentity: () => build.identity }));

describe('the build id', () => {
  it('changes with the compiled code, the prepared tables and the installed dependencies, not with maps or bundles', () => {
    const dist = tempDir({ 'index.js': 'a', 'runner/worker.cjs': 'b', 'fold-units.bin': 'c', 'index.js.map': 'm', 'cli/bundle.cjs': 'x' });
    const deps = { yaml: '2.8.0' };
    const id = computeBuildId(dist, deps);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    writeFileSync(join(dist, 'index.js.map'), 'm2');
    writeFileSync(join(dist, 'cli/bundle.cjs'), 'x2');
    expect(computeBuildId(dist, deps)).toBe(id);
    expect(computeBuildId(dist, { yaml: '2.8.1' })).not.toBe(id);
    for (const [file, content] of [['runner/worker.cjs', 'b2'], ['fold-units.bin', 'c2']]) {
      writeFileSync(join(dist, file), content);
      expect(computeBuildId(dist, deps), file).not.toBe(id);
    }
  });

  it.skipIf(!existsSync(join(ROOT, 'dist', 'build-id')))('is written by the build for the dist/ it describes', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const installed = Object.fromEntries(Object.keys(dependencies).map((name) => [name, (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version]));
    expect(readFileSync(join(ROOT, 'dist', 'build-id'), 'utf8').trim()).toBe(computeBuildId(join(ROOT, 'dist'), installed));
  });

  it('keys the cache: results cached by another build of the same version are linted again', async () => {
    const cwd = corpus(3);
    const notices: string[] = [];
    const run = () => lintFiles(['calls'], { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: (m) => notices.push(m) });
    await run();
    await run();
    expect(notices).toEqual([]);
    build.identity = '0.1.0+bbbb';
    await run();
    expect(notices).toEqual([expect.stringMatching(/^the linter's build, packs, rules, options or the working folder changed since the cache .* was written; linting every file$/)]);
  });
});
