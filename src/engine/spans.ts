// Hits as spans of text, indexed for the questions rules ask of them per hit — does an `except` match overlap it,
// does a `near` match stand by it — each answered by binary search, so a rule stays n·log n in a transcript's length.
import { stableSort } from '../rules/rule-kind.js';
import { breaksClause } from '../text/clause.js';
import { firstAbove, firstAtLeast, intArray, type IntArray } from '../text/int-array.js';
import type { NearSelector } from './compile.js';

/** Hits a new HitList has room for. */
const FIRST_ROOM = 4;

/**
 * The hits of one phrase in one transcript, in scan order, as [turn, start, end] triples in one Int32Array (12 bytes a
 * hit, outside the collected heap once long): a long call has millions of hits, and an object each (with its slot in a
 * list) was ~60 bytes of fresh memory, where rules keep a few of them. Hit objects are made only for what a rule asks
 * for. The lists are reused from one transcript to the next (HitTable), so a typed array is made once per phrase and
 * thread, not per file. (A plain array while short, moved to a typed one past 1,024 hits, took ~95 instructions a
 * push: each store checked for growth and copy-on-write, and every read asked which of the two held the hits.)
 */
export class HitList {
  /** The hits, [turn, start, end] each (written by HitTable.push, which records a scan's hits). */
  data = new Int32Array(3 * FIRST_ROOM);
  length = 0;

  push(turn: number, start: number, end: number): void {
    pushHit(this, turn, start, end);
  }

  /** Room for one more hit: the array doubled, what it held kept. */
  grow(): Int32Array<ArrayBuffer> {
    const grown = new Int32Array(2 * this.data.length);
    grown.set(this.data);
    return (this.data = grown);
  }

  /** Empty it for reuse: a short list keeps its array; a long one lets go of it (a long call's millions of hits). */
  clear(): void {
    if (this.data.length > 3 * KEPT_ON_CLEAR) this.data = new Int32Array(3 * FIRST_ROOM);
    this.length = 0;
  }

  turn(i: number): number {
    return this.data[3 * i];
  }

  start(i: number): number {
    return this.data[3 * i + 1];
  }

  end(i: number): number {
    return this.data[3 * i + 2];
  }
}

/**
 * Add a hit to a list: the scan's hit recorder runs this for every hit, inlined into the scan with HitTable.push
 * (HitList.push, a call of its own, took ~100 instructions a hit, most of them converting its arguments for the typed
 * array's stores: as a call's arguments they might not have been small integers). The rare growth is a call.
 */
function pushHit(list: HitList, turn: number, start: number, end: number): void {
  const at = 3 * list.length;
  let { data } = list;
  if (at + 3 > data.length) data = list.grow();
  data[at] = turn;
  data[at + 1] = start;
  data[at + 2] = end;
  list.length++;
}

/** Hits a cleared HitList keeps room for. */
const KEPT_ON_CLEAR = 64;

/**
 * The hits of each phrase in one transcript, by phrase id. The lists are reused from one transcript to the next (a
 * thread lints one at a time, and nothing keeps them past it): made afresh per file, a list and its array for each
 * phrase hit were the most a small file allocated.
 */
export class HitTable {
  private readonly lists: (HitList | undefined)[] = [];
  /**
   * Ids of the phrases that hit, in order of their first hit: the first `presentCount` entries. The array is kept from
   * one transcript to the next and written over, not emptied: emptied by setting its length (a call into V8's
   * runtime, which lets go of its backing store), it grew again by copies for each file's hundred or so phrases.
   */
  readonly presentIds: number[] = [];
  presentCount = 0;

  /** The ids of the phrases that hit, as an array of their own. */
  get present(): number[] {
    return this.presentIds.slice(0, this.presentCount);
  }

  /** Forget the last transcript's hits. */
  clear(): void {
    const { presentIds, lists } = this;
    for (let i = 0; i < this.presentCount; i++) lists[presentIds[i]]!.clear();
    this.presentCount = 0;
  }

  /** The hits of a phrase, in scan order; undefined when it has none. */
  of(id: number): HitList | undefined {
    const list = this.lists[id];
    return list !== undefined && list.length > 0 ? list : undefined;
  }

  push(id: number, turn: number, start: number, end: number): void {
    const { lists } = this;
    // Grown one slot at a time: an array written far past its end becomes a slow dictionary.
    while (lists.length <= id) lists.push(undefined);
    let list = lists[id];
    if (list === undefined) lists[id] = list = new HitList();
    if (list.length === 0) this.presentIds[this.presentCount++] = id;
    pushHit(list, turn, start, end);
  }
}

/** Spans sorted by start, and the furthest end among the first i + 1 of them: overlap tests by binary search. */
export interface SpanIndex {
  starts: IntArray;
  furthestEnd: IntArray;
}

/**
 * Made by intArray, like every index's arrays: an array literal has another elements kind, and keptHits, which reads
 * both, was deoptimized for it.
 */
export const NO_SPANS: SpanIndex = { starts: intArray(0), furthestEnd: intArray(0) };

