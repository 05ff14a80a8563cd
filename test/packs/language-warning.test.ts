// A transcript in another language than the packs' is not linted: the run warns once, naming the packs to use.
import { describe, expect, it } from 'vitest';
import { LanguageWarning } from '../../src/cli/language-warning.js';
import { Linter } from '../../src/engine/linter.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

const ENGLISH = 'Agent: Yeah, what is it?\nCustomer: My bill is wrong.\nAgent: Okay, I will check it.\n';
const CHINESE = '客服: 您好，请问有什么可以帮您？\n客户: 我的账单不对。\n客服: 好的，我帮您查一下。\n';

describe('language of packs and transcripts', () => {
  it('the built-in packs declare their language; packs that agree give the config its language, others none', () => {
    expect(Linter.create({ packs: ['zh-chat'], noConfigLookup: true, cwd: ROOT }).compiled.config.language).toBe('zh');
    expect(Linter.create({ packs: ['en-callcenter'], noConfigLookup: true, cwd: ROOT }).compiled.config.language).toBe('en');
    expect(Linter.create({ packs: ['zh-callcenter', 'en-callcenter'], noConfigLookup: true, cwd: ROOT }).compiled.config.language).toBeUndefined();
  });

  it('an English transcript under a Chinese pack: no rule runs, no notice, not scored, marked notLinted', () => {
    const result = Linter.create({ packs: ['zh-callcenter'], noConfigLookup: true, cwd: ROOT }).lintText(ENGLISH);
    expect(result.messages).toEqual([]);
    expect(result.notLinted).toEqual({ reason: 'language', transcript: 'en', packs: 'zh' });
    // The same text under the right pack is linted.
    const right = Linter.create({ packs: ['en-callcenter'], noConfigLookup: true, cwd: ROOT }).lintText(ENGLISH);
    expect(right.notLinted).toBeUndefined();
    expect(right.messages.map((m) => m.ruleId)).toContain('en-callcenter/greet-first');
  });

  it('a pack without `language:` lints every transcript', () => {
    const dir = tempDir({ 'p.yaml': 'name: p\nspeakers: { agent: [Agent], customer: [Customer] }\nrules:\n  greet:\n    kind: required\n    speaker: agent\n    phrases: [您好]\n' });
    const result = Linter.create({ packs: [`${dir}/p.yaml`], noConfigLookup: true }).lintText(ENGLISH);
    expect(result.notLinted).toBeUndefined();
    expect(result.messages.map((m) => m.ruleId).filter(Boolean)).toEqual(['p/greet']);
  });

  it('the CLI warns once per run, naming the files and the built-in packs for their language, and exits 0', () => {
    const dir = tempDir({ 'a.txt': ENGLISH, 'b.txt': ENGLISH });
    const run = runCli(['--pack', 'zh-callcenter', '.'], { cwd: dir });
    const warnings = run.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2 files (a.txt, b.txt) are English text, but the pack zh-callcenter checks Chinese');
    expect(warnings[0]).toContain('--pack en-callcenter or --pack en-chat');
    expect(run.stdout).not.toContain('a.txt');
    expect(run.stdout).toContain('2 files not linted: written in another language than the packs');
    expect(run.status).toBe(0);
    const json = JSON.parse(runCli(['--pack', 'zh-chat', '-f', 'json', 'a.txt'], { cwd: dir }).stdout);
    expect(json[0]).toMatchObject({ notLinted: { reason: 'language', transcript: 'en', packs: 'zh' }, messages: [] });
    expect(json[0].score).toBeUndefined();
  });

  it('names the first three files and counts the rest, without keeping their paths (an archive may hold a million)', () => {
    const warning = new LanguageWarning();
    const english = Linter.create({ packs: ['zh-callcenter'], noConfigLookup: true, cwd: ROOT }).lintText(ENGLISH);
    for (let i = 0; i < 100_000; i++) warning.add({ ...english, filePath: `calls/${i}.txt` });
    expect(warning.message()).toMatch(/^warning: 100000 files \(calls\/0\.txt, calls\/1\.txt, calls\/2\.txt, …\) are English text/);
    expect((warning as unknown as { files: string[] }).files).toHaveLength(3);
  });

  it('the reverse: Chinese text under an English pack', () => {
    const dir = tempDir({ 'c.txt': CHINESE });
    const run = runCli(['--pack', 'en-chat', 'c.txt'], { cwd: dir });
    expect(run.stderr).toContain('c.txt is Chinese text, but the packs en-callcenter, en-chat check English');
    expect(run.stderr).toContain('--pack zh-callcenter or --pack zh-chat');
  });
});
