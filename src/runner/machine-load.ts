// How many cores other processes keep busy, for --concurrency auto. The 1-minute load average is a minute late and
// counts this run's own start (and, back to back, the run before it): a quiet machine after a run looks busy, a
// machine that just got busy looks quiet. So the cores' own time counters are read twice — when this module loads
// and when a run decides — and this process's own CPU time over the same span is taken out.
import { cpus, loadavg } from 'node:os';

export interface CpuSample {
  /** Milliseconds all cores spent busy (user, nice, system, interrupts) since boot. */
  machineBusyMs: number;
  /** Milliseconds of CPU this process (all its threads) has used. */
  ownMs: number;
  /** When the sample was taken (monotonicMs). */
  at: number;
}

/** Below this span the counters (in ticks of 10 ms) cannot tell one busy core from none. */
const SHORTEST_SPAN_MS = 100;

export function cpuSample(): CpuSample {
  let busy = 0;
  for (const { times } of cpus()) busy += times.user + times.nice + times.sys + times.irq;
  const own = process.cpuUsage();
  return { machineBusyMs: busy, ownMs: (own.user + own.system) / 1000, at: monotonicMs() };
}

/** Milliseconds on a monotonic clock, without loading node:perf_hooks (performance.now: ~2–5 ms of a run's start). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Cores other processes kept busy from `before` to `after`; undefined when the span is too short to tell. */
export function othersBusyCores(before: CpuSample, after: CpuSample): number | undefined {
  const span = after.at - before.at;
  if (span < SHORTEST_SPAN_MS || after.machineBusyMs === 0) return undefined;
  const others = after.machineBusyMs - before.machineBusyMs - (after.ownMs - before.ownMs);
  return Math.max(0, others / span);
}

let last = cpuSample();

/**
 * Waits, when needed, until othersLoad can measure rather than fall back to the load average: a run over a warm archive
 * finds 100,000 files in about as long as the span takes, and right after another run (a shard before it, a nightly
 * job's previous step) the load average counts that run as other work, so 'auto' linted in one thread, ~40 % slower.
 */
export async function loadMeasurable(): Promise<void> {
  // (A loop: a timer may fire a millisecond early by the monotonic clock.)
  let wait: number;
  while ((wait = SHORTEST_SPAN_MS - (monotonicMs() - last.at)) > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
}

/** Cores other processes keep busy now: measured since the last call (or since loading), else the load average. */
export function othersLoad(): number {
  const now = cpuSample();
  const measured = othersBusyCores(last, now);
  last = now;
  return measured ?? loadavg()[0];
}
