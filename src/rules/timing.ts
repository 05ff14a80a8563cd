// timing: what the clock says about a call, from the turns' timestamps (seconds from the start of the recording).
//   first-response  the speaker's (default: agent) first turn starts within the limit
//   hold-return     after a `hold` phrase (请稍等), the speaker's (default: agent) next turn starts within the limit
//                   of the end of the turn that put the caller on hold (seed 001: 25 s)
//   silence         no gap between one turn's end and the next turn's start is longer than the limit
//                   (only gaps before the speaker's turns, when a speaker is set)
//   call-length     the last turn ends within the limit
//   reply-time      each of the speaker's (default: agent) turns in scope starts within the limit of the first turn
//                   the other side wrote since the speaker last spoke (written chat: scope first-turns 1 is the
//                   first response); a message left unanswered when the transcript ends is not judged, and a
//                   transcript where the speaker never replies is reported as not evaluated
// A turn with a start but no end time lasts as long as its words take to say (four characters a second).
// A transcript without timestamps cannot be measured: the engine reports the rule as not evaluated.
import type { SpeakerFilter, TimingMeasure } from '../config/pack-types.js';
import type { Turn } from '../types.js';
import { fillPart, type MessagePart } from './message-parts.js';
import { problemDraft, triggeredBy, type PhraseSelector, type ProblemDraft, type RuleContext, type RuleKind } from './rule-kind.js';

function turnDraft(turn: Turn, message: string): ProblemDraft {
  const first = turn.segments[0];
  return first ? problemDraft(first.start, first.end, message) : problemDraft(0, 0, message);
}

/** A number of seconds or minutes as a measure says it, to a tenth. */
function tenths(value: number): number {
  return Number(value.toFixed(1));
}

function matches(turn: Turn, speaker: SpeakerFilter): boolean {
  return speaker === 'any' || turn.role === speaker;
}

interface Measure {
  speaker: SpeakerFilter;
  limit: number;
  hold?: PhraseSelector;
  /**
   * The rule's message with what was measured (a part of the pack's, filled) and what is allowed, in the
   * transcript's script. A {time} value given as a number is seconds.
   */
  say(context: RuleContext, measured: MessagePart, values: Readonly<Record<string, string | number>>): string;
}

type Check = (context: RuleContext, m: Measure) => ProblemDraft[];

/** Mandarin is spoken at about four characters a second (seed 004 asks agents for two). */
const CHARACTERS_PER_SECOND = 4;

/** When a turn ends; a transcript that gives only start times gets the time its words take to say. */
function endOf(turn: Turn): number | undefined {
  if (turn.end !== undefined || turn.start === undefined) return turn.end;
  const characters = turn.segments.reduce((sum, s) => sum + s.end - s.start, 0);
  return turn.start + characters / CHARACTERS_PER_SECOND;
}

const MEASURES: Record<TimingMeasure, Check> = {
  'first-response'(context, m) {
    const turns = context.transcript.turns;
    const first = turns.find((t) => matches(t, m.speaker));
    if (!first) return [turnDraft(turns[0], m.say(context, 'never-spoke', { speaker: m.speaker }))];
    if (first.start === undefined || first.start <= m.limit) return [];
    return [turnDraft(first, m.say(context, 'first-response', { speaker: m.speaker, time: first.start }))];
  },

  'hold-return'(context, m) {
    const { turns } = context.transcript;
    // When the call ends: needed only for a hold the speaker never came back from, so told then (once), not for every
    // call — the rule runs on every timed call, and most put nobody on hold.
    let callEnd: number | undefined;
    const problems: ProblemDraft[] = [];
    const seen = new Set<number>();
    // returnAfter[i]: the speaker's first turn after turn i — made once, in one pass from the end.
    let returnAfter: (Turn | undefined)[] | undefined;
    for (const hit of context.hits(m.hold!)) {
      if (seen.has(hit.turn)) continue;
      seen.add(hit.turn);
      const heldAt = endOf(turns[hit.turn]);
      if (heldAt === undefined) continue;
      if (!returnAfter) {
        returnAfter = new Array<Turn | undefined>(turns.length);
        let next: Turn | undefined;
        for (let i = turns.length - 1; i >= 0; i--) {
          returnAfter[i] = next;
          if (matches(turns[i], m.speaker)) next = turns[i];
        }
      }
      const back = returnAfter[hit.turn];
      // The speaker came back in a turn without a time: how long the caller waited is not known.
      if (back && back.start === undefined) continue;
      const waited = (back ? back.start! : (callEnd ??= turns.reduce((latest, t) => Math.max(latest, endOf(t) ?? 0), 0))) - heldAt;
      // The call ends on hold before the limit has passed: whether the speaker would have come back in time is not
      // known.
      if (!back && waited <= m.limit) context.notEvaluated('no-reply');
      else if (waited > m.limit) {
        problems.push(problemDraft(hit.start, hit.end, m.say(context, back ? 'held' : 'held-to-end', { time: waited })));
      }
    }
    return problems;
  },

  silence(context, m) {
    const { turns } = context.transcript;
    const timed = context.turnsInScope('any').filter((t) => t.start !== undefined).sort((a, b) => a.start! - b.start!);
    const problems: ProblemDraft[] = [];
    let spokenUntil = timed[0] ? endOf(timed[0])! : 0;
    for (const turn of timed.slice(1)) {
      const gap = turn.start! - spokenUntil;
      // A turn without a time just before this one was said somewhere in the gap: it is not known to be silence.
      const untimedBefore = turn.index > 0 && turns[turn.index - 1].start === undefined;
      if (gap > m.limit && !untimedBefore && matches(turn, m.speaker)) problems.push(turnDraft(turn, m.say(context, 'silence', { time: gap })));
      spokenUntil = Math.max(spokenUntil, endOf(turn)!);
    }
    return problems;
  },

  'reply-time'(context, m) {
    const { turns } = context.transcript;
    const problems: ProblemDraft[] = [];
    const replies = context.turnsInScope(m.speaker);
    // A chat nobody answered (or a log cut before the answer) does not tell how long the reply took: not evaluated,
    // where it had passed.
    if (!replies.length && m.speaker !== 'any' && turns.some((t) => !matches(t, m.speaker))) context.notEvaluated('speaker-silent');
    for (const reply of replies) {
      if (reply.start === undefined) continue;
      // The other side has been waiting since its first turn after the speaker's previous one.
      let waitingSince: Turn | undefined;
      for (let i = reply.index - 1; i >= 0 && !matches(turns[i], m.speaker); i--) waitingSince = turns[i];
      if (waitingSince?.start === undefined) continue;
      const waited = reply.start - waitingSince.start;
      if (waited > m.limit) problems.push(turnDraft(reply, m.say(context, 'replied', { time: waited, speaker: waitingSince.role })));
    }
    return problems;
  },

  'call-length'(context, m) {
    const timed = context.transcript.turns.filter((t) => endOf(t) !== undefined);
    const last = timed.reduce<Turn | undefined>((latest, t) => (!latest || endOf(t)! > endOf(latest)! ? t : latest), undefined);
    if (!last || endOf(last)! <= m.limit) return [];
    return [turnDraft(last, m.say(context, 'call-length', { time: endOf(last)! }))];
  },
};

