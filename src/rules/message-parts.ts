// The words a rule kind adds to a rule's message — the line a follow's trigger stands on, what a timing rule measured
// and its limit, a sequence's step, the kind of personal data — are the pack's, in the pack's language: a pack's
// `message-parts:` (inherited through `extends`) gives them as templates with {placeholders}; these English ones
// stand where it gives none. A Chinese pack's problems thus read Chinese all through, and are converted to a
// Traditional file's script as its messages are.

/** Each part, its English wording, and the placeholders it may use. */
export const MESSAGE_PARTS = {
  /** follow: after the message, the trigger's line and what was said there. */
  trigger: { text: ' (line {line}: 「{quote}」)', slots: ['line', 'quote'] },
  /** sequence: after the message, the step missing or out of order. */
  step: { text: ' (step {step} of {steps})', slots: ['step', 'steps'] },
  /** timing: after the message, what was measured and the limit. */
  'timing-note': { text: ' ({measured}; at most {limit})', slots: ['measured', 'limit'] },
  /** timing, for a rule without a message: what was measured and the limit. */
  'timing-only': { text: '{measured} (at most {limit})', slots: ['measured', 'limit'] },
  seconds: { text: '{n} s', slots: ['n'] },
  minutes: { text: '{n} min', slots: ['n'] },
  'first-response': { text: 'first {speaker} response after {time}', slots: ['speaker', 'time'] },
  'never-spoke': { text: 'no {speaker} turn at all', slots: ['speaker'] },
  held: { text: 'caller held {time} before being spoken to again', slots: ['time'] },
  'held-to-end': { text: 'caller held {time} and not spoken to again before the call ended', slots: ['time'] },
  silence: { text: '{time} of silence before this turn', slots: ['time'] },
  replied: { text: 'replied {time} after the {speaker}\'s message', slots: ['time', 'speaker'] },
  'call-length': { text: 'call lasted {time}', slots: ['time'] },
  /** The roles, as {speaker} names them. */
  agent: { text: 'agent', slots: [] },
  customer: { text: 'customer', slots: [] },
  other: { text: 'other', slots: [] },
  any: { text: 'any', slots: [] },
  /** pii: after the message, the kind of data found (never the data). */
  'pii-note': { text: ': {kind}', slots: ['kind'] },
  'pii-mobile': { text: 'mainland mobile number', slots: [] },
  'pii-landline': { text: 'landline number', slots: [] },
  'pii-tw-phone': { text: 'Taiwan mobile number', slots: [] },
  'pii-hk-phone': { text: 'Hong Kong phone number', slots: [] },
  'pii-id-number': { text: 'resident ID number', slots: [] },
  'pii-bank-card': { text: 'bank card number', slots: [] },
  'pii-email': { text: 'e-mail address', slots: [] },
} as const satisfies Record<string, { text: string; slots: readonly string[] }>;

export type MessagePart = keyof typeof MESSAGE_PARTS;

/** A pack's parts, its own over those of the packs it extends, over the English ones. */
export type MessageParts = Record<MessagePart, string>;

export const ENGLISH_PARTS: MessageParts = Object.fromEntries(Object.entries(MESSAGE_PARTS).map(([part, { text }]) => [part, text])) as MessageParts;

const SLOT = /\{([^{}]*)\}/g;

/** The placeholders a template uses that its part does not fill: an error in the pack. */
export function unknownSlots(part: MessagePart, template: string): string[] {
  const slots: readonly string[] = MESSAGE_PARTS[part].slots;
  return [...template.matchAll(SLOT)].map((m) => m[1]).filter((name) => !slots.includes(name));
}

/**
 * A template with its placeholders filled. The template is converted to the file's script before this (`say`); the
 * values are not (a quote stays as said).
 */
export function fillPart(template: string, values: Readonly<Record<string, string | number>>): string {
  const pieces = templatePieces(template);
  let filled = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i];
    filled += (name in values ? String(values[name]) : `{${name}}`) + pieces[i + 1];
  }
  return filled;
}

/**
 * A template split at its placeholders: text, a placeholder's name, text, … (what String.split gives with SLOT's
 * group). Split once per template and kept: a replace with a callback per problem's part cost more than the rest of
 * filling it, and a run has a few dozen templates (the packs' parts, in each script).
 */
function templatePieces(template: string): readonly string[] {
  let pieces = splitTemplates.get(template);
  if (pieces === undefined) {
    pieces = template.split(SLOT);
    // (Bounded, should a caller fill templates of its own without end.)
    if (splitTemplates.size < MAX_SPLIT_TEMPLATES) splitTemplates.set(template, pieces);
  }
  return pieces;
}

const splitTemplates = new Map<string, readonly string[]>();
const MAX_SPLIT_TEMPLATES = 4096;
