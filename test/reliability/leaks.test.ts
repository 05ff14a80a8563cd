// Reliability, leaks (item 8): --redact masks every way a number is written, in all nine formats and in
// --fix-dry-run; the pii rule hears a number read out in comma-separated groups; the baseline (committed to version
// control) holds keyed hashes of problem texts, never the texts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/report/redact.js';
import { findPii } from '../../src/text/pii-detect.js';
import { packWith, runCli, tempDir } from '../helpers.js';

/** Each shape of a number the attack run found unmasked. */
const SHAPES = ['138.1234.5678', '138/1234/5678', '138、1234、5678', 'tel13812345678', '13812345678abc', '幺三八，幺二三四，五六七八',
  '6222.0202.0011.2233.446', '6,222,020,201,122,334,46'];
/** The digits that must not survive: all but the last four of each shape (as written). */
const LEAKS = ['138.1234', '138/1234', '138、1234', '1381234', '幺三八，幺二三四', '6222.0202', '6,222,020'];

// Each shape is quoted by a banned rule (so it reaches every report); the agent's 不知道 has a suggestion.
const PACK = packWith(`rules:
  quote:
    kind: banned
    speaker: customer
    phrases: [${SHAPES.map((shape) => JSON.stringify(shape)).join(', ')}]
    message: 客户说
  idk:
    kind: banned
    speaker: agent
    phrases: [不知道]
    suggest: 我帮您查一下
    message: 不要说
`);
const CALL = `客服: 您好，这个不知道\n${SHAPES.map((shape) => `客户: 号码是 ${shape} 对吧\n`).join('')}`;
const FORMATS = ['stylish', 'compact', 'json', 'jsonl', 'sarif', 'junit', 'checkstyle', 'csv', 'html'];

/** Every format's report of one run, by format. */
function reports(dir: string, extra: string[]): Record<string, string> {
  const run = runCli(['--pack', './pack.yaml', ...FORMATS.flatMap((format) => ['-f', `${format}:out/${format}`]), ...extra, 'call.txt'], { cwd: dir });
  expect(run.status).toBe(1);
  return Object.fromEntries(FORMATS.map((format) => [format, readFileSync(join(dir, 'out', format), 'utf8')]));
}

describe('item 8: --redact', () => {
  it('masks each shape but its last four digits', () => {
    for (const shape of SHAPES) {
      const masked = redactText(shape);
      expect(masked, shape).not.toBe(shape);
      expect(LEAKS.some((leak) => masked.includes(leak)), masked).toBe(false);
    }
  });

  it('leaves none of them in any of the nine formats (and without --redact every format has them)', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'call.txt': CALL });
    const plain = reports(dir, []);
    for (const format of FORMATS) expect(LEAKS.filter((leak) => plain[format].includes(leak)), format).toEqual(LEAKS);
    const redacted = reports(dir, ['--redact']);
    for (const format of FORMATS) expect(LEAKS.filter((leak) => redacted[format].includes(leak)), format).toEqual([]);
  });

  it('leaves none of them in the --fix-dry-run diff', () => {
    const dir = tempDir({ 'pack.yaml': PACK, 'call.txt': CALL });
    const run = runCli(['--pack', './pack.yaml', '--fix-dry-run', '--redact', 'call.txt'], { cwd: dir });
    expect(run.stdout).toContain('我帮您查一下');
    expect(LEAKS.filter((leak) => run.stdout.includes(leak))).toEqual([]);
    expect(readFileSync(join(dir, 'call.txt'), 'utf8')).toBe(CALL);
  });
});

describe('item 8: the pii rule', () => {
  it('finds a mobile number read out in comma-separated spoken groups', () => {
    expect(findPii('我的手机是幺三八，幺二三四，五六七八').map((f) => f.kind)).toEqual(['mobile']);
    expect(findPii('我的手机是幺三八、幺二三四、五六七八').map((f) => f.kind)).toEqual(['mobile']);
  });

  it('does not join written numbers listed with commas into one', () => {
    expect(findPii('订单 1380，1234，5678 三个')).toEqual([]);
  });
});

/** A pii rule for the agent's turns, and every customer turn quoted by a pattern rule. */
const PII_PACK = packWith(`rules:
  no-pii:
    kind: pii
    speaker: agent
    message: 不可以念出个人信息
  quote:
    kind: pattern
    speaker: customer
    pattern: '.+'
    message: 客户说
`);

