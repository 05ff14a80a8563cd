// One Aho–Corasick automaton over UTF-16 units for all phrases of all active rules: each transcript is scanned
// once. (Measured: ~400 MB/s collecting positions, where grapheme-based libraries crawl on Chinese text.)
import { isWordUnit } from './fold-table.js';
import { TURN_BREAK } from './normalize.js';
import type { CompiledPhrase, Piece } from './phrase.js';
import { newUnitCopy, writeUnits } from './text-units.js';

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
 * column: the nodes nearest the root, which the scan stands on most, get rows up to this many entries (the default
 * pack since the complaint shapes: 3,008 of its 6,211 nodes × 697 columns, 4 MB; a generated call still steps ~17 of
 * its ~770 characters from a node without a row); deeper nodes step by hashed edges and fail links until they reach
 * one that has a row.
 */
const TABLE_ENTRIES = 1 << 21;

/**
 * The table's size in the automaton a matcher may start with (PhraseMatcher): the default pack's whole table is 4 MB,
 * and reading it into fresh memory cost ~1,270 page faults, ~27–35 ms of a thread's start on this machine, where a
 * small run scans a few thousand characters. Rows for the shallowest nodes only make a file a tenth of the size.
 */
export const START_TABLE_ENTRIES = 1 << 16;

/**
 * Characters a matcher started on the small table scans before it reads the whole one: with it, a scan is a few ns
 * a character faster, which pays for reading it after a few million characters.
 */
export const WHOLE_TABLE_AFTER = 1 << 20;

/** Texts of at least this many units are scanned by two chains of steps at once (PhraseMatcher.scanTwo). */
export const TWO_CHAINS_FROM = 64;

/**
 * A longer text is scanned by two chains a piece of 1 to 2 times this many units at a time: scanTwo's list of the
 * nodes found (two numbers a unit at most) stays small.
 */
const TWO_CHAIN_PIECE = 1 << 12;

/** A trie node while the automaton is built. */
interface BuildNode {
  next: Map<number, BuildNode>;
  fail: BuildNode | undefined;
  /** Indexes of the phrases whose anchor ends here, then those reached through the fail link. */
  phrases: number[];
  id: number;
}

/**
 * The automaton as arrays, and nothing else: what `buildAutomaton` makes from the anchors, and what the build writes
 * for the built-in packs (src/text/prebuilt-automata.ts) so that a run reads it instead (building took 40–60 ms of
 * each thread's start).
 */
export interface Automaton {
  /** Column of each unit in the table: 0 for a unit in no anchor, which steps any node back to the root. */
  column: Uint16Array;
  columns: number;
  /** Nodes 0 to tableNodes - 1 (the shallowest, numbered breadth-first) step by table: [node * columns + column]. */
  step: Uint16Array;
  tableNodes: number;
  fail: Int32Array;
  /**
   * The phrases (indexes into the list the automaton was built from) whose anchor ends at each node, including those
   * reached through fail links: node n's are foundPhrase[foundStart[n]] up to foundPhrase[foundStart[n + 1]].
   */
  foundStart: Int32Array;
  foundPhrase: Int32Array;
  /**
   * The other nodes' children: one open-addressing table keyed by (node, unit), as typed arrays (a Map per node was
   * most of the scan's time, where a character follows another of some phrase). Its size is a power of two; empty
   * slots hold -1 in edgeNode. Nearly empty when every node has a row.
   */
  edgeNode: Int32Array;
  edgeUnit: Uint16Array;
  edgeChild: Int32Array;
}

