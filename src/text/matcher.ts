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

/**
 * Most of a scan is one step of the automaton per character: a step by table (a row per node, a column per unit that
 * occurs in some anchor) is a load or two; with hashed edges and fail links a generated call's scan took ~11 ns a
 * character against ~8 (three quarters of a Chinese call's characters are in some anchor). A row takes 2 bytes a
 * column: the nodes nearest the root, which the scan stands on most, get rows up to this many entries (the built-in
 * pack: 1,525 nodes × 390 columns, 1.2 MB, all of them); deeper nodes of a larger pack step by hashed edges and fail
 * links until they reach one that has a row.
 */
const TABLE_ENTRIES = 1 << 21;

/** A trie node while the automaton is built. */
interface BuildNode {
  next: Map<number, BuildNode>;
  fail: BuildNode | undefined;
  phrases: CompiledPhrase[];
  id: number;
}

export class PhraseMatcher {
  /**
   * The phrases whose anchor ends at each node, including those reached through fail links: node n's are
   * found[foundStart[n]] up to found[foundStart[n + 1]] (nodes numbered breadth-first).
   */
  private readonly found: CompiledPhrase[] = [];
  private readonly foundStart: Int32Array;
  private readonly fail: Int32Array;
  /** Column of each unit in the table: 0 for a unit in no anchor, which steps any node back to the root. */
  private readonly column = new Uint16Array(0x10000);
  private readonly columns: number;
  /** Nodes 0 to tableNodes - 1 (the shallowest, numbered breadth-first) step by table: [node * columns + column]. */
  private readonly step: Uint16Array;
  private readonly tableNodes: number;
  /**
   * The other nodes' children: one open-addressing table keyed by (node, unit), as typed arrays (a Map per node was
   * most of the scan's time, where a character follows another of some phrase). Empty when every node has a row.
   */
  private readonly edgeNode: Int32Array;
  private readonly edgeUnit: Uint16Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeMask: number;
  private readonly edgeShift: number;

  /** `tableEntries`: the table's size limit (tests give a small one to exercise the steps by hashed edges). */
  constructor(readonly phrases: readonly CompiledPhrase[], tableEntries = TABLE_ENTRIES) {
    const root: BuildNode = { next: new Map(), fail: undefined, phrases: [], id: 0 };
    for (const phrase of phrases) {
      let node = root;
      for (let i = 0; i < phrase.anchor.length; i++) {
        const unit = phrase.anchor.charCodeAt(i);
        if (this.column[unit] === 0) this.column[unit] = 1; // numbered below
        let child = node.next.get(unit);
        if (!child) node.next.set(unit, (child = { next: new Map(), fail: undefined, phrases: [], id: 0 }));
        node = child;
      }
      node.phrases.push(phrase);
    }
    let columns = 1;
    for (let unit = 0; unit < 0x10000; unit++) if (this.column[unit]) this.column[unit] = columns++;
    this.columns = columns;

    // Breadth first: fail links point to shallower nodes, whose phrases and rows are then complete. Edge e (listed
    // as met: by parent, in node order) leads to node e + 1; nothing below walks a Map again (cold, that took ~5 ms
    // of each thread's start).
    const order: BuildNode[] = [root];
    const edgeParent: number[] = [];
    const edgeUnits: number[] = [];
    for (let head = 0; head < order.length; head++) {
      const node = order[head];
      for (const [unit, child] of node.next) {
        let f = node.fail;
        while (f && !f.next.has(unit)) f = f.fail;
        child.fail = f?.next.get(unit) ?? root;
        child.phrases = [...child.phrases, ...child.fail.phrases];
        child.id = order.length;
        order.push(child);
        edgeParent.push(head);
        edgeUnits.push(unit);
      }
    }
    this.foundStart = new Int32Array(order.length + 1);
    for (let id = 0; id < order.length; id++) {
      for (const phrase of order[id].phrases) this.found.push(phrase);
      this.foundStart[id + 1] = this.found.length;
    }
    const fail = (this.fail = Int32Array.from(order, (node) => node.fail?.id ?? 0));

    // Entries are node ids of 16 bits (half the memory, and the scan's time): rows stop at the parent of node 0x10000,
    // the first beyond (breadth first, the nodes before that parent have no child after it). The root's children
    // fit: no anchor holds TURN_BREAK, so there are at most 65,535 of them.
    let tableNodes = Math.max(1, Math.min(order.length, Math.floor(tableEntries / columns)));
    if (edgeParent.length > 0xffff) tableNodes = Math.min(tableNodes, Math.max(1, edgeParent[0xffff]));
    this.tableNodes = tableNodes;
    const step = (this.step = new Uint16Array(tableNodes * columns));
    let edge = 0;
    for (let id = 0; id < tableNodes; id++) {
      // A node steps as its fail node does, except along its own edges. (set, not copyWithin: ~6 times faster cold.)
      const failRow = fail[id] * columns;
      if (id > 0) step.set(step.subarray(failRow, failRow + columns), id * columns);
      for (; edge < edgeParent.length && edgeParent[edge] === id; edge++) step[id * columns + this.column[edgeUnits[edge]]] = edge + 1;
    }

    // The edges of the nodes without a row (those from `edge` on), hashed. At most half full: a look-up for a missing
    // edge (most of them) stops at an empty slot after a probe or two.
    let size = 16;
    while (size < 2 * (edgeParent.length - edge)) size *= 2;
    this.edgeNode = new Int32Array(size).fill(-1);
    this.edgeUnit = new Uint16Array(size);
    this.edgeChild = new Int32Array(size);
    this.edgeMask = size - 1;
    this.edgeShift = 32 - Math.log2(size);
    for (; edge < edgeParent.length; edge++) {
      let slot = edgeSlot(edgeParent[edge], edgeUnits[edge], this.edgeShift);
      while (this.edgeNode[slot] !== -1) slot = (slot + 1) & this.edgeMask;
      this.edgeNode[slot] = edgeParent[edge];
      this.edgeUnit[slot] = edgeUnits[edge];
      this.edgeChild[slot] = edge + 1;
    }
  }

  /** The child of a node without a row by a unit, or -1. */
  private child(node: number, unit: number): number {
    const { edgeNode, edgeUnit, edgeMask } = this;
    for (let slot = edgeSlot(node, unit, this.edgeShift); ; slot = (slot + 1) & edgeMask) {
      const at = edgeNode[slot];
      if (at === -1) return -1;
      if (at === node && edgeUnit[slot] === unit) return this.edgeChild[slot];
    }
  }

  /** All hits in `text`, in order of their end position. */
  scan(text: string, onHit: OnHit): void {
    let node = 0;
    const { fail, found, foundStart, column, step, columns, tableNodes } = this;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const col = column[unit];
      if (col === 0) {
        node = 0; // the root outputs nothing
        continue;
      }
      // A node without a row: its own edges, else its fail node's, until a node with a row answers.
      let child = -1;
      while (node >= tableNodes && (child = this.child(node, unit)) === -1) node = fail[node];
      node = node >= tableNodes ? child : step[node * columns + col];
      for (let k = foundStart[node], last = foundStart[node + 1]; k < last; k++) {
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
