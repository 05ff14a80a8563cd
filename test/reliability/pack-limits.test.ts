// Reliability, hostile packs (item 5): caps on pattern length, list length and phrase count, each reported at
// FILE:LINE:COL, checked as the pack loads (whatever the regex engine); and a seeded fuzz of packs and transcripts:
// a generated pack either loads or is refused with a ConfigError naming the file, and linting never throws.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { MAX_EXTENDS_DEPTH, MAX_INCLUDE_DEPTH, MAX_TOTAL_APPROXIMATE_UNITS, MAX_TOTAL_FUZZY_STATES, MAX_INCLUDED_PHRASES, MAX_LIST_ITEMS, MAX_PATTERN_LENGTH, MAX_TOTAL_PACK_TEXT, MAX_TOTAL_PHRASES } from '../../src/config/limits.js';
import { Linter } from '../../src/engine/linter.js';
import { compileConfig, type CompileWork } from '../../src/engine/compile.js';
import { loadConfig, type LoadOptions } from '../../src/config/load.js';
import { MAX_TOTAL_PROGRAM_SIZE } from '../../src/text/linear-regex.js';
import { linterFor, packWith, runCli, seededRandom, SPEAKERS, tempDir } from '../helpers.js';

/**
 * A config loaded and compiled with its work counted (CompileWork): its ConfigError's message ('' when it loads) and
 * what the compile did before it ended. A cap must refuse having done no more than it allows: counted, not timed.
 */
function compileCounted(load: LoadOptions): { message: string; work: CompileWork } {
  const work: CompileWork = { phrasesCompiled: 0, copiedIds: 0, fuzzyStates: 0 };
  try {
    compileConfig(loadConfig(load), work);
  } catch (err) {
    if (err instanceof ConfigError) return { message: err.message, work };
    throw err;
  }
  return { message: '', work };
}

/** compileCounted of one pack given as YAML text, as linterFor loads it. */
function packCounted(yaml: string): { message: string; work: CompileWork } {
  return compileCounted({ cwd: tempDir({ 'pack.yaml': yaml }), packs: ['./pack.yaml'], noConfigLookup: true });
}

