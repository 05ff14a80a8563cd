// The reports of one run, open while it lints: each written as results arrive to its own place (stdout or a file),
// the --summary counted as they pass, so that memory stays flat over an archive whatever reports a run writes. Only
// the HTML report, which shows every transcript worst first, is written at the end, from its calls set aside on disk.
import { resolve } from 'node:path';
import { openStream, type FormatContext, type FormatStream } from '../report/formatter.js';
import { FORMATTERS } from '../report/index.js';
import { redactResult } from '../report/redact.js';
import { RunStats } from '../report/stats.js';
import { formatSummary } from '../report/summary.js';
import { CONSOLE_FORMATS, type ReportTarget } from '../report/targets.js';
import type { ResultSink } from '../runner/report-stream.js';
import type { LintResult } from '../types.js';
import { ReportOutput } from './output.js';
import { describeWriteError } from '../io/write-error.js';
import { SpooledHtml } from './spooled-html.js';

/** Reports on the terminal that name each file that could not be linted, in words a person reads. */
const READ_ON_TERMINAL: ReadonlySet<string> = new Set([...CONSOLE_FORMATS, 'compact']);

export interface ReportWritersOptions {
  targets: readonly ReportTarget[];
  cwd: string;
  /** What formatters are told, given whether the report may use colors. */
  context: (color: boolean) => FormatContext;
  /** Colors for what goes to the terminal (`toStdout`) or elsewhere. */
  color: (toStdout: boolean) => boolean;
  /** Standard output carries data for programs: the summary goes to standard error. */
  dataOnStdout: boolean;
  summary: boolean;
  redact: boolean;
  /** The reports meant for standard output go to standard error (standard output carries a fixed transcript). */
  toStderr: boolean;
  /** Called before anything is written to the terminal (to clear the progress bar). */
  beforeWrite: () => void;
  /** The reader of standard output went away, or no report can be written any more: stop the run. */
  onClosed: () => void;
  /** A report that cannot be written: said, and the run goes on with the others. */
  say: (message: string) => void;
}

interface OpenReport {
  target: ReportTarget;
  output: ReportOutput;
  /** Undefined for the HTML report, which is written from `html` at the end. */
  stream?: FormatStream;
  html?: SpooledHtml;
}

export class ReportWriters implements ResultSink {
  private readonly open: OpenReport[] = [];
  private readonly stats: RunStats | undefined;
  private readonly keepsSource: boolean;
  /** Some report could not be opened or written. */
  private failed = false;
  /**
   * No report a person reads is on the terminal — every report goes to a file, or stdout carries data (a cron job's
   * `-f jsonl > nightly.jsonl`, a Kubernetes shard's `-o`): the files that could not be linted are named on standard
   * error too, or the run ended with exit 2 and not a word of why in its log.
   */
  private readonly nothingOnTerminal: boolean;

  constructor(private readonly options: ReportWritersOptions) {
    const { targets, cwd, context, color } = options;
    this.keepsSource = targets.some((t) => t.format === 'html');
    this.stats = options.summary ? new RunStats(context(false).groupBy) : undefined;
    this.nothingOnTerminal = targets.every((t) => t.file !== undefined || !READ_ON_TERMINAL.has(t.format));
    for (const target of targets) {
      let output: ReportOutput;
      try {
        output = new ReportOutput(target.file === undefined ? undefined : resolve(cwd, target.file), options.onClosed, options.toStderr);
      } catch (err) {
        this.fail(target, err as NodeJS.ErrnoException);
        continue;
      }
      const reportContext = context(target.file === undefined && color(true));
      if (target.format === 'html') this.open.push({ target, output, html: new SpooledHtml(reportContext, output.folder) });
      else this.open.push({ target, output, stream: openStream(FORMATTERS.get(target.format)!, reportContext) });
    }
  }

  /** Whether nothing can be reported: every report failed to open, and there is no summary. */
  get none(): boolean {
    return this.open.length === 0 && !this.stats;
  }

  /** The reader of standard output went away. */
  get closed(): boolean {
    return this.open.some((r) => r.output.closed);
  }

  start(): void {
    for (const { stream, output } of this.open) this.write(output, stream?.start?.());
  }

  result(given: LintResult): void {
    const result = this.options.redact ? redactResult(given) : given;
    this.stats?.add(result);
    if (this.nothingOnTerminal && result.fatalErrorCount > 0) this.nameFatal(result);
    // The transcript's text is for the HTML report only.
    const shown = this.keepsSource && result.source !== undefined ? withoutSource(result) : result;
    for (const { stream, output, html } of this.open) {
      if (html) this.setAside(html, output, result);
      else this.write(output, stream!.resultBytes ? stream!.resultBytes(shown) : stream!.result?.(shown));
    }
  }

  end(): void {
    for (const { stream, output, html } of this.open) {
      if (!html) this.write(output, stream!.end?.());
      else if (output.failure || output.closed) html.close();
      else {
        try {
          for (const piece of html.pieces()) {
            if (output.failure || output.closed) break;
            this.write(output, piece);
          }
        } catch (err) {
          output.fail(err as NodeJS.ErrnoException);
        }
      }
    }
  }

  /**
   * Close every report, then write the summary: after a console report on stdout, or on stderr when stdout carries
   * data for programs. Returns false when some report could not be written.
   */
  close(): boolean {
    for (const { output, target } of this.open) {
      output.end();
      if (output.failure) this.fail(target, output.failure);
    }
    if (this.stats && !this.closed) {
      const { dataOnStdout, color } = this.options;
      const summary = formatSummary(this.stats, this.options.context(!dataOnStdout && color(true)));
      this.options.beforeWrite();
      if (dataOnStdout) process.stderr.write(summary);
      else {
        const toStdout = this.open.some((r) => r.target.file === undefined);
        (this.options.toStderr ? process.stderr : process.stdout).write((toStdout ? '\n' : '') + summary);
      }
    }
    return !this.failed;
  }

  private nameFatal(result: LintResult): void {
    this.options.beforeWrite();
    for (const m of result.messages) if (m.fatal) this.options.say(`${result.filePath}:${m.line}:${m.column}: error ${m.message}`);
  }

  /** The HTML report's call, set aside; where it cannot be (a full disk), that report fails. */
  private setAside(html: SpooledHtml, output: ReportOutput, result: LintResult): void {
    if (output.failure || output.closed) return;
    try {
      html.add(result);
    } catch (err) {
      html.close();
      output.fail(err as NodeJS.ErrnoException);
      this.stopIfNoneLeft(output);
    }
  }

  private write(output: ReportOutput, piece: string | Uint8Array | undefined): void {
    if (!piece?.length) return;
    this.options.beforeWrite();
    if (typeof piece === 'string') output.write(piece);
    else output.writeBytes(piece);
    this.stopIfNoneLeft(output);
  }

  private stopIfNoneLeft(output: ReportOutput): void {
    // The last report that could be written could not (a full disk), and there is no summary: nothing to go on for.
    if (output.failure && !this.stats && this.open.every((r) => r.output.failure)) this.options.onClosed();
  }

  private fail(target: ReportTarget, err: NodeJS.ErrnoException): void {
    this.failed = true;
    this.options.say(`cannot write the ${target.format} report to ${target.file}: ${describeWriteError(err)}`);
  }
}

function withoutSource(result: LintResult): LintResult {
  const { source: _text, turns: _turns, ...rest } = result;
  return rest;
}
