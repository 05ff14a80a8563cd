// Every rule kind does work linear (or n·log n) in a transcript's length: a day-long recording must not take
// hours. Counted, not timed: each rule's check is given hits and turns that count how often they are read, and a
// transcript four times as long may cost at most six times the reads (a check that compares every trigger with
// every response reads sixteen times as much).
import { describe, expect, it } from 'vitest';
import type { Linter } from '../../src/engine/linter.js';
import type { RuleContext } from '../../src/rules/rule-kind.js';
import { linterFor, packWith } from '../helpers.js';
import { HitList, NearIndex } from '../../src/engine/spans.js';

/** An array whose element reads add to `counter.reads`. */
function counted<T>(items: T[], counter: { reads: number }): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

/** Element reads of hits and turns by every rule's check while linting `text`. */
function readsOf(linter: Linter, text: string): number {
  const counter = { reads: 0 };
  for (const rule of linter.compiled.rules) {
    const check = rule.check;
    // (Every member delegated by name: the context is a class instance, whose methods a spread would not copy.)
    rule.check = (context: RuleContext) => check({
      transcript: { ...context.transcript, turns: counted(context.transcript.turns, counter) },
      hits: (selector) => counted(context.hits(selector), counter),
      countHits: (selector, enough) => context.countHits(selector, enough),
      turnsInScope: (speaker) => counted(context.turnsInScope(speaker), counter),
      turnsOf: (speaker) => counted(context.turnsOf(speaker), counter),
      foldedText: (turn) => context.foldedText(turn),
      foldedTexts: (turns) => context.foldedTexts(turns),
      notEvaluated: () => context.notEvaluated(),
      lineOf: (offset) => context.lineOf(offset),
      say: (text) => context.say(text),
      changesWanted: context.changesWanted,
    } satisfies RuleContext);
  }
  const problems = linter.lintText(text).messages.filter((m) => m.ruleId === 'test/r');
  expect(problems.length).toBeGreaterThan(0); // the rule had work to do
  return counter.reads;
}

function clock(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `[${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}]`;
}

/** `calls` repetitions of the call built by `turns` (one line per turn, timestamps running on). */
function longTranscript(calls: number, turns: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < calls; i++) for (const turn of turns) lines.push(`${clock(lines.length * 5)} ${turn}`);
  return lines.join('\n') + '\n';
}

// Each case: a rule, and one call in which it has work: responses said before their triggers (so none counts),
// afters without befores, holds never returned from, steps out of order, banned phrases, a missing phrase.
const CASES: { name: string; rule: string; call: string[] }[] = [
  // The agent answers every complaint (a call ending on one is not evaluated), but without the apology within 1 turn.
  { name: 'follow', rule: 'kind: follow\nif: { phrases: [投诉], speaker: customer }\nthen: { phrases: [抱歉], speaker: agent }\nwithin: 1', call: ['客服: 很抱歉', '客户: 我要投诉', '客服: 好的'] },
  { name: 'follow within', rule: 'kind: follow\nif: [投诉]\nthen: [抱歉]\nwithin: 1', call: ['客服: 很抱歉', '客户: 我要投诉', '客服: 好的', '客服: 好的'] },
  { name: 'order', rule: 'kind: order\nbefore: [好吗]\nafter: [转接]', call: ['客服: 为您转接', '客户: 好'] },
  { name: 'order within', rule: 'kind: order\nbefore: [好吗]\nafter: [转接]\nwithin: 1', call: ['客服: 稍等好吗', '客户: 好', '客服: 好的', '客服: 为您转接'] },
  { name: 'sequence', rule: 'kind: sequence\nsteps: [[您好], [请问], [再见]]', call: ['客服: 您好', '客服: 再见'] },
  { name: 'count', rule: 'kind: count\nphrases: [好的]\nmax: 3', call: ['客服: 好的', '客户: 好的'] },
  { name: 'banned', rule: 'kind: banned\nphrases: [不知道]\nexcept: [不知道吗]', call: ['客服: 我不知道', '客服: 不知道吗'] },
  { name: 'required', rule: 'kind: required\nphrases: [工号]\nscope: { last-turns: 2 }', call: ['客服: 您好', '客户: 好'] },
  { name: 'pattern', rule: 'kind: pattern\npattern: "什么[？?]"', call: ['客服: 什么？', '客户: 好'] },
  { name: 'timing hold-return', rule: 'kind: timing\nmeasure: hold-return\nhold: [请稍等]\nmax-seconds: 1', call: ['客服: 请稍等', '客户: 嗯', '客户: 喂'] },
  { name: 'timing silence', rule: 'kind: timing\nmeasure: silence\nmax-seconds: 1', call: ['客服: 您好', '客户: 好'] },
];

