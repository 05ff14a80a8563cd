import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { checkstyle } from '../../src/report/checkstyle.js';
import { compact } from '../../src/report/compact.js';
import { csv, csvText } from '../../src/report/csv.js';
import { html } from '../../src/report/html.js';
import { formatResults } from '../../src/report/index.js';
import { junit } from '../../src/report/junit.js';
import { parseReportTargets, reportFileNamedAsPath } from '../../src/report/targets.js';
import type { LintResult } from '../../src/types.js';
import { lintDemo } from './fixtures.js';

const CONTEXT = { cwd: '.', color: false };

/** A result whose message carries everything a report must escape or guard. */
function hostile(): LintResult {
  const result = summarize('calls/a&b.txt', [
    { ruleId: 'p/r', severity: 2, message: '=HYPERLINK("x") <marquee>, "quoted"\nnext\u0007', line: 2, column: 3, excerpt: '-1+2', suggestion: '@SUM(A1)', speaker: 'agent' },
  ], { agent: '+王芳' });
  return { ...result, score: { points: 75, stars: 4, failed: false, critical: [] } };
}

describe('csv formatter', () => {
  it('writes a BOM, a header, CRLF rows, Chinese intact, and a row for each clean call', async () => {
    const { results, context } = await lintDemo();
    const text = csv(results, context);
    expect(text.startsWith('\uFEFFfile,line,column,severity,rule,message,speaker,excerpt,suggestion,agent,score,stars,failed\r\n')).toBe(true);
    const rows = text.slice(1).split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows).toContain('calls/王芳/0101.txt,3,8,warning,qa/no-evasion,不可推诿 「不知道」 → 「我先帮您咨询一下」,agent,不知道,我先帮您咨询一下,,0,1,true');
    expect(rows).toContain('calls/张敏/0301.txt,,,,,,,,,,100,5,false');
    expect(rows.length - 2).toBe(7 + 3); // seven problems, three clean calls
  });

  it('quotes by RFC 4180 and guards cells that a spreadsheet would run as formulas', () => {
    const line = csv([hostile()], CONTEXT).split('\r\n')[1];
    expect(line).toBe(`calls/a&b.txt,2,3,error,p/r,"'=HYPERLINK(""x"") <marquee>, ""quoted""\nnext\u0007",agent,'-1+2,'@SUM(A1),'+王芳,75,4,false`);
    expect(['=1', '+1', '-1', '@x', '\tx', 'a=b', '王=1'].map(csvText)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", 'a=b', '王=1']);
  });
});

describe('junit formatter', () => {
  it('writes a testsuite per file and a failure per problem, a passing case for a clean file, an error for an unlinted one', async () => {
    const { results, context } = await lintDemo({ extraFiles: ['missing.txt'] });
    const xml = junit(results, context);
    // The root carries no totals (the report is written as results arrive): the suites' own add up to the run's.
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites name="transcript-lint">\n/);
    expect(xml.match(/<testsuite /g)).toHaveLength(7);
    const total = (attribute: string): number => [...xml.matchAll(new RegExp(`<testsuite [^>]*\\b${attribute}="(\\d+)"`, 'g'))].reduce((sum, m) => sum + Number(m[1]), 0);
    expect([total('tests'), total('failures'), total('errors')]).toEqual([11, 7, 1]);
    expect(xml).toContain('<testsuite name="calls/王芳/0101.txt" tests="5" failures="5" errors="0" skipped="0" time="0">');
    expect(xml).toContain('<property name="score" value="0"/>');
    expect(xml).toContain('<testcase classname="calls/王芳/0101.txt" name="qa/no-evasion (3:8)" time="0">\n      <failure type="warning" message="不可推诿 「不知道」 → 「我先帮您咨询一下」">line 3, column 8');
    expect(xml).toContain('<testcase classname="calls/张敏/0301.txt" name="transcript-lint" time="0"/>');
    expect(xml).toMatch(/<testcase classname="missing.txt" name="transcript-lint \(0:0\)" time="0">\n {6}<error type="fatal"/);
  });

  it('escapes markup and writes characters XML cannot hold as U+FFFD', () => {
    const xml = junit([hostile(), summarize('calls/a\u0001b.txt', [])], CONTEXT);
    expect(xml).toContain('name="calls/a&amp;b.txt"');
    // A line break in an attribute is a character reference: a raw one is read back as a space.
    expect(xml).toContain('message="=HYPERLINK(&quot;x&quot;) &lt;marquee&gt;, &quot;quoted&quot;&#10;next\uFFFD"');
    expect(xml).toContain('<property name="meta.agent" value="+王芳"/>');
    expect(xml).not.toContain('\u0007');
    // Not calls/ab.txt, which may be another file.
    expect(xml).toContain('name="calls/a\uFFFDb.txt"');
  });
});