/**
 * The hits of the lists whose turn `keep` accepts (and that `accept`, given the list's place, accepts), indexed for
 * overlapsAny.
 */
export function spanIndex(lists: readonly HitList[], keep: (turn: number) => boolean,
  accept?: (list: number, start: number, end: number) => boolean): SpanIndex {
  // Written straight into the index's arrays, made for every hit and cut to those kept: plain arrays pushed to and
  // copied into the index, with an order array and a stable sort when more than one list had hits, were ~1 % of a
  // warm call's CPU.
  let room = 0;
  for (let l = 0; l < lists.length; l++) room += lists[l].length;
  let starts = intArray(room);
  let furthestEnd = intArray(room);
  let n = 0;
  let sorted = true;
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l];
    for (let i = 0; i < list.length; i++) {
      const start = list.start(i);
      const end = list.end(i);
      if (!keep(list.turn(i)) || (accept && !accept(l, start, end))) continue;
      if (n > 0 && start < starts[n - 1]) sorted = false;
      starts[n] = start;
      furthestEnd[n++] = end;
    }
  }
  if (n === 0) return NO_SPANS;
  if (n < room) {
    // (A plain array cut by its length keeps its elements kind; a typed one is cut as a view of the same kind.)
    starts = cut(starts, n);
    furthestEnd = cut(furthestEnd, n);
  }
  // By start (usually so already: one phrase's hits): the order of spans with equal starts does not matter, as a
  // search takes all of them or none, so the sort need not be stable.
  if (!sorted) sortByStart(starts, furthestEnd, n);
  // Each end becomes the furthest end up to it.
  for (let k = 1; k < n; k++) if (furthestEnd[k] < furthestEnd[k - 1]) furthestEnd[k] = furthestEnd[k - 1];
  return { starts, furthestEnd };
}

/** The first n entries of an IntArray, of the same kind. */
function cut(values: IntArray, n: number): IntArray {
  if (Array.isArray(values)) {
    values.length = n;
    return values;
  }
  return values.subarray(0, n);
}

/** Up to this many spans, sortByStart sorts by insertion. */
const INSERTED_SPANS_MAX = 16;

/** Sort the first n spans (starts[i], ends[i]) by start, in place. */
function sortByStart(starts: IntArray, ends: IntArray, n: number): void {
  if (n <= INSERTED_SPANS_MAX) {
    for (let i = 1; i < n; i++) {
      const start = starts[i];
      const end = ends[i];
      let j = i;
      for (; j > 0 && starts[j - 1] > start; j--) {
        starts[j] = starts[j - 1];
        ends[j] = ends[j - 1];
      }
      starts[j] = start;
      ends[j] = end;
    }
    return;
  }
  // (Many spans: an order sorted by start, then both arrays written in it — n·log n.)
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  stableSort(order, (a, b) => starts[a] - starts[b]);
  const byStart: number[] = [];
  const endsByStart: number[] = [];
  for (let k = 0; k < n; k++) {
    byStart.push(starts[order[k]]);
    endsByStart.push(ends[order[k]]);
  }
  for (let k = 0; k < n; k++) {
    starts[k] = byStart[k];
    ends[k] = endsByStart[k];
  }
}

/** Whether [start, end) overlaps any of the spans: some span starting before it ends reaches past its start. */
export function overlapsAny({ starts, furthestEnd }: SpanIndex, start: number, end: number): boolean {
  const startingBefore = firstAtLeast(starts, end);
  return startingBefore > 0 && furthestEnd[startingBefore - 1] > start;
}

/**
 * Up to this many list hits looked at in all, NearIndex answers by looking at each hit of its lists: the index (four
 * arrays, a loop over the hits and for a few lists their sorts) cost more to make than a generated call's few
 * questions take to answer hit by hit (the zh pack's two hold rules made ~2.8 indexes a call, each of a few hits, and
 * asked each of them about the few holds).
 */
export const NEAR_HITS_LOOKED_AT = 64;

/**
 * The hits of a `near` / `not-near` list, by turn, to ask whether one stands by a hit (same turn, overlapping or
 * within `chars` or the clause) in log time. Only the closest list hit on each side can decide: a farther one has a
 * longer gap, which holds the closer one's gap. (Comparing every hit with every list hit was quadratic.) Flat typed
 * arrays ordered by turn, not a map of small lists: a long call's list has a hit in most of a million turns. Made on
 * the question that brings the list hits looked at one by one past `hitsLookedAt` (NEAR_HITS_LOOKED_AT): before, each
 * question looks at every list hit, and the closest on each side decides as with the index.
 */
export class NearIndex {
  /** By turn, then start (ties in list order); undefined until indexed. */
  private turns: IntArray | undefined;
  private starts: IntArray = [];
  /** The furthest end among the hits of the same turn up to this one. */
  private furthestEnd: IntArray = [];
  /** The ends of each turn's hits, ascending within the turn (turns in the same order). */
  private ends: IntArray = [];
  /** The lists' hits in all, and how many have been looked at one by one. */
  private readonly count: number;
  private looked = 0;

