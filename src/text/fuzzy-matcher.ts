// Phrase matching that tolerates speech-recognition noise, for rules with `fuzzy:`.
//
// A phrase character matches a text character when they are the same, or (with pinyin) when their sets of
// toneless readings intersect: 再 = 在 (zai), 长 = 账 (zhang, a reading of 长). This is exact without any table of
// "reading classes": the automaton runs over syllable symbols, each phrase is inserted once per combination of
// its characters' readings (only the first few characters, so the combinations stay bounded; the rest is
// checked by set intersection), and the scan follows every reading of a polyphonic text character at once by
// keeping a small set of automaton states instead of one. Text is still read once, left to right. The same state
// set lets a stuttered character (请问问) count once.
import { fuzzyString, type FillerSet } from './fuzzy-text.js';
import { LONGEST_NUMBER, NUMBER_UNITS, wordBoundaries, type OnHit } from './matcher.js';
import { TURN_BREAK, type NormalizedText } from './normalize.js';
import type { CompiledPhrase } from './phrase.js';
import { isHanUnit, readingsOf } from './pinyin.js';
import { approximateHits, type ApproximatePhrase } from './approximate.js';

export interface FuzzySettings {
  /** Characters with a common toneless reading match. */
  pinyin: boolean;
  /** Words dropped before matching (嗯, 啊, um, uh). */
  fillers: readonly string[];
  /** Edits (insert, delete, substitute a letter) allowed in a Latin-script phrase. */
  maxEdits: number;
}

/** What a phrase character accepts: a single unit, or (pinyin) any of its syllable symbols. */
type Choices = Int32Array;

type FuzzyPiece = { type: 'literal'; chars: Choices[] } | { type: 'gap'; reach: number } | { type: 'number' };

interface FuzzyPhrase {
  id: number;
  /** Characters in the automaton. */
  head: Choices[];
  /** Characters of the first literal after the head, then the phrase's other pieces. */
  tail: FuzzyPiece[];
  /** The phrase's own characters: a head character heard as another one is a substitution. */
  ownUnits: Set<number>;
  /** At most half of the head may be sound-alikes: 在见 is 再见 misheard, 在检(修) is another word. */
  maxSubstitutions: number;
  wordStart: boolean;
  wordEnd: boolean;
}

/** The automaton holds each phrase once per reading combination of its head: at most this many. */
const MAX_HEAD_VARIANTS = 64;
/** Phrases with fewer Han characters than this match by pinyin only where the characters are the same. */
const MIN_PINYIN_CHARS = 2;
/** States followed at once; only reached by long runs of polyphonic characters that all continue some phrase. */
const MAX_STATES = 32;

function choicesFor(unit: number, pinyin: boolean): Choices {
  const readings = pinyin ? readingsOf(unit) : undefined;
  return readings?.length ? readings : Int32Array.of(unit);
}

/** Does text unit `unit` satisfy a phrase character's choices? */
function accepts(choices: Choices, unit: number): boolean {
  if (choices.length === 1 && choices[0] === unit) return true;
  const readings = readingsOf(unit);
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i];
    if (c === unit) return true;
    for (let k = 0; k < readings.length; k++) if (readings[k] === c) return true;
  }
  return false;
}

