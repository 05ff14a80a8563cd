// The HTML report over a run of any size. The page opens with figures over every call and lists the calls worst
// first, so nothing can be written before the last result; instead of keeping every result with its transcript
// (462 MB over 100,000 calls), each call is rendered as it arrives and set aside on disk, and the page is written at
// the end: its head, then the calls copied back in the page's order. What stays in memory is three numbers a call.
import { tmpdir } from 'node:os';
import type { FormatContext } from '../report/formatter.js';
import { HtmlPage, htmlPieces, OPEN_UP_TO, pageRank } from '../report/html.js';
import { RunStats } from '../report/stats.js';
import { Spool } from '../io/spool.js';
import type { LintResult } from '../types.js';

/** Per call, where it was set aside and its rank, in one growing array: 24 bytes a call (an object with its path
 * was ~200, most of the report's memory over 100,000 calls). */
const OFFSET = 0;
const LENGTH = 1;
const RANK = 2;
const SLOTS = 3;

export class SpooledHtml {
  private readonly page: HtmlPage;
  private readonly stats: RunStats;
  /** The first results, kept while the page may still be small enough to show its calls open (htmlPieces). */
  private early: LintResult[] | undefined = [];
  private spool: Spool | undefined;
  private calls = new Float64Array(SLOTS * 1024);
  private count = 0;

  /** `folder`: where the calls are set aside (the report file's folder, which must hold the page anyway); the
   * system's temporary folder when undefined (standard output, a FIFO or device) or when it takes no new file. */
  constructor(private readonly context: FormatContext, private readonly folder: string | undefined) {
    this.page = new HtmlPage(context);
    this.stats = new RunStats(this.page.groupBy);
  }

  /** Throws where the calls cannot be set aside (a full disk). */
  add(result: LintResult): void {
    this.stats.add(result);
    if (this.early) {
      this.early.push(result);
      if (this.early.length <= OPEN_UP_TO) return;
      const early = this.early;
      this.early = undefined;
      this.spool = openSpool(this.folder);
      for (const kept of early) this.setAside(kept);
      return;
    }
    this.setAside(result);
  }

  /** The page, a piece at a time; the spool is closed after the last. */
  *pieces(): Generator<string | Uint8Array> {
    if (this.early) {
      yield* htmlPieces(this.early, this.context);
      return;
    }
    const spool = this.spool!;
    try {
      yield this.page.head(this.stats);
      const calls = this.calls;
      // The page's order (htmlPieces): by rank, then in the order the calls arrived.
      const order = Uint32Array.from({ length: this.count }, (_, i) => i).sort((a, b) => calls[a * SLOTS + RANK] - calls[b * SLOTS + RANK] || a - b);
      for (let i = 0; i < order.length; i++) {
        if (i) yield '\n';
        const at = order[i] * SLOTS;
        yield spool.read({ offset: calls[at + OFFSET], length: calls[at + LENGTH] });
      }
      yield this.page.end();
    } finally {
      this.close();
    }
  }

  /** Remove what was set aside (also when the report is abandoned). */
  close(): void {
    this.spool?.close();
    this.spool = undefined;
  }

  private setAside(result: LintResult): void {
    // The call's place among the results makes its element ids unique, as in htmlPieces.
    const { offset, length } = this.spool!.append(this.page.call(result, this.count, false));
    if ((this.count + 1) * SLOTS > this.calls.length) {
      const grown = new Float64Array(this.calls.length * 2);
      grown.set(this.calls);
      this.calls = grown;
    }
    const at = this.count++ * SLOTS;
    this.calls[at + OFFSET] = offset;
    this.calls[at + LENGTH] = length;
    this.calls[at + RANK] = pageRank(result);
  }
}

function openSpool(folder: string | undefined): Spool {
  if (folder) {
    try {
      return new Spool(folder);
    } catch {
      // it took the report's temporary file but takes no more (a quota): the system's temporary folder
    }
  }
  return new Spool(tmpdir());
}
