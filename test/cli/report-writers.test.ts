import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    process.stderr.write = ((text: string) => stderr.push(text)) as typeof process.stderr.write;
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

  it('formats each result on arrival: one changed after it was reported changes no report but html', async () => {
    const linted = await lintDemo();
    const writers = writersFor(linted, [{ format: 'json', file: 'a.json' }, { format: 'csv', file: 'a.csv' }, { format: 'html', file: 'a.html' }]);
    const sent = linted.results.map((r) => structuredClone(r));
    writers.start();
    for (const result of sent) writers.result(result);
    for (const result of sent) result.filePath = `changed/${result.filePath}`;
    writers.end();
    writers.close();
    expect(readFileSync(join(linted.folder, 'a.json'), 'utf8')).not.toContain('changed/');
    expect(readFileSync(join(linted.folder, 'a.csv'), 'utf8')).not.toContain('changed/');
    expect(readFileSync(join(linted.folder, 'a.html'), 'utf8')).toContain('changed/');
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