  /** `lists`: the hits of the list's phrases, one HitList per phrase (ties keep this order). */
  constructor(private readonly lists: readonly HitList[], private readonly near: NearSelector, private readonly text: string,
    private readonly hitsLookedAt = NEAR_HITS_LOOKED_AT) {
    let n = 0;
    for (const list of lists) n += list.length;
    this.count = n;
  }

  /** Make the index (the lists' hits by turn and start, and by turn and end) and return its turns. */
  private index(): IntArray {
    const { lists } = this;
    const n = this.count;
    const turn = intArray(n);
    const start = intArray(n);
    const end = intArray(n);
    let at = 0;
    // Whether the hits come by turn and start, and by turn and end, already: usually so (a list of one phrase, its
    // hits in scan order), and then the stable sorts would leave them as they are, so they are not made (an index is
    // made per near list per file, most of a few hits: the order arrays, sorts and copies were most of its cost).
    let byStart = true;
    let byEnd = true;
    for (const list of lists) {
      for (let i = 0; i < list.length; i++, at++) {
        turn[at] = list.turn(i);
        start[at] = list.start(i);
        end[at] = list.end(i);
        if (at > 0 && turn[at] === turn[at - 1]) {
          if (start[at] < start[at - 1]) byStart = false;
          if (end[at] < end[at - 1]) byEnd = false;
        } else if (at > 0 && turn[at] < turn[at - 1]) {
          byStart = byEnd = false;
        }
      }
    }
    // (Loops, not Array.from / Int32Array.from with a mapping function: those run the iterator protocol, and an
    // index is made per near list per file.)
    let order: number[] | undefined;
    let turns: IntArray;
    if (byStart) {
      turns = turn;
      this.starts = start;
    } else {
      order = [];
      for (let i = 0; i < n; i++) order.push(i);
      stableSort(order, (a, b) => turn[a] - turn[b] || start[a] - start[b]);
      turns = intArray(n);
      this.starts = intArray(n);
      for (let k = 0; k < n; k++) {
        turns[k] = turn[order[k]];
        this.starts[k] = start[order[k]];
      }
    }
    this.furthestEnd = intArray(n);
    for (let k = 0; k < n; k++) {
      const e = order ? end[order[k]] : end[k];
      this.furthestEnd[k] = k > 0 && turns[k - 1] === turns[k] ? Math.max(this.furthestEnd[k - 1], e) : e;
    }
    if (byEnd) {
      this.ends = end;
    } else {
      if (!order) {
        order = [];
        for (let i = 0; i < n; i++) order.push(i);
      }
      stableSort(order, (a, b) => turn[a] - turn[b] || end[a] - end[b]);
      this.ends = intArray(n);
      for (let k = 0; k < n; k++) this.ends[k] = end[order[k]];
    }
    return (this.turns = turns);
  }

  /**
   * standsBy, looking at every list hit: one in the turn that overlaps the hit stands by it; else the one that ends
   * last by its start and the one that starts first from its end decide, as the index's do.
   */
  private standsByLooking(turn: number, start: number, end: number): boolean {
    const { lists } = this;
    let endBefore = -1;
    let startAfter = -1;
    for (let l = 0; l < lists.length; l++) {
      const { data } = lists[l];
      const last = 3 * lists[l].length;
      for (let at = 0; at < last; at += 3) {
        if (data[at] !== turn) continue;
        const s = data[at + 1];
        const e = data[at + 2];
        if (s < end && e > start) return true;
        if (e <= start) {
          if (e > endBefore) endBefore = e;
        } else if (startAfter < 0 || s < startAfter) {
          startAfter = s;
        }
      }
    }
    return (endBefore >= 0 && this.close(endBefore, start)) || (startAfter >= 0 && this.close(end, startAfter));
  }

  /** Whether a list hit stands by the hit [start, end) in turn `turn`. */
  standsBy(turn: number, start: number, end: number): boolean {
    let { turns } = this;
    if (turns === undefined) {
      if ((this.looked += this.count) <= this.hitsLookedAt) return this.standsByLooking(turn, start, end);
      turns = this.index();
    }
    const { starts, ends, furthestEnd } = this;
    const first = firstAtLeast(turns, turn);
    const last = firstAbove(turns, turn, first);
    if (first === last) return false;
    // Overlap: some list hit starting before this one ends reaches past its start.
    const startedBefore = firstAtLeast(starts, end, first, last);
    if (startedBefore > first && furthestEnd[startedBefore - 1] > start) return true;
    const endedBefore = firstAbove(ends, start, first, last);
    if (endedBefore > first && this.close(ends[endedBefore - 1], start)) return true;
    return startedBefore < last && this.close(end, starts[startedBefore]);
  }

  private close(gapStart: number, gapEnd: number): boolean {
    return this.near.chars !== undefined ? gapEnd - gapStart <= this.near.chars : !breaksClause(this.text, gapStart, gapEnd);
  }
}