/** One fuzzy view of the text (one filler set) and every fuzzy phrase matched on it. */
export class FuzzyMatcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: FuzzyPhrase[][] = [[]];
  private readonly approximate: ApproximatePhrase[] = [];
  private phraseCount = 0;
  /** Characters of the phrases matched with edits: each costs every Latin character of a text a row of its length. */
  approximateUnits = 0;

  /** States of the automaton (each phrase is held once per reading of its head): what it costs to hold. */
  get states(): number {
    return this.next.length;
  }

  constructor(readonly fillers: FillerSet) {}

  /**
   * Add a compiled phrase under these settings. Returns false for a phrase that must stay exact: one that holds
   * a filler, which is then the point of the phrase (嗯 as consent, 天啊 as an exclamation), not noise.
   */
  add(phrase: CompiledPhrase, settings: FuzzySettings): boolean {
    const anchorText = fuzzyString(phrase.anchor, this.fillers);
    const literals = [phrase.anchor, ...phrase.rest.flatMap((p) => (p.type === 'literal' ? [p.text] : []))];
    if (literals.some((text) => this.fillers.occursIn(text))) return false;
    // One character has too many homophones (好 = 号 = 耗): sound-alikes count only with context around them.
    const hanCount = [...literals.join('')].filter((c) => isHanUnit(c.charCodeAt(0))).length;
    const pinyin = settings.pinyin && hanCount >= MIN_PINYIN_CHARS;
    const literal = (text: string): Choices[] => [...fuzzyString(text, this.fillers)].map((c) => choicesFor(c.charCodeAt(0), pinyin));
    this.phraseCount = Math.max(this.phraseCount, phrase.id + 1);
    if (settings.maxEdits > 0 && phrase.rest.length === 0 && /^[a-z0-9 ]+$/.test(anchorText)) {
      // Allow one edit per four letters at most, so that a short word never matches every other short word.
      const edits = Math.min(settings.maxEdits, Math.floor(anchorText.replace(/ /g, '').length / 4));
      if (edits > 0) {
        this.approximate.push({ id: phrase.id, text: anchorText, maxEdits: edits });
        this.approximateUnits += anchorText.length;
        return true;
      }
    }
    const chars = literal(phrase.anchor);
    let headLength = 1;
    for (let variants = chars[0].length; headLength < chars.length && variants * chars[headLength].length <= MAX_HEAD_VARIANTS; headLength++) {
      variants *= chars[headLength].length;
    }
    const tail: FuzzyPiece[] = [];
    if (headLength < chars.length) tail.push({ type: 'literal', chars: chars.slice(headLength) });
    for (const piece of phrase.rest) {
      if (piece.type !== 'literal') tail.push(piece);
      else if (fuzzyString(piece.text, this.fillers)) tail.push({ type: 'literal', chars: literal(piece.text) });
    }
    const fuzzy: FuzzyPhrase = {
      id: phrase.id, head: chars.slice(0, headLength), tail, wordStart: phrase.wordStart, wordEnd: phrase.wordEnd,
      ownUnits: new Set([...literals.join('')].map((c) => c.charCodeAt(0))), maxSubstitutions: Math.floor(headLength / 2),
    };
    this.insertVariants(fuzzy, 0, 0);
    return true;
  }

  private insertVariants(phrase: FuzzyPhrase, at: number, node: number): void {
    if (at === phrase.head.length) {
      this.out[node].push(phrase);
      return;
    }
    for (const symbol of phrase.head[at]) {
      let child = this.next[node].get(symbol);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[node].set(symbol, child);
      }
      this.insertVariants(phrase, at + 1, child);
    }
  }

  /** Build failure links; call once after the last add. */
  seal(): this {
    const queue: number[] = [...this.next[0].values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const [symbol, child] of this.next[node]) {
        this.fail[child] = this.step(this.fail[node], symbol, child);
        const inherited = this.out[this.fail[child]];
        if (inherited.length) this.out[child] = [...this.out[child], ...inherited];
        queue.push(child);
      }
    }
    return this;
  }

  private step(from: number, symbol: number, self = -1): number {
    let node = from;
    for (;;) {
      const child = this.next[node].get(symbol);
      if (child !== undefined && child !== self) return child;
      if (node === 0) return 0;
      node = this.fail[node];
    }
  }

  /** All hits in a fuzzy view of a text (see fuzzyView), by end position. */
  scan(view: Pick<NormalizedText, 'text' | 'offsets'>, onHit: OnHit): void {
    const { text, offsets } = view;
    let states = [0];
    const lastStart = new Int32Array(this.phraseCount).fill(-1);
    const lastReported = new Int32Array(this.phraseCount).fill(-1);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const readings = readingsOf(unit);
      const reached: number[] = [];
      for (const state of states) {
        this.follow(state, unit, reached);
        for (let k = 0; k < readings.length; k++) this.follow(state, readings[k], reached);
      }
      // A Han character said twice (请问问有, 您您好) may also be heard once: keep the states from before it too.
      if (i > 0 && unit === text.charCodeAt(i - 1) && isHanUnit(unit)) {
        for (const state of states) if (state !== 0 && !reached.includes(state) && reached.length < MAX_STATES) reached.push(state);
      }
      states = reached.length ? reached : [0];
      for (const state of states) {
        for (const phrase of this.out[state]) {
          const start = headStart(text, phrase.head, i + 1);
          if (start < 0 || lastStart[phrase.id] === start || substitutions(text, phrase, start, i + 1) > phrase.maxSubstitutions) continue;
          // The same phrase again one character later, from a stuttered character (你你好, 谢谢谢): one saying.
          // Only side by side in the file: 喂，喂 is said twice.
          if (lastReported[phrase.id] === start - 1 && offsets[start] === offsets[start - 1] + 1 && text.charCodeAt(start) === text.charCodeAt(start - 1)) {
            lastStart[phrase.id] = start;
            continue;
          }
          const end = phrase.tail.length ? verifyTail(text, phrase.tail, i + 1) : i + 1;
          if (end < 0 || !wordBoundaries(text, phrase, start, end)) continue;
          lastStart[phrase.id] = start;
          lastReported[phrase.id] = start;
          onHit(phrase.id, start, end);
        }
      }
    }
    for (const phrase of this.approximate) approximateHits(text, phrase, onHit);
  }

  private follow(state: number, symbol: number, reached: number[]): void {
    const target = this.step(state, symbol);
    if (target !== 0 && !reached.includes(target) && reached.length < MAX_STATES) reached.push(target);
  }
}

