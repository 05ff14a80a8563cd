// The built-in packs' phrase automata the build writes (dist/automata/, src/text/prebuilt-automata.ts): a run reads
// one instead of building it (first its start form, rows for the shallowest nodes only; the whole one once a run has
// scanned enough), and a file of other phrases, another layout, damaged, cut short or older than the
// compiled code is not read: the automaton is built as without it.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinPackNames, loadConfig } from '../../src/config/load.js';
import { compileConfig } from '../../src/engine/compile.js';
import { buildAutomaton, START_TABLE_ENTRIES, type Automaton } from '../../src/text/matcher.js';
import { readPrebuiltAutomaton, writePrebuiltAutomata } from '../../src/text/prebuilt-automata.js';
import { ROOT, tempDir } from '../helpers.js';

const anchorsOf = (pack: string): string[] =>
  compileConfig(loadConfig({ packs: [pack], noConfigLookup: true })).matcher.phrases.map((phrase) => phrase.anchor);

/** An automaton as text to compare: its numbers, and each array's bytes as hex (toEqual on a million entries is slow). */
function shown(automaton: Automaton | undefined): Record<string, string | number> | undefined {
  if (!automaton) return undefined;
  return Object.fromEntries(Object.entries(automaton).map(([name, value]: [string, number | Uint16Array | Int32Array]) =>
    [name, typeof value === 'number' ? value : `${value.constructor.name} ${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`]));
}

const folderUrl = (dir: string): URL => pathToFileURL(`${dir}/`);

/** A folder with the automata of `anchors` written in it, and the whole one's path. */
function written(anchors: string[]): { folder: URL; file: string } {
  const dir = tempDir({});
  writePrebuiltAutomata(anchors, folderUrl(dir));
  const names = readdirSync(dir);
  expect(names).toHaveLength(2);
  return { folder: folderUrl(dir), file: join(dir, names.find((name) => !name.endsWith('.start.bin'))!) };
}

describe('the phrase automata written by the build', () => {
  it('are, for each built-in pack, the automaton its phrases build', () => {
    const dist = folderUrl(join(ROOT, 'dist', 'automata'));
    for (const pack of builtinPackNames()) {
      const anchors = anchorsOf(pack);
      expect(shown(readPrebuiltAutomaton(anchors, dist)), pack).toEqual(shown(buildAutomaton(anchors)));
      // And the one a run starts with: rows for the shallowest nodes only, a tenth of the default pack's file.
      const start = readPrebuiltAutomaton(anchors, dist, 'start');
      expect(shown(start), pack).toEqual(shown(buildAutomaton(anchors, START_TABLE_ENTRIES)));
      expect(start!.step.length).toBeLessThanOrEqual(START_TABLE_ENTRIES);
    }
  });

  it('are read back as written', () => {
    const anchors = anchorsOf('zh-callcenter');
    const { folder } = written(anchors);
    expect(shown(readPrebuiltAutomaton(anchors, folder))).toEqual(shown(buildAutomaton(anchors)));
    expect(shown(readPrebuiltAutomaton(anchors, folder, 'start'))).toEqual(shown(buildAutomaton(anchors, START_TABLE_ENTRIES)));
  });

  it('are not read for other phrases, nor when damaged, of another layout or cut short', () => {
    const anchors = anchorsOf('zh-callcenter');
    const { folder, file } = written(anchors);
    const good = readFileSync(file);
    expect(readPrebuiltAutomaton([...anchors, '您好'], folder)).toBeUndefined();
    expect(readPrebuiltAutomaton(anchors.slice(1), folder)).toBeUndefined();
    const damaged = (change: (bytes: Buffer) => Buffer): Buffer => change(Buffer.from(good));
    const keyStart = 32;
    const versions = [
      damaged((b) => b.fill(0x42, keyStart, keyStart + 2)), // another phrase under the same file name
      damaged((b) => { b.writeUInt32LE(0x02414c54, 0); return b; }), // another layout
      good.subarray(0, good.length - 4), // cut short
      damaged((b) => { b.writeUInt32LE(b.readUInt32LE(16) + 1, 16); return b; }), // its counts do not add up
    ];
    for (const version of versions) {
      writeFileSync(file, version);
      expect(readPrebuiltAutomaton(anchors, folder)).toBeUndefined();
    }
    writeFileSync(file, good);
    expect(readPrebuiltAutomaton(anchors, folder)).toBeDefined();
  });

  it('are not read when older than the compiled automaton code (a bare tsc after a change)', () => {
    // A copy of the compiled code and its automata, so that the dates can be changed.
    const dir = tempDir({});
    cpSync(join(ROOT, 'dist'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const script = `const { readPrebuiltAutomaton } = await import(${JSON.stringify(pathToFileURL(join(dir, 'text', 'prebuilt-automata.js')).href)});
      process.stdout.write(String(readPrebuiltAutomaton(${JSON.stringify(anchorsOf('zh-callcenter'))}) !== undefined));`;
    const read = (): string => {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout;
    };
    expect(read()).toBe('true');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'text', 'matcher.js'), later, later);
    expect(read()).toBe('false');
    rmSync(join(dir, 'node_modules'));
  });
});
