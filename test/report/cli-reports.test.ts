// The reports from the real CLI: several at once, the summary, grouping, and what happens when one cannot be written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { groupKey, parseGroupBy } from '../../src/report/group-by.js';
import { runCli } from '../helpers.js';
import { demoFolder } from './demo-calls.js';

const SUMMARY = `Problems by rule
  rule                 calls  problems
  qa/no-evasion            2         2  ██████████████████████████████
  qa/no-shenme-shi         2         2  ██████████████████████████████
  qa/farewell-last         1         1  ███████████████
  qa/greet-first           1         1  ███████████████
  qa/no-hangup-threat      1         1  ███████████████

Scores: 6 calls graded, average 75, 1 failed
  ★★★★★  90–100   3  ██████████████████████████████
  ★★★★☆  75–89.9  1  ██████████
  ★★★☆☆  60–74.9  1  ██████████
  ★★☆☆☆  40–59.9  0
  ★☆☆☆☆  0–39.9   1  ██████████

By agent, lowest average score first
  agent  calls  average  failed  worst rules (calls)
  王芳       2     33.4       1  qa/no-evasion (2), qa/farewell-last (1), qa/greet-first (1)
  李强       2     91.7       0  qa/no-shenme-shi (1)
  张敏       2    100.0       0
`;

describe('reports from the CLI', () => {
  it('writes the console report, the summary per agent and four files in one run', () => {
    const folder = demoFolder();
    const run = runCli(['calls', '-f', 'stylish', '-f', 'json:out/r.json', '-f', 'csv:out/r.csv', '-f', 'junit:out/r.xml', '-f', 'html:out/r.html',
      '--group-by', 'agent=path:calls/([^/]+)/'], { cwd: folder });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('✖ 7 problems (5 errors, 2 warnings) in 3 of 6 files\n  4 suggestions wait: --fix --interactive asks about each, --fix --fix-type suggestion applies them all\n\n' + SUMMARY);
    const json = JSON.parse(readFileSync(join(folder, 'out/r.json'), 'utf8')) as { filePath: string; score: unknown; source?: string }[];
    expect(json.find((r) => r.filePath === 'calls/王芳/0102.txt')?.score).toEqual({ points: 66.7, stars: 3, failed: false, critical: [] });
    expect(json.every((r) => r.source === undefined)).toBe(true); // the transcript text goes to the HTML report only
    expect(readFileSync(join(folder, 'out/r.csv'), 'utf8')).toContain('\r\ncalls/王芳/0102.txt,3,5,warning,qa/no-evasion,');
    expect(readFileSync(join(folder, 'out/r.xml'), 'utf8')).toContain('<testsuite name="calls/王芳/0102.txt" tests="1" failures="1" errors="0"');
    expect(readFileSync(join(folder, 'out/r.html'), 'utf8')).toContain('<span class="tx"><span class="who">客服</span>: 这个我<mark class="warning" data-rule="qa/no-evasion"');
  });

  it('keeps the summary out of data on stdout, and still writes the other reports when one file cannot be', () => {
    const folder = demoFolder();
    writeFileSync(join(folder, 'blocked'), 'a file where a folder should be');
    const run = runCli(['calls', '-f', 'json', '-f', 'csv:blocked/r.csv', '-f', 'sarif:r.sarif', '--summary', '--quiet'], { cwd: folder });
    expect(run.status).toBe(2);
    const json = JSON.parse(run.stdout) as { warningCount: number; score: { points: number } }[];
    expect(json.map((r) => r.score.points).sort((a, b) => a - b)).toEqual([0, 66.7, 83.3, 100, 100, 100]); // graded before --quiet
    expect(json.every((r) => r.warningCount === 0)).toBe(true);
    expect(run.stderr).toMatch(/^transcript-lint: cannot write the csv report to blocked\/r\.csv: a file stands where a folder of that path should be; choose another path\nProblems by rule\n/);
    expect(run.stderr).not.toContain('By agent');
    expect(readFileSync(join(folder, 'r.sarif'), 'utf8')).toContain('"version": "2.1.0"');
  });

  it('refuses two reports on stdout and a scorecard out of order, exit 2', () => {
    const folder = demoFolder();
    const twice = runCli(['calls', '-f', 'stylish', '-f', 'json'], { cwd: folder });
    expect(twice).toMatchObject({ status: 2, stdout: '' });
    expect(twice.stderr).toBe('transcript-lint: stylish and json would both go to standard output; give each report a file of its own, e.g. -f json:report.json\n');
    writeFileSync(join(folder, 'transcript-lint.yaml'), 'extends: [zh-callcenter]\nscorecard:\n  stars: [40, 60, 75, 90]\n');
    const badCard = runCli(['calls', '--summary'], { cwd: folder });
    expect(badCard).toMatchObject({ status: 2, stdout: '' });
    expect(badCard.stderr).toMatch(/^transcript-lint\.yaml:3:\d+: star thresholds must go from highest to lowest/);
  });
});

describe('--group-by', () => {
  it('groups by metadata or by a capture from the path, and explains a bad pattern', () => {
    const result = { ...summarize('calls\\team-a\\x.txt', []), meta: { agent: '王芳', team: 'A' } };
    expect(groupKey(result, parseGroupBy('agent'))).toBe('王芳');
    expect(groupKey(result, parseGroupBy('meta:shift'))).toBeUndefined();
    expect(groupKey(result, parseGroupBy('path:calls/([^/]+)/'))).toBe('team-a'); // Windows separators read as /
    expect(groupKey(result, parseGroupBy('path:x\\.txt$'))).toBe('x.txt');
    expect(parseGroupBy('agent')).toMatchObject({ kind: 'meta', key: 'agent', label: 'agent' });
    expect(parseGroupBy('meta:team')).toMatchObject({ kind: 'meta', key: 'team', label: 'team' });
    expect(parseGroupBy('坐席=meta:agent_id')).toMatchObject({ kind: 'meta', key: 'agent_id', label: '坐席' });
    expect(parseGroupBy('path:calls/([^/]+)/')).toMatchObject({ kind: 'path', label: 'group' });
    expect(() => parseGroupBy('path:calls/([')).toThrow(/--group-by path:calls\/\(\[: not a valid regular expression .*RE2 syntax/);
    expect(() => parseGroupBy('who knows')).toThrow('--group-by who knows: expected agent, meta:FIELD or path:REGEX');
  });
});
