// Which of a config's phrase selectors hit in a transcript, and which of their phrases: told once per transcript from
// the phrases that hit, rather than by each selector looking at them. Every rule asks whether its triggers hit and
// which of its phrases did, for every file: walking the ~50 phrases that hit in a generated call for each of those
// questions (and looking the selector's positions up in a WeakMap) was ~3 % of a warm call's instructions.
import type { PhraseSelector } from '../rules/rule-kind.js';

/** Up to this many phrases, a selector's are put in its order by insertion. */
const INSERTED_MAX = 16;

/** Made like the lists it gives, so that their readers meet one kind of array. */
const NO_IDS: readonly number[] = new Array<number>(0);

export class SelectorHits {
  /** For each phrase id, its entries (first[id] to first[id + 1]): the selectors it is in, and where in their list. */
  private readonly first: Int32Array;
  private readonly entrySlot: Int32Array;
  private readonly entryPosition: Int32Array;
  /**
   * Per selector slot: the number of its last entry gathered, -1 for none. Entries are numbered on from one transcript
   * to the next (`base` is the transcript's first), so an entry of the slot gathered for this transcript is one at
   * `base` or past it: no stamp per slot to compare and write besides (a stamp and a last entry were 2 of the 7
   * typed-array accesses an entry took).
   */
  private readonly lastOf: Int32Array;
  /**
   * The entries gathered for the transcript, at their number less `base`: each a position in its selector's list,
   * and the number of the selector's entry gathered before it (below `base`: none). One pass over the phrases that
   * hit, each selector's entries chained. (Two passes, counting then placing them, took ~15 thousand instructions of
   * a generated call: every typed array read is checked again.)
   */
  private readonly foundPosition: Int32Array;
  private readonly foundBefore: Int32Array;
  /** The number of the transcript's first entry, and of the entry after its last. */
  private base = 0;
  private next = 0;
  private generation = 0;

  /**
   * `selectors`: every selector of the config, each at its `slot`; `phraseCount`: the config's phrases;
   * `renumberAfter`: how far entries are numbered before they start from 0 again (every slot then forgets its last
   * entry); well within an Int32Array's range, however many entries a transcript gathers.
   */
  constructor(phraseCount: number, selectors: readonly PhraseSelector[], private readonly renumberAfter = 1 << 30) {
    const first = new Int32Array(phraseCount + 1);
    for (const selector of selectors) for (const id of selector.phraseIds) first[id + 1]++;
    for (let id = 0; id < phraseCount; id++) first[id + 1] += first[id];
    const entries = first[phraseCount];
    const filled = first.slice(0, phraseCount);
    this.entrySlot = new Int32Array(entries);
    this.entryPosition = new Int32Array(entries);
    for (const selector of selectors) {
      selector.phraseIds.forEach((id, position) => {
        const at = filled[id]++;
        this.entrySlot[at] = selector.slot;
        this.entryPosition[at] = position;
      });
    }
    this.first = first;
    this.lastOf = new Int32Array(selectors.length).fill(-1);
    // A phrase that hits is given once, so a transcript gathers each entry once at most.
    this.foundPosition = new Int32Array(entries);
    this.foundBefore = new Int32Array(entries);
  }

  /**
   * Take a transcript's phrases that hit (each id once; the first `count` of `present`, which the scan's HitTable
   * keeps from file to file): what `hit` and `ids` answer until the next call. Returns the transcript's stamp, to be
   * given back to them.
   */
  gather(present: readonly number[], count = present.length): number {
    const { first, entrySlot, entryPosition, lastOf, foundPosition, foundBefore } = this;
    if (this.next > this.renumberAfter) {
      lastOf.fill(-1);
      this.next = 0;
    }
    const base = (this.base = this.next);
    let k = 0;
    for (let p = 0; p < count; p++) {
      const id = present[p];
      const end = first[id + 1];
      for (let e = first[id]; e < end; e++) {
        const slot = entrySlot[e];
        foundBefore[k] = lastOf[slot];
        foundPosition[k] = entryPosition[e];
        lastOf[slot] = base + k++;
      }
    }
    this.next = base + k;
    return ++this.generation;
  }

  /** Whether `generation` is the transcript last gathered: the lists answer only for that one. */
  holds(generation: number): boolean {
    return generation === this.generation;
  }

  /** Whether any of the selector's phrases hit in the transcript of `generation`. */
  hit(generation: number, selector: PhraseSelector): boolean {
    return generation === this.generation && this.lastOf[selector.slot] >= this.base;
  }

  /**
   * The selector's entries gathered for the transcript of `generation`, walked without an array (`ids` makes one, in
   * the selector's order): the last one gathered (-1: none), then `entryBefore` each, and `entryId` the phrase of
   * each.
   */
  lastEntry(generation: number, selector: PhraseSelector): number {
    const last = this.lastOf[selector.slot];
    return generation === this.generation && last >= this.base ? last : -1;
  }

  /** The selector's entry gathered before `entry` (-1: none). */
  entryBefore(entry: number): number {
    const before = this.foundBefore[entry - this.base];
    return before >= this.base ? before : -1;
  }

  /** The id of the selector's phrase at `entry`. */
  entryId(entry: number, selector: PhraseSelector): number {
    return selector.phraseIds[this.foundPosition[entry - this.base]];
  }

  /** The ids of the selector's phrases that hit in the transcript of `generation`, in the order of its list. */
  ids(generation: number, selector: PhraseSelector): readonly number[] {
    const { base } = this;
    const last = this.lastOf[selector.slot];
    if (generation !== this.generation || last < base) return NO_IDS;
    const { foundPosition, foundBefore } = this;
    let n = 0;
    for (let g = last; g >= base; g = foundBefore[g - base]) n++;
    // Their positions in the selector's list, put in its order (gathered in the order the phrases first hit; a
    // position is in the list once), then the ids at them.
    const found = new Array<number>(n);
    let i = n;
    for (let g = last; g >= base; g = foundBefore[g - base]) found[--i] = foundPosition[g - base];
    if (n <= INSERTED_MAX) {
      for (let k = 1; k < n; k++) {
        const position = found[k];
        let j = k;
        for (; j > 0 && found[j - 1] > position; j--) found[j] = found[j - 1];
        found[j] = position;
      }
    } else {
      found.sort((a, b) => a - b);
    }
    const { phraseIds } = selector;
    for (let j = 0; j < n; j++) found[j] = phraseIds[found[j]];
    return found;
  }
}
