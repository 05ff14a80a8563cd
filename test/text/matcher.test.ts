// The phrase automaton against the definition of its answer: every phrase whose anchor ends at each position, longer
// anchors first, then in the order given. With rows for all nodes, for some, and for the root alone (the nodes
// without one step by hashed edges and fail links), on random phrases over a small alphabet, where anchors overlap,
// nest and share suffixes as often as possible.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { buildAutomaton, LONGEST_NUMBER, NUMBER_UNITS, PhraseMatcher, wordBoundaries } from '../../src/text/matcher.js';
import { compilePhrase, type CompiledPhrase } from '../../src/text/phrase.js';
import { seededRandom } from '../helpers.js';

const table = foldTable(DEFAULT_NORMALIZE);

const UNITS = [...'您好请问的是您好好'];
const word = (random: () => number, length: number) => Array.from({ length }, () => UNITS[Math.floor(random() * UNITS.length)]).join('');

/** The hits by definition: at each end, the phrases whose anchor ends there, the longest first. */
function expectedHits(phrases: CompiledPhrase[], text: string): string[] {
  const byAnchor = new Map<string, CompiledPhrase[]>();
  for (const p of phrases) byAnchor.set(p.anchor, [...(byAnchor.get(p.anchor) ?? []), p]);
  const longest = Math.max(...phrases.map((p) => p.anchor.length));
  const hits: string[] = [];
  for (let end = 1; end <= text.length; end++) {
    for (let length = Math.min(longest, end); length >= 1; length--) {
      for (const p of byAnchor.get(text.slice(end - length, end)) ?? []) hits.push(`${p.id}@${end - length}-${end}`);
    }
  }
  return hits;
}

/**
 * Random phrases of `pieces` (one of the first `leading` first, up to three more), a gap never before another braced
 * piece and never last; up to `most` of them (a number drawn again at each phrase).
 */
function randomSources(random: () => number, most: number, pieces: readonly string[], leading: number): string[] {
  const sources = new Set<string>();
  while (sources.size < 1 + Math.floor(random() * most)) {
    let source = pieces[Math.floor(random() * leading)];
    for (let n = Math.floor(random() * 4); n > 0; n--) source += pieces[Math.floor(random() * pieces.length)];
    if (/\}$/.test(source)) source += '好';
    if (!/\{\*\d*\}\{/.test(source)) sources.add(source);
  }
  return [...sources];
}

/** The hits of scanUnits over the first `length` of `units`, as `id@start-end`. */
function unitHits(matcher: PhraseMatcher, units: Uint16Array, length: number): string[] {
  const hits: string[] = [];
  matcher.scanUnits(units, length, (id, start, end) => hits.push(`${id}@${start}-${end}`));
  return hits;
}

function scanned(matcher: PhraseMatcher, text: string): string[] {
  const hits: string[] = [];
  matcher.scan(text, (id, start, end) => hits.push(`${id}@${start}-${end}`));
  return hits;
}

