// One Aho–Corasick automaton over UTF-16 units for all phrases of all active rules: each transcript is scanned
// once. (Measured: ~400 MB/s collecting positions, where grapheme-based libraries crawl on Chinese text.)
import { isWordUnit } from './fold-table.js';
import { TURN_BREAK } from './normalize.js';
import type { CompiledPhrase } from './phrase.js';

/**
 * Receives each hit: the phrase's id and its normalized [start, end). Numbers, not an object per hit: a long call has
 * millions.
 */
export type OnHit = (phrase: number, start: number, end: number) => void;

/** The longest number `{n}` takes, in characters (an 18-digit ID number fits). */
export const LONGEST_NUMBER = 24;

/** Units that make up a `{n}` number: digits and Chinese numerals. */
export const NUMBER_UNITS = new Set([...'0123456789零〇一二三四五六七八九十百千万两幺壹贰叁肆伍陆柒捌玖拾'].map((c) => c.charCodeAt(0)));

export class PhraseMatcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Phrases whose anchor ends at this node, including those reached through fail links. */
  private readonly out: CompiledPhrase[][] = [[]];
  private readonly depth: number[] = [0];
  /**
   * Units that occur in some anchor. Any other unit sends the scan back to the root with no hit, with no look-up
   * along fail links: most characters of a transcript are in no phrase, so this is most of a scan.
   */
  private readonly inSomeAnchor = new Uint8Array(0x10000);
  /**
   * The root's children as a table by unit (0: none, as no edge leads back to the root): after every character in no
   * phrase the scan stands at the root, so most look-ups are the root's.
   */
  private readonly rootNext = new Int32Array(0x10000);
  /**
   * The other nodes' children, for the scan: one open-addressing table keyed by (node, unit), as typed arrays
   * (a Map per node was most of the scan's time, where a character follows another of some phrase).
   */
  private readonly edgeNode: Int32Array;
  private readonly edgeUnit: Uint16Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeMask: number;
  private readonly edgeShift: number;

  constructor(readonly phrases: readonly CompiledPhrase[]) {
    for (const phrase of phrases) this.insert(phrase);
    this.link();
    for (const [unit, child] of this.next[0]) this.rootNext[unit] = child;
    let edges = 0;
    for (let node = 1; node < this.next.length; node++) edges += this.next[node].size;
    // At most half full: a look-up for a missing edge (most of them) stops at an empty slot after a probe or two.
    let size = 16;
    while (size < 2 * edges) size *= 2;
    this.edgeNode = new Int32Array(size).fill(-1);
    this.edgeUnit = new Uint16Array(size);
    this.edgeChild = new Int32Array(size);
    this.edgeMask = size - 1;
    this.edgeShift = 32 - Math.log2(size);
    for (let node = 1; node < this.next.length; node++) {
      for (const [unit, child] of this.next[node]) {
        let slot = edgeSlot(node, unit, this.edgeShift);
        while (this.edgeNode[slot] !== -1) slot = (slot + 1) & this.edgeMask;
        this.edgeNode[slot] = node;
        this.edgeUnit[slot] = unit;
        this.edgeChild[slot] = child;
      }
    }
  }

  /** The child of a node other than the root by a unit, or -1. */
  private child(node: number, unit: number): number {
    const { edgeNode, edgeUnit, edgeMask } = this;
    for (let slot = edgeSlot(node, unit, this.edgeShift); ; slot = (slot + 1) & edgeMask) {
      const at = edgeNode[slot];
      if (at === -1) return -1;
      if (at === node && edgeUnit[slot] === unit) return this.edgeChild[slot];
    }
  }

  private insert(phrase: CompiledPhrase): void {
    let node = 0;
    for (let i = 0; i < phrase.anchor.length; i++) {
      const unit = phrase.anchor.charCodeAt(i);
      this.inSomeAnchor[unit] = 1;
      let child = this.next[node].get(unit);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.depth.push(this.depth[node] + 1);
        this.next[node].set(unit, child);
      }
      node = child;
    }
    this.out[node].push(phrase);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.next[0].values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const [unit, child] of this.next[node]) {
        let f = this.fail[node];
        while (f && !this.next[f].has(unit)) f = this.fail[f];
        const target = this.next[f].get(unit);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        if (this.out[this.fail[child]].length) this.out[child] = [...this.out[child], ...this.out[this.fail[child]]];
        queue.push(child);
      }
    }
  }

  /** All hits in `text`, in order of their end position. */
  scan(text: string, onHit: OnHit): void {
    let node = 0;
    const { fail, out, inSomeAnchor, rootNext } = this;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (inSomeAnchor[unit] === 0) {
        node = 0; // the root outputs nothing
        continue;
      }
      let child = node === 0 ? -1 : this.child(node, unit);
      while (child === -1 && node !== 0) {
        node = fail[node];
        if (node !== 0) child = this.child(node, unit);
      }
      node = child === -1 ? rootNext[unit] : child;
      const found = out[node];
      for (let k = 0; k < found.length; k++) {
        const phrase = found[k];
        const start = i + 1 - phrase.anchor.length;
        const end = phrase.rest.length ? verifyRest(text, phrase, i + 1) : i + 1;
        if (end >= 0 && wordBoundaries(text, phrase, start, end)) onHit(phrase.id, start, end);
      }
    }
  }
}

/** Where the table of edges is first looked at for (node, unit): the top bits of a multiplicative hash. */
function edgeSlot(node: number, unit: number, shift: number): number {
  return Math.imul((node << 16) ^ unit, 0x9e3779b1) >>> shift;
}

/** Check the pieces after the anchor; returns the end of the match, or -1. */
function verifyRest(text: string, phrase: CompiledPhrase, from: number): number {
  let pos = from;
  for (let p = 0; p < phrase.rest.length; p++) {
    const piece = phrase.rest[p];
    if (piece.type === 'number') {
      // Bounded like gaps: a run of digits after every anchor must not make the scan quadratic.
      const begin = pos;
      while (pos < text.length && pos - begin < LONGEST_NUMBER && NUMBER_UNITS.has(text.charCodeAt(pos))) pos++;
      if (pos === begin) return -1;
    } else if (piece.type === 'literal') {
      if (!text.startsWith(piece.text, pos)) return -1;
      pos += piece.text.length;
    } else {
      // A gap is always followed by a literal (the compiler checks): take its nearest occurrence within reach.
      // The search is bounded by the reach, so no phrase can make a scan quadratic, and it stops at a turn break.
      const literal = phrase.rest[++p] as { type: 'literal'; text: string };
      let found = -1;
      for (let at = pos; at <= pos + piece.reach && at < text.length; at++) {
        if (text.startsWith(literal.text, at)) {
          found = at;
          break;
        }
        if (text.charCodeAt(at) === TURN_BREAK) break;
      }
      if (found < 0) return -1;
      pos = found + literal.text.length;
    }
  }
  return pos;
}

/** Latin-script phrases match whole words only. */
export function wordBoundaries(text: string, phrase: Pick<CompiledPhrase, 'wordStart' | 'wordEnd'>, start: number, end: number): boolean {
  if (phrase.wordStart && start > 0 && isWordUnit(text.charCodeAt(start - 1))) return false;
  if (phrase.wordEnd && end < text.length && isWordUnit(text.charCodeAt(end))) return false;
  return true;
}