describe('item 8: the baseline holds no problem text', () => {
  const SECRET_CALL = '客服: 您的号码 13812345678，邮箱 zhang.san@example.com\n客户: 我叫张三 13812345678 zhang.san@example.com\n';

  it('records keyed hashes: no number, no e-mail, no transcript text; still hides the recorded problems', () => {
    const dir = tempDir({ 'pack.yaml': PII_PACK, 'call.txt': SECRET_CALL });
    const update = runCli(['--pack', './pack.yaml', '--baseline', 'base.json', '--baseline-update', 'call.txt'], { cwd: dir });
    expect(update.status).toBe(0);
    const text = readFileSync(join(dir, 'base.json'), 'utf8');
    for (const secret of ['13812345678', '5678', 'zhang', 'example.com', '张三', '号码']) expect(text).not.toContain(secret);
    const again = runCli(['--pack', './pack.yaml', '--baseline', 'base.json', 'call.txt'], { cwd: dir });
    expect([again.status, again.stdout]).toEqual([0, '✔ 1 file checked, no problems\n']);
  });

  it('reads a clear-text baseline of the earlier format and rewrites it hashed on update', () => {
    const dir = tempDir({ 'pack.yaml': PII_PACK, 'call.txt': '客户: 13812345678\n' });
    writeFileSync(join(dir, 'base.json'), JSON.stringify({ transcriptLintBaseline: 1, files: { 'call.txt': { 'test/quote': { '13812345678': 1 } } } }));
    expect(runCli(['--pack', './pack.yaml', '--baseline', 'base.json', 'call.txt'], { cwd: dir }).status).toBe(0);
    expect(runCli(['--pack', './pack.yaml', '--baseline', 'base.json', '--baseline-update', 'call.txt'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'base.json'), 'utf8')).not.toContain('13812345678');
  });

  it('with TRANSCRIPT_LINT_BASELINE_KEY, the same key is needed to use it', () => {
    const dir = tempDir({ 'pack.yaml': PII_PACK, 'call.txt': SECRET_CALL });
    const env = { TRANSCRIPT_LINT_BASELINE_KEY: 'ci-secret' };
    expect(runCli(['--pack', './pack.yaml', '--baseline', 'base.json', '--baseline-update', 'call.txt'], { cwd: dir, env }).status).toBe(0);
    expect(runCli(['--pack', './pack.yaml', '--baseline', 'base.json', 'call.txt'], { cwd: dir, env }).status).toBe(0);
    const without = runCli(['--pack', './pack.yaml', '--baseline', 'base.json', 'call.txt'], { cwd: dir });
    expect([without.status, without.stderr]).toEqual([2, expect.stringContaining('set TRANSCRIPT_LINT_BASELINE_KEY')]);
  });
});

describe('item 8: the cache holds no personal data', () => {
  const SECRETS = ['13812345678', '1234-5678', 'zhang.san', 'example.com', '11010519491231002X'];
  const files = {
    'pack.yaml': PII_PACK,
    'call.txt': '客服: 您的号码 138-1234-5678，邮箱 zhang.san@example.com\n客户: 好的\n',
    'meta.txt': '---\ncaller: 13812345678\n---\n客服: 您好\n客户: 身份证 11010519491231002X\n',
    'plain.txt': '客服: 您好\n客户: 谢谢\n',
  };

  it('stores no phone number, e-mail or ID number (excerpts, metadata); such files are linted again, with the same result', () => {
    const dir = tempDir(files);
    const args = ['--pack', './pack.yaml', '-f', 'json', '--cache', 'call.txt', 'meta.txt', 'plain.txt'];
    const fresh = runCli(args, { cwd: dir });
    expect(fresh.status).toBe(1);
    for (const secret of ['13812345678', 'zhang.san@example.com']) expect(fresh.stdout).toContain(secret); // the report quotes them
    const cache = readFileSync(join(dir, '.transcript-lint-cache'), 'utf8');
    expect(SECRETS.filter((secret) => cache.includes(secret))).toEqual([]);
    expect(cache).toContain('"plain.txt"'); // a result that quotes none is cached as before
    const again = runCli(args, { cwd: dir });
    expect([again.status, again.stdout]).toEqual([1, fresh.stdout]);
    // Nor does the baseline of the same run hold them.
    expect(runCli([...args, '--baseline', 'base.json', '--baseline-update'], { cwd: dir }).status).toBe(0);
    const baseline = readFileSync(join(dir, 'base.json'), 'utf8');
    expect(SECRETS.filter((secret) => baseline.includes(secret))).toEqual([]);
  });
});
