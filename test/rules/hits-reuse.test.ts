// What rules are built on, made to be reused from one transcript to the next: the sort of a few items, and the hit
// lists of a scan.
import { describe, expect, it } from 'vitest';
import { SelectorHits } from '../../src/engine/selector-hits.js';
import { HitTable, overlapsAny, spanIndex } from '../../src/engine/spans.js';
import { stableSort, type PhraseSelector } from '../../src/rules/rule-kind.js';
import { linterFor, seededRandom, SPEAKERS } from '../helpers.js';

describe('stableSort', () => {
  it.each([0, 1, 2, 5, 16, 17, 40])('sorts %i items as Array.prototype.sort does, equal keys in their order', (n) => {
    const items = Array.from({ length: n }, (_, i) => ({ key: (i * 7) % 5, at: i }));
    const expected = [...items].sort((a, b) => a.key - b.key);
    expect(stableSort(items, (a, b) => a.key - b.key)).toBe(items);
    expect(items).toEqual(expected);
    for (let i = 1; i < n; i++) if (items[i].key === items[i - 1].key) expect(items[i].at).toBeGreaterThan(items[i - 1].at);
  });
});

describe('HitTable', () => {
  it('starts each transcript empty: a cleared table keeps no hit of the last one', () => {
    const table = new HitTable();
    table.push(7, 0, 10, 12);
    table.push(3, 1, 20, 21);
    table.push(7, 2, 30, 32);
    expect(table.present).toEqual([7, 3]);
    expect([table.of(7)!.length, table.of(7)!.start(1), table.of(3)!.end(0), table.of(5)]).toEqual([2, 30, 21, undefined]);
    table.clear();
    expect([table.present, table.of(7), table.of(3)]).toEqual([[], undefined, undefined]);
    table.push(3, 4, 40, 41);
    expect(table.present).toEqual([3]);
    expect([table.of(3)!.length, table.of(3)!.turn(0), table.of(3)!.start(0), table.of(7)]).toEqual([1, 4, 40, undefined]);
  });

  it('lets go of a long list when cleared, and fills it again past its first thousand hits', () => {
    const table = new HitTable();
    for (let i = 0; i < 3000; i++) table.push(1, i, 2 * i, 2 * i + 1);
    const list = table.of(1)!;
    expect(list.length).toBe(3000);
    // Every hit read back, across the move from a short list to a long one (at 1,024) and each growth after it.
    const wrong = Array.from({ length: 3000 }, (_, i) => i).filter((i) => list.turn(i) !== i || list.start(i) !== 2 * i || list.end(i) !== 2 * i + 1);
    expect(wrong).toEqual([]);
    table.clear();
    for (let i = 0; i < 1500; i++) table.push(1, i, 3 * i, 3 * i + 2);
    expect([table.of(1)!.length, table.of(1)!.start(0), table.of(1)!.end(1499)]).toEqual([1500, 0, 4499]);
  });

  it('gives each transcript linted after another the problems it gives alone', () => {
    const linter = linterFor(`name: t
${SPEAKERS}rules:
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事, 不知道]
`);
    const busy = '客服: 什么事？不知道。\n客户: 查账单\n客服: 什么事\n';
    const calm = '客服: 您好\n客户: 不知道\n';
    const alone = linter.lintText(calm, 'calm.txt');
    linter.lintText(busy, 'busy.txt');
    expect(linter.lintText(calm, 'calm.txt')).toEqual(alone);
    expect(alone.messages).toEqual([]);
    expect(linter.lintText(busy, 'busy.txt').messages.map((m) => [m.line, m.column])).toEqual([[1, 5], [3, 5]]);
  });
});

describe('SelectorHits', () => {
  it('gives each selector the ids of its phrases that hit, in its order, one transcript after another', () => {
    const random = seededRandom(11);
    const phraseCount = 60;
    const selectors: PhraseSelector[] = [];
    for (let slot = 0; slot < 30; slot++) {
      // Some selectors share phrases, one has none, a few have more than the 16 put in order by insertion.
      const size = slot === 0 ? 0 : 1 + Math.floor(random() * (slot % 5 === 0 ? 40 : 8));
      const ids = [...new Set(Array.from({ length: size }, () => Math.floor(random() * phraseCount)))];
      selectors.push({ phraseIds: ids, speaker: 'any', slot });
    }
    const index = new SelectorHits(phraseCount, selectors);
    for (let transcript = 0; transcript < 50; transcript++) {
      // The phrases that hit, each once, in the order of their first hit.
      const present = [...new Set(Array.from({ length: Math.floor(random() * 45) }, () => Math.floor(random() * phraseCount)))];
      const stamp = index.gather(present);
      for (const selector of selectors) {
        const expected = selector.phraseIds.filter((id) => present.includes(id));
        expect(index.ids(stamp, selector)).toEqual(expected);
        expect(index.hit(stamp, selector)).toBe(expected.length > 0);
      }
    }
  });

  it('tells a stamp whose transcript another has been gathered over (its reader must gather again)', () => {
    const selectors: PhraseSelector[] = [{ phraseIds: [0, 1], speaker: 'any', slot: 0 }];
    const index = new SelectorHits(2, selectors);
    const first = index.gather([1]);
    expect(index.holds(first)).toBe(true);
    const second = index.gather([0]);
    expect(index.holds(first)).toBe(false);
    expect(index.holds(second)).toBe(true);
    expect(index.ids(second, selectors[0])).toEqual([0]);
  });
});

