// The built-in packs' compiled phrases the build writes (dist/phrases/, src/text/prebuilt-phrases.ts): a run looks a
// phrase up by its text instead of compiling it, and gets what compilePhrase makes. A phrase edited or added (a
// user's pack, a built-in YAML edited after the build) is compiled; a file of other normalize settings, another
// Unicode version or layout, damaged, or older than the compiled code is not read.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinPackNames, loadConfig } from '../../src/config/load.js';
import { compileConfig } from '../../src/engine/compile.js';
import { PrebuiltPhrases, writePrebuiltPhrases } from '../../src/text/prebuilt-phrases.js';
import type { CompiledPhrase } from '../../src/text/phrase.js';
import { ROOT, tempDir } from '../helpers.js';

const folderUrl = (dir: string): URL => pathToFileURL(`${dir}/`);
const DIST_PHRASES = folderUrl(join(ROOT, 'dist', 'phrases'));

/** A pack run alone, compiled by the sources (which read no prebuilt phrases: there is no src/phrases/). */
const compiledAlone = (pack: string) => compileConfig(loadConfig({ packs: [pack], noConfigLookup: true }));

/** Each phrase as the prebuilt file gives it, where it has one. */
const lookedUp = (prebuilt: PrebuiltPhrases | undefined, phrases: readonly CompiledPhrase[]): (CompiledPhrase | undefined)[] =>
  phrases.map((phrase) => prebuilt?.phrase(phrase.id, phrase.source, phrase.written));

describe('the compiled phrases written by the build', () => {
  it('are, for each built-in pack, what compiling its phrases makes', () => {
    for (const pack of builtinPackNames()) {
      const { phrases, config } = compiledAlone(pack);
      expect(phrases.length, pack).toBeGreaterThan(100);
      expect(lookedUp(PrebuiltPhrases.read([pack], config.normalize, DIST_PHRASES), phrases), pack).toEqual(phrases);
    }
  });

  it('hold no phrase they were not written with: an edited or added phrase is compiled', () => {
    const { config } = compiledAlone('zh-callcenter');
    const prebuilt = PrebuiltPhrases.read(['zh-callcenter'], config.normalize, DIST_PHRASES);
    expect(prebuilt?.phrase(0, '您好', undefined)).toBeDefined();
    expect(prebuilt?.phrase(0, '您好呀呀呀', undefined)).toBeUndefined();
    expect(prebuilt?.phrase(0, 'toString', undefined)).toBeUndefined();
  });

  it('are not read under other normalize settings, of another Unicode version or layout, or damaged', () => {
    const { phrases, config } = compiledAlone('zh-callcenter');
    const dir = tempDir({});
    writePrebuiltPhrases('zh-callcenter', config.normalize, phrases, folderUrl(dir));
    const read = (normalize = config.normalize) => PrebuiltPhrases.read(['zh-callcenter'], normalize, folderUrl(dir));
    expect(lookedUp(read(), phrases)).toEqual(phrases);
    expect(read({ ...config.normalize, punctuation: 'keep' })).toBeUndefined();
    expect(PrebuiltPhrases.read(['another-pack', '../zh-callcenter'], config.normalize, folderUrl(dir))).toBeUndefined();
    const file = join(dir, 'zh-callcenter.json');
    const good = readFileSync(file, 'utf8');
    for (const version of [good.replace('"layout":1', '"layout":2'), good.replace(/"unicode":"[^"]*"/, '"unicode":"1.0"'), good.slice(0, -10), '']) {
      writeFileSync(file, version);
      expect(read()).toBeUndefined();
    }
  });

  it('are not used for a pack edited after the build: its edited phrases and settings are compiled', () => {
    // The built-in pack as a user's copy (same name), one phrase changed, and the same with other normalize settings:
    // run by the compiled code (which reads dist/phrases/) and by the sources (which compile every phrase).
    const yaml = readFileSync(join(ROOT, 'rules', 'zh-callcenter.yaml'), 'utf8');
    expect(yaml).toContain('  salutation: [您好, ');
    expect(yaml).toContain('  case: insensitive\n');
    const edited = yaml.replace('  salutation: [您好, ', '  salutation: [您好吗, ');
    const dir = tempDir({ 'edited.yaml': edited, 'renormalized.yaml': edited.replace('  case: insensitive\n', '  case: sensitive\n') });
    for (const pack of ['edited.yaml', 'renormalized.yaml']) {
      const options = { packs: [join(dir, pack)], noConfigLookup: true };
      const script = `const { loadConfig } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'config', 'load.js')).href)});
        const { compileConfig } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'engine', 'compile.js')).href)});
        process.stdout.write(JSON.stringify(compileConfig(loadConfig(${JSON.stringify(options)})).phrases));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(run.stderr).toBe('');
      const compiled = compileConfig(loadConfig(options));
      expect(compiled.phrases.some((phrase) => phrase.source === '您好吗')).toBe(true);
      if (pack === 'renormalized.yaml') {
        // (这破App, compiled by the build under the pack's own settings, compiles otherwise under these: not to be looked up.)
        const prebuilt = PrebuiltPhrases.read(['zh-callcenter'], compiledAlone('zh-callcenter').config.normalize, DIST_PHRASES);
        expect(compiled.phrases.some((phrase) => {
          const looked = prebuilt?.phrase(phrase.id, phrase.source, phrase.written);
          return looked !== undefined && JSON.stringify(looked) !== JSON.stringify(phrase);
        })).toBe(true);
      }
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(compiled.phrases)));
    }
  });

  it('are not read when older than the compiled code that compiles phrases (a bare tsc after a change)', () => {
    const dir = tempDir({});
    cpSync(join(ROOT, 'dist'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const { config } = compiledAlone('zh-callcenter');
    const script = `const { PrebuiltPhrases } = await import(${JSON.stringify(pathToFileURL(join(dir, 'text', 'prebuilt-phrases.js')).href)});
      process.stdout.write(String(PrebuiltPhrases.read(['zh-callcenter'], ${JSON.stringify(config.normalize)}) !== undefined));`;
    const read = (): string => {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout;
    };
    // (The copies are dated as copied: the code is dated before the phrases, as a build leaves them.)
    const code = ['phrase.js', 'clause.js', 'normalize.js', 'fold-table.js', 'opencc-dictionary.js'].map((file) => join(dir, 'text', file));
    const before = new Date(Date.now() - 60_000);
    for (const file of code) utimesSync(file, before, before);
    expect(read()).toBe('true');
    for (const file of code) {
      const later = new Date(Date.now() + 60_000);
      utimesSync(file, later, later);
      expect(read(), file).toBe('false');
      utimesSync(file, before, before);
    }
    expect(read()).toBe('true');
    rmSync(join(dir, 'node_modules'));
  });
});
