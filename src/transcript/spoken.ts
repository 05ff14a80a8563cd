// Whether a turn says anything: a label with no words after it (「客服：」, a recognizer's empty segment) is no
// utterance. Counted as one, it made the agent's greeting on the next line "missing" from the first turn, and an
// agent who never spoke a word "present" in the call.
import type { Turn } from '../types.js';

export function saysSomething(text: string, turn: Turn): boolean {
  for (const { start, end } of turn.segments) {
    for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x20 && text[i] !== '\u3000') return true;
  }
  return false;
}