describe('spanIndex', () => {
  it('tells overlaps of spans given out of start order as of spans in order', () => {
    const random = seededRandom(5);
    const table = new HitTable();
    const spans: { start: number; end: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const start = Math.floor(random() * 200);
      const end = start + 1 + Math.floor(random() * 6);
      table.push(i % 3, i % 2, start, end);
      spans.push({ start, end });
    }
    const index = spanIndex([table.of(0)!, table.of(1)!, table.of(2)!], () => true);
    for (let start = 0; start < 210; start++) {
      for (const length of [1, 3]) {
        const expected = spans.some((s) => s.start < start + length && s.end > start);
        expect(overlapsAny(index, start, start + length), `${start}+${length}`).toBe(expected);
      }
    }
  });
});

describe('rules found only where their phrases hit', () => {
  const pack = `name: t
${SPEAKERS}rules:
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事]
  apologize:
    kind: follow
    if: { speaker: customer, phrases: [太慢了] }
    then: { speaker: agent, phrases: [抱歉] }
  greet-before-asking:
    kind: order
    before: { speaker: agent, phrases: [您好] }
    after: { speaker: agent, phrases: [请问] }
  greet:
    kind: required
    speaker: agent
    phrases: [您好]
`;

  /** The linter, and how often each rule's check ran. */
  function counted(): { lint: (text: string) => string[]; runs: Map<string, number> } {
    const linter = linterFor(pack);
    const runs = new Map<string, number>();
    for (const rule of linter.compiled.rules) {
      const check = rule.check;
      rule.check = Object.assign((context: Parameters<typeof check>[0]) => (runs.set(rule.entry.id, (runs.get(rule.entry.id) ?? 0) + 1), check(context)), { triggers: check.triggers });
    }
    return { lint: (text) => linter.lintText(text, 'call.txt').messages.map((m) => `${m.line}:${m.ruleId}`), runs };
  }

  it('are not run on a transcript where none of their trigger phrases hits, whoever says them', () => {
    const { lint, runs } = counted();
    expect(lint('客服: 好的\n客户: 嗯\n')).toEqual(['1:t/greet']);
    expect([...runs]).toEqual([['t/greet', 1]]);
  });

  it('are run, and report as before, where a trigger phrase hits even in another speaker\'s turn', () => {
    const { lint, runs } = counted();
    expect(lint('客服: 请问什么事？\n客户: 太慢了\n客服: 好\n客户: 什么事\n')).toEqual(['1:t/greet', '1:t/greet-before-asking', '1:t/no-shenme-shi', '3:t/apologize']);
    expect(Object.fromEntries(runs)).toEqual({ 't/no-shenme-shi': 1, 't/apologize': 1, 't/greet-before-asking': 1, 't/greet': 1 });
    runs.clear();
    // 太慢了 said by the agent, 什么事 by the customer: the rules run and find nothing of theirs.
    expect(lint('客服: 您好，太慢了吧\n客户: 什么事\n')).toEqual([]);
    expect(Object.fromEntries(runs)).toEqual({ 't/no-shenme-shi': 1, 't/apologize': 1, 't/greet': 1 });
  });
});

describe('a selector\'s hits, merged from each phrase\'s and counted once per utterance', () => {
  // Random phrases over a few characters (nested, overlapping, sharing starts) and random agent turns: the count a
  // rule sees is the definition's — every occurrence of every phrase, by start and longest first, less those inside
  // one before them.
  const UNITS = [...'您好请问的是'];
  const word = (random: () => number, length: number) => Array.from({ length }, () => UNITS[Math.floor(random() * UNITS.length)]).join('');

  function expectedCount(phrases: string[], text: string): number {
    const hits: { start: number; end: number }[] = [];
    phrases.forEach((p) => {
      for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) hits.push({ start: at, end: at + p.length });
    });
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    let furthest = -1;
    let kept = 0;
    for (const hit of hits) {
      if (hit.end <= furthest) continue;
      furthest = hit.end;
      kept++;
    }
    return kept;
  }

  it('over 200 random calls and packs', () => {
    const random = seededRandom(3);
    let counted = 0;
    for (let round = 0; round < 20; round++) {
      const phrases = [...new Set(Array.from({ length: 3 + Math.floor(random() * 12) }, () => word(random, 1 + Math.floor(random() * 3))))];
      const linter = linterFor(`name: t
${SPEAKERS}rules:
  r:
    kind: count
    speaker: agent
    phrases: [${phrases.join(', ')}]
    min: 100000
`);
      for (let call = 0; call < 10; call++) {
        const text = word(random, 20 + Math.floor(random() * 60));
        const message = linter.lintText(`客服: ${text}`).messages.find((m) => m.ruleId === 't/r')?.message ?? '';
        const count = Number(/\((\d+) times? in this call; at least 100000\)/.exec(message)?.[1]);
        expect(count, `${phrases.join(' ')} in ${text}`).toBe(expectedCount(phrases, text));
        counted += count;
      }
    }
    expect(counted).toBeGreaterThan(2000);
  });
});
