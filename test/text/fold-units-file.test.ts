// The fold tables the build writes (dist/fold-units.bin, src/text/fold-table.ts): a run reads them instead of making
// them, and a file of another build — or a damaged or missing one — is not read: the tables are made as without it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable, type NormalizeOptions, PATTERN_FOLD, SCRIPT_FOLD, unitScripts, writtenInUnits } from '../../src/text/fold-table.js';
import { ROOT, tempDir } from '../helpers.js';

/** The built-in packs' tables and the code's own (written by the build), and one the build does not write. */
const OPTIONS: NormalizeOptions[] = [DEFAULT_NORMALIZE, { ...DEFAULT_NORMALIZE, script: 'none' }, PATTERN_FOLD, SCRIPT_FOLD, { ...DEFAULT_NORMALIZE, case: 'sensitive' }];

function digest(tables: { fold: Uint16Array; foldAndClass: Int32Array }[], scripts: Uint8Array, written: Uint8Array): string {
  const hash = createHash('sha1');
  for (const { fold, foldAndClass } of tables) hash.update(fold).update(foldAndClass);
  return hash.update(scripts).update(written).digest('hex');
}

/** The compiled fold-table module beside a fold-units.bin of the given content (none: no file), in a folder of its own. */
function tablesWith(file: Buffer | 'none'): string {
  const dir = tempDir({ 'package.json': '{ "type": "module" }' });
  mkdirSync(join(dir, 'text'));
  for (const name of ['fold-table.js', 'opencc-dictionary.js']) copyFileSync(join(ROOT, 'dist', 'text', name), join(dir, 'text', name));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  if (file !== 'none') writeFileSync(join(dir, 'fold-units.bin'), file);
  const script = `const { createHash } = await import('node:crypto');
    const { foldTable, unitScripts, writtenInUnits } = await import(${JSON.stringify(pathToFileURL(join(dir, 'text', 'fold-table.js')).href)});
    const hash = createHash('sha1');
    for (const options of ${JSON.stringify(OPTIONS)}) { const { fold, foldAndClass } = foldTable(options); hash.update(fold).update(foldAndClass); }
    process.stdout.write(hash.update(unitScripts()).update(writtenInUnits()).digest('hex'));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  rmSync(join(dir, 'node_modules'));
  expect(run.stderr).toBe('');
  return run.stdout;
}

describe('the fold tables written by the build', () => {
  const made = digest(OPTIONS.map((options) => foldTable(options)), unitScripts(), writtenInUnits()); // (the sources: no file, made here)
  const built = readFileSync(join(ROOT, 'dist', 'fold-units.bin'));

  it('are the tables a run would make', () => {
    expect(tablesWith(built)).toBe(made);
  });

  it('are read, not made, when the file is of this build', () => {
    // A table changed in the file (its first unit, far from any character a text has) shows in what a run gets.
    const changed = Buffer.from(built);
    const firstTable = 32 + 0x10000 * 7;
    changed.writeUInt16LE(0x41, firstTable);
    expect(tablesWith(changed)).not.toBe(made);
  });

  it('are made as without the file when it is missing, of another build, or cut short', () => {
    const otherBuild = Buffer.from(built);
    otherBuild.writeUInt16LE(otherBuild.readUInt16LE(28) ^ 1, 28); // the hash of what the units are made from
    const otherUnicode = Buffer.from(built);
    otherUnicode.write('9', 2, 'utf16le');
    for (const file of ['none', otherBuild, otherUnicode, built.subarray(0, built.length - 2)] as const) expect(tablesWith(file)).toBe(made);
  });
});
