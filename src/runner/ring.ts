// Queues and windows that hold a run's items in flight in arrays made once, whose cells are cleared as items leave.
//
// Why not a Map or an array that is sliced now and then (issue #14, peak memory with workers): V8 collects the young
// generation by scavenges, for which every object in the old generation is a root. A Map drops its hash table for a
// new one as entries come and go, and an array trimmed by `slice` drops its backing store, but the dropped table or
// store still points at what it held; once it lived long enough to be promoted to the old generation, everything it
// held survives each scavenge until the next full collection, is promoted in turn, and V8 grows the young generation
// when bytes surviving scavenges add up to its size. Over 100,000 files with two workers the main thread's heap grew
// to 67 MB that way (17 MB at 10,000 files).

/** A first-in first-out queue on one array that grows by doubling and never shrinks. */
export class RingQueue<T> {
  private cells: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(capacity = 16) {
    this.cells = new Array<T | undefined>(Math.max(1, capacity)).fill(undefined);
  }

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.size === this.cells.length) this.grow();
    this.cells[(this.head + this.size++) % this.cells.length] = item;
  }

  /** The oldest item, taken out (its cell cleared); undefined when empty. */
  shift(): T | undefined {
    if (!this.size) return undefined;
    const item = this.cells[this.head];
    this.cells[this.head] = undefined;
    this.head = (this.head + 1) % this.cells.length;
    this.size--;
    return item;
  }

  private grow(): void {
    const cells = new Array<T | undefined>(this.cells.length * 2).fill(undefined);
    for (let i = 0; i < this.size; i++) cells[i] = this.cells[(this.head + i) % this.cells.length];
    this.cells = cells;
    this.head = 0;
  }
}

/**
 * Items numbered 0, 1, 2, … of which at most `capacity` consecutive ones are held at a time (a reorder window): the
 * item numbered n is in cell n mod capacity.
 */
export class NumberedWindow<T> {
  private readonly cells: (T | undefined)[];

  constructor(readonly capacity: number) {
    this.cells = new Array<T | undefined>(capacity).fill(undefined);
  }

  get(number: number): T | undefined {
    return this.cells[number % this.capacity];
  }

  /** Hold the item numbered `number`; the cell must be free (the item `capacity` before it gone). */
  set(number: number, item: T): void {
    const cell = number % this.capacity;
    if (this.cells[cell] !== undefined) throw new Error(`window of ${this.capacity}: item ${number} would replace item ${number - this.capacity}, still held`);
    this.cells[cell] = item;
  }

  delete(number: number): void {
    this.cells[number % this.capacity] = undefined;
  }
}
