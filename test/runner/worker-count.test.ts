// --concurrency: how many threads lint (this one and workers). 'auto' starts workers only where they can run beside each other.
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_MAX_FILES, lintThreadCount } from '../../src/runner/lint-files.js';
import { cpuSample, loadMeasurable, othersBusyCores, othersLoad } from '../../src/runner/machine-load.js';

const many = IN_PROCESS_MAX_FILES + 1;
const quiet = { cores: 2, machineCores: 2, load: 0.2 };

describe('worker count', () => {
  it('a number is taken as given; 1 or off means this thread', () => {
    expect(lintThreadCount(3, many, quiet)).toBe(3);
    expect(lintThreadCount(1, many, quiet)).toBe(1);
    expect(lintThreadCount(4, 0, quiet)).toBe(1);
  });

  it('auto: one thread per idle core on a quiet machine, this one only for a small run', () => {
    expect(lintThreadCount('auto', many, quiet)).toBe(2);
    expect(lintThreadCount('auto', IN_PROCESS_MAX_FILES, quiet)).toBe(1);
    expect(lintThreadCount('auto', many, { cores: 8, machineCores: 8, load: 3 })).toBe(5);
  });

  it('auto: this thread only when other work leaves fewer than two cores idle (workers would queue, adding only their start-up)', () => {
    expect(lintThreadCount('auto', many, { cores: 2, machineCores: 2, load: 1 })).toBe(1);
    expect(lintThreadCount('auto', many, { cores: 2, machineCores: 2, load: 28 })).toBe(1);
    expect(lintThreadCount('auto', many, { cores: 1, machineCores: 1, load: 0 })).toBe(1);
  });

  it('auto: a container given 2 cores of a large, busy host still uses its own 2', () => {
    expect(lintThreadCount('auto', many, { cores: 2, machineCores: 64, load: 30 })).toBe(2);
  });

  it('auto measures the cores other processes keep busy now, leaving out its own CPU time', () => {
    const before = { machineBusyMs: 10_000, ownMs: 500, at: 0 };
    // 400 ms: the machine busy for 600 ms of core time, of which 400 ms were this process's: others kept half a core.
    expect(othersBusyCores(before, { machineBusyMs: 10_600, ownMs: 900, at: 400 })).toBeCloseTo(0.5);
    // This process alone busy: nobody else.
    expect(othersBusyCores(before, { machineBusyMs: 10_400, ownMs: 900, at: 400 })).toBe(0);
    // Too short a span to tell (the counters tick every 10 ms): the caller falls back to the load average.
    expect(othersBusyCores(before, { machineBusyMs: 10_020, ownMs: 500, at: 30 })).toBeUndefined();
    const now = cpuSample();
    expect(now.machineBusyMs).toBeGreaterThan(0);
    expect(now.ownMs).toBeGreaterThan(0);
  });

  it('auto waits, when it must decide sooner, until the span can be measured, rather than guess from the load average', async () => {
    // (The load average counts a run that just ended as other work: it made 'auto' lint in one thread.)
    const before = cpuSample();
    othersLoad(); // a decision: the next span starts now
    await loadMeasurable();
    expect(othersBusyCores(before, cpuSample())).toBeDefined();
  });
});
