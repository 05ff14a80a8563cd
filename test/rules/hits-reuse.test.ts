// What rules are built on, made to be reused from one transcript to the next: the sort of a few items, and the hit
// lists of a scan.
import { describe, expect, it } from 'vitest';
import { scopeKey } from '../../src/engine/compile.js';
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
  // Entries numbered from 0 again after every transcript (0), every few (7, 100), or never in the test (the default).
  it.each([undefined, 0, 7, 100])('gives each selector the ids of its phrases that hit, in its order, one transcript after another (renumbered after %s)', (renumberAfter) => {
    const random = seededRandom(11);
    const phraseCount = 60;
    const selectors: PhraseSelector[] = [];
    for (let slot = 0; slot < 30; slot++) {
      // Some selectors share phrases, one has none, a few have more than the 16 put in order by insertion.
      const size = slot === 0 ? 0 : 1 + Math.floor(random() * (slot % 5 === 0 ? 40 : 8));
      const ids = [...new Set(Array.from({ length: size }, () => Math.floor(random() * phraseCount)))];
      selectors.push({ phraseIds: ids, speaker: 'any', slot });
    }
    const index = new SelectorHits(phraseCount, selectors, renumberAfter);
    for (let transcript = 0; transcript < 50; transcript++) {
      // The phrases that hit, each once, in the order of their first hit.
      const present = [...new Set(Array.from({ length: Math.floor(random() * 45) }, () => Math.floor(random() * phraseCount)))];
      // Given as the scan's HitTable keeps them: the first `count` of an array that still holds ids of files before.
      const stale = Array.from({ length: Math.floor(random() * 10) }, () => Math.floor(random() * phraseCount));
      const stamp = index.gather([...present, ...stale], present.length);
      for (const selector of selectors) {
        const expected = selector.phraseIds.filter((id) => present.includes(id));
        expect(index.ids(stamp, selector)).toEqual(expected);
        expect(index.hit(stamp, selector)).toBe(expected.length > 0);
        // The same ids walked entry by entry (last gathered first), without the array.
        const walked: number[] = [];
        for (let entry = index.lastEntry(stamp, selector); entry >= 0; entry = index.entryBefore(entry)) walked.push(index.entryId(entry, selector));
        expect(walked.sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
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

describe('spanIndex, sorted in place and cut to the spans kept', () => {
  // Few spans (sorted by insertion), many (by an order), and past the plain arrays' 4,096 (typed arrays, cut as
  // views); half the turns and a third of the spans refused, so the arrays are cut.
  for (const count of [7, 16, 300, 9000]) {
    it(`of ${count} spans over three lists`, () => {
      const random = seededRandom(count);
      const table = new HitTable();
      const kept: { start: number; end: number }[] = [];
      const width = 5 * count;
      for (let i = 0; i < count; i++) {
        const start = Math.floor(random() * width);
        const end = start + 1 + Math.floor(random() * 6);
        const list = i % 3;
        table.push(list, i % 4, start, end);
        if (i % 4 < 2 && start % 3 !== 0) kept.push({ start, end });
      }
      const index = spanIndex([table.of(0)!, table.of(1)!, table.of(2)!], (turn) => turn < 2, (_list, start) => start % 3 !== 0);
      expect(index.starts.length).toBe(kept.length);
      expect(index.furthestEnd.length).toBe(kept.length);
      for (let start = 0; start < width + 10; start += count > 1000 ? 7 : 1) {
        for (const length of [1, 3]) {
          const expected = kept.some((s) => s.start < start + length && s.end > start);
          expect(overlapsAny(index, start, start + length), `${start}+${length}`).toBe(expected);
        }
      }
    });
  }
});

describe('rules with the same scope', () => {
  // The turns a scope takes are worked out once a call for every rule of that scope and speaker: rules whose scopes
  // differ only in `of`, or whose speakers differ, must each get their own.
  const pack = `name: t
${SPEAKERS}rules:
  own-first:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-turns: 1 }
  own-first-again:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-turns: 1, of: speaker }
  all-first:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-turns: 1, of: all }
  customer-first:
    kind: required
    speaker: customer
    phrases: [喂]
    scope: { first-turns: 1 }
  two-first:
    kind: banned
    speaker: agent
    phrases: [不知道]
    scope: { first-turns: 2 }
`;
  const calls = ['客户: 喂\n客服: 您好\n客服: 不知道', '客服: 您好\n客户: 喂\n客服: 不知道', '客服: 不知道\n客户: 您好\n客服: 您好'];

  it('gives each rule the problems it gives alone', () => {
    const all = linterFor(pack);
    const ids = ['own-first', 'own-first-again', 'all-first', 'customer-first', 'two-first'];
    for (const text of calls) {
      const together = all.lintText(text).messages.filter((m) => m.ruleId?.startsWith('t/'));
      const alone = ids.flatMap((id) => linterFor(pack, { rules: ids.filter((other) => other !== id).map((other) => `t/${other}: off`) }).lintText(text).messages.filter((m) => m.ruleId === `t/${id}`));
      const key = (m: { ruleId: string | null; line: number; column: number; message: string }) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`;
      expect(together.map(key).sort(), text).toEqual(alone.map(key).sort());
    }
    // The first call: the agent's first turn greets, the call's first turn is the customer's.
    const first = all.lintText(calls[0]).messages.map((m) => m.ruleId);
    expect(first).toContain('t/all-first');
    expect(first).not.toContain('t/own-first');
    expect(first).toContain('t/two-first');
  });

  it('share a slot only when they take the same turns', () => {
    expect(scopeKey({ 'first-turns': 1 })).toBe(scopeKey({ 'first-turns': 1, of: 'speaker' }));
    const keys = [{ 'first-turns': 1 }, { 'first-turns': 2 }, { 'last-turns': 1 }, { 'first-turns': 1, of: 'all' as const },
      { 'first-seconds': 1 }, { 'last-seconds': 1 }, { 'first-turns': 1, 'first-seconds': 1 }].map(scopeKey);
    expect(new Set(keys).size).toBe(keys.length);
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

  it('are run, and report as before, where a trigger phrase hits in its speaker\'s turn, said by the other too', () => {
    const { lint, runs } = counted();
    expect(lint('客服: 请问什么事？\n客户: 太慢了\n客服: 好\n客户: 什么事\n')).toEqual(['1:t/greet', '1:t/greet-before-asking', '1:t/no-shenme-shi', '3:t/apologize']);
    expect(Object.fromEntries(runs)).toEqual({ 't/no-shenme-shi': 1, 't/apologize': 1, 't/greet-before-asking': 1, 't/greet': 1 });
    runs.clear();
    // 太慢了 said by the agent, 什么事 by the customer: the rules (without a scope) would find nothing of theirs, and
    // are not run.
    expect(lint('客服: 您好，太慢了吧\n客户: 什么事\n')).toEqual([]);
    expect(Object.fromEntries(runs)).toEqual({ 't/greet': 1 });
  });
});

/** Random words over a few characters (phrases nested, overlapping, sharing starts). */
const UNITS = [...'您好请问的是'];
const word = (random: () => number, length: number) => Array.from({ length }, () => UNITS[Math.floor(random() * UNITS.length)]).join('');

/** Up to `count` distinct random words, each of `shortest` to `shortest + spread - 1` units. */
const words = (random: () => number, count: number, shortest: number, spread: number) =>
  [...new Set(Array.from({ length: count }, () => word(random, shortest + Math.floor(random() * spread))))];

/** What a rule counts in these texts (turns): each one's hits less those an except hit overlaps, once per utterance. */
/**
 * A random call of 1 to `most` turns, each the agent's with chance `agentShare`, then one of the agent's (a call without
 * the rule's speaker is reported as such, not counted); each turn `shortest` to `shortest + spread - 1` units long.
 */
function randomCall(random: () => number, most: number, agentShare: number, shortest: number, spread: number): { turns: { agent: boolean; text: string }[]; text: string } {
  const turn = (agent: boolean) => ({ agent, text: word(random, shortest + Math.floor(random() * spread)) });
  const turns = Array.from({ length: 1 + Math.floor(random() * most) }, () => turn(random() < agentShare));
  turns.push(turn(true));
  return { turns, text: turns.map((t) => `${t.agent ? '客服' : '客户'}: ${t.text}`).join('\n') };
}

function countedIn(phrases: string[], except: string[], texts: readonly string[]): number {
  let kept = 0;
  for (const text of texts) {
    const voids = occurrences(except, text);
    kept += keptOnce(occurrences(phrases, text).filter((h) => !voids.some((v) => v.start < h.end && v.end > h.start)));
  }
  return kept;
}

/** Every occurrence of every phrase in the text. */
function occurrences(phrases: string[], text: string): { start: number; end: number }[] {
  const hits: { start: number; end: number }[] = [];
  phrases.forEach((p) => {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) hits.push({ start: at, end: at + p.length });
  });
  return hits;
}

/** How many hits a rule counts: by start and longest first, less those inside one before them. */
function keptOnce(hits: { start: number; end: number }[]): number {
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

describe('a selector\'s hits, merged from each phrase\'s and counted once per utterance', () => {
  // Random phrases over a few characters (nested, overlapping, sharing starts) and random agent turns: the count a
  // rule sees is the definition's — every occurrence of every phrase, by start and longest first, less those inside
  // one before them.
  const expectedCount = (phrases: string[], text: string): number => keptOnce(occurrences(phrases, text));

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

describe('a selector\'s hits less its rule\'s except, by speaker', () => {
  // The except index is made once a hit has passed the speaker test: random calls of agent and customer turns, where
  // the customer often says the rule's phrases first (or only), must count what the definition counts.
  const expectedCount = (phrases: string[], except: string[], turns: { agent: boolean; text: string }[]): number =>
    countedIn(phrases, except, turns.filter((t) => t.agent).map((t) => t.text));

  it('over 200 random calls and packs', () => {
    const random = seededRandom(11);
    let counted = 0;
    let voided = 0;
    for (let round = 0; round < 20; round++) {
      const phrases = words(random, 2 + Math.floor(random() * 6), 1, 2);
      const except = words(random, 1 + Math.floor(random() * 4), 2, 2);
      const linter = linterFor(`name: t
${SPEAKERS}rules:
  r:
    kind: count
    speaker: agent
    phrases: [${phrases.join(', ')}]
    except: [${except.join(', ')}]
    min: 100000
`);
      for (let call = 0; call < 10; call++) {
        const { turns, text } = randomCall(random, 4, 0.4, 5, 20);
        const message = linter.lintText(text).messages.find((m) => m.ruleId === 't/r')?.message ?? '';
        const count = Number(/\((\d+) times? in this call; at least 100000\)/.exec(message)?.[1]);
        const expected = expectedCount(phrases, except, turns);
        expect(count, `${phrases.join(' ')} except ${except.join(' ')} in ${text}`).toBe(expected);
        counted += count;
        voided += expectedCount(phrases, [], turns) - expected;
      }
    }
    expect(counted).toBeGreaterThan(200);
    expect(voided).toBeGreaterThan(50);
  });
});

describe('a trigger said only by the other side', () => {
  // A rule without a scope is skipped where its trigger hits only in the other speaker's turns (its hits are the
  // speaker's): it reports as it did where the speaker says it too; a rule with a scope in seconds still tells that it
  // could not judge an untimed turn as soon as its trigger hits, whoever says it.
  const linter = linterFor(`name: t
${SPEAKERS}rules:
  no-ni:
    kind: banned
    speaker: agent
    phrases: [你们]
  thanks-then-bye:
    kind: order
    speaker: agent
    before: { phrases: [谢谢], speaker: customer }
    after: [再见]
  late-bye:
    kind: banned
    speaker: agent
    phrases: [再见]
    scope: { last-seconds: 5 }
`);
  const ids = (text: string) => linter.lintText(text).messages.map((m) => `${m.ruleId}@${m.line}`);
  const notEvaluated = (text: string) => linter.lintText(text).notEvaluated ?? [];

  it('reports what the speaker says after the other side said it first, and nothing for the other side alone', () => {
    expect(ids('客户: 你们好\n客服: 你们好，再见')).toEqual(['t/no-ni@2', 't/thanks-then-bye@2']);
    expect(ids('客户: 你们好，再见\n客服: 您好')).toEqual([]);
    expect(ids('客户: 你们好，谢谢\n客服: 再见')).toEqual([]);
  });

  it('leaves a scope in seconds undecided for a trigger said by the other side, as before', () => {
    const text = '[00:00:01] 客户: 再见\n客服: 您好\n[00:00:09] 客服: 好的';
    expect(notEvaluated(text)).toContain('t/late-bye');
    expect(notEvaluated('[00:00:01] 客户: 您好\n客服: 您好\n[00:00:09] 客服: 好的')).not.toContain('t/late-bye');
  });
});

describe('a few candidate hits against many except hits', () => {
  // Up to 32 candidates are looked at pair by pair against every except hit, however many pairs that makes (the index
  // told each except hit its clause); more candidates with more than 64 pairs index them. Both ways give the
  // definition's count: a few 您好 among forty 好的, and forty 您好 among a few 好的, some of each overlapping.
  const linter = linterFor(`name: t
${SPEAKERS}rules:
  c:
    kind: count
    speaker: agent
    phrases: [您好]
    except: [好的]
    min: 100000
`);
  const counted = (text: string): number =>
    Number(/\((\d+) times? in this call; at least 100000\)/.exec(linter.lintText(text).messages.find((m) => m.ruleId === 't/c')?.message ?? '')?.[1]);

  it('3 candidates, 41 except hits (pair by pair)', () => {
    const text = `客服: ${'好的，'.repeat(20)}您好的。您好。您好，${'好的，'.repeat(20)}\n客户: 您好`;
    expect(counted(text)).toBe(2);
  });

  it('40 candidates, 5 except hits (indexed)', () => {
    const text = `客服: ${'您好，'.repeat(37)}您好的。好的。您好的。好的，好的。您好\n客户: 好的`;
    expect(counted(text)).toBe(38);
  });
});

describe('a selector\'s hits in a scope, by speaker', () => {
  // The turns a scope takes are a byte a turn, tested per hit with the speaker's: random calls of agent and customer
  // turns against scoped count rules must count what the definition counts, and a required rule (told by its first
  // hit that counts) must report exactly when that count is 0.
  const scopes = [
    { yaml: '{ first-turns: 2 }', take: <T extends { agent: boolean }>(turns: T[]): T[] => turns.filter((t) => t.agent).slice(0, 2) },
    { yaml: '{ last-turns: 1 }', take: <T extends { agent: boolean }>(turns: T[]): T[] => turns.filter((t) => t.agent).slice(-1) },
    { yaml: '{ first-turns: 3, of: all }', take: <T extends { agent: boolean }>(turns: T[]): T[] => turns.slice(0, 3).filter((t) => t.agent) },
  ];

  it('over 300 random calls and packs', () => {
    const random = seededRandom(17);
    let counted = 0;
    let missing = 0;
    for (let round = 0; round < 30; round++) {
      const phrases = words(random, 2 + Math.floor(random() * 5), 1, 2);
      const except = words(random, 1 + Math.floor(random() * 3), 2, 2);
      const scope = scopes[round % scopes.length];
      const linter = linterFor(`name: t
${SPEAKERS}rules:
  c:
    kind: count
    speaker: agent
    phrases: [${phrases.join(', ')}]
    except: [${except.join(', ')}]
    scope: ${scope.yaml}
    min: 100000
  r:
    kind: required
    speaker: agent
    phrases: [${phrases.join(', ')}]
    except: [${except.join(', ')}]
    scope: ${scope.yaml}
`);
      for (let call = 0; call < 10; call++) {
        const { turns, text } = randomCall(random, 5, 0.5, 3, 10);
        const expected = countedIn(phrases, except, scope.take(turns).map((t) => t.text));
        const messages = linter.lintText(text).messages;
        const count = Number(/\((\d+) times? in (?:this call|the part of the call checked); at least 100000\)/.exec(messages.find((m) => m.ruleId === 't/c')?.message ?? '')?.[1]);
        expect(count, `${phrases.join(' ')} except ${except.join(' ')} in ${scope.yaml} of ${text}`).toBe(expected);
        expect(messages.some((m) => m.ruleId === 't/r'), `required, ${scope.yaml} of ${text}`).toBe(expected === 0);
        counted += expected;
        if (expected === 0) missing++;
      }
    }
    expect(counted).toBeGreaterThan(100);
    expect(missing).toBeGreaterThan(30);
  });
});

describe('a count wanted only up to a number (countHits with enough)', () => {
  // A count rule without a max counts its hits only up to its min, and a required rule up to its first hit: the count
  // stops at that many hits kept so far when none of them can be dropped later as inside another (one phrase whose
  // hits never nest, or the first hit). Random phrases — single words (hits never nest), several words, and gap
  // phrases (好{*}的 in 好好的 hits twice, one inside the other: one utterance) — with and without except, in random
  // calls: a rule with only a min reports what the same rule reports with a max (which counts every hit).
  const gap = (random: () => number) => `"${word(random, 1)}{*}${word(random, 1)}"`;

  it('over 400 random calls and packs', () => {
    const random = seededRandom(23);
    let reported = 0;
    let passed = 0;
    for (let round = 0; round < 40; round++) {
      const kind = round % 4;
      const phrases = kind === 0 ? [word(random, 1)] : kind === 1 ? [gap(random)] : kind === 2 ? words(random, 2, 1, 2) : [gap(random), word(random, 2)];
      const min = 1 + Math.floor(random() * 4);
      const except = round % 3 === 0 ? `\n    except: [${words(random, 2, 2, 1).join(', ')}]` : '';
      const rule = (name: string, max: string) => `  ${name}:
    kind: count
    speaker: agent
    phrases: [${phrases.join(', ')}]${except}
    min: ${min}${max}
`;
      const linter = linterFor(`name: t
${SPEAKERS}rules:
${rule('up-to-min', '')}${rule('every-hit', '\n    max: 100000')}`);
      for (let call = 0; call < 10; call++) {
        const { text } = randomCall(random, 5, 0.6, 3, 12);
        const messages = linter.lintText(text).messages;
        const of = (id: string) => messages.filter((m) => m.ruleId === `t/${id}`).map((m) => `${m.line}:${m.column} ${m.message}`);
        expect(of('up-to-min'), `${phrases.join(' ')} min ${min}${except} in ${text}`).toEqual(of('every-hit'));
        if (of('every-hit').length > 0) reported++;
        else passed++;
      }
    }
    expect(reported).toBeGreaterThan(50);
    expect(passed).toBeGreaterThan(50);
  });

  it('counts a gap phrase\'s hit inside another once, however many its hits', () => {
    // 好好的 holds 好{*}的 twice (好好的, 好的), one inside the other: one utterance, short of a min of 2.
    const linter = linterFor(`name: t
${SPEAKERS}rules:
  c:
    kind: count
    speaker: agent
    phrases: ["好{*}的"]
    min: 2
`);
    expect(linter.lintText('客服: 好好的').messages.map((m) => m.message)).toEqual(['phrase count out of range (1 time in this call; at least 2)']);
    expect(linter.lintText('客服: 好的，好的').messages).toEqual([]);
  });
});