/** The automaton of these anchors; `tableEntries`: the table's size limit (tests give a small one). */
export function buildAutomaton(anchors: readonly string[], tableEntries = TABLE_ENTRIES): Automaton {
  const column = new Uint16Array(0x10000);
  const root: BuildNode = { next: new Map(), fail: undefined, phrases: [], id: 0 };
  anchors.forEach((anchor, index) => {
    let node = root;
    for (let i = 0; i < anchor.length; i++) {
      const unit = anchor.charCodeAt(i);
      if (column[unit] === 0) column[unit] = 1; // numbered below
      let child = node.next.get(unit);
      if (!child) node.next.set(unit, (child = { next: new Map(), fail: undefined, phrases: [], id: 0 }));
      node = child;
    }
    node.phrases.push(index);
  });
  let columns = 1;
  for (let unit = 0; unit < 0x10000; unit++) if (column[unit]) column[unit] = columns++;

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
  const foundStart = new Int32Array(order.length + 1);
  const foundPhrase: number[] = [];
  for (let id = 0; id < order.length; id++) {
    for (const phrase of order[id].phrases) foundPhrase.push(phrase);
    foundStart[id + 1] = foundPhrase.length;
  }
  const fail = Int32Array.from(order, (node) => node.fail?.id ?? 0);

  // Entries are node ids of 16 bits (half the memory, and the scan's time): rows stop at the parent of node 0x10000,
  // the first beyond (breadth first, the nodes before that parent have no child after it). The root's children
  // fit: no anchor holds TURN_BREAK, so there are at most 65,535 of them.
  let tableNodes = Math.max(1, Math.min(order.length, Math.floor(tableEntries / columns)));
  if (edgeParent.length > 0xffff) tableNodes = Math.min(tableNodes, Math.max(1, edgeParent[0xffff]));
  const step = new Uint16Array(tableNodes * columns);
  let edge = 0;
  for (let id = 0; id < tableNodes; id++) {
    // A node steps as its fail node does, except along its own edges. (set, not copyWithin: ~6 times faster cold.)
    const failRow = fail[id] * columns;
    if (id > 0) step.set(step.subarray(failRow, failRow + columns), id * columns);
    for (; edge < edgeParent.length && edgeParent[edge] === id; edge++) step[id * columns + column[edgeUnits[edge]]] = edge + 1;
  }

  // The edges of the nodes without a row (those from `edge` on), hashed. At most half full: a look-up for a missing
  // edge (most of them) stops at an empty slot after a probe or two.
  let size = 16;
  while (size < 2 * (edgeParent.length - edge)) size *= 2;
  const edgeNode = new Int32Array(size).fill(-1);
  const edgeUnit = new Uint16Array(size);
  const edgeChild = new Int32Array(size);
  const shift = edgeShift(size);
  for (; edge < edgeParent.length; edge++) {
    let slot = edgeSlot(edgeParent[edge], edgeUnits[edge], shift);
    while (edgeNode[slot] !== -1) slot = (slot + 1) & (size - 1);
    edgeNode[slot] = edgeParent[edge];
    edgeUnit[slot] = edgeUnits[edge];
    edgeChild[slot] = edge + 1;
  }
  return { column, columns, step, tableNodes, fail, foundStart, foundPhrase: Int32Array.from(foundPhrase), edgeNode, edgeUnit, edgeChild };
}

/** The pieces after an anchor, as `PhraseMatcher` checks them: ops in an Int32Array (see `compileRest`). */
const OP_END = 0;
/** A literal: its length, then its units. */
const OP_LITERAL = 1;
/** A gap: its reach, then the literal that follows it (its length, then its units). */
const OP_GAP = 2;
const OP_NUMBER = 3;
/** `PhraseMatcher`'s flags of a found phrase: it matches whole words only at its start, at its end. */
const WORD_START = 1;
const WORD_END = 2;

/** NUMBER_UNITS as a table by unit: a typed array read, where the set was a hash look-up at each unit of a number. */
const NUMBER_TABLE = new Uint8Array(0x10000);
for (const unit of NUMBER_UNITS) NUMBER_TABLE[unit] = 1;