function configError(yaml: string): string {
  try {
    linterFor(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return '';
}

describe('item 5: caps on what a pack may hold', () => {
  it('a 100 KB literal pattern is refused at its line and column', () => {
    const message = configError(packWith(`rules:\n  long:\n    kind: pattern\n    speaker: agent\n    pattern: '${'a'.repeat(100_000)}'\n    message: x\n`));
    expect(message).toMatch(new RegExp(`^pack\\.yaml:9:14: pattern of 100,000 characters \\(at most ${MAX_PATTERN_LENGTH.toLocaleString('en')}\\)`));
  });

  it('a short pattern whose counted repetitions spell out a long one is refused at its line and column, in a fix entry too', () => {
    // Under the length cap, [\p{L}\p{N}]{1000} written 50 times (900 characters) is a program of 50,000 steps; until
    // 2026-12-02 it loaded, and linting one 60,000-character line took 250 s (matching costs the line × the steps).
    const wide = '[\\p{L}\\p{N}]{1000}'.repeat(50);
    expect(configError(packWith(`rules:\n  wide:\n    kind: pattern\n    speaker: agent\n    pattern: '${wide}'\n    message: x\n`)))
      .toMatch(/^pack\.yaml:9:14: pattern cannot be used: it spells out to 50,00\d steps \(at most 2,000\): a counted repetition \{n\} repeats what it follows n times/);
    expect(configError(packWith(`rules:\n  wide:\n    kind: banned\n    phrases: [坏]\n    fix:\n      - { replace: '.{1000}.{1000}坏', with: 好 }\n    message: x\n`)))
      .toMatch(/^pack\.yaml:10:\d+: pattern cannot be used: it spells out to 2,0\d\d steps \(at most 2,000\)/);
    // A literal at the length cap, and a count of a thousand, are within it.
    expect(configError(packWith(`rules:\n  long:\n    kind: pattern\n    speaker: agent\n    pattern: '${'a'.repeat(MAX_PATTERN_LENGTH)}'\n    message: x\n`))).toBe('');
    expect(configError(packWith(`rules:\n  count:\n    kind: pattern\n    speaker: agent\n    pattern: '[\\p{L}\\p{N}]{1000}'\n    message: x\n`))).toBe('');
  });

  it('patterns that spell out to more steps together than the cap are refused at the one that passes it, a fix entry too; the built-in packs load together', () => {
    // Each pattern was capped alone: a pack of 50,000 patterns of 2,000 steps each loaded, and cost a 1 MB line
    // months (two of them cost a 100,000-character line ~30 s).
    const wide = (n: number): string => `[\\p{L}\\p{N}]{999}[\\p{L}\\p{N}]{${990 - n}}\\p{Nd}`;
    const rule = (i: number): string => `  w${i}:\n    kind: pattern\n    speaker: agent\n    pattern: '${wide(i)}'\n    message: x\n`;
    const rules = (n: number): string => Array.from({ length: n }, (_, i) => rule(i)).join('');
    // Each pattern spells out to 1,98x–1,99x steps: this many fit under the cap, one more passes it.
    const fit = Math.floor(MAX_TOTAL_PROGRAM_SIZE / 1_995);
    expect(configError(packWith(`rules:\n${rules(fit)}`))).toBe('');
    const over = configError(packWith(`rules:\n${rules(fit + 1)}`));
    expect(over).toMatch(new RegExp(`^pack\\.yaml:${9 + 5 * fit}:14: the packs' patterns spell out to more than ${MAX_TOTAL_PROGRAM_SIZE.toLocaleString('en')} steps in all \\(this one, of 1,9\\d\\d, brings them to [\\d,]+\\)\n  hint: each pattern costs every character`));
    const fix = `  f:\n    kind: banned\n    phrases: [坏]\n    fix:\n      - { replace: '${wide(5)}坏', with: 好 }\n    message: x\n`;
    expect(configError(packWith(`rules:\n${rules(fit)}${fix}`))).toMatch(new RegExp(`^pack\\.yaml:${9 + 5 * fit + 1}:\\d+: the packs' patterns spell out to more than`));
    // Under the cap: every built-in pack together, and a pack of its own beside them.
    const dir = tempDir({ 'pack.yaml': packWith(`rules:\n${rules(2)}`) });
    expect(() => Linter.create({ cwd: dir, noConfigLookup: true, packs: ['zh-callcenter', 'en-callcenter', 'zh-chat', 'en-chat', './pack.yaml'] })).not.toThrow();
  });

  it('packs that hold more phrases, or more text, together than their caps are refused at the phrase or extends entry that passes it (20 packs of 50,000 phrases took 25 s and 580 MB to lint one call)', () => {
    const pack = (p: number, phrases: number): string => {
      const sets = Array.from({ length: phrases / 10_000 }, (_, s) => `  s${s}:\n${Array.from({ length: 10_000 }, (_, i) => `    - 词${p}x${s}x${i}`).join('\n')}`).join('\n');
      const rules = Array.from({ length: phrases / 10_000 }, (_, s) => `  r${s}:\n    kind: banned\n    phrases: s${s}\n    message: x`).join('\n');
      return `name: p${p}\nphrases:\n${sets}\nrules:\n${rules}\n`;
    };
    const perPack = 40_000;
    const files: Record<string, string> = { 'a.txt': '客服: 您好\n' };
    for (let p = 0; p < 3; p++) files[`p${p}.yaml`] = pack(p, perPack);
    // Long descriptions: little to compile, much to read and hold.
    const long = (p: number): string => `name: d${p}\ndescription: '${'x'.repeat(3_000_000)}'\nrules: {}\n`;
    for (let p = 0; p < 3; p++) files[`d${p}.yaml`] = long(p);
    files['phrases.yaml'] = 'extends: [./p0.yaml, ./p1.yaml, ./p2.yaml]\n';
    files['text.yaml'] = 'extends: [./d0.yaml, ./d1.yaml, ./d2.yaml]\n';
    const dir = tempDir(files);
    const phrases = runCli(['-c', 'phrases.yaml', 'a.txt'], { cwd: dir });
    expect([phrases.status, phrases.stdout]).toEqual([2, '']);
    const over = MAX_TOTAL_PHRASES - 2 * perPack; // p2's phrase (0-based, over its sets) that passes the cap
    const refusal = new RegExp(`^p2\\.yaml:${3 + Math.floor(over / 10_000) * 10_001 + (over % 10_000) + 1}:7: the packs hold more than ${MAX_TOTAL_PHRASES.toLocaleString('en')} phrases in all\n  hint: `);
    expect(phrases.stderr).toMatch(refusal);
    // Refused having compiled no phrase past the cap: p2's first 20,000, not its 40,000.
    const counted = compileCounted({ cwd: dir, configFile: 'phrases.yaml' });
    expect(counted.message).toMatch(refusal);
    expect(counted.work.phrasesCompiled).toBe(MAX_TOTAL_PHRASES);
    const text = runCli(['-c', 'text.yaml', 'a.txt'], { cwd: dir });
    expect([text.status, text.stdout]).toEqual([2, '']);
    expect(text.stderr).toMatch(new RegExp(`^text\\.yaml:1:\\d+: the packs and config come to more than ${MAX_TOTAL_PACK_TEXT.toLocaleString('en')} characters in all, with d2\\.yaml\n`));
    // Two of them are within both caps.
    expect(runCli(['--pack', './p0.yaml', '--pack', './p1.yaml', '--pack', './d0.yaml', '--pack', './d1.yaml', 'a.txt'], { cwd: dir }).status).toBe(0);
  }, 90_000);

  it('phrases matched with max-edits are capped by their letters, all packs together, at the phrase that passes it (20,000 of 40 letters cost one 3,800-character call 20 s of CPU; 100,000 would cost a 1 MB line hours)', () => {
    // Each costs every Latin character of a turn a row of its length: that work grows with their letters, as a
    // pattern's grows with its steps.
    const phrase = (i: number): string => `p${String(i).padStart(5, '0')} thank you for calling the helpline`;
    const letters = phrase(0).length;
    const rule = (n: number): string => `rules:\n  r:\n    kind: banned\n    speaker: agent\n    fuzzy: { pinyin: false, max-edits: 3 }\n    message: x\n    phrases:\n${Array.from({ length: n }, (_, i) => `      - "${phrase(i)}"`).join('\n')}\n`;
    const fit = Math.floor(MAX_TOTAL_APPROXIMATE_UNITS / letters);
    expect(configError(packWith(rule(fit)))).toBe('');
    expect(configError(packWith(rule(fit + 1)))).toMatch(new RegExp(`^pack\\.yaml:${12 + fit}:9: the packs' phrases matched with max-edits come to more than ${MAX_TOTAL_APPROXIMATE_UNITS.toLocaleString('en')} characters in all\n  hint: `));
    // Without max-edits the same phrases are one pass of the automaton, at any count.
    expect(configError(packWith(rule(fit + 1).replace('max-edits: 3', 'max-edits: 0')))).toBe('');
  });

  it('phrases matched by sound (fuzzy: pinyin) are capped by the automaton they make, all packs together, at the phrase that passes it (50,000 phrases of polyphonic characters took 19 s and 1.7 GB to load, in each thread)', () => {
    // Each phrase is held once per reading of its first characters, up to 64 times: of characters with several
    // readings (长 zhang/chang, 行 xing/hang …), every phrase is 64 paths.
    const chars = '长行重还为和差得地的着了乐好中几会朝降没说数将强调传种累薄便干觉当分';
    const next = seededRandom(7);
    const seen = new Set<string>();
    while (seen.size < 10_000) seen.add(Array.from({ length: 8 }, () => chars[Math.floor(next() * chars.length)]).join(''));
    const phrases = [...seen];
    const rule = (list: string[]): string => `fuzzy: pinyin\nrules:\n  r:\n    kind: banned\n    speaker: agent\n    message: x\n    phrases:\n${list.map((p) => `      - ${p}`).join('\n')}\n`;
    const { message: over, work } = packCounted(packWith(rule(phrases)));
    expect(over).toMatch(new RegExp(`^pack\\.yaml:\\d+:9: the packs' phrases matched by sound make an automaton of more than ${MAX_TOTAL_FUZZY_STATES.toLocaleString('en')} states\n  hint: `));
    const line = Number(/^pack\.yaml:(\d+)/.exec(over)![1]);
    // Refused where it passes the cap, having built no more: the phrases before it load.
    expect(line).toBeGreaterThan(12 + 1_000);
    expect(configError(packWith(rule(phrases.slice(0, line - 12))))).toBe('');
    // …nor adds the phrases after it to the automaton: its states are the cap's and that one phrase's (a phrase makes
    // some 90; the ~4,400 phrases after it would make 380,000 more).
    expect(work.fuzzyStates).toBeGreaterThan(MAX_TOTAL_FUZZY_STATES);
    expect(work.fuzzyStates).toBeLessThan(MAX_TOTAL_FUZZY_STATES + 2_000);
    // The built-in packs, all four under fuzzy: pinyin, make ~14,000.
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [zh-callcenter, zh-chat, en-callcenter, en-chat]\nfuzzy: pinyin\n' });
    expect(() => Linter.create({ cwd: dir })).not.toThrow();
  }, 120_000);

  it('a phrase over the cap and a list over the cap are refused where they stand', () => {
    expect(configError(packWith(`rules:\n  p:\n    kind: banned\n    phrases: [ok, '${'长'.repeat(MAX_PATTERN_LENGTH + 1)}']\n    message: x\n`)))
      .toMatch(/^pack\.yaml:8:\d+: phrase of 1,001 characters/);
    const many = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `w${i}`).join(', ');
    expect(configError(packWith(`phrases:\n  lots: [${many}]\nrules: {}\n`))).toMatch(/^pack\.yaml:6:9: list of 10,001 items/);
  });

  it('the CLI reports the breach and exits 2 without linting', () => {
    const dir = tempDir({ 'pack.yaml': packWith(`rules:\n  long:\n    kind: pattern\n    pattern: '${'b'.repeat(5000)}'\n    message: x\n`), 'a.txt': '客服: 您好\n' });
    const run = runCli(['--pack', './pack.yaml', 'a.txt'], { cwd: dir });
    expect([run.status, run.stderr]).toEqual([2, expect.stringMatching(/^pack\.yaml:8:14: pattern of 5,000 characters/)]);
  });

  it('a chain of phrase-set includes is refused past its cap, at the include that goes too deep (20,000 deep was an internal error, out of stack)', () => {
    const chain = (depth: number): string => {
      const sets = Array.from({ length: depth - 1 }, (_, i) => `  s${i + 1}: [{ include: s${i} }, w${i + 1}]`).join('\n');
      return packWith(`phrases:\n  s0: [w0]\n${sets}\nrules:\n  r:\n    kind: banned\n    phrases: s${depth - 1}\n`);
    };
    expect(configError(chain(MAX_INCLUDE_DEPTH))).toBe('');
    const dir = tempDir({ 'pack.yaml': chain(20_000), 'a.txt': '客服: 您好\n' });
    const deep = runCli(['--pack', './pack.yaml', 'a.txt'], { cwd: dir });
    expect(deep.stderr).not.toMatch(/\n\s+at |internal error/);
    expect([deep.status, deep.stdout]).toEqual([2, '']);
    expect(deep.stderr).toMatch(new RegExp(`^pack\\.yaml:\\d+:\\d+: phrase sets include one another more than ${MAX_INCLUDE_DEPTH} deep, from test/s19999`));
  });

  it('includes that expand to more phrases than the cap are refused at the include that passes it (500 sets each including 10,000 phrases took seconds and hundreds of MB; thousands, minutes and gigabytes)', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `    - w${i}x`).join('\n');
    const sets = Array.from({ length: 500 }, (_, j) => `  u${j}: [{ include: big }, z${j}]`).join('\n');
    const rules = Array.from({ length: 500 }, (_, j) => `  r${j}:\n    kind: banned\n    phrases: u${j}`).join('\n');
    const { message, work } = packCounted(packWith(`phrases:\n  big:\n${big}\n${sets}\nrules:\n${rules}\n`));
    expect(message).toMatch(new RegExp(`^pack\\.yaml:\\d+:\\d+: the phrase sets' includes come to more than ${MAX_INCLUDED_PHRASES.toLocaleString('en')} phrases in all`));
    // Refused having merged no include past the cap: 100 of them, 1,000,000 ids, where all 500 would copy 5,000,000;
    // and big's phrases compiled once, beside each set's own.
    expect(work.copiedIds).toBe(MAX_INCLUDED_PHRASES);
    expect(work.phrasesCompiled).toBe(10_000 + 500);
    // Ten rules sharing one set of 10,000 phrases are no breach: a set is expanded once, whoever refers to it.
    const shared = Array.from({ length: 10 }, (_, j) => `  r${j}:\n    kind: banned\n    phrases: all`).join('\n');
    expect(configError(packWith(`phrases:\n  big:\n${big}\n  all: [{ include: big }]\nrules:\n${shared}\n`))).toBe('');
  }, 60_000);

  it('a chain of extends is refused past its cap, at the entry that goes too deep (5,000 deep was an internal error, out of stack)', () => {
    const files: Record<string, string> = { 'a.txt': '客服: 您好\n' };
    for (const depth of [MAX_EXTENDS_DEPTH, 5000]) {
      for (let i = 0; i < depth; i++) files[`chain${depth}/p${i}.yaml`] = `name: p${depth}-${i}\n${i + 1 < depth ? `extends: ./p${i + 1}.yaml\n` : 'rules: {}\n'}`;
    }
    const dir = tempDir(files);
    const longest = runCli(['--pack', `./chain${MAX_EXTENDS_DEPTH}/p0.yaml`, 'a.txt'], { cwd: dir });
    expect([longest.status, longest.stderr]).toEqual([0, '']);
    const deep = runCli(['--pack', './chain5000/p0.yaml', 'a.txt'], { cwd: dir });
    expect(deep.stderr).not.toMatch(/\n\s+at |internal error/);
    expect([deep.status, deep.stdout]).toEqual([2, '']);
    expect(deep.stderr).toContain(`chain5000/p${MAX_EXTENDS_DEPTH - 1}.yaml:2:10: packs extend one another more than ${MAX_EXTENDS_DEPTH} deep, from chain5000/p0.yaml`);
  });
});

