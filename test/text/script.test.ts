import { describe, expect, it } from 'vitest';
import { openccDictionary, type OpenccDictionaryName } from '../../src/text/opencc-dictionary.js';
import { detectScript, dictionary } from '../../src/text/script.js';

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
  it.each(['STCharacters', 'STPhrases', 'TWVariants', 'HKVariants'] as const)('%s reads as split would read it', (name) => {
    const read = dictionary(name);
    expect(read.size).toBeGreaterThan(10);
    expect([...read]).toEqual([...bySplit(name)]);
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
