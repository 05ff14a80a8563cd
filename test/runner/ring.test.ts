// The queues that hold a run's items in flight (src/runner/ring.ts): order, growth, the window's bound, and that an
// item taken out is no longer held (the point of them: nothing taken stays reachable from a long-lived array).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { NumberedWindow, RingQueue } from '../../src/runner/ring.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Whether `take` lets go of the object it is given to hold (checked after a full collection). */
async function released(hold: (item: object) => void, take: () => void): Promise<boolean> {
  let ref: WeakRef<object> | undefined;
  (() => {
    const item = { payload: 'x'.repeat(64) };
    ref = new WeakRef(item);
    hold(item);
  })();
  take();
  // WeakRefs are kept alive until the end of the current job: collect after a turn.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  return ref!.deref() === undefined;
}

describe('RingQueue', () => {
  it('gives items first in, first out, across wrapping around and growing', () => {
    const queue = new RingQueue<number>(4);
    const out: number[] = [];
    let next = 0;
    // Push 3, take 2, over and over: the head wraps around the 4 cells, then the queue grows past them.
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3; i++) queue.push(next++);
      for (let i = 0; i < 2; i++) out.push(queue.shift()!);
    }
    expect(queue.length).toBe(10);
    while (queue.length) out.push(queue.shift()!);
    expect(out).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(queue.shift()).toBeUndefined();
  });

  it('holds no item once it is taken out', async () => {
    const queue = new RingQueue<object>(4);
    queue.push({ before: true });
    expect(await released((item) => queue.push(item), () => (queue.shift(), queue.shift()))).toBe(true);
    // And one still in the queue is held.
    expect(await released((item) => queue.push(item), () => undefined)).toBe(false);
  });
});

describe('NumberedWindow', () => {
  it('holds consecutive numbers in turn, each in its own cell', () => {
    const window = new NumberedWindow<string>(3);
    for (let n = 0; n < 3; n++) window.set(n, `item ${n}`);
    expect([0, 1, 2].map((n) => window.get(n))).toEqual(['item 0', 'item 1', 'item 2']);
    window.delete(0);
    window.set(3, 'item 3');
    expect([1, 2, 3].map((n) => window.get(n))).toEqual(['item 1', 'item 2', 'item 3']);
  });

  it('refuses an item that would replace one still held (a window too small for the run)', () => {
    const window = new NumberedWindow<string>(2);
    window.set(0, 'a');
    window.set(1, 'b');
    expect(() => window.set(2, 'c')).toThrow(/window of 2: item 2 would replace item 0/);
  });

  it('holds no item once it is deleted', async () => {
    const window = new NumberedWindow<object>(4);
    expect(await released((item) => window.set(5, item), () => window.delete(5))).toBe(true);
    expect(await released((item) => window.set(6, item), () => undefined)).toBe(false);
  });
});