const ATOMS = ['您好', '请', 'a', '.*', '(a+)+', '\\d{3,}', '[', ')', '\\', '{', '?', '*', '幺三八', '\u0000', '\u001b[2J', "'", '"', ':', '#', '- ', '&a', '*a', '!!js/function', '{{', '%'];
const KINDS = ['required', 'banned', 'pattern', 'pii', 'count', 'order', 'sequence', 'follow', 'timing', 'nonsense'];

function fuzzPack(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const text = (): string => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(ATOMS)).join('').repeat(next() < 0.05 ? 400 : 1);
  const benign = (): string => pick(['您好', '请问', '不知道', '什么事', '再见', '稍等']);
  const rules = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => {
    if (next() < 0.6) return `  r${i}:\n    kind: banned\n    phrases: [${benign()}, ${JSON.stringify(text())}]\n    message: x`;
    const lines = [`  r${i}:`, `    kind: ${pick(KINDS)}`, `    message: ${JSON.stringify(text())}`];
    if (next() < 0.7) lines.push(`    phrases: [${Array.from({ length: 1 + Math.floor(next() * 4) }, () => JSON.stringify(text())).join(', ')}]`);
    if (next() < 0.4) lines.push(`    pattern: ${JSON.stringify(text())}`);
    if (next() < 0.3) lines.push(`    speaker: ${pick(['agent', 'customer', 'any', text()])}`);
    if (next() < 0.2) lines.push(`    scope: { first-turns: ${pick(['1', '-1', '1e309', '"x"'])} }`);
    return lines.join('\n');
  });
  const pack = `name: fuzz\n${SPEAKERS}rules:\n${rules.join('\n')}\n`;
  // Now and then, break the YAML itself.
  if (next() < 0.15) {
    const at = Math.floor(next() * pack.length);
    return pack.slice(0, at) + pick(ATOMS) + pack.slice(at);
  }
  return pack;
}