export const timing: RuleKind = {
  kind: 'timing',
  summary: 'first response, reply time, return to a held caller, silence between turns, call length — within a limit in seconds or minutes',
  needsTimestamps: true,
  compile(builder) {
    const { def } = builder;
    const measure = def.measure!;
    const speaker: SpeakerFilter = def.speaker ?? (measure === 'first-response' || measure === 'hold-return' || measure === 'reply-time' ? 'agent' : 'any');
    const limit = def['max-seconds'] ?? (def['max-minutes'] ?? 0) * 60;
    let hold: PhraseSelector | undefined;
    if (measure === 'hold-return') {
      if (def.hold === undefined) builder.error(['measure'], 'a hold-return rule needs `hold:` phrases that put the caller on hold', 'add e.g. hold: [请稍等, 请稍候]');
      else hold = builder.phrases(def.hold, ['hold'], speaker);
    } else if (def.hold !== undefined) {
      builder.error(['hold'], '`hold:` only applies to measure: hold-return', 'remove it, or set measure: hold-return');
    }
    // Each template is converted to the file's script before it is filled: the packs' parts are converted once (the
    // build has them), not a string per number.
    const minutes = builder.part('minutes');
    const seconds = builder.part('seconds');
    const inMinutes = (context: RuleContext, value: number): string => fillPart(context.say(minutes), { n: tenths(value / 60) });
    const inSeconds = (context: RuleContext, value: number): string => fillPart(context.say(seconds), { n: tenths(value) });
    const note = builder.part(def.message ? 'timing-note' : 'timing-only');
    // (Read once here, not per problem: see speakerAbsent in rule-kind.ts.)
    const ruleMessage = def.message;
    const inMinutesLimit = def['max-minutes'] !== undefined;
    const m: Measure = {
      speaker, limit, hold,
      say: (context, measured, values) => {
        const filled: Record<string, string | number> = { ...values };
        // A call's length is said in minutes, the rest in seconds; the limit in the unit the rule gives it in.
        if (typeof values.time === 'number') filled.time = measured === 'call-length' ? inMinutes(context, values.time) : inSeconds(context, values.time);
        if (typeof values.speaker === 'string') filled.speaker = context.say(builder.part(values.speaker as MessagePart));
        const unit = inMinutesLimit ? inMinutes(context, limit) : inSeconds(context, limit);
        const said = fillPart(context.say(builder.part(measured)), filled);
        return (ruleMessage ? context.say(ruleMessage) : '') + fillPart(context.say(note), { measured: said, limit: unit });
      },
    };
    const check = MEASURES[measure];
    if (measure !== 'hold-return') return (context) => check(context, m);
    if (hold === undefined) return () => [];
    // A call where none of the hold phrases hit puts nobody on hold: nothing to measure, so the engine skips it.
    return triggeredBy([hold], (context) => check(context, m));
  },
};