/** A phrase's rest as ops (appended to `code`); returns where they start. */
function compileRest(rest: readonly Piece[], code: number[]): number {
  const at = code.length;
  const literal = (text: string): void => {
    code.push(text.length);
    for (let i = 0; i < text.length; i++) code.push(text.charCodeAt(i));
  };
  for (let p = 0; p < rest.length; p++) {
    const piece = rest[p];
    if (piece.type === 'number') code.push(OP_NUMBER);
    else if (piece.type === 'literal') {
      code.push(OP_LITERAL);
      literal(piece.text);
    } else {
      // A gap is always followed by a literal (the compiler checks).
      const next = rest[++p] as { type: 'literal'; text: string };
      code.push(OP_GAP, piece.reach);
      literal(next.text);
    }
  }
  code.push(OP_END);
  return at;
}

export class PhraseMatcher {
  /**
   * The phrases of each node (Automaton.foundPhrase), as numbers a scan reads without loading a phrase object: each
   * one's id, anchor length, WORD_START | WORD_END, and where its rest's ops start in `code` (-1: it has none).
   */
  private readonly foundId: Int32Array;
  private readonly foundLength: Int32Array;
  private readonly foundFlags: Uint8Array;
  private readonly foundRest: Int32Array;
  /**
   * For a found phrase whose rest starts with a gap, the first unit of the gap's literal as a bit in each of two
   * words (its low five bits, the next five): `hitsAt` skips it when the units within its node's widest reach have no
   * unit with both bits — then its literal's search cannot find it. 0 and 0 (never skipped) for the others.
   */
  private readonly foundLow: Int32Array;
  private readonly foundHigh: Int32Array;
  /**
   * The widest reach of the gaps that start the rests of a node's phrases, where two or more do (else 0: one search
   * costs what the window's look would). The nodes of common anchors (你们, 您, 客服) find up to 22 such phrases,
   * most of which fail: a generated call searched ~1,020 units after their anchors, phrase by phrase.
   */
  private readonly nodeReach: Int32Array;
  /**
   * The phrase of a node that finds one phrase, with no rest and no word flags (its index into the found arrays),
   * else -1: nearly half the nodes a scan reaches with phrases (~70 of a generated call's ~145), each a hit without
   * a check, passed on without the general loop.
   */
  private readonly nodeOnly: Int32Array;
  private readonly code: Int32Array;
  private readonly foundStart: Int32Array;
  private readonly fail: Int32Array;
  private readonly column: Uint16Array;
  private readonly columns: number;
  // The table and the edges of the nodes without a row (set by useRows): the whole automaton's once read.
  private step!: Uint16Array;
  private tableNodes!: number;
  private edgeNode!: Int32Array;
  private edgeUnit!: Uint16Array;
  private edgeChild!: Int32Array;
  private edgeMask!: number;
  private edgeShift!: number;
  /** 1 for a node the table's fast loop stops at: one with phrases, or without a row (set by useRows). */
  private stop!: Uint8Array;
  /** Characters scanned so far, while the whole automaton is still to be read. */
  private scanned = 0;
  /**
   * The scanned text's units, copied by one native write: a loop over a typed array reads a unit in a load, where
   * `charCodeAt` tells the string's representation again at every unit (~12 instructions).
   */
  private readonly copy = newUnitCopy();

