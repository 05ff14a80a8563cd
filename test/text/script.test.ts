import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromPackage, openccDictionary, type OpenccDictionaryName } from '../../src/text/opencc-dictionary.js';
import { detectScript, dictionary, hasTraditional, rememberConversions, toScript, type Script } from '../../src/text/script.js';
import { ROOT } from '../helpers.js';

/** The definition: entries split on "|", each on " ", the first two parts taken. */
function bySplit(name: OpenccDictionaryName): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of openccDictionary(name).split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to) map.set(from, to);
  }
  return map;
}

describe('OpenCC dictionaries', () => {
  it.each(['STCharacters', 'STPhrases', 'TWVariants', 'HKVariants'] as const)('%s is sorted by its keys, as the binary search needs', (name) => {
    const keys = openccDictionary(name).split('|').map((entry) => entry.split(' ')[0]);
    expect(keys.length).toBeGreaterThan(10);
    const outOfOrder = keys.findIndex((key, i) => i > 0 && !(keys[i - 1] < key));
    expect(outOfOrder, `entry ${outOfOrder}: ${keys[outOfOrder - 1]} then ${keys[outOfOrder]}`).toBe(-1);
  });

  it.each(['TSCharacters', 'STCharacters', 'STPhrases', 'TWVariants', 'HKVariants'] as const)('%s as the build wrote it (dist/opencc/) and as the built code reads it is the package\'s', async (name) => {
    expect(existsSync(join(ROOT, 'dist', 'opencc', `${name}.utf16le`)), 'npm run build writes it').toBe(true);
    const built = await import(pathToFileURL(join(ROOT, 'dist', 'text', 'opencc-dictionary.js')).href) as typeof import('../../src/text/opencc-dictionary.js');
    const text = built.openccDictionary(name);
    expect(text.length).toBeGreaterThan(100);
    expect(text === fromPackage(name)).toBe(true);
  });

  it.each(['STCharacters', 'STPhrases', 'TWVariants', 'HKVariants'] as const)('%s reads as split would read it', (name) => {
    const read = dictionary(name);
    const expected = bySplit(name);
    expect(expected.size).toBeGreaterThan(10);
    for (const [from, to] of expected) if (read.get(from) !== to) expect(read.get(from), from).toBe(to);
    // Not in the table: before the first key, after the last, between two, a key cut short or run on.
    const keys = [...expected.keys()];
    for (const absent of ['', ' ', '!', '\uffff\uffff', `${keys[0]}${keys[0]}`, keys[keys.length - 1] + '\uffff', keys[Math.floor(keys.length / 2)].slice(0, -1) + '\u0001']) {
      if (!expected.has(absent)) expect(read.get(absent), JSON.stringify(absent)).toBeUndefined();
    }
  });
});

describe('detectScript', () => {
  it.each([
    ['您好，请问有什么可以帮您？', 'simplified'],
    ['您好，請問有什麼可以幫您？', 'tw'],
    ['好的，谢谢', 'simplified'],
    ['好的', undefined],
    ['𠀀𠀀 裡面 \ud840', 'tw'], // characters outside the BMP, and a lone surrogate half, count for neither
  ])('%j → %s', (text, script) => expect(detectScript(text)).toBe(script));
});

describe('hasTraditional: the quick pass before detectScript', () => {
  it('is false exactly where detectScript finds no Traditional character (Simplified, undecided, Latin)', () => {
    for (const text of ['您好，请问有什么可以帮您？', '好的，谢谢', 'Hello, how can I help?', '', '😀您好']) {
      expect(hasTraditional(text), text).toBe(false);
      expect(detectScript(text) === 'simplified' || detectScript(text) === undefined, text).toBe(true);
    }
    for (const text of ['您好，請問有什麼可以幫您？', '这个我不知道，請稍等', '裏面']) expect(hasTraditional(text), text).toBe(true);
    for (const dir of ['zh-hant']) {
      const file = join(ROOT, 'fixtures', dir, 'bad-call-rude.txt');
      expect(hasTraditional(readFileSync(file, 'utf8'))).toBe(true);
    }
    expect(hasTraditional(readFileSync(join(ROOT, 'fixtures', 'zh', 'bad-call-rude.txt'), 'utf8'))).toBe(false);
  });
});

describe('wordings converted by the build (dist/verified-packs/compiled.json)', () => {
  const { conversions } = JSON.parse(readFileSync(join(ROOT, 'dist', 'verified-packs', 'compiled.json'), 'utf8')) as { conversions: Record<Script, Record<string, string>> };

  it('are what converting them gives, in each Traditional standard', () => {
    expect(Object.keys(conversions).sort()).toEqual(['hk', 't', 'tw']);
    expect(Object.keys(conversions.t).length).toBeGreaterThan(10);
    for (const [script, table] of Object.entries(conversions)) {
      for (const [text, out] of Object.entries(table)) expect(toScript(text, script as Script), `${script}: ${text}`).toBe(out);
    }
  });

  it('are taken as recorded, without converting again', () => {
    rememberConversions({ hk: { 请稍候片刻: '(recorded)' } });
    expect(toScript('请稍候片刻', 'hk')).toBe('(recorded)');
    expect(toScript('请稍候片刻', 't')).toBe('請稍候片刻');
  });
});
