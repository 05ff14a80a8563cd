// pattern: a regular expression, banned (each match) or required (one match in scope). Patterns run on an RE2
// engine, whose matching time is linear in the text: no pattern in a pack can hang the linter.
import { LinearRegex } from '../text/linear-regex.js';
import type { Turn } from '../types.js';
import { compilePackPattern } from './pack-pattern.js';
import { dueAt, dueSpan, problemDraft, turnOffset, type ProblemDraft, type RuleKind } from './rule-kind.js';
import { compileWording, type FixEntryDef, type SpanUnit } from './wording.js';

/** Turns joined for one first look of a pattern (see below). */
const TURNS_PER_LOOK = 256;

/** The turns with a line (a segment, joined by "\n" when folded) whose first unit passes `mayStart`. */
function turnsStartingLike(mayStart: (unit: number) => boolean, turns: readonly Turn[], text: string): Turn[] {
  const tried: Turn[] = [];
  for (const turn of turns) {
    for (const { start, end } of turn.segments) {
      if (start < end && !mayStart(text.charCodeAt(start))) continue;
      tried.push(turn); // (an empty segment leaves a line that starts with the next one's "\n": kept, to be safe)
      break;
    }
  }
  return tried;
}

export const pattern: RuleKind = {
  kind: 'pattern',
  summary: 'a regular expression (RE2 syntax, linear time): banned matches, or required in scope',
  compile(builder) {
    const { def, table } = builder;
    const compiled = compilePackPattern(builder, def.pattern!, ['pattern']);
    const regex = compiled?.regex;
    // A quick first look at many turns at once: joined by "\n" and with ^ and $ at every line, the joined text
    // matches whenever one of its turns does (a superset), so turns where it finds nothing need no run each.
    // Not for patterns that pin the whole text (\A, \z) or set flags inline, where that would not hold.
    const anyTurn = compiled && !/\\[Az]|\(\?[a-zA-Z-]/.test(compiled.source)
      ? new LinearRegex(compiled.source, { ignoreCase: compiled.ignoreCase, multiline: true })
      : undefined;
    const speaker = def.speaker ?? 'any';
    // (Options read once here, not per call: see speakerAbsent in rule-kind.ts.)
    const required = def.mode === 'required';
    const suggest = typeof def.suggest === 'string' ? def.suggest : undefined;
    const due = dueAt(def);
    const wording = compileWording(builder, def.fix as FixEntryDef[] | undefined, def['suggest-span'] as SpanUnit | undefined);
    // Made on the first check: a pattern known to compile is not compiled before (see linear-regex.ts).
    let lineStarts: ((unit: number) => boolean) | null | undefined;
    return (context) => {
      if (!regex) return [];
      const found: { turn: number; start: number; end: number }[] = [];
      const turns = context.turnsInScope(speaker);
      // Where every match starts a line (filler-start's ^), only turns with a line that starts as a match does can
      // hold one: their first units are looked up, and the other turns are neither folded nor joined.
      if (lineStarts === undefined) lineStarts = regex.lineStartTest(table.fold) ?? null;
      const tried = lineStarts ? turnsStartingLike(lineStarts, turns, context.transcript.text) : turns;
      // Then, and enough for most calls: the whole file lacks what a match needs (the turns are pieces of it, folded
      // by the pack's table as foldedText folds them), so no turn is folded and nothing is joined.
      if (tried.length === 0 || (anyTurn && !anyTurn.mayMatchPieces(context.transcript.text, table.fold))) {
        return required ? [dueSpan(context, due)] : [];
      }
      // The first look goes over a few hundred turns at a time: a long call has a match somewhere, but most stretches
      // of it have none and need no turn-by-turn run (nor is a 100 MB call joined into one string).
      for (let from = 0; from < tried.length; from += TURNS_PER_LOOK) {
        const stretch = tried.slice(from, from + TURNS_PER_LOOK);
        // (Not for turns a line start already picked: they start as a match does, so the look over them joined would
        // pass nearly always — it did in 60 of the 65 generated calls of 2,000 that had such a turn — and only cost a
        // fold and a join, and a run over their text before the runs over each.)
        if (anyTurn && !lineStarts && !anyTurn.test(context.foldedTexts(stretch))) continue;
        for (const turn of stretch) {
          const text = context.foldedText(turn);
          for (const m of regex.matches(text)) {
            // With a capture group, point at the group: RE2 has no look-behind, so context is matched, not meant.
            const [at, length] = m.group?.text.length ? [m.group.index, m.group.text.length] : [m.index, m.text.length];
            found.push({ turn: turn.index, start: turnOffset(turn.segments, at), end: turnOffset(turn.segments, at + length - 1) + 1 });
            if (required) return [];
          }
        }
      }
      if (required) return [dueSpan(context, due)];
      const drafts: ProblemDraft[] = [];
      for (const { turn, start, end } of found) drafts.push(problemDraft(start, end, undefined, wording.offer(context, turn, start, end, suggest)));
      return drafts;
    };
  },
};
