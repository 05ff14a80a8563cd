// pii: personal data said in a turn — phone numbers, resident ID numbers (with their check character), bank
// card numbers (with the Luhn check), e-mail addresses. `detect:` picks the detectors, `speaker:` whose turns
// count: "the agent must not read back a full card number" is `speaker: agent, detect: [bank-card]`.
import { findPii, PII_KINDS, type PiiKind } from '../text/pii-detect.js';
import { fillPart } from './message-parts.js';
import { problemDraft, segmentsText, turnOffset, type ProblemDraft, type RuleKind } from './rule-kind.js';

export const pii: RuleKind = {
  kind: 'pii',
  everyOccurrence: true,
  summary: 'personal data (phone, ID and bank card numbers, e-mail addresses) said in a turn',
  compile(builder) {
    const { def } = builder;
    const kinds = new Set<PiiKind>((def.detect as PiiKind[] | undefined) ?? PII_KINDS);
    const speaker = def.speaker ?? 'any';
    const note = builder.part('pii-note');
    const labels = new Map(PII_KINDS.map((kind) => [kind, builder.part(`pii-${kind}`)]));
    // (Read once here, not per finding: see speakerAbsent in rule-kind.ts.)
    const ruleMessage = def.message ?? 'personal data';
    return (context) => {
      const found: ProblemDraft[] = [];
      for (const turn of context.turnsInScope(speaker)) {
        // The turn's own text (not folded): the detectors read full-width and spoken digits themselves.
        const text = segmentsText(context.transcript.text, turn.segments);
        for (const finding of findPii(text, kinds)) {
          // The message names the kind of data, never the data: reports travel further than transcripts.
          const message = context.say(ruleMessage) + fillPart(context.say(note), { kind: context.say(labels.get(finding.kind)!) });
          found.push(problemDraft(turnOffset(turn.segments, finding.start), turnOffset(turn.segments, finding.end - 1) + 1, message));
        }
      }
      return found;
    };
  },
};
