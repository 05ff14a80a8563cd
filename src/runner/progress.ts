// A progress line on stderr for long runs on a terminal: files done/total, files per second, time left.
// Redrawn at most ten times a second; cleared before the report's last lines so they stay readable.
import { formatClockTime } from '../transcript/time.js';

export interface ProgressTarget {
  write(text: string): unknown;
  columns?: number;
}

const REDRAW_MS = 100;

export class ProgressBar {
  private done = 0;
  private total = 0;
  private readonly started: number;
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly out: ProgressTarget, private readonly now: () => number = Date.now) {
    this.started = now();
  }

  setTotal(total: number): void {
    this.total = total;
    this.draw();
  }

  tick(): void {
    this.done++;
    const t = this.now();
    if (t - this.lastDraw >= REDRAW_MS) this.draw(t);
  }

  /** The line as it would be drawn (for tests). */
  line(t = this.now()): string {
    const seconds = Math.max(0.001, (t - this.started) / 1000);
    const rate = this.done / seconds;
    const share = this.total ? this.done / this.total : 0;
    const left = rate > 0 && this.total ? (this.total - this.done) / rate : undefined;
    const width = 20;
    const filled = Math.round(share * width);
    return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${this.done}/${this.total} files ${Math.floor(share * 100)}%` +
      ` · ${Math.round(rate)} files/s · ETA ${left === undefined ? '--:--' : formatClockTime(left, Math.ceil)}`;
  }

  private draw(t = this.now()): void {
    this.lastDraw = t;
    const columns = this.out.columns ?? 80;
    this.out.write(`\r${this.line(t).slice(0, columns - 1)}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
