// `npm run build` (scripts/build.mjs) is skipped when nothing dist/ is made from has changed: what counts as a change;
// and a build that runs starts from an empty dist/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, isBuilt, OUTPUTS, STAMP_FILE } from '../../scripts/build-inputs.mjs';
import { ROOT, tempDir } from '../helpers.js';

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe('the build fingerprint', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir();
    write(root, 'src/a.ts', 'export const a = 1;\n');
    write(root, 'src/b.ts', 'export const b = 2;\n');
    write(root, 'rules/pack.yaml', 'rules: {}\n');
    write(root, 'fixtures/zh/call.txt', '客服：您好\n');
    write(root, 'package.json', '{}\n');
    for (const output of OUTPUTS) write(root, output, '');
  });
  const built = () => write(root, STAMP_FILE, fingerprintOf(root));

  it('stands for a build of the same inputs with every output there', () => {
    expect(isBuilt(root, fingerprintOf(root))).toBe(false); // never built
    built();
    expect(isBuilt(root, fingerprintOf(root))).toBe(true);
  });

  it('changes with a byte of a source, a pack, a fixture or the package settings', () => {
    for (const [file, text] of [['src/a.ts', 'export const a = 3;\n'], ['rules/pack.yaml', 'rules: { }\n'], ['fixtures/zh/call.txt', '客服：你好\n'], ['package.json', '{ }\n']]) {
      built();
      write(root, file, text);
      expect(isBuilt(root, fingerprintOf(root)), file).toBe(false);
    }
  });

  it('changes when bytes move from one file to the next, or a file is added', () => {
    built();
    write(root, 'src/a.ts', 'export const a = 1;');
    write(root, 'src/b.ts', '\nexport const b = 2;\n');
    expect(isBuilt(root, fingerprintOf(root))).toBe(false);
    built();
    write(root, 'fixtures/zh/another.txt', '');
    expect(isBuilt(root, fingerprintOf(root))).toBe(false);
  });

  it('does not stand once an output a run needs is gone', () => {
    built();
    rmSync(join(root, OUTPUTS[1]));
    expect(isBuilt(root, fingerprintOf(root))).toBe(false);
  });
});

describe('a build', () => {
  it('starts from an empty dist/: the output of a source removed since is not left behind (and a failed build leaves no fingerprint)', () => {
    // The build's own script in a folder without TypeScript installed: it empties dist/, then its compile fails at once.
    const root = tempDir({ 'dist/runner/removed-since.js': 'export {};\n', [STAMP_FILE]: 'an earlier build\n' });
    mkdirSync(join(root, 'scripts'));
    for (const script of ['build.mjs', 'build-inputs.mjs']) copyFileSync(join(ROOT, 'scripts', script), join(root, 'scripts', script));
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(existsSync(join(root, 'dist', 'runner', 'removed-since.js'))).toBe(false);
    expect(existsSync(join(root, STAMP_FILE))).toBe(false);
  });
});
