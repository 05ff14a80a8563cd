import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { sarif } from '../../src/report/sarif.js';
import { lintDemo } from './fixtures.js';

// The SARIF 2.1.0 schema (final, rtm.5) as Microsoft's SARIF jest matchers ship it (MIT); it is draft-04.
const require = createRequire(import.meta.url);
const schemaFile = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
// unicodeRegExp off: the schema's pattern for `language` is not valid with the u flag.
// (CommonJS modules: Node's default import is their module.exports, whose `default` is the class and the plugin.)
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

describe('sarif formatter', () => {
  it('writes a log that the SARIF 2.1.0 schema accepts, with a file that could not be linted', async () => {
    const { results, context } = await lintDemo({ extraFiles: ['missing.txt'] });
    const log = JSON.parse(sarif(results, context)) as Log;
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    expect(validateSarif({ ...log, runs: [{ ...log.runs[0], columnKind: 'characters' }] })).toBe(false); // the check can fail
    const run = log.runs[0];
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(run.tool.driver.version).toBe('9.9.9');
    expect(run.invocations?.[0].executionSuccessful).toBe(false);
    expect(run.invocations?.[0].toolExecutionNotifications?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('missing.txt');
  });

  it('percent-encodes every character of a file name that a URI reads as something else (# ? %, a backslash on POSIX)', async () => {
    // Until 2026-12-01 "c#d.txt" was the URI c#d.txt (file c, fragment d.txt), "g?h.txt" a query, and a POSIX name
    // with a backslash became a folder and a file (back/slash.txt).
    const { context } = await lintDemo();
    const names = ['c#d.txt', 'g?h.txt', 'e%20f.txt', 'a b.txt', 'calls/王芳/0101.txt', ...(process.platform === 'win32' ? [] : ['back\\slash.txt'])];
    const results = names.map((filePath) => ({ filePath, messages: [{ ruleId: 'qa/no-evasion', severity: 1 as const, message: 'm', line: 1, column: 1 }], suppressedMessages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [] }));
    const log = JSON.parse(sarif(results, context)) as Log;
    const uris = log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri!);
    expect(uris.map((uri) => new URL(uri, 'file:///base/').pathname).map(decodeURIComponent)).toEqual(names.map((n) => `/base/${n}`));
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
  });

  it('describes every active rule: message, norm source, kind, weight, critical', async () => {
    const { results, context } = await lintDemo();
    const rules = (JSON.parse(sarif(results, context)) as Log).runs[0].tool.driver.rules!;
    const evasion = rules.find((r) => r.id === 'qa/no-evasion')!;
    expect(evasion).toMatchObject({
      name: 'no-evasion',
      shortDescription: { text: '不可推诿' },
      defaultConfiguration: { level: 'warning', enabled: true },
      properties: { kind: 'banned', source: '004 二星级 2', weight: 2, critical: false },
    });
    expect(rules.find((r) => r.id === 'qa/no-hangup-threat')?.properties?.critical).toBe(true);
  });

  it('places each problem with region, snippet, suggestion and its proposed change, under a percent-encoded relative URI', async () => {
    const { results, context } = await lintDemo();
    const log = JSON.parse(sarif(results, context)) as Log;
    const run = log.runs[0];
    const evasion = run.results!.find((r) => r.ruleId === 'qa/no-evasion' && r.locations![0].physicalLocation!.region!.startLine === 3)!;
    const location = evasion.locations![0].physicalLocation!;
    expect(location.artifactLocation).toEqual({ uri: encodeURI('calls/王芳/0101.txt'), uriBaseId: '%SRCROOT%' });
    expect(location.region).toEqual({ startLine: 3, startColumn: 8, endLine: 3, endColumn: 11, snippet: { text: '不知道' } });
    expect(evasion.level).toBe('warning');
    expect(evasion.properties).toEqual({ speaker: 'agent', suggestion: '我先帮您咨询一下' });
    expect(run.tool.driver.rules![evasion.ruleIndex!].id).toBe('qa/no-evasion');
    // A suggestion (the pack gives no fix: entry): placed by offset, since a change may reach beyond the problem.
    const source = '客服: 什么事？\n客户: 我的账单好像不对。\n客服: 这个我不知道。\n';
    const [replacement] = evasion.fixes![0].artifactChanges[0].replacements;
    expect(evasion.fixes![0].description).toEqual({ text: '我先帮您咨询一下' });
    expect(source.slice(replacement.deletedRegion!.charOffset!, replacement.deletedRegion!.charOffset! + replacement.deletedRegion!.charLength!)).toBe('不知道');
    expect(replacement.insertedContent).toEqual({ text: '我先帮您咨询一下' });
  });

  it('is written as results arrive, as the whole log indented by JSON.stringify, with no result or with several', async () => {
    const { results, context } = await lintDemo({ extraFiles: ['missing.txt'] });
    for (const some of [results, [], results.filter((r) => !r.messages.length)]) {
      const text = sarif(some, context);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(validateSarif(JSON.parse(text)), ajv.errorsText(validateSarif.errors)).toBe(true);
    }
    const run = (JSON.parse(sarif(results, context)) as Log).runs[0];
    expect(Object.keys(run)).toEqual(['tool', 'originalUriBaseIds', 'columnKind', 'results', 'invocations']);
    expect(run.results).toHaveLength(results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId !== null).length, 0));
    expect(run.invocations?.[0].toolExecutionNotifications).toHaveLength(1);
  });
});
