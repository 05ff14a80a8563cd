// The built-in packs' scorecards (seed 004's one-to-five-star grades) and what "failed" means in every report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { ruleMetas } from '../../src/report/rule-meta.js';
import { scorecardSettings, withScore } from '../../src/report/scorecard.js';
import { ConfigError } from '../../src/config/errors.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

// 喂 / 什么事 / 不知道 / 找别人去: rude (004 一星级 态度恶劣) — the call of issue 11.
const RUDE = '客服: 喂，什么事？\n客户: 我的宽带坏了，一直连不上。\n客服: 不知道，找别人去。\n';
const GOOD = '客服: 您好，客服128号为您服务，请问有什么可以帮您？\n客户: 我想查一下话费。\n客服: 好的，请您稍等一下，我帮您查看，好吗？\n客户: 好。\n客服: 谢谢您的等候，您本月话费是八十六元。请问还有什么可以帮助您？\n客户: 没有了。\n客服: 感谢您的来电，再见！\n';
const NO_GOODBYE = GOOD.replace('客服: 感谢您的来电，再见！\n', '客服: 好的。\n');

function grade(pack: string, text: string) {
  const linter = Linter.create({ packs: [pack], noConfigLookup: true, cwd: ROOT });
  return withScore(linter.lintText(text), ruleMetas(linter.compiled.config), scorecardSettings(linter.compiled.config)).score;
}

describe('built-in scorecards (seed 004)', () => {
  it('the rude three-line call fails with one star and 0 points, naming the 禁语 it broke', () => {
    const score = grade('zh-callcenter', RUDE);
    expect(score).toMatchObject({ points: 0, stars: 1, failed: true });
    expect(score?.critical).toEqual(expect.arrayContaining(['zh-callcenter/banned-shenme-shi', 'zh-callcenter/banned-bu-zhidao', 'zh-callcenter/banned-tuixie-zeren']));
    expect(grade('zh-chat', RUDE)).toMatchObject({ points: 0, stars: 1, failed: true });
  });

  it('a call by the seeds gets five stars; one missed error-level norm (no goodbye) costs the fifth star, not the call', () => {
    expect(grade('zh-callcenter', GOOD)).toEqual({ points: 100, stars: 5, failed: false, critical: [] });
    const missed = grade('zh-callcenter', NO_GOODBYE);
    expect(missed).toMatchObject({ stars: 4, failed: false });
    expect(missed!.points).toBeLessThan(95);
  });

  it('English: rude wording is critical too', () => {
    expect(grade('en-callcenter', "Agent: Hello, my name is Anna. How can I help you?\nCustomer: My bill is wrong.\nAgent: I don't know, not my problem.\n"))
      .toMatchObject({ points: 0, stars: 1, failed: true });
  });

  it('an empty file, or one without an agent or customer turn, is not scored', () => {
    expect(grade('zh-callcenter', '')).toBeUndefined();
    expect(grade('zh-callcenter', '这一行没有说话人标签\n')).toBeUndefined();
    expect(grade('zh-callcenter', '主持人: 欢迎收听今天的节目，请您多多支持。\n')).toBeUndefined();
  });

  it('scorecard.critical and .weights mark rules of packs loaded before (a config can make banned-ni critical)', () => {
    const dir = tempDir({ 'cfg.yaml': 'extends: zh-callcenter\nscorecard:\n  critical: [zh-callcenter/banned-ni]\n  weights: { zh-callcenter/count-qing: 7 }\n' });
    const linter = Linter.create({ configFile: `${dir}/cfg.yaml`, cwd: dir });
    const metas = new Map(ruleMetas(linter.compiled.config).map((m) => [m.id, m]));
    expect(metas.get('zh-callcenter/banned-ni')).toMatchObject({ critical: true });
    expect(metas.get('zh-callcenter/count-qing')).toMatchObject({ weight: 7 });
    const bad = tempDir({ 'cfg.yaml': 'extends: zh-callcenter\nscorecard:\n  critical: [zh-callcenter/banned-nii]\n' });
    expect(() => Linter.create({ configFile: `${bad}/cfg.yaml`, cwd: bad })).toThrow(ConfigError);
    try {
      Linter.create({ configFile: `${bad}/cfg.yaml`, cwd: bad });
    } catch (err) {
      expect((err as ConfigError).message).toContain('no rule "zh-callcenter/banned-nii" to grade');
    }
  });
});

describe('"failed" means the scorecard\'s verdict in every report', () => {
  const dir = tempDir({ 'rude.txt': RUDE, 'good.txt': GOOD, 'empty.txt': '' });
  const run = (...args: string[]) => runCli([...args, 'empty.txt', 'good.txt', 'rude.txt'], { cwd: dir });

  it('json: score.failed on the rude call only; the empty file has no score', () => {
    const results = JSON.parse(run('-f', 'json').stdout) as { filePath: string; score?: { failed: boolean; stars: number } }[];
    const byName = new Map(results.map((r) => [r.filePath.split('/').pop(), r.score]));
    expect(byName.get('rude.txt')).toMatchObject({ failed: true, stars: 1 });
    expect(byName.get('good.txt')).toMatchObject({ failed: false, stars: 5 });
    expect(byName.get('empty.txt')).toBeUndefined();
  });

  it('csv: the failed column', () => {
    const rows = run('-f', 'csv').stdout.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const failed = (name: string) => [...new Set(rows.filter((r) => r.startsWith(name)).map((r) => r.split(',').at(-1)))];
    expect(failed('rude.txt')).toEqual(['true']);
    expect(failed('good.txt')).toEqual(['false']);
    expect(failed('empty.txt')).toEqual(['']);
  });

  it('junit: the failed property', () => {
    const xml = run('-f', 'junit').stdout;
    expect(xml).toMatch(/<testsuite name="rude.txt"[^]*?<property name="failed" value="true"\/>/);
    expect(xml).toMatch(/<testsuite name="good.txt"[^]*?<property name="failed" value="false"\/>/);
  });

  it('--summary and the html header count one failed call of two graded', () => {
    expect(run('--summary').stdout).toMatch(/Scores: 2 calls graded, average 50, 1 failed/);
    const html = tempDir();
    runCli(['-f', `html:${html}/r.html`, `${dir}/empty.txt`, `${dir}/good.txt`, `${dir}/rude.txt`]);
    expect(readFileSync(`${html}/r.html`, 'utf8')).toMatch(/<b>1<\/b><span>calls failed/);
  });
});
