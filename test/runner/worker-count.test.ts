// --concurrency: how many workers a run starts. 'auto' starts them only where they can run beside each other.
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_MAX_FILES, workerCount } from '../../src/runner/lint-files.js';

const many = IN_PROCESS_MAX_FILES + 1;
const quiet = { cores: 2, machineCores: 2, load: 0.2 };

describe('worker count', () => {
  it('a number is taken as given; 1 or off means this thread', () => {
    expect(workerCount(3, many, quiet)).toBe(3);
    expect(workerCount(1, many, quiet)).toBe(0);
    expect(workerCount(4, 0, quiet)).toBe(0);
  });

  it('auto: one worker per idle core on a quiet machine, none for a small run', () => {
    expect(workerCount('auto', many, quiet)).toBe(2);
    expect(workerCount('auto', IN_PROCESS_MAX_FILES, quiet)).toBe(0);
    expect(workerCount('auto', many, { cores: 8, machineCores: 8, load: 3 })).toBe(5);
  });

  it('auto: none when other work leaves fewer than two cores idle (workers would queue, adding only their start-up)', () => {
    expect(workerCount('auto', many, { cores: 2, machineCores: 2, load: 1 })).toBe(0);
    expect(workerCount('auto', many, { cores: 2, machineCores: 2, load: 28 })).toBe(0);
    expect(workerCount('auto', many, { cores: 1, machineCores: 1, load: 0 })).toBe(0);
  });

  it('auto: a container given 2 cores of a large, busy host still uses its own 2', () => {
    expect(workerCount('auto', many, { cores: 2, machineCores: 64, load: 30 })).toBe(2);
  });
});
