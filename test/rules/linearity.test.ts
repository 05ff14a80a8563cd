// Every rule kind does work linear (or n·log n) in a transcript's length: a day-long recording must not take
// hours. Counted, not timed: each rule's check is given hits and turns that count how often they are read, and a
// transcript four times as long may cost at most six times the reads (a check that compares every trigger with
// every response reads sixteen times as much).
import { describe, expect, it } from 'vitest';
import type { Linter } from '../../src/engine/linter.js';
import { problemDraft, type ProblemDraft, type RuleBuilder, type RuleContext } from '../../src/rules/rule-kind.js';
import { compileWording, TurnReads, type FixEntryDef, type SpanUnit, type TurnText } from '../../src/rules/wording.js';
import type { LinearRegex } from '../../src/text/linear-regex.js';
import type { Turn } from '../../src/types.js';
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
      notEvaluated: (reason) => context.notEvaluated(reason),
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

describe('a problem\'s fix and suggestion read the same stretch of its turn however long the turn (reads counted)', () => {
  // Until 2026-12-02 each problem looked at its whole turn (its script, its mark width, what came before it, the ends of
  // a sentence without marks), so a recording transcribed as one endless turn cost the square of its problems: 4,000 of
  // them on one 20,000-character line took 16 s, 20,000 on one line minutes. Counted: the wording is given reads that
  // count the turn texts it makes, the characters it looks at for the ends of a clause or sentence, and the stretch its
  // fix pattern is matched on; a turn four times as long (four times the problems) may cost at most six times as much
  // (a problem that reads its turn: sixteen times).
  const FIX: FixEntryDef[] = [{ replace: '(.*?)(?:我)?不知道', with: '$1我先帮您咨询一下', span: 'sentence' }];
  const SUGGESTION = '我先帮您咨询一下';
  const pack = packWith(`rules:\n  r:\n    kind: banned\n    speaker: agent\n    phrases: [不知道]\n`);

  class CountedReads extends TurnReads {
    reads = 0;
    override turnText(turn: Turn, fileText: string): TurnText {
      const made = super.turnText(turn, fileText);
      this.reads += made.text.length;
      return made;
    }
    override isBoundary(folded: string, i: number, marks: string): boolean {
      this.reads++;
      return super.isBoundary(folded, i, marks);
    }
    override matchFrom(regex: LinearRegex, window: string, start: number): ([number, number] | undefined)[] | undefined {
      this.reads += window.length - start;
      return super.matchFrom(regex, window, start);
    }
    override apologyEndIn(text: string): number {
      this.reads += text.length;
      return super.apologyEndIn(text);
    }
    override sentenceStartBefore(text: string, at: number): number {
      const start = super.sentenceStartBefore(text, at);
      // Read back to the sentence's start, or as far as it looked (a sentence that starts out of reach).
      this.reads += start >= 0 ? at - start + 1 : at - Math.max(0, at - 200);
      return start;
    }
  }

  /** The rule, its fix entries and what its suggestion replaces: the Chinese sentence fix above, unless told. */
  interface WordingSetup {
    pack: string;
    fix: FixEntryDef[];
    span: SpanUnit;
    /** Checks each problem's offer, beyond its suggestion and fix. */
    offered?: (offer: ProblemDraft) => void;
  }

  /** What the wording of the rule's problems in `text` reads (each offered the fix and suggestion of the pack above). */
  function readsOfWording(text: string, problems: number, fixed: boolean, suggestion = SUGGESTION, setup: WordingSetup = { pack, fix: FIX, span: 'sentence' }): number {
    const linter = linterFor(setup.pack);
    const [rule] = linter.compiled.rules;
    const [trigger] = rule.triggers!;
    const unused = (): never => { throw new Error('not asked of a wording'); };
    const builder: RuleBuilder = {
      def: rule.entry.def, path: [], table: linter.compiled.table, phrases: unused, speakerPhrases: unused, part: unused,
      error: (_path, message) => { throw new Error(message); }, patternSteps: () => undefined,
    };
    const reads = new CountedReads();
    const wording = compileWording(builder, setup.fix, setup.span, reads);
    // The rule's check as banned's, its wording the counted one. (The engine reports one problem of a rule per line.)
    const offers: ProblemDraft[] = [];
    rule.check = (context: RuleContext) => {
      const drafts: ProblemDraft[] = [];
      for (const hit of context.hits(trigger)) drafts.push(problemDraft(hit.start, hit.end, undefined, wording.offer(context, hit.turn, hit.start, hit.end, suggestion)));
      offers.push(...drafts);
      return drafts;
    };
    expect(linter.lintText(text).messages.length).toBeGreaterThan(0);
    // The work was done: each problem is offered the wording, and a fix where its sentence ends within reach.
    expect(offers).toHaveLength(problems);
    expect(offers.every((offer) => offer.suggestion === suggestion)).toBe(true);
    expect(offers.filter((offer) => offer.fix).length).toBe(fixed ? problems : 0);
    if (setup.offered) offers.forEach(setup.offered);
    expect(reads.reads).toBeGreaterThan(0);
    return reads.reads;
  }
  for (const [name, unit, fixed] of [['sentences', '您好，我不知道。', true], ['no marks, as speech recognition writes', '您好我不知道', false]] as const) {
    it(name, () => {
      const small = readsOfWording(`客服: ${unit.repeat(750)}\n`, 750, fixed);
      const large = readsOfWording(`客服: ${unit.repeat(3000)}\n`, 3000, fixed);
      expect(large / small).toBeLessThan(6);
    });
  }
  it('a wording that opens with an apology, in a turn that has not apologized (each problem asked what came before it)', () => {
    // The wording keeps its apology: the turn has none before the words (an apology already given drops it).
    const apologizing = `很抱歉，${SUGGESTION}`;
    const small = readsOfWording(`客服: ${'您好，我不知道。'.repeat(750)}\n`, 750, true, apologizing);
    const large = readsOfWording(`客服: ${'您好，我不知道。'.repeat(3000)}\n`, 3000, true, apologizing);
    expect(large / small).toBeLessThan(6);
  });
  it('an English wording of two sentences after a comma, in a turn without full stops (each problem asked where its sentence started)', () => {
    // The comma before the clause becomes a full stop (ownSentence), unless the sentence opens with a clause that
    // cannot stand alone: where that sentence started was looked for back to the turn's start.
    const setup: WordingSetup = {
      pack: packWith(`rules:\n  r:\n    kind: banned\n    speaker: agent\n    phrases: [not my department]\n`),
      fix: [],
      span: 'clause',
      // (The comma made a full stop; the next clause, capitalized, starts a sentence: ". I'm sorry … for you. That is".)
      offered: (offer) => expect(offer.suggestions?.[0]?.text).toMatch(/^\. I'm sorry about that\. Let me see what I can do for you\.( T)?$/),
    };
    const sorry = "I'm sorry about that. Let me see what I can do for you.";
    const small = readsOfWording(`Agent: ok${', that is not my department'.repeat(750)}\n`, 750, false, sorry, setup);
    const large = readsOfWording(`Agent: ok${', that is not my department'.repeat(3000)}\n`, 3000, false, sorry, setup);
    expect(large / small).toBeLessThan(6);
  });
});
