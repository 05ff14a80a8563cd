// count: the phrases occur at least `min` and at most `max` times in scope.
import type { SpeakerFilter } from '../config/pack-types.js';
import type { LinearRegex } from '../text/linear-regex.js';
import { breaksClause } from '../text/clause.js';
import { saidTogether } from '../text/phrase.js';
import { compilePackPattern } from './pack-pattern.js';
import { dueAt, dueSpan, hitDraft, ruleSpeaker, speakerAbsent, type PhraseSelector, type ProblemDraft, type RuleBuilder, type RuleContext, type RuleKind } from './rule-kind.js';

/** `min-if`, compiled: the turns that say one of the phrases (not voided by `except`) or match the pattern. */
interface DueTurns {
  phrases?: PhraseSelector;
  except?: PhraseSelector;
  pattern?: LinearRegex;
  speaker: SpeakerFilter;
}

/** `min-if` of the rule; the schema has made sure the object form has phrases, a pattern or both. */
function compileMinIf(builder: RuleBuilder): DueTurns | undefined {
  const option = builder.def['min-if'];
  if (option === undefined) return undefined;
  const ruleSpeaker = builder.def.speaker ?? 'any';
  if (typeof option === 'string' || Array.isArray(option)) return { phrases: builder.phrases(option, ['min-if']), speaker: ruleSpeaker };
  const speaker = option.speaker ?? ruleSpeaker;
  return {
    phrases: option.phrases === undefined ? undefined : builder.phrases(option.phrases, ['min-if', 'phrases'], speaker),
    except: option.except === undefined ? undefined : builder.phrases(option.except, ['min-if', 'except'], speaker),
    pattern: option.pattern === undefined ? undefined : compilePackPattern(builder, option.pattern, ['min-if', 'pattern'])?.regex,
    speaker,
  };
}

/**
 * The turns that say one of min-if's phrases. Phrases match across punctuation (speech recognition scatters it), but
 * words that make a turn ask something are said together: 建议您 (a request) is not 「…的宝贵建议，您的建议…」. And
 * `except` voids what only looks like asking (商量是否 reports a deliberation), as a rule's except does its phrases.
 */
function turnsSaying(context: RuleContext, due: DueTurns): Set<number> {
  const saying = new Set<number>();
  if (!due.phrases) return saying;
  const { text } = context.transcript;
  const hits = context.hits(due.phrases);
  const voided = due.except ? overlapTest(context.hits(due.except).filter((e) => !saidTogether(e.phrase) || !breaksClause(text, e.start, e.end))) : undefined;
  for (const hit of hits) {
    if (saying.has(hit.turn)) continue;
    if (saidTogether(hit.phrase) && breaksClause(text, hit.start, hit.end)) continue;
    if (voided?.(hit.start, hit.end)) continue;
    saying.add(hit.turn);
  }
  return saying;
}

/**
 * Whether [start, end) overlaps one of the spans (by start, as hits come): a binary search for the last span starting
 * before `end`, and the furthest end of the spans up to it — linear in a long call's hits, where testing each against
 * each was their square.
 */
function overlapTest(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const furthest: number[] = [];
  for (const span of spans) furthest.push(Math.max(span.end, furthest.at(-1) ?? -1));
  return (start, end) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (spans[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && furthest[lo - 1] > start;
  };
}

/** How many turns in scope the minimum is due in, counted up to `enough` (the pattern is run only as far as needed). */
function countDueTurns(context: RuleContext, due: DueTurns, enough: number): number {
  const saying = turnsSaying(context, due);
  let counted = saying.size;
  if (!due.pattern) return counted;
  for (const turn of context.turnsInScope(due.speaker)) {
    if (counted >= enough) break;
    if (!saying.has(turn.index) && due.pattern.test(context.foldedText(turn))) counted++;
  }
  return counted;
}

/**
 * What was counted and what the rule allows, in plain words in the language of the rule's message (a reader of
 * 「（0 < 2）」 had to know the rule's settings to read it): 「（本通话 0 次，至少 2 次）」, "(0 times in this call; at least
 * 2)". With a scope, the count is of the part of the call the rule looks at.
 */
export function countNote(message: string, found: number, bound: 'min' | 'max', limit: number, scoped: boolean, say: (words: string) => string = (w) => w): string {
  if (HAN.test(message)) {
    const times = say('次');
    return `（${say(scoped ? '检查范围内' : '本通话')} ${found} ${times}，${say(bound === 'min' ? '至少' : '至多')} ${limit} ${times}）`;
  }
  const times = `${found} time${found === 1 ? '' : 's'}`;
  return ` (${times} ${scoped ? 'in the part of the call checked' : 'in this call'}; ${bound === 'min' ? 'at least' : 'at most'} ${limit})`;
}

const HAN = /\p{Script=Han}/u;

/** The words of countNote in Chinese: the build converts them to each Traditional standard beforehand. */
export const COUNT_NOTE_WORDS = ['检查范围内', '本通话', '次', '至少', '至多'];

/**
 * A count problem's message in the call's script, made only for a problem: a call's script is told on the first
 * message it needs, and every call ran the count rules (so every call had its script told, ~3–7 µs of a file's ~60).
 */
function countMessage(context: RuleContext, message: string, scoped: boolean, found: number, bound: 'min' | 'max', limit: number): string {
  const base = context.say(message);
  return base + countNote(base, found, bound, limit, scoped, (words) => context.say(words));
}

export const count: RuleKind = {
  kind: 'count',
  summary: 'the phrases must occur at least min and at most max times in scope',
  compile(builder) {
    const { def } = builder;
    const selector = builder.phrases(def.phrases!, ['phrases']);
    const due = compileMinIf(builder);
    if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
      builder.error(['min'], `min (${def.min}) is larger than max (${def.max})`);
    }
    // The options, read once here rather than per call (see speakerAbsent in rule-kind.ts).
    const { min, max } = def;
    const capped = def['min-capped-by-turns'] === true;
    const speaker = ruleSpeaker(def);
    const dueWhere = dueAt(def);
    const message = def.message ?? 'phrase count out of range';
    const scoped = def.scope !== undefined;
    return (context) => {
      // Counted without making the hits: only those past `max` are reported. Without a max, counted up to `min` (the
      // number matters only below it: count-nin's 您 hits ~33 times a generated call, for a min of 2).
      const found = context.countHits(selector, max === undefined ? min : undefined);
      if (min !== undefined && found < min) {
        if (speakerAbsent(context, speaker)) return [];
        // min-if: the phrases are due only in some turns (「请」字当头 puts 请 before what the agent asks of the
        // caller): a call without such a turn has no place for them and breaks nothing, as an order rule whose
        // trigger never comes.
        const dueTurns = due ? countDueTurns(context, due, capped ? min : 1) : undefined;
        if (dueTurns === 0) return [];
        // min-capped-by-turns: 「您」字不离口 as two 您 a call is not broken by a chat the agent answered once, with 您
        // (with min-if, once per turn the phrases are due in).
        const turns = dueTurns ?? context.turnsInScope(speaker).length;
        const needed = capped ? Math.min(min, turns) : min;
        if (found < needed) {
          const draft = dueSpan(context, dueWhere);
          draft.message = countMessage(context, message, scoped, found, 'min', needed);
          return [draft];
        }
      }
      if (max !== undefined && found > max) {
        const hits = context.hits(selector);
        const drafts: ProblemDraft[] = [];
        const said = countMessage(context, message, scoped, found, 'max', max);
        for (let i = max; i < hits.length; i++) drafts.push(hitDraft(hits[i], said));
        return drafts;
      }
      return [];
    };
  },
};