describe('the phrase automaton', () => {
  it('finds what the definition finds, with rows for every node, some nodes or the root alone', () => {
    const random = seededRandom(11);
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      const sources = [...new Set(Array.from({ length: 1 + Math.floor(random() * 40) }, () => word(random, 1 + Math.floor(random() * 5))))];
      const phrases = sources.map((source, id) => compilePhrase(id, source, table));
      const columns = new Set(sources.join('')).size + 1;
      for (const rows of [Infinity, 1 + Math.floor(random() * 8), 1]) {
        const matcher = new PhraseMatcher(phrases, rows === Infinity ? undefined : rows * columns);
        for (let t = 0; t < 5; t++) {
          const text = word(random, Math.floor(random() * 120)) + (t % 2 ? '\n' + word(random, 30) : '');
          const hits = scanned(matcher, text);
          expect(hits, `${sources.join(' ')} in ${text} (rows: ${rows})`).toEqual(expectedHits(phrases, text));
          checked += hits.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000); // the texts were not all without hits
  });

  it('a pack of more than 65,535 nodes: rows for those whose children are numbered within 16 bits', () => {
    const random = seededRandom(5);
    const units = [...'的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出要于就下得可你年生'];
    const sources = new Set<string>();
    while (sources.size < 25_000) sources.add(Array.from({ length: 6 }, () => units[Math.floor(random() * units.length)]).join(''));
    const phrases = [...sources].map((source, id) => compilePhrase(id, source, table));
    const matcher = new PhraseMatcher(phrases, 1 << 24); // room for rows of every node: the 16 bits are the limit
    const text = [...sources].join('') + Array.from({ length: 3000 }, () => units[Math.floor(random() * units.length)]).join('');
    const hits = scanned(matcher, text);
    expect(hits).toEqual(expectedHits(phrases, text));
    expect(hits.length).toBeGreaterThanOrEqual(sources.size);
  });

  it('started on rows for the root alone, finds the same before and after it reads the whole table', () => {
    const random = seededRandom(23);
    const sources = [...new Set(Array.from({ length: 40 }, () => word(random, 1 + Math.floor(random() * 5))))];
    const phrases = sources.map((source, id) => compilePhrase(id, source, table));
    const anchors = phrases.map((phrase) => phrase.anchor);
    const columns = new Set(sources.join('')).size + 1;
    let reads = 0;
    const whole = () => {
      reads++;
      return buildAutomaton(anchors);
    };
    const matcher = new PhraseMatcher(phrases, buildAutomaton(anchors, columns), whole, 500);
    const texts = Array.from({ length: 20 }, () => word(random, 100));
    texts.forEach((text, i) => {
      expect(scanned(matcher, text), `text ${i}`).toEqual(expectedHits(phrases, text));
      expect(reads, `text ${i}`).toBe(i < 5 ? 0 : 1); // read at the text that brings the scanned characters past 500
    });
    // A whole automaton that cannot be read, or of other phrases, is not used: the scan goes on as it started.
    for (const unreadable of [() => undefined, () => buildAutomaton([...anchors, '好好好好好好'])]) {
      const started = new PhraseMatcher(phrases, buildAutomaton(anchors, columns), unreadable, 0);
      for (const text of texts.slice(0, 3)) expect(scanned(started, text)).toEqual(expectedHits(phrases, text));
    }
  });

  it('a unit in no anchor sends the scan back to the root, also from a node without a row', () => {
    const phrases = ['请问您', '问您好'].map((source, id) => compilePhrase(id, source, table));
    for (const entries of [undefined, 1]) {
      const matcher = new PhraseMatcher(phrases, entries);
      expect(scanned(matcher, '请问x您 请问您好')).toEqual(['0@5-8', '1@6-9']);
    }
  });

  it('finds the same in a text longer than the copy it keeps between scans, and keeps no copy of it', () => {
    const phrases = ['请问您', '问您好'].map((source, id) => compilePhrase(id, source, table));
    const matcher = new PhraseMatcher(phrases);
    const long = `${'x'.repeat(1 << 20)}请问您好`;
    expect(scanned(matcher, long)).toEqual([`0@${1 << 20}-${(1 << 20) + 3}`, `1@${(1 << 20) + 1}-${(1 << 20) + 4}`]);
    // Then a short text: found in the kept copy, whatever the long one left.
    expect(scanned(matcher, '请问您好')).toEqual(['0@0-3', '1@1-4']);
    expect((matcher as unknown as { copy: { units: Uint16Array } }).copy.units.length).toBeLessThanOrEqual(1 << 20);
  });

  it('checks gaps, numbers, literals and word boundaries after the anchor as the definition says', () => {
    // The definition, over the string: each piece in turn, a gap taking its literal's nearest occurrence within reach
    // before a turn break, a number 1 to LONGEST_NUMBER number units; a Latin phrase's ends not inside a word.
    const restEnd = (text: string, phrase: CompiledPhrase, from: number): number => {
      let pos = from;
      for (let p = 0; p < phrase.rest.length; p++) {
        const piece = phrase.rest[p];
        if (piece.type === 'number') {
          const begin = pos;
          while (pos < text.length && pos - begin < LONGEST_NUMBER && NUMBER_UNITS.has(text.charCodeAt(pos))) pos++;
          if (pos === begin) return -1;
        } else if (piece.type === 'literal') {
          if (!text.startsWith(piece.text, pos)) return -1;
          pos += piece.text.length;
        } else {
          const literal = phrase.rest[++p] as { type: 'literal'; text: string };
          let found = -1;
          for (let at = pos; at <= pos + piece.reach && at < text.length && found < 0; at++) {
            if (text.startsWith(literal.text, at)) found = at;
            else if (text[at] === '\n') break;
          }
          if (found < 0) return -1;
          pos = found + literal.text.length;
        }
      }
      return pos;
    };
    const defined = (phrases: CompiledPhrase[], text: string): string[] => {
      const hits: string[] = [];
      for (const [at, id, start] of expectedHits(phrases.map((p) => ({ ...p, rest: [] })), text).map((hit) => hit.split(/[@-]/).map(Number)).map(([id, start, end]) => [end, id, start])) {
        const phrase = phrases[id];
        const end = restEnd(text, phrase, at);
        if (end >= 0 && wordBoundaries(text, phrase, start, end)) hits.push(`${id}@${start}-${end}`);
      }
      return hits;
    };
    const random = seededRandom(31);
    const pieces = ['您好', '请问', '好', '的', '是', '3', '七', 'ab', 'b', '{*}', '{*2}', '{*5}', '{n}'];
    const alphabet = [...'您好请问的是ab 3七x\n'];
    let checked = 0;
    for (let round = 0; round < 80; round++) {
      const sources = randomSources(random, 30, pieces, 9);
      const phrases = sources.map((source, id) => compilePhrase(id, source, table));
      for (const entries of [undefined, 1]) {
        const matcher = new PhraseMatcher(phrases, entries);
        for (let t = 0; t < 5; t++) {
          const text = Array.from({ length: Math.floor(random() * 150) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
          const hits = scanned(matcher, text);
          expect(hits, `${sources.join(' | ')} in ${JSON.stringify(text)}`).toEqual(defined(phrases, text));
          checked += hits.length;
          // The same text as the first units of a longer array (normalizing's buffer, handed to the scan as it is):
          // what lies past its length — an anchor's end, a gap's literal, more digits, a word's letter — is not read.
          const tail = Array.from({ length: 1 + Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
          const fromUnits = unitHits(matcher, Uint16Array.from(text + tail, (c) => c.charCodeAt(0)), text.length);
          expect(fromUnits, `${sources.join(' | ')} in ${JSON.stringify(text)} before ${JSON.stringify(tail)}`).toEqual(hits);
        }
      }
    }
    expect(checked).toBeGreaterThan(2_000);
  });
});

// Two chains of steps at once (PhraseMatcher.scanTwo): a text cut at a unit in no anchor near its middle, the second
// chain's hits passed on after the first's. A single chain (two chains from an unreachable length) is the reference,
// and the definition where it applies: the same hits in the same order.
describe('the phrase scan by two chains', () => {
  const single = (phrases: CompiledPhrase[], entries?: number) => new PhraseMatcher(phrases, entries, undefined, undefined, Infinity);
  const twoChains = (phrases: CompiledPhrase[], entries?: number) => new PhraseMatcher(phrases, entries, undefined, undefined, 1);
  const fromUnits = (matcher: PhraseMatcher, text: string): string[] => unitHits(matcher, Uint16Array.from(text, (c) => c.charCodeAt(0)), text.length);

  it('passes on the hits of both halves in order, a phrase ending or starting at the cut among them', () => {
    // 'x' is in no anchor: the only place to cut 好好请问您x请问您好好 is its middle; 请问您 ends just before it, and
    // starts just after it.
    const phrases = ['请问您', '您好', '好'].map((source, id) => compilePhrase(id, source, table));
    const text = '好好请问您x请问您好好';
    const expected = ['2@0-1', '2@1-2', '0@2-5', '0@6-9', '1@8-10', '2@9-10', '2@10-11'];
    expect(expectedHits(phrases, text)).toEqual(expected);
    for (const entries of [undefined, 1]) expect(fromUnits(twoChains(phrases, entries), text)).toEqual(expected);
  });

  it('checks a gap, a number and a word boundary past the cut as a single chain does', () => {
    // The gap's literal 好, the digits and the letter b are in no anchor, so the cut (at the middle) falls between an
    // anchor and what its phrase needs after it: the checks read the whole text, not the first chain's half.
    const phrases = ['请问{*6}好', '您{n}', 'a'].map((source, id) => compilePhrase(id, source, table));
    const cases: [string, string[]][] = [
      ['xx请问xxxx好xx', ['0@2-9']],
      ['xxxx您123456', ['1@4-11']],
      ['好好好ab好好好', []],
      ['好好好a 好好好', ['2@3-4']],
    ];
    for (const [text, expected] of cases) {
      expect(fromUnits(single(phrases), text), text).toEqual(expected);
      for (const entries of [undefined, 1]) expect(fromUnits(twoChains(phrases, entries), text), text).toEqual(expected);
    }
  });

  it('finds what one chain finds in random texts with and without breaks, with rows for every node, some or the root alone', () => {
    const random = seededRandom(41);
    const pieces = ['您好', '请问', '好', '的', '是', '3', 'ab', '{*}', '{*3}', '{n}'];
    // 'x', the space and the break are in no anchor: somewhere to cut.
    const alphabet = [...'您好请问的是ab 3x\n'];
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      const sources = randomSources(random, 25, pieces, 7);
      const phrases = sources.map((source, id) => compilePhrase(id, source, table));
      const columns = new Set(sources.join('')).size + 1;
      for (const entries of [undefined, 3 * columns, 1]) {
        const reference = single(phrases, entries);
        const matcher = twoChains(phrases, entries);
        for (let t = 0; t < 4; t++) {
          // Texts without x, space, digit or break (often nowhere to cut: one chain), then with them.
          const from = t === 0 ? alphabet.slice(0, 8) : alphabet;
          const text = Array.from({ length: 2 + Math.floor(random() * 200) }, () => from[Math.floor(random() * from.length)]).join('');
          const hits = fromUnits(matcher, text);
          expect(hits, `${sources.join(' | ')} in ${JSON.stringify(text)} (entries: ${entries})`).toEqual(fromUnits(reference, text));
          checked += hits.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('scans a long text in pieces, and one with nowhere to cut by one chain, finding what one chain finds', () => {
    const random = seededRandom(43);
    const phrases = ['您好', '请问您', '好的', '问{*4}是', '的{n}'].map((source, id) => compilePhrase(id, source, table));
    const reference = single(phrases);
    const matcher = new PhraseMatcher(phrases); // two chains from TWO_CHAINS_FROM on, as in a run
    const units = [...'您好请问的是好'];
    for (const cutAt of ['x', '\n', '']) {
      const text = Array.from({ length: 40_000 }, (_, i) => (cutAt && i % 37 === 0 ? cutAt : units[Math.floor(random() * units.length)])).join('');
      const hits = fromUnits(matcher, text);
      expect(hits.length).toBeGreaterThan(5_000);
      expect(hits).toEqual(fromUnits(reference, text));
    }
  });
});

// A node whose phrases' rests start with gaps looks once at the units within the widest reach (PhraseMatcher.hitsAt)
// and skips the phrases whose literal's first unit is not among them. Each phrase alone in a matcher (its node then
// has one such phrase and is never skipped) is the reference: the same hits.
describe("the look-ahead for a node's gap phrases", () => {
  /** Each phrase's hits when it is the only phrase of its matcher, with its own id. */
  const alone = (phrases: CompiledPhrase[], text: string): string[] =>
    phrases.flatMap((phrase) => scanned(new PhraseMatcher([compilePhrase(0, phrase.source, table)]), text).map((hit) => `${phrase.id}${hit.slice(1)}`));

  it('finds the literals within each phrase’s own reach: at its edge, past a narrower one, at the text’s end, not past a break', () => {
    // Three gap phrases and a plain one on 请问: reaches 2, 5 and 5 (the window's is 5).
    const phrases = ['请问{*2}好', '请问{*5}的', '请问{*5}是', '请问'].map((source, id) => compilePhrase(id, source, table));
    const cases: [string, string[]][] = [
      ['请问xx好', ['0@0-5', '3@0-2']],
      ['请问xxx好', ['3@0-2']],
      ['请问xxxxx的', ['1@0-8', '3@0-2']],
      ['请问xxxxxx的', ['3@0-2']],
      ['请问的', ['1@0-3', '3@0-2']],
      ['请问xx\n的是', ['3@0-2']],
      ['请问是\n的', ['2@0-3', '3@0-2']],
      ['请问', ['3@0-2']],
    ];
    for (const [text, expected] of cases) {
      for (const matcher of [new PhraseMatcher(phrases), new PhraseMatcher(phrases, undefined, undefined, undefined, 1)]) {
        const hits = scanned(matcher, text);
        expect(hits, JSON.stringify(text)).toEqual(expected);
        expect(unitHits(matcher, Uint16Array.from(text, (c) => c.charCodeAt(0)), text.length), JSON.stringify(text)).toEqual(expected);
      }
    }
  });

  it('finds what each phrase finds alone, in random texts of units that share their low bits', () => {
    const random = seededRandom(53);
    // A unit 32 from 好 has its low five bits, one 1,024 from it both fives: the look's bits cannot tell that one apart.
    const literals = ['好', '的', '是', String.fromCharCode('好'.charCodeAt(0) + 32), String.fromCharCode('好'.charCodeAt(0) + 1024), 'b', '3'];
    const anchors = ['请问', '您', '问'];
    const alphabet = [...literals, ...anchors.join(''), 'x', '\n'];
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      const sources = new Set<string>();
      while (sources.size < 2 + Math.floor(random() * 12)) {
        const reach = [1, 2, 3, 5, 8][Math.floor(random() * 5)];
        const literal = literals[Math.floor(random() * literals.length)] + (random() < 0.3 ? literals[Math.floor(random() * literals.length)] : '');
        sources.add(`${anchors[Math.floor(random() * anchors.length)]}{*${reach}}${literal}`);
      }
      const phrases = [...sources].map((source, id) => compilePhrase(id, source, table));
      const byPhrase = (hits: string[]) => [...hits].sort();
      for (const twoChainsFrom of [Infinity, 1]) {
        const matcher = new PhraseMatcher(phrases, undefined, undefined, undefined, twoChainsFrom);
        for (let t = 0; t < 8; t++) {
          const text = Array.from({ length: Math.floor(random() * 120) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
          const hits = scanned(matcher, text);
          expect(byPhrase(hits), `${[...sources].join(' | ')} in ${JSON.stringify(text)}`).toEqual(byPhrase(alone(phrases, text)));
          checked += hits.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(1_000);
  });
});
