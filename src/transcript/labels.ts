// Speaker labels written into a line of text: "客服: …", "客戶：…", "Agent: …", "- 客服：…" (SRT dialogue dash).
import type { Role } from '../types.js';
import type { SpeakerResolver } from './speakers.js';

/** A speaker label and its colon, half- or full-width (sticky: matched where a line's text starts, without a slice). */
const LABEL = /([^:：\s#\[][^:：]{0,23}?)[ \t]*[:：][ \t\u3000]*/y;
/** Sentence punctuation cannot stand in a speaker label: such a line is text that happens to contain a colon. */
const NOT_A_LABEL = /[，。！？；,.!?;、「」“”"()（）]/;

export interface LabelMatch {
  label: string;
  role?: Role;
  /** Characters from the start of the examined text to the turn's text (label, colon and space). */
  length: number;
}

/** The speaker label at index `from` of `line` (its start by default), if there is one. */
export function findLabel(line: string, speakers: SpeakerResolver, from = 0): LabelMatch | undefined {
  LABEL.lastIndex = from;
  const match = LABEL.exec(line);
  const label = match?.[1].trim();
  if (!match || !label) return undefined;
  const role = speakers.resolve(label);
  // An unknown "label" with sentence punctuation or several words is text that happens to hold a colon.
  if (!role && (NOT_A_LABEL.test(label) || /\s\S+\s/.test(label))) return undefined;
  return { label, role, length: match[0].length };
}