describe('rules are linear in the transcript length (reads of hits and turns)', () => {
  for (const { name, rule, call } of CASES) {
    it(name, () => {
      const pack = packWith(`rules:\n  r:\n${rule.replace(/^/gm, '    ')}\n`);
      const small = readsOf(linterFor(pack), longTranscript(250, call));
      const large = readsOf(linterFor(pack), longTranscript(1000, call));
      expect(large / small).toBeLessThan(6);
    });
  }
});

describe('near / not-near are n·log n in the number of hits (reads of hit fields)', () => {
  /** A hit list whose field reads add to `counter.reads`. */
  class CountedHits extends HitList {
    constructor(private readonly counter: { reads: number }) {
      super();
    }
    override turn(i: number): number {
      this.counter.reads++;
      return super.turn(i);
    }
    override start(i: number): number {
      this.counter.reads++;
      return super.start(i);
    }
    override end(i: number): number {
      this.counter.reads++;
      return super.end(i);
    }
  }

  /** `calls` calls of three turns; in each, a reported hit and list hits on both sides, in its turn and the next. */
  function readsFor(calls: number, chars: number | undefined): number {
    const counter = { reads: 0 };
    const text = '等待，一下。'.repeat(calls * 10);
    const listHits = new CountedHits(counter);
    const reported: [number, number, number][] = [];
    for (let c = 0; c < calls; c++) {
      const at = c * 60;
      reported.push([3 * c, at + 20, at + 22]);
      listHits.push(3 * c, at + 10, at + 12);
      listHits.push(3 * c, at + 30, at + 32);
      listHits.push(3 * c + 1, at + 40, at + 42);
    }
    const index = new NearIndex([listHits], { selector: { phraseIds: [], speaker: 'any', slot: 0 }, chars }, text);
    let near = 0;
    for (const [turn, start, end] of reported) {
      counter.reads += 3; // the reported hit's fields, as the index is asked about them
      if (index.standsBy(turn, start, end)) near++;
    }
    expect(near).toBe(chars === undefined ? 0 : calls); // the answers are the same at both lengths
    return counter.reads;
  }
  for (const chars of [undefined, 8]) {
    it(chars === undefined ? 'within the clause' : `within ${chars} characters`, () => {
      expect(readsFor(4000, chars) / readsFor(1000, chars)).toBeLessThan(6);
    });
  }
});

describe('a problem\'s fix and suggestion cost the same however long its turn (timed, best of three)', () => {
  // Until 2026-12-02 each problem looked at its whole turn (its script, its mark width, what came before it), so a
  // recording transcribed as one endless turn cost the square of its problems: 4,000 of them on one 20,000-character
  // line took 16 s, 20,000 on one line minutes.
  const pack = packWith('rules:\n  r:\n    kind: banned\n    speaker: agent\n    phrases: [不知道]\n    suggest: 我先帮您咨询一下\n    suggest-span: sentence\n'
    + "    fix:\n      - { replace: '(.*?)(?:我)?不知道', with: $1我先帮您咨询一下, span: sentence }\n");
  const linter = linterFor(pack);
  function seconds(text: string): number {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = process.hrtime.bigint();
      expect(linter.lintText(text).messages.length).toBeGreaterThan(0);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
    }
    return best;
  }
  for (const [name, unit] of [['sentences', '您好，我不知道。'], ['no marks, as speech recognition writes', '您好我不知道']]) {
    it(name, () => {
      seconds(`客服: ${unit.repeat(100)}\n`); // warm up
      const small = seconds(`客服: ${unit.repeat(750)}\n`);
      const large = seconds(`客服: ${unit.repeat(3000)}\n`);
      expect(large / small).toBeLessThan(8);
    });
  }
});