/** How many characters in text[start, end) the phrase does not have (heard as a sound-alike). */
function substitutions(text: string, phrase: FuzzyPhrase, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (!phrase.ownUnits.has(text.charCodeAt(i))) count++;
  return count;
}

/** Where a head that ends at `end` starts, walking back over repeated characters; -1 if it does not fit. */
function headStart(text: string, head: Choices[], end: number): number {
  let pos = end - 1;
  for (let k = head.length - 1; k >= 0; ) {
    if (pos < 0) return -1;
    const unit = text.charCodeAt(pos);
    if (accepts(head[k], unit)) {
      k--;
      pos--;
    } else if (pos + 1 < end && unit === text.charCodeAt(pos + 1)) {
      pos--;
    } else {
      return -1;
    }
  }
  return pos + 1;
}

/** Characters of a fuzzy literal starting at `at`: returns the end, or -1. */
function literalAt(text: string, chars: Choices[], at: number): number {
  if (at + chars.length > text.length) return -1;
  for (let k = 0; k < chars.length; k++) if (!accepts(chars[k], text.charCodeAt(at + k))) return -1;
  return at + chars.length;
}

function verifyTail(text: string, tail: FuzzyPiece[], from: number): number {
  let pos = from;
  for (let p = 0; p < tail.length; p++) {
    const piece = tail[p];
    if (piece.type === 'number') {
      const begin = pos;
      while (pos < text.length && pos - begin < LONGEST_NUMBER && NUMBER_UNITS.has(text.charCodeAt(pos))) pos++;
      if (pos === begin) return -1;
    } else if (piece.type === 'literal') {
      pos = literalAt(text, piece.chars, pos);
      if (pos < 0) return -1;
    } else {
      // A gap is followed by a literal (the phrase compiler checks): take its nearest occurrence within reach.
      const literal = tail[++p] as { type: 'literal'; chars: Choices[] };
      let found = -1;
      for (let at = pos; at <= pos + piece.reach && at < text.length && text.charCodeAt(at) !== TURN_BREAK; at++) {
        found = literalAt(text, literal.chars, at);
        if (found >= 0) break;
      }
      if (found < 0) return -1;
      pos = found;
    }
  }
  return pos;
}
