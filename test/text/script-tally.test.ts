// detectScript adds up a table's tallies a run of units at a time (text/script.ts), and it and hasTraditional tell a
// held call without a Traditional character by the marks of the pass over its units (text/text-units.ts): against the
// count they replaced, a look-up and a branch a unit, over texts of every answer, held units and not, and runs of
// characters met first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY, writtenInUnits } from '../../src/text/fold-table.js';
import { detectScript, hasTraditional, toScript, type Script } from '../../src/text/script.js';
import { heldUnits, textUnits } from '../../src/text/text-units.js';
import { ROOT } from '../helpers.js';

const written = writtenInUnits();
/** Which standards write a Traditional character so (1 TW, 2 HK, 4 T); 0 where all three write it alike. */
const standardsMemo = new Map<number, number>();
function standards(unit: number): number {
  let known = standardsMemo.get(unit);
  if (known === undefined) {
    const ch = String.fromCharCode(unit);
    const plain = toScript(ch, 't');
    const tw = toScript(ch, 'tw');
    const hk = toScript(ch, 'hk');
    known = plain === tw && tw === hk ? 0 : (tw === ch ? 1 : 0) | (hk === ch ? 2 : 0) | (plain === ch ? 4 : 0);
    standardsMemo.set(unit, known);
  }
  return known;
}

/** The count as detectScript made it before: unit by unit, a branch on each unit's script. */
function countedScript(text: string): Script | undefined {
  let traditional = 0;
  let simplified = 0;
  let tw = 0;
  let hk = 0;
  let t = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (written[unit] === SIMPLIFIED_ONLY) simplified++;
    if (written[unit] !== TRADITIONAL_ONLY) continue;
    traditional++;
    const by = standards(unit);
    if (by & 1) tw++;
    if (by & 2) hk++;
    if (by & 4) t++;
  }
  if (traditional === simplified) return undefined;
  if (simplified > traditional) return 'simplified';
  return tw >= hk && tw >= t ? 'tw' : hk >= t ? 'hk' : 't';
}

/** A small deterministic generator (the same texts every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const traditionalUnits: number[] = [];
const simplifiedUnits: number[] = [];
for (let unit = 0; unit < 0x10000; unit++) {
  if (written[unit] === TRADITIONAL_ONLY) traditionalUnits.push(unit);
  else if (written[unit] === SIMPLIFIED_ONLY) simplifiedUnits.push(unit);
}
/** Traditional characters the standards write differently (為/爲, 裡/裏, 著/着, 衛/衞), and some that agree. */
const standardsApart = [...'為爲裡裏著着衛衞綫線峯峰啓啟麪麵僞偽眾衆擡抬牀床裏']
  .map((ch) => ch.charCodeAt(0))
  .filter((unit) => written[unit] === TRADITIONAL_ONLY);
const neutral = [...'好的你我他是不了在有人這个，。？！ ab12:：\n\t'].map((ch) => ch.charCodeAt(0)).filter((unit) => written[unit] === 0);
const surrogates = [0xd840, 0xdc00, 0xd83d, 0xde00];

function randomText(next: () => number, length: number): string {
  // Each text draws from its own mix, so that every answer and the standards' ties come up.
  // (A pool left out a text in three: texts of neutral characters alone, and ties, come up as well.)
  const weights = [next(), next() * 0.5, next(), next() * 0.3, next() * 0.1].map((weight) => (next() < 0.33 ? 0 : weight));
  // (`: boolean`: a predicate `weight is 0` would make weights 0[] below.)
  if (weights.every((weight): boolean => weight === 0)) weights[0] = 1;
  const total = weights.reduce((a, b) => a + b, 0);
  let out = '';
  for (let i = 0; i < length; i++) {
    let pick = next() * total;
    let pool = 0;
    while (pool < weights.length - 1 && pick >= weights[pool]) pick -= weights[pool++];
    const from = [neutral, simplifiedUnits, standardsApart, traditionalUnits.slice(0, 600), surrogates][pool];
    out += String.fromCharCode(from[Math.floor(next() * from.length)]);
  }
  return out;
}