function fuzzTranscript(next: () => number): Uint8Array {
  const turns = Array.from({ length: Math.floor(next() * 8) }, () => `${next() < 0.5 ? '客服' : '客户'}: ${Array.from({ length: Math.floor(next() * 10) }, () => ATOMS[Math.floor(next() * ATOMS.length)]).join('')}`);
  const bytes = Buffer.from(turns.join(next() < 0.5 ? '\n' : '\r\n'));
  // Flip a few bytes: broken UTF-8, stray NULs.
  for (let k = 0; k < Math.floor(next() * 3); k++) if (bytes.length) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
  return bytes;
}

describe('seeded fuzz of packs and transcripts', () => {
  it('every generated pack loads or is refused with a ConfigError; linting never throws', () => {
    let loaded = 0;
    let refused = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const next = seededRandom(seed);
      const yaml = fuzzPack(next);
      let linter: Linter | undefined;
      try {
        linter = linterFor(yaml);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw new Error(`seed ${seed}: ${String((err as Error).stack)}\n${yaml}`);
        expect(err.message, `seed ${seed}`).toMatch(/^pack\.yaml(:\d+:\d+)?: /);
        refused++;
        continue;
      }
      loaded++;
      for (let k = 0; k < 5; k++) {
        const result = linter.lintBytes(fuzzTranscript(next), 'call.txt');
        expect(result.messages.every((m) => !m.message.includes('internal error')), `seed ${seed}: ${JSON.stringify(result.messages)}`).toBe(true);
      }
    }
    // The generator exercises both paths.
    expect(loaded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
