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
  /**
   * The automaton made deterministic, when that is small (the built-in packs: ~1,500 nodes × ~400 units, 2.4 MB): for
   * each node, the node every unit of some anchor leads to, fail links followed in advance. A scan then reads one
   * entry per character: over 10,000 generated calls, 120 ms against 170 following fail links through the edges.
   */
  private readonly dense: { next: Int32Array; columns: number; column: Uint16Array } | undefined;

  /** `denseLimit`: the most entries (nodes × units of anchors) the deterministic table may have. */
  constructor(readonly phrases: readonly CompiledPhrase[], denseLimit = DENSE_LIMIT) {
    const order = [0];
    for (const phrase of phrases) this.insert(phrase);
    this.link(order);
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
    this.dense = this.deterministic(order, denseLimit);
  }

  /** The deterministic table (see `dense`), or undefined when it would exceed `limit` entries. */
  private deterministic(order: number[], limit: number): PhraseMatcher['dense'] {
    // Column 0 stands for every unit of no anchor: it leads back to the root from anywhere.
    const column = new Uint16Array(0x10000);
    let columns = 1;
    for (let unit = 0; unit < 0x10000; unit++) if (this.inSomeAnchor[unit]) column[unit] = columns++;
    if (this.next.length * columns > limit) return undefined;
    const next = new Int32Array(this.next.length * columns);
    // Breadth first, so that a node's fail target (shallower) has its row: a node goes where its fail target would,
    // except along its own edges.
    for (const node of order) {
      const row = node * columns;
      if (node !== 0) next.copyWithin(row, this.fail[node] * columns, this.fail[node] * columns + columns);
      // A node with phrases to report is written as its complement (negative): the scan tests the sign of what it read.
      for (const [unit, child] of this.next[node]) next[row + column[unit]] = this.out[child].length ? ~child : child;
    }
    return { next, columns, column };
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

  /** Set the fail links and outputs; `queue` (holding the root) receives every other node, breadth first. */
  private link(queue: number[]): void {
    for (const child of this.next[0].values()) queue.push(child);
    for (let head = 1; head < queue.length; head++) {
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
    if (this.dense) return this.scanDense(text, onHit, this.dense);
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
      if (out[node].length) report(text, out[node], i + 1, onHit);
    }
  }

  private scanDense(text: string, onHit: OnHit, { next, columns, column }: NonNullable<PhraseMatcher['dense']>): void {
    const { out } = this;
    for (let i = 0, node = 0; i < text.length; i++) {
      node = next[node * columns + column[text.charCodeAt(i)]];
      if (node < 0) {
        node = ~node;
        report(text, out[node], i + 1, onHit);
      }
    }
  }
}

/** Up to 4 M entries (16 MB) the automaton is made deterministic: a pack of some thousands of phrases. */
const DENSE_LIMIT = 1 << 22;

/** The hits of the phrases whose anchors end just before `at`. */
function report(text: string, found: CompiledPhrase[], at: number, onHit: OnHit): void {
  for (let k = 0; k < found.length; k++) {
    const phrase = found[k];
    const start = at - phrase.anchor.length;
    const end = phrase.rest.length ? verifyRest(text, phrase, at) : at;
    if (end >= 0 && wordBoundaries(text, phrase, start, end)) onHit(phrase.id, start, end);
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
