import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../src/report/index.js';
import { redactResult, redactText } from '../src/report/redact.js';
import type { LintResult } from '../src/types.js';
import { packWith, runCli, tempDir, type CliRun } from './helpers.js';

const CARD = '6222021234567894';
const ID = '11010519491231002X';
const MOBILE = '13812345678';

const PACK = packWith(`rules:
  no-pii: { kind: pii }
  card-readback: { kind: banned, speaker: agent, phrases: ["卡号是{n}", "身份证号{n}"], message: 不得复述 }
`);
const TRANSCRIPT = `客服: 您好，请问有什么可以帮您？
客户: 我的卡号是 6222 0212 3456 7894，身份证 ${ID}
客服: 好的，您的卡号是${CARD}，身份证号${ID.slice(0, 17)}x，手机一三八一二三四五六七八
`;

/** The report with separators taken out, so that "6222 0212 …" counts as the full number too. */
function leaks(report: string): string[] {
  const squeezed = report.replace(/[\s\-]/g, '').toUpperCase();
  return [CARD, ID, MOBILE, '一三八一二三四五六七八'].filter((n) => squeezed.includes(n));
}

describe('--redact', () => {
  const dir = tempDir({ 'pack.yaml': PACK, 'calls/call-1.txt': TRANSCRIPT });
  // Each CLI run once: they are the slow part of this file.
  const runs = new Map<string, CliRun>();
  const run = (format: string, redact: boolean): CliRun => {
    const key = `${format} ${redact}`;
    if (!runs.has(key)) runs.set(key, runCli(['--no-config-lookup', '--pack', './pack.yaml', '-f', format, ...(redact ? ['--redact'] : []), 'calls/'], { cwd: dir }));
    return runs.get(key)!;
  };

  it('without --redact the report quotes the numbers (so the checks below can fail)', () => {
    const plain = run('json', false);
    expect(plain.status).toBe(1);
    expect(leaks(plain.stdout)).toEqual([CARD, ID, '一三八一二三四五六七八']);
  });

  for (const format of FORMATTERS.keys()) {
    it(`masks card, ID and phone numbers in the ${format} report`, () => {
      const redacted = run(format, true);
      expect(redacted.status).toBe(1);
      expect(leaks(redacted.stdout)).toEqual([]);
      expect(readFileSync(join(dir, 'calls/call-1.txt'), 'utf8')).toBe(TRANSCRIPT);
    });
  }

  it('keeps the last four digits and the places of problems', () => {
    const [plain] = JSON.parse(run('json', false).stdout) as LintResult[];
    const [redacted] = JSON.parse(run('json', true).stdout) as LintResult[];
    expect(redacted.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual(plain.messages.map((m) => [m.ruleId, m.line, m.column]));
    const excerpts = redacted.messages.map((m) => m.excerpt);
    expect(excerpts).toContain('**** **** **** 7894');
    expect(excerpts).toContain('**************002X');
    expect(excerpts).toContain('*******五六七八');
  });
});

describe('redactText', () => {
  it('masks long numbers in any writing, and the name part of e-mail addresses', () => {
    expect(redactText('卡号 6222-0212-3456-7894 好的')).toBe('卡号 ****-****-****-7894 好的');
    expect(redactText('电话１３８１２３４５６７８')).toBe('电话*******５６７８');
    expect(redactText('邮箱 zhang.san@example.com')).toBe('邮箱 z********@example.com');
  });

  it('leaves short numbers, times and prices alone', () => {
    expect(redactText('工号 1024，10:30 到账 199.00 元，尾号 7894')).toBe('工号 1024，10:30 到账 199.00 元，尾号 7894');
  });

  it('masks every quoted field of a result, including fields it does not know, and never the file path', () => {
    const result = {
      filePath: `calls/${MOBILE}.txt`,
      messages: [{ ruleId: 'a/b', severity: 2, message: `「${CARD}」`, line: 1, column: 1, excerpt: CARD, suggestion: CARD }],
      source: `客户: ${CARD}`,
      meta: { caller: MOBILE },
    } as unknown as LintResult;
    const redacted = redactResult(result) as unknown as Record<string, unknown>;
    expect(JSON.stringify(redacted)).not.toContain(CARD);
    expect(redacted.source).toBe('客户: ************7894');
    expect(redacted.filePath).toBe(`calls/${MOBILE}.txt`);
    expect(result.messages[0].excerpt).toBe(CARD);   // the original is not changed
  });
});
