import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ReportWriters, type ReportWritersOptions } from '../../src/cli/report-writers.js';
import { FORMATTERS } from '../../src/report/index.js';
import { formatSummary } from '../../src/report/summary.js';
import { parseGroupBy } from '../../src/report/group-by.js';
import type { LintResult } from '../../src/types.js';
import type { ReportTarget } from '../../src/report/targets.js';
import { lintDemo, type Linted } from '../report/fixtures.js';

const FILE_FORMATS = ['json', 'jsonl', 'sarif', 'junit', 'checkstyle', 'csv', 'compact', 'stylish', 'html'];

/** Writers of `targets` under `folder`, on stderr what stdout does not take; `say` collects what they say. */
function writersFor(linted: Linted, targets: ReportTarget[], said: string[] = [], options: Partial<ReportWritersOptions> = {}): ReportWriters {
  const { folder, context } = linted;
  return new ReportWriters({
    targets, cwd: folder, context: (color) => ({ ...context, color }), color: () => false, dataOnStdout: true, summary: false,
    redact: false, toStderr: false, beforeWrite: () => {}, onClosed: () => {}, say: (m) => said.push(m), ...options,
  });
}

/** Report `results` through the writers; whether every report was written. */
function reportAll(writers: ReportWriters, results: readonly LintResult[]): boolean {
  writers.start();
  for (const result of results) writers.result(result);
  writers.end();
  return writers.close();
}

/** `count` results from the demo's, each with a path of its own. */
function manyResults(results: readonly LintResult[], count: number): LintResult[] {
  return Array.from({ length: count }, (_, i) => ({ ...results[i % results.length], filePath: `calls/${String(i).padStart(3, '0')}/${results[i % results.length].filePath}` }));
}

/** What `run` writes to standard output. */
function captureStdout(run: () => void): string {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    run();
  } finally {
    process.stdout.write = write;
  }
  return written.join('');
}

describe('the reports of a run', () => {
  it('are written from each result as it arrives (nothing kept but for html), the same as formatted at once, with the summary', async () => {
    const linted = await lintDemo({ keepSource: true });
    const { folder, results, context } = linted;
    const groupBy = parseGroupBy('agent=path:calls/([^/]+)/');
    const said: string[] = [];
    const targets = FILE_FORMATS.map((format) => ({ format, file: `out/r.${format}` }));
    const writers = writersFor({ ...linted, context: { ...context, groupBy } }, targets, said, { summary: true });
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => {
      stderr.push(text);
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(reportAll(writers, results.map((r) => structuredClone(r)))).toBe(true);
    } finally {
      process.stderr.write = write;
    }
    expect(said).toEqual([]);
    const shown = results.map(({ source: _s, turns: _t, ...rest }) => rest as LintResult);
    for (const format of FILE_FORMATS) {
      const expected = FORMATTERS.get(format)!(format === 'html' ? results : shown, { ...context, groupBy });
      expect(readFileSync(join(folder, `out/r.${format}`), 'utf8'), format).toBe(expected);
    }
    expect(stderr.join('')).toBe(formatSummary(shown, { ...context, groupBy }));
  });

  it('formats each result on arrival: one changed after it was reported changes no report, html included once it has more calls than it shows open', async () => {
    const linted = await lintDemo({ keepSource: true });
    const many = manyResults(linted.results, 25);
    const writers = writersFor(linted, [{ format: 'json', file: 'a.json' }, { format: 'csv', file: 'a.csv' }, { format: 'html', file: 'a.html' }]);
    const sent = many.map((r) => structuredClone(r));
    writers.start();
    for (const result of sent) writers.result(result);
    for (const result of sent) result.filePath = `changed/${result.filePath}`;
    writers.end();
    writers.close();
    for (const file of ['a.json', 'a.csv', 'a.html']) expect(readFileSync(join(linted.folder, file), 'utf8'), file).not.toContain('changed/');
  });

  it('write a long html report from its calls set aside on disk: the same page, in its order, and nothing left behind', async () => {
    const linted = await lintDemo({ keepSource: true });
    const { folder, context } = linted;
    // Some calls not linted (ranked first) and clean ones (last); paths out of order, kept so among calls of one rank.
    const many = manyResults(linted.results, 60).reverse();
    many[7] = { ...many[7], score: undefined, fatalErrorCount: 1 };
    const groupBy = parseGroupBy('agent=path:calls/([^/]+)/');
    // A report on standard output sets its calls aside in the system's temporary folder: one of this test's own.
    const temporary = join(folder, 'tmp');
    mkdirSync(temporary);
    vi.stubEnv('TMPDIR', temporary);
    for (const file of ['out/r.html', undefined]) {
      const writers = writersFor({ ...linted, context: { ...context, groupBy } }, [{ format: 'html', file }]);
      const stdout = captureStdout(() => {
        writers.start();
        for (const result of many) writers.result(result);
        // Removed as soon as it was opened.
        expect(readdirSync(join(folder, 'out')).filter((name) => name.endsWith('.spool'))).toEqual([]);
        expect(readdirSync(temporary)).toEqual([]);
        writers.end();
        expect(writers.close()).toBe(true);
      });
      const page = file ? readFileSync(join(folder, file), 'utf8') : stdout;
      expect(page, file ?? 'stdout').toBe(FORMATTERS.get('html')!(many, { ...context, groupBy }));
      expect(page.match(/<article /g)).toHaveLength(60);
    }
    expect(readdirSync(join(folder, 'out'))).toEqual(['r.html']);
    expect(readdirSync(temporary)).toEqual([]);
    vi.unstubAllEnvs();
  });

  it('say which report cannot be written, and still write the others', async () => {
    const linted = await lintDemo();
    const said: string[] = [];
    const writers = writersFor(linted, [{ format: 'json', file: 'calls' }, { format: 'csv', file: 'ok.csv' }], said);
    expect(writers.none).toBe(false);
    expect(reportAll(writers, linted.results)).toBe(false);
    expect(said).toEqual(['cannot write the json report to calls: that is a folder; name a file']);
    expect(readFileSync(join(linted.folder, 'ok.csv'), 'utf8')).toBe(FORMATTERS.get('csv')!(linted.results, linted.context));
  });

  it.skipIf(!existsSync('/dev/full'))('say when the disk of a report fills during the run, and go on with the others', async () => {
    const linted = await lintDemo();
    const said: string[] = [];
    const writers = writersFor(linted, [{ format: 'json', file: '/dev/full' }, { format: 'csv', file: 'ok.csv' }], said);
    expect(reportAll(writers, linted.results)).toBe(false);
    expect(said).toEqual(['cannot write the json report to /dev/full: the disk is full; free some space or choose another disk']);
    expect(readFileSync(join(linted.folder, 'ok.csv'), 'utf8')).toBe(FORMATTERS.get('csv')!(linted.results, linted.context));
  });

  it.skipIf(!existsSync('/dev/full'))('stop the run when no report is left to write, and not before', async () => {
    const linted = await lintDemo();
    for (const [targets, summary, stops] of [[['/dev/full'], false, true], [['/dev/full', 'ok.json'], false, false], [['/dev/full'], true, false]] as const) {
      let stopped = false;
      const writers = writersFor(linted, targets.map((file) => ({ format: 'json', file })), [], { summary, onClosed: () => (stopped = true) });
      writers.start();
      // More than the output's buffer, so that a write is tried before the end.
      for (let i = 0; i < 200; i++) for (const result of linted.results) writers.result(result);
      expect(stopped, `${targets.join(' ')}${summary ? ' --summary' : ''}`).toBe(stops);
      writers.end();
      writers.close();
    }
  });
});