function tie(next: () => number, length: number): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < length; i += 2) {
    units.push(simplifiedUnits[Math.floor(next() * simplifiedUnits.length)], traditionalUnits[Math.floor(next() * 600)]);
  }
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [units[i], units[j]] = [units[j], units[i]];
  }
  return String.fromCharCode(...units);
}

/** The same text as another string (not the one whose units are held). */
const fresh = (text: string): string => (' ' + text).slice(1);

describe('detectScript, a run of tallies at a time', () => {
  it('answers as the count unit by unit over random texts: held units, not held, at every length around a run', () => {
    const next = random(14);
    const answers = new Map<string, number>();
    for (let n = 0; n < 3000; n++) {
      const length = n < 200 ? n : Math.floor(next() * (n % 10 === 0 ? 3000 : 120));
      // (One text in nine as many Simplified as Traditional characters, in any order: undecided.)
      const text = n % 9 === 0 ? tie(next, length) : randomText(next, length);
      const expected = countedScript(text);
      answers.set(String(expected), (answers.get(String(expected)) ?? 0) + 1);
      const other = fresh(text);
      expect(heldUnits(other)).toBeUndefined();
      const traditional = [...text].some((ch) => written[ch.charCodeAt(0)] === TRADITIONAL_ONLY);
      expect(detectScript(other), JSON.stringify(text)).toBe(expected);
      expect(hasTraditional(other), JSON.stringify(text)).toBe(traditional);
      // Held: a text without a Traditional character is told by the marks of the pass over its units.
      textUnits(text);
      expect(heldUnits(text)).toBeDefined();
      expect(detectScript(text), JSON.stringify(text)).toBe(expected);
      expect(hasTraditional(text), JSON.stringify(text)).toBe(traditional);
    }
    // Every answer came up, often.
    for (const answer of ['undefined', 'simplified', 'tw', 'hk', 't']) expect(answers.get(answer) ?? 0, answer).toBeGreaterThan(20);
  });

  it('counts runs of one character past what a field holds, and whole runs of characters not met before', async () => {
    vi.resetModules();
    const { detectScript: firstTime } = await import('../../src/text/script.js');
    // 40 Traditional characters never looked up in this module, in one run and across two.
    const unmet = traditionalUnits.slice(2000, 2040).map((unit) => String.fromCharCode(unit)).join('');
    expect(firstTime(unmet)).toBe(countedScript(unmet));
    expect(firstTime('好' + unmet.slice(0, 31))).toBe(countedScript('好' + unmet.slice(0, 31)));
    for (const [a, b] of [['爲', '为'], ['裡', '裏'], ['着', '著'], ['衛', '衞']]) {
      for (const [m, k] of [[31, 30], [31, 31], [32, 31], [62, 63], [93, 93], [1000, 999]]) {
        const text = a.repeat(m) + b.repeat(k);
        expect(firstTime(text), `${a}×${m} ${b}×${k}`).toBe(countedScript(text));
        expect(firstTime(b.repeat(k) + a.repeat(m)), `${b}×${k} ${a}×${m}`).toBe(countedScript(text));
      }
    }
  });

  it('answers as the count over the transcripts in fixtures/', () => {
    const files: string[] = [];
    for (const dir of readdirSync(join(ROOT, 'fixtures'), { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const name of readdirSync(join(ROOT, 'fixtures', dir.name))) if (name.endsWith('.txt')) files.push(join(ROOT, 'fixtures', dir.name, name));
    }
    expect(files.length).toBeGreaterThan(10);
    const seen = new Set<string | undefined>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      seen.add(countedScript(text));
      expect(detectScript(text), file).toBe(countedScript(text));
    }
    expect(seen.has('simplified') && seen.has('tw')).toBe(true);
  });
});