  /**
   * `automaton`: built from these phrases' anchors, in this order (by default here; the prebuilt one of a built-in
   * pack), or the table's size limit to build it with. `whole`: the same phrases' automaton with its whole table,
   * read once `wholeAfter` characters are scanned with `automaton` (a prebuilt pack's start form): the two differ
   * only in how many nodes have a row, which the scan's result does not depend on. `twoChainsFrom`: texts this long
   * or longer are scanned by two chains (tests give a small one).
   */
  constructor(readonly phrases: readonly CompiledPhrase[], automaton: Automaton | number = TABLE_ENTRIES,
    private whole?: () => Automaton | undefined, private readonly wholeAfter = WHOLE_TABLE_AFTER,
    private readonly twoChainsFrom = TWO_CHAINS_FROM) {
    const a = typeof automaton === 'number' ? buildAutomaton(phrases.map((phrase) => phrase.anchor), automaton) : automaton;
    const count = a.foundPhrase.length;
    this.foundId = new Int32Array(count);
    this.foundLength = new Int32Array(count);
    this.foundFlags = new Uint8Array(count);
    this.foundRest = new Int32Array(count);
    const code: number[] = [];
    // A phrase's ops once, however many nodes find it (through fail links).
    const restOf = new Map<CompiledPhrase, number>();
    for (let k = 0; k < count; k++) {
      const phrase = phrases[a.foundPhrase[k]];
      this.foundId[k] = phrase.id;
      this.foundLength[k] = phrase.anchor.length;
      this.foundFlags[k] = (phrase.wordStart ? WORD_START : 0) | (phrase.wordEnd ? WORD_END : 0);
      let rest = restOf.get(phrase);
      if (rest === undefined) restOf.set(phrase, (rest = phrase.rest.length ? compileRest(phrase.rest, code) : -1));
      this.foundRest[k] = rest;
    }
    this.code = Int32Array.from(code);
    this.foundLow = new Int32Array(count);
    this.foundHigh = new Int32Array(count);
    this.nodeReach = new Int32Array(a.fail.length);
    for (let k = 0; k < count; k++) {
      const rest = this.foundRest[k];
      if (rest < 0 || this.code[rest] !== OP_GAP) continue;
      // OP_GAP, its reach, its literal's length, then the literal's units.
      const first = this.code[rest + 3];
      this.foundLow[k] = 1 << (first & 31);
      this.foundHigh[k] = 1 << ((first >>> 5) & 31);
    }
    for (let node = 0; node < this.nodeReach.length; node++) {
      let gaps = 0;
      let reach = 0;
      for (let k = a.foundStart[node]; k < a.foundStart[node + 1]; k++) {
        if (this.foundLow[k] === 0) continue;
        gaps++;
        reach = Math.max(reach, this.code[this.foundRest[k] + 1]);
      }
      if (gaps >= 2) this.nodeReach[node] = reach;
    }
    this.nodeOnly = new Int32Array(a.fail.length).fill(-1);
    for (let node = 0; node < this.nodeOnly.length; node++) {
      const k = a.foundStart[node];
      if (a.foundStart[node + 1] === k + 1 && this.foundRest[k] < 0 && this.foundFlags[k] === 0) this.nodeOnly[node] = k;
    }
    this.foundStart = a.foundStart;
    this.fail = a.fail;
    this.column = a.column;
    this.columns = a.columns;
    this.found2 = new Uint8Array(a.fail.length);
    for (let node = 0; node < this.found2.length; node++) if (a.foundStart[node + 1] !== a.foundStart[node]) this.found2[node] = 2;
    this.useRows(a);
  }

  /** Step by the rows and edges of `a` (an automaton of the same nodes). */
  private useRows(a: Automaton): void {
    this.step = a.step;
    this.tableNodes = a.tableNodes;
    this.edgeNode = a.edgeNode;
    this.edgeUnit = a.edgeUnit;
    this.edgeChild = a.edgeChild;
    this.edgeMask = a.edgeNode.length - 1;
    this.edgeShift = edgeShift(a.edgeNode.length);
    const stop = new Uint8Array(this.fail.length);
    for (let node = 0; node < stop.length; node++) {
      if (node >= a.tableNodes || this.foundStart[node + 1] !== this.foundStart[node]) stop[node] = 1;
    }
    this.stop = stop;
  }

  /** 2 for a node with phrases, else 0: the step by which scanTwo's chains move their end of its list. */
  private readonly found2: Uint8Array;