describe('checkstyle formatter', () => {
  it('writes a <file> per transcript and an <error> per problem', () => {
    const xml = checkstyle([hostile(), summarize('clean.txt', [])], CONTEXT);
    expect(xml).toBe('<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n' +
      '  <file name="calls/a&amp;b.txt">\n    <error line="2" column="3" severity="error" message="=HYPERLINK(&quot;x&quot;) &lt;marquee&gt;, &quot;quoted&quot;&#10;next\uFFFD" source="p/r"/>\n  </file>\n' +
      '  <file name="clean.txt"></file>\n</checkstyle>\n');
  });
});

describe('html formatter', () => {
  it('escapes every piece of transcript and message text, and lets only its own script run', async () => {
    const { results, context } = await lintDemo({ keepSource: true });
    const page = html([...results, { ...hostile(), source: 'x\n客服: <script>alert(1)</script>\n' }], context);
    expect(page).not.toMatch(/<script>(?!\n\(function)/);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<marquee>');
    expect(page).toContain('&lt;marquee&gt;');
    expect(page).toContain('客户</span>: 我要投诉&lt;script&gt;window.pwned = true&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned=true&quot;&gt;');
    const script = /<script>([\s\S]*)<\/script>/.exec(page)![1];
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from the network
  });

  it('escapes what a result holds beyond text, as a library caller may fill it: a turn\'s role was written into a class as it was', () => {
    const role = 'agent"><img src=x onerror=alert(1)>' as 'agent';
    const result = { ...hostile(), source: '1\n00:00:01,000 --> 00:00:02,000\n客服: 您好\n', turns: [{ role, label: '客服', lines: [[3, 5, 7] as [number, number, number]] }] };
    const page = html([result], CONTEXT);
    expect(page).not.toContain('<img');
    expect(page).toContain('<div class="line agent&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">');
  });

  it('shows the bidirectional controls of file names, transcripts and messages as escapes: a right-to-left override reordered the rest of the line it stood in', () => {
    const rlo = '\u202e';
    const result = summarize(`calls/invoice${rlo}txt.exe`, [
      { ruleId: 'p/r', severity: 2, message: `「不知道${rlo}」`, line: 1, column: 5, endLine: 1, endColumn: 8, excerpt: `不知道${rlo}` },
    ]);
    const page = html([{ ...result, source: `客服: 不知道${rlo} \u2066abc\u2069 ok\n` }], { ...CONTEXT, speakerRole: (label) => (label === '客服' ? 'agent' : undefined) });
    expect(page).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(page).toContain('calls/invoice\\u202etxt.exe');
    expect(page).toContain('\\u2066abc\\u2069 ok');
  });

  it('highlights problems where they stand, across overlapping and zero-width spans', () => {
    const result = summarize('a.txt', [
      { ruleId: 'p/long', severity: 1, message: 'long', line: 1, column: 5, endLine: 1, endColumn: 10 },
      { ruleId: 'p/inner', severity: 2, message: 'inner', line: 1, column: 7, endLine: 1, endColumn: 8, suggestion: '您好' },
      { ruleId: 'p/here', severity: 2, message: 'here', line: 2, column: 1, endLine: 2, endColumn: 1 },
    ]);
    const page = html([{ ...result, source: '客服: 一二三四五六\n\n' }], { ...CONTEXT, speakerRole: (label) => (label === '客服' ? 'agent' : undefined) });
    expect(page).toContain('<div class="line agent"><span class="ln">1</span><span class="tx"><span class="who">客服</span>: ' +
      '<mark class="warning" data-rule="p/long" data-severity="warning" title="long">一二</mark>' +
      '<mark class="warning" data-rule="p/long" data-severity="warning" title="long"><mark class="error" data-rule="p/inner" data-severity="error" title="inner → 您好">三</mark></mark>' +
      '<mark class="warning" data-rule="p/long" data-severity="warning" title="long">四五</mark>六</span></div>');
    expect(page).toContain('<span class="ln">2</span><span class="tx"><span class="caret error" data-rule="p/here" data-severity="error" title="here">▲</span></span></div>');
    expect(page).not.toContain('<span class="ln">3</span>');
  });

  it('counts one call, problem or star in the singular', () => {
    const result = summarize('a.txt', [{ ruleId: 'p/r', severity: 2, message: 'm', line: 1, column: 1 }]);
    const page = html([{ ...result, score: { points: 10, stars: 1, failed: true, critical: [] } }], CONTEXT);
    expect(page).toContain('1 problem in 1 call; click to show them');
    expect(page).toContain('1 / 1 call</span>');
    expect(page).toContain('1 call with 1 star (');
    expect(page).not.toMatch(/\b1 (calls|problems|stars)\b/);
  });
});

describe('report targets', () => {
  it('sends a format without a file to -o or stdout, and refuses two reports in one place', () => {
    expect(parseReportTargets([])).toEqual([{ format: 'stylish', file: undefined }]);
    expect(parseReportTargets(['stylish', 'json:out/r.json', 'html:C:\\r.html'])).toEqual([
      { format: 'stylish', file: undefined }, { format: 'json', file: 'out/r.json' }, { format: 'html', file: 'C:\\r.html' },
    ]);
    expect(parseReportTargets(['html', 'csv:r.csv'], 'r.html')).toEqual([{ format: 'html', file: 'r.html' }, { format: 'csv', file: 'r.csv' }]);
    expect(() => parseReportTargets(['stylish', 'json'])).toThrow('stylish and json would both go to standard output; give each report a file of its own, e.g. -f json:report.json');
    expect(() => parseReportTargets(['html', 'csv:r.html'], 'r.html')).toThrow('html and csv would both go to r.html');
    expect(() => parseReportTargets(['xml:r.xml'])).toThrow('unknown format "xml"; formats: stylish, compact, json, sarif, junit, checkstyle, csv, html');
    // An -o no report takes is said (until 2026-12-01 it was dropped: nothing written there, nothing on stdout).
    expect(() => parseReportTargets(['json:r.json', 'sarif:r.sarif'], 'r.txt')).toThrow('-o r.txt: every -f names a file of its own, so no report would go there; leave out -o, or add the format it is for without a file (-f stylish -o r.txt)');
    expect(() => parseReportTargets(['json:'])).toThrow('-f json:: name the file after the colon, e.g. -f json:report.json');
    // A path ending in a slash names a folder: the report was written as a file named like it (-o reports/ made reports).
    expect(() => parseReportTargets([], 'reports/')).toThrow('-o reports/: a path ending in "/" names a folder; name a file in it, e.g. -o reports/report.stylish');
    expect(() => parseReportTargets(['json:out/'])).toThrow('-f json:out/: a path ending in "/" names a folder; name a file in it, e.g. -f json:out/report.json');
    expect(() => parseReportTargets([], '')).toThrow('-o "": name a file, e.g. -o report.stylish');
  });

  it('tells a report file written as a path to lint (-f html report.html, the colon forgotten)', () => {
    const onStdout = (format: string) => parseReportTargets([format]);
    expect(reportFileNamedAsPath(onStdout('html'), ['calls/', 'report.html'])).toBe(
      'report.html looks like the html report\'s file, not a transcript: -f html sends the report to standard output and reads report.html as a transcript to lint; write -f html:report.html to put the report there');
    expect(reportFileNamedAsPath(onStdout('sarif'), ['out/Run.SARIF', 'calls'])).toContain('write -f sarif:out/Run.SARIF');
    expect(reportFileNamedAsPath(onStdout('junit'), ['junit.xml'])).toContain('-f junit:junit.xml');
    // Transcript names, reports with a file of their own, and formats whose files look like transcripts are left alone.
    expect(reportFileNamedAsPath(onStdout('html'), ['calls/a.txt', 'b.json', 'c.vtt'])).toBeUndefined();
    expect(reportFileNamedAsPath(parseReportTargets(['html:r.html']), ['r.html'])).toBeUndefined();
    expect(reportFileNamedAsPath(onStdout('json'), ['report.json'])).toBeUndefined();
    expect(reportFileNamedAsPath(onStdout('stylish'), ['report.html'])).toBeUndefined();
  });
});

describe('stylish: rules not evaluated', () => {
  it('are told by reason, and one with a reason it does not know (a library caller\'s result) still by name', () => {
    const results: LintResult[] = [
      summarize('a.txt', [], undefined, { 'p/hold': 'no-timestamps', 'p/apology': 'no-reply' }),
      { ...summarize('b.txt', []), notEvaluated: ['p/odd'], notEvaluatedReasons: { 'p/odd': 'later' as never } },
    ];
    const out = formatResults(results, 'stylish');
    expect(out).toContain('  not evaluated on 1 file without timestamps: p/hold\n');
    expect(out).toContain('  not evaluated on 1 file where the transcript ends before the reply the rule waits for: p/apology\n');
    expect(out).toContain('  not evaluated on 1 file: p/odd\n');
  });
});

describe('compact formatter, written as bytes', () => {
  /** What the CLI writes (resultBytes, each piece copied at once) and the text `result` gives, over the same results. */
  function both(results: readonly LintResult[]): { bytes: Buffer; text: string } {
    const asBytes = compact.stream!(CONTEXT);
    const asText = compact.stream!(CONTEXT);
    const pieces: Buffer[] = [];
    let text = '';
    for (const result of results) {
      pieces.push(Buffer.from(asBytes.resultBytes!(result)));
      text += asText.result!(result);
    }
    pieces.push(Buffer.from(asBytes.end!(), 'utf8'));
    return { bytes: Buffer.concat(pieces), text: text + asText.end!() };
  }

  it('writes the bytes of the text it gives, whatever the paths, messages and rule ids hold', async () => {
    const { results } = await lintDemo({ extraFiles: ['missing.txt'] });
    const odd = [
      hostile(),
      // A message met again with another rule, then another severity, then its first rule: each line its own.
      summarize('calls/\u001b[2J王.txt', [
        { ruleId: 'a/one', severity: 2, message: '重复 \u202e', line: 1, column: 1 },
        { ruleId: 'b/two', severity: 2, message: '重复 \u202e', line: 12, column: 100 },
        { ruleId: 'b/two', severity: 1, message: '重复 \u202e', line: 123456, column: 0 },
        { ruleId: 'a/one', severity: 2, message: '重复 \u202e', line: 4294967295, column: 7 },
        { ruleId: null, severity: 1, message: 'no rule', line: 3, column: 3 },
      ]),
      // Lone surrogates (written as U+FFFD), an astral character, and a path long enough to grow the buffer.
      summarize(`calls/${'长'.repeat(9000)}\ud800.txt`, [
        { ruleId: 'x/\udc00', severity: 2, message: '\ud83d\ude00 and \udbff', line: 2, column: 5 },
        { ruleId: 'x/\udc00', severity: 2, message: '\ud83d\ude00 and \udbff', line: 3, column: 5 },
      ]),
    ];
    // A library's result need not be of the linter's shape: numbers that are not whole, an undefined rule id.
    const loose = summarize('calls/loose.txt', []);
    // Its lines of the linter's shape after it still start with the path alone (the path's bytes copied, not the line before).
    loose.messages = [
      { ruleId: undefined, severity: 2, message: 'x', line: 1.5, column: -1 } as unknown as LintResult['messages'][number],
      { ruleId: 'r/y', severity: 2, message: 'y', line: 2, column: 3 },
      { ruleId: 'r/y', severity: 2, message: 'y', line: 4, column: 5 },
    ];
    loose.errorCount = 3;
    const all = [...results, ...odd, loose, ...results, ...odd];
    const { bytes, text } = both(all);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(text).toContain('calls/\\e[2J王.txt:12:100: error 重复 \\u202e [b/two]\n');
    expect(text).toContain('calls/\\e[2J王.txt:123456:0: warning 重复 \\u202e [b/two]\n');
    expect(text).toContain('calls/\\e[2J王.txt:4294967295:7: error 重复 \\u202e [a/one]\n');
    expect(text).toContain('calls/loose.txt:1.5:-1: error x\ncalls/loose.txt:2:3: error y [r/y]\ncalls/loose.txt:4:5: error y [r/y]\n');
    expect(text).toMatch(/\n\d+ problems\n$/);
  });
});