  /** Step by the whole automaton's table from now on (when it can be read, and is of the same nodes). */
  private useWhole(): void {
    const a = this.whole?.();
    this.whole = undefined;
    if (a && a.columns === this.columns && a.fail.length === this.fail.length) this.useRows(a);
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

  /**
   * `text`'s units in a typed array of at least its length: reused from scan to scan up to SHARED_UNITS (text-units.ts), and made
   * for the one scan beyond (a long turn or a fuzzy pack's whole call must not stay in the matcher's memory).
   */
  private unitsOf(text: string): Uint16Array {
    const kept = writeUnits(this.copy, text);
    if (kept !== undefined) return kept;
    const once = new Uint16Array(text.length);
    Buffer.from(once.buffer, once.byteOffset, once.byteLength).write(text, 0, 'utf16le');
    return once;
  }


  /** All hits in `text`, in order of their end position. */
  scan(text: string, onHit: OnHit): void {
    this.scanUnits(this.unitsOf(text), text.length, onHit);
  }

  /**
   * All hits in the first `length` of `units` (a normalized text's units, as normalizing wrote them: no string made
   * and copied back), in order of their end position.
   */
  scanUnits(units: Uint16Array, length: number, onHit: OnHit): void {
    if (this.whole && (this.scanned += length) > this.wholeAfter) this.useWhole();
    if (length < this.twoChainsFrom) {
      this.scanRange(units, 0, length, length, onHit);
      return;
    }
    // A long text (a long call's batch, a fuzzy pack's whole call) in pieces, each cut at a unit in no anchor, which
    // steps every node to the root: each piece starts in the state a single chain reaches there.
    const column = this.column;
    for (let from = 0; from < length;) {
      let to = length;
      if (length - from > 2 * TWO_CHAIN_PIECE) {
        to = from + TWO_CHAIN_PIECE;
        while (to < length && column[units[to]] !== 0) to++;
      }
      this.scanTwo(units, from, to, length, onHit);
      from = to;
    }
  }

  /**
   * The hits of [from, to) (the automaton at the root at `from`) by two chains of steps at once. Stepping is bound by
   * the latency of the table's loads, each waiting for the one before (a scan in WebAssembly with half the
   * instructions was no faster; see docs/performance.md): two independent chains keep two loads in flight. Any unit in
   * no anchor (column 0, a turn break among them) steps every node to the root, so the second chain starts at the one
   * nearest the middle, in the state a single chain reaches there. The chains only step, listing the nodes with
   * phrases they reach (leaving the loop at each, one character in five, as a single chain does, left the two too few
   * steps together: the scan came out 30 % slower); those phrases are then checked, the first chain's and then the
   * second's, so `onHit` sees a single chain's order. (Four chains were no faster than two: see docs/performance.md.)
   */
  private scanTwo(units: Uint16Array, from: number, to: number, length: number, onHit: OnHit): void {
    const { column } = this;
    const middle = (from + to) >>> 1;
    let split = -1;
    for (let d = 0; middle + d < to || middle - d > from; d++) {
      if (middle + d < to && column[units[middle + d]] === 0) {
        split = middle + d;
        break;
      }
      if (middle - d > from && column[units[middle - d]] === 0) {
        split = middle - d;
        break;
      }
    }
    if (split < 0 || to - from > 4 * TWO_CHAIN_PIECE) {
      // No unit in no anchor to start the second chain at, or a piece that found none to end at (the list's bound).
      this.scanRange(units, from, to, length, onHit);
      return;
    }
    const { step, columns, tableNodes, found2 } = this;
    if (this.found.length < 2 * (to - from)) this.found = new Int32Array(Math.max(2 * (to - from), 2 * this.found.length));
    const found = this.found;
    // Each chain writes (position, node) at its end of `found` at every step, and moves that end on past it only at a
    // node with phrases (found2: 2 or 0) — no branch on them, which a single chain mispredicted at one step in five.
    const secondAt = 2 * (split - from);
    let a = 0;
    let b = 0;
    let i = from;
    let j = split;
    let na = 0;
    let nb = secondAt;
    while (i < split && j < to) {
      if (a < tableNodes && b < tableNodes) {
        // Both by the table until either reaches a node without a row or either range ends.
        const distance = j - i;
        const end = i + Math.min(split - i, to - j);
        while (i < end) {
          a = step[a * columns + column[units[i]]];
          b = step[b * columns + column[units[i + distance]]];
          found[na] = i;
          found[na + 1] = a;
          na += found2[a];
          found[nb] = i + distance;
          found[nb + 1] = b;
          nb += found2[b];
          i++;
          if (a >= tableNodes || b >= tableNodes) break;
        }
        j = i + distance;
      } else {
        a = this.stepSlow(a, units[i]);
        b = this.stepSlow(b, units[j]);
        found[na] = i++;
        found[na + 1] = a;
        na += found2[a];
        found[nb] = j++;
        found[nb + 1] = b;
        nb += found2[b];
      }
    }
    // Whichever chain has characters left steps them alone.
    for (; i < split; i++) {
      a = a < tableNodes ? step[a * columns + column[units[i]]] : this.stepSlow(a, units[i]);
      found[na] = i;
      found[na + 1] = a;
      na += found2[a];
    }
    for (; j < to; j++) {
      b = b < tableNodes ? step[b * columns + column[units[j]]] : this.stepSlow(b, units[j]);
      found[nb] = j;
      found[nb + 1] = b;
      nb += found2[b];
    }
    // The phrases of the nodes found, the first chain's (all before `split`) then the second's: a single chain's order.
    for (let e = 0; e < nb; e += 2) {
      // The first chain's pairs end at na, the second's start at secondAt.
      if (e === na) e = secondAt;
      if (e >= nb) break;
      this.hitsAt(units, length, found[e] + 1, found[e + 1], onHit);
    }
  }

  /** The hits of the phrases of `node`, reached with the unit before `at`: each checked past its anchor. */
  private hitsAt(units: Uint16Array, length: number, at: number, node: number, onHit: OnHit): void {
    const { foundStart, foundId, foundLength, foundFlags, foundRest, foundLow, foundHigh, code } = this;
    const only = this.nodeOnly[node];
    if (only >= 0) {
      onHit(foundId[only], at - foundLength[only], at);
      return;
    }
    // The units a gap search of any of the node's phrases could read, as bits (see foundLow): verifyRest's window
    // from `at`, to the widest reach, up to the text's last unit, and up to and with the first turn break.
    let low = -1;
    let high = -1;
    const reach = this.nodeReach[node];
    if (reach !== 0) {
      const turnBreak: typeof TURN_BREAK = 0x0a;
      low = 0;
      high = 0;
      for (let place = at, end = Math.min(at + reach, length - 1); place <= end; place++) {
        const unit = units[place];
        low |= 1 << (unit & 31);
        high |= 1 << ((unit >>> 5) & 31);
        if (unit === turnBreak) break;
      }
    }
    for (let k = foundStart[node], last = foundStart[node + 1]; k < last; k++) {
      const lowBit = foundLow[k];
      const highBit = foundHigh[k];
      if ((low & lowBit) !== lowBit || (high & highBit) !== highBit) continue;
      const start = at - foundLength[k];
      const rest = foundRest[k];
      const end = rest < 0 ? at : verifyRest(units, length, code, rest, at);
      if (end < 0) continue;
      const flags = foundFlags[k];
      if (flags !== 0 && !unitBoundaries(units, length, flags, start, end)) continue;
      onHit(foundId[k], start, end);
    }
  }

  /** scanTwo's (position, node) pairs at the nodes with phrases (reused; a piece's two numbers a unit at most). */
  private found = new Int32Array(2048);

  /** One step from any node, with or without a row. */
  private stepSlow(from: number, unit: number): number {
    const col = this.column[unit];
    if (col === 0) return 0; // the root outputs nothing
    const { fail, tableNodes } = this;
    let node = from;
    let child = -1;
    while (node >= tableNodes && (child = this.child(node, unit)) === -1) node = fail[node];
    return node >= tableNodes ? child : this.step[node * this.columns + col];
  }

  /** The hits of [from, to) by one chain of steps (the automaton at the root at `from`). */
  private scanRange(units: Uint16Array, from: number, to: number, length: number, onHit: OnHit): void {
    const { column, step, columns, tableNodes, stop } = this;
    let node = 0;
    for (let i = from; i < to; i++) {
      if (node < tableNodes) {
        // Most characters (four of five in a generated call): step by the table until a node with phrases or
        // without a row, in a loop of four loads and no call — the whole loop's body, with the phrase checks and
        // the hit recorder inlined, spilled its values at every character. (Column 0, a unit in no anchor, is 0 in
        // every row: the root.)
        for (; i < to; i++) {
          node = step[node * columns + column[units[i]]];
          if (stop[node] !== 0) break;
        }
        if (i === to) break;
      } else {
        node = this.stepSlow(node, units[i]);
      }
      this.hitsAt(units, length, i + 1, node, onHit);
    }
  }
}

const edgeShift = (size: number): number => 32 - Math.log2(size);

/** Where the table of edges is first looked at for (node, unit): the top bits of a multiplicative hash. */
function edgeSlot(node: number, unit: number, shift: number): number {
  return Math.imul((node << 16) ^ unit, 0x9e3779b1) >>> shift;
}

/** Whether `units[at, at + length)` are the `length` units of `code` from `from` on (false past `end`). */
function unitsAt(units: Uint16Array, end: number, at: number, code: Int32Array, from: number, length: number): boolean {
  if (at + length > end) return false;
  for (let j = 0; j < length; j++) if (units[at + j] !== code[from + j]) return false;
  return true;
}

/**
 * Check the pieces after the anchor (ops of `code` from `op` on) in the first `end` units; returns the end of the
 * match, or -1.
 */
function verifyRest(units: Uint16Array, end: number, code: Int32Array, op: number, from: number): number {
  // TURN_BREAK as a local constant (its type ties the two): the gap loop below read the imported binding, a cell and
  // its check, at every unit (~8 of its ~45 instructions a unit).
  const turnBreak: typeof TURN_BREAK = 0x0a;
  let pos = from;
  for (let at = op; ;) {
    const kind = code[at++];
    if (kind === OP_END) return pos;
    if (kind === OP_NUMBER) {
      // Bounded like gaps: a run of digits after every anchor must not make the scan quadratic.
      const begin = pos;
      while (pos < end && pos - begin < LONGEST_NUMBER && NUMBER_TABLE[units[pos]] === 1) pos++;
      if (pos === begin) return -1;
    } else if (kind === OP_LITERAL) {
      const length = code[at++];
      if (!unitsAt(units, end, pos, code, at, length)) return -1;
      pos += length;
      at += length;
    } else {
      // A gap, and the literal after it: take its nearest occurrence within reach. The search is bounded by the
      // reach, so no phrase can make a scan quadratic, and it stops at a turn break. (The first unit compared before
      // the rest: a comparison of the whole literal at each place cost ~10 % of a file's time once packs held dozens
      // of gapped phrases on common anchors such as 客服 and 你们.)
      const reach = code[at++];
      const length = code[at++];
      const first = code[at];
      const last = Math.min(pos + reach, end - 1);
      let found = -1;
      for (let place = pos; place <= last; place++) {
        const unit = units[place];
        if (unit === first && unitsAt(units, end, place, code, at, length)) {
          found = place;
          break;
        }
        if (unit === turnBreak) break;
      }
      if (found < 0) return -1;
      pos = found + length;
      at += length;
    }
  }
}

/** wordBoundaries of a found phrase's flags, over units. */
function unitBoundaries(units: Uint16Array, end: number, flags: number, start: number, stop: number): boolean {
  if ((flags & WORD_START) !== 0 && start > 0 && isWordUnit(units[start - 1])) return false;
  if ((flags & WORD_END) !== 0 && stop < end && isWordUnit(units[stop])) return false;
  return true;
}

/** Latin-script phrases match whole words only. */
export function wordBoundaries(text: string, phrase: Pick<CompiledPhrase, 'wordStart' | 'wordEnd'>, start: number, end: number): boolean {
  if (phrase.wordStart && start > 0 && isWordUnit(text.charCodeAt(start - 1))) return false;
  if (phrase.wordEnd && end < text.length && isWordUnit(text.charCodeAt(end))) return false;
  return true;
}
