// Alternatives in a phrase ({太|很|真}, {|也} for optional words): spelt out as the pack loads into plain phrases, each
// matched as if written out; refused at FILE:LINE:COL when mistyped or when they would stand for too many phrases.
import { describe, expect, it } from 'vitest';
import { explainRule, formatExplanation } from '../../src/authoring/explain.js';
import { MAX_EXPANDED_PHRASES } from '../../src/config/limits.js';
import { countAlternatives, expandAlternatives, MAX_ALTERNATIVE_PHRASES, PhraseSyntaxError } from '../../src/text/phrase.js';
import { linterFor, packIssues, packWith, runCli, tempDir } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

describe('expandAlternatives', () => {
  it('spells out each group in turn, the first varying slowest', () => {
    expect(expandAlternatives('你们{太|真|很}骗人')).toEqual(['你们太骗人', '你们真骗人', '你们很骗人']);
    expect(expandAlternatives('{服务|质量}{太|很}差')).toEqual(['服务太差', '服务很差', '质量太差', '质量很差']);
    expect(countAlternatives('{服务|质量}{太|很}差')).toBe(4);
  });

  it('an empty alternative makes words optional; a Latin phrase keeps one space between its words', () => {
    expect(expandAlternatives('{|也}太过分')).toEqual(['太过分', '也太过分']);
    expect(expandAlternatives('you {guys |}are rude')).toEqual(['you guys are rude', 'you are rude']);
    expect(expandAlternatives('you {guys|} are rude')).toEqual(['you guys are rude', 'you are rude']);
    expect(expandAlternatives('so {|very} rude')).toEqual(['so rude', 'so very rude']);
  });

  it('leaves the other placeholders and a phrase without alternatives as written', () => {
    expect(expandAlternatives('客服{*6}态度{不好|差}')).toEqual(['客服{*6}态度不好', '客服{*6}态度差']);
    expect(expandAlternatives('{n}号{客服|坐席}为您服务')).toEqual(['{n}号客服为您服务', '{n}号坐席为您服务']);
    expect(expandAlternatives('为您转接{*}好吗')).toEqual(['为您转接{*}好吗']);
    expect(expandAlternatives('a|b')).toEqual(['a|b']);
  });

  it('refuses a group that offers nothing, lists a word twice or holds a gap, and a phrase over the cap before making any', () => {
    for (const bad of ['x{|}', '你{太|太}', '你{|太|}', '你{*|太}差']) expect(() => expandAlternatives(bad)).toThrow(PhraseSyntaxError);
    const ten = `{${[...'0123456789'].join('|')}}`;
    expect(countAlternatives(`x${ten}${ten}${ten}`)).toBe(MAX_ALTERNATIVE_PHRASES);
    expect(expandAlternatives(`x${ten}${ten}${ten}`)).toHaveLength(MAX_ALTERNATIVE_PHRASES);
    expect(() => expandAlternatives(`x${ten}${ten}${ten}{a|b}`)).toThrow(/stands for 2,000 phrases once its alternatives are spelt out \(at most 1,000\)/);
    // Twenty groups of ten would be 10^20 phrases: refused at once.
    expect(() => expandAlternatives(`x${ten.repeat(20)}`)).toThrow(PhraseSyntaxError);
  });
});

describe('alternatives in a pack: errors at FILE:LINE:COL', () => {
  const rule = (phrases: string) => packWith(`rules:\n  a:\n    kind: banned\n    phrases: [${phrases}]\n`);

  it('names the phrase as written, and the phrase of its alternatives that fails', () => {
    expect(packIssues(rule('"{太|很}{*}"'))).toEqual([
      '8:15 phrase "{太|很}{*}" (as "太{*}") ends with {*}, which adds nothing; remove it',
    ]);
    expect(packIssues(rule('好, "{|也}{*}太过分"'))).toEqual([
      '8:18 phrase "{|也}{*}太过分" (as "{*}太过分") starts with a placeholder; start it with words',
    ]);
    expect(packIssues(rule('"你{太|太}"'))).toEqual(['8:15 {太|太} in phrase "你{太|太}" lists "太" twice | list each alternative once']);
    expect(packIssues(rule('"x{|}"'))[0]).toMatch(/^8:15 \{\|\} in phrase "x\{\|\}" offers nothing to choose \| write the words/);
    expect(packIssues(rule('"你们{*|太}差"'))[0]).toMatch(/^8:15 .* holds a \*: an alternative is words, not a gap/);
    expect(packIssues(rule('"你{x}"'))[0]).toMatch(/unknown placeholder \{x\} .* or \{太\|很\} \(one of the words\)/);
  });

  it('a brace left open or standing alone, and full-width braces or bars, are refused at the phrase (they were matched as literal words, which nobody says)', () => {
    expect(packIssues(rule('"你们{太|真骗人"'))).toEqual(['8:15 phrase "你们{太|真骗人" opens a { it never closes | close the placeholder: {太|很} (one of the words), {*} (a few characters), {n} (a number)']);
    expect(packIssues(rule('"你们{*骗人"'))[0]).toMatch(/^8:15 phrase "你们\{\*骗人" opens a \{ it never closes/);
    expect(packIssues(rule('"你们}骗人"'))[0]).toMatch(/^8:15 phrase "你们}骗人" closes a } it never opened/);
    expect(packIssues(rule('"你们｛太｜真｝骗人"'))).toEqual(['8:15 phrase "你们｛太｜真｝骗人" writes a placeholder with full-width ｛｝ or ｜ | write placeholders half-width (switch the input method to half-width): 你们{太|真}骗人']);
    expect(packIssues(rule('"你们{太｜真}骗人"'))[0]).toMatch(/writes a placeholder with full-width ｛｝ or ｜ \| .*: 你们\{太\|真\}骗人$/);
    // A bar outside braces is a word of the phrase, as before.
    expect(packIssues(rule('"a|b"'))).toEqual([]);
  });

  it('an unquoted phrase with alternatives in a flow list: the YAML error hints to quote it', () => {
    expect(packIssues(rule('你们{太|真}骗人'))[0]).toMatch(/quote a phrase that holds a placeholder/);
  });

  it('refuses a written phrase of more than 1,000 phrases, and a pack whose alternatives come to more than the total cap', () => {
    const ten = `{${[...'0123456789'].join('|')}}`;
    expect(packIssues(rule(`"好${ten}${ten}${ten}{a|b}"`))).toEqual([
      `8:15 phrase "好${ten}${ten}${ten}{a|b}" stands for 2,000 phrases once its alternatives are spelt out (at most 1,000) | split it into several phrases, each with fewer alternatives, or put {*} where any word may stand`,
    ]);
    // Refused as the pack is read, before any phrase is spelt out (100 phrases of 1,000 would take 2 s to load).
    const phrases = Array.from({ length: MAX_EXPANDED_PHRASES / 1000 + 1 }, (_, i) => `"${i}${ten}${ten}${ten}"`);
    const issues = packIssues(rule(phrases.join(', ')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^8:\d+ the pack's phrases stand for more than 100,000 phrases once their alternatives are spelt out \| write fewer alternatives/);
  });

  it('counts the phrases alternatives stand for in every pack of a configuration together as they compile', () => {
    const ten = `{${[...'0123456789'].join('|')}}`;
    const half = (name: string) => `name: ${name}\nrules:\n  a:\n    kind: banned\n    phrases: [${Array.from({ length: MAX_EXPANDED_PHRASES / 2000 + 1 }, (_, i) => `"${name}${i}${ten}${ten}${ten}"`).join(', ')}]\n`;
    const dir = tempDir({ 'p.yaml': half('p'), 'q.yaml': half('q'), 'x.txt': '客服: 你好\n' });
    const run = runCli(['--no-config-lookup', '--concurrency', 'off', '--pack', './p.yaml', '--pack', './q.yaml', 'x.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/q\.yaml:5:\d+: the packs hold more than 100,000 phrases in all/);
  });
});

ruleTester('banned: a phrase with alternatives matches each phrase it stands for, in Simplified and Traditional text', `kind: banned
phrases: ["你们{太|真|很|就是|也太}骗人", "{服务|质量|信号}{太|很}差"]
except: ["{不是|没有}{服务|质量}太差"]`, {
  valid: [
    '客户: 你们骗人',              // no adverb: not one of the phrases
    '客户: 服务差',
    '客户: 网络太差',              // a subject not listed
    '客户: 不是服务太差',          // except, spelt out too
    '客戶: 沒有質量太差',          // … in Traditional text
  ],
  invalid: [
    { text: '客户: 你们太骗人了', errors: ['1:5:1:10'] },
    { text: '客户: 你们就是骗人', errors: ['1:5:1:11'] },
    { text: '客戶: 你們也太騙人了', errors: ['1:5:1:11'] },   // Traditional transcript, Simplified phrase
    { text: '客户: 质量很差\n客戶: 信號太差', errors: ['1:5', '2:5'] },
  ],
});

ruleTester('banned: English alternatives match whole words only, an empty one making a word optional', `kind: banned
phrases: ["you {guys |people |}are {useless|hopeless}"]`, {
  valid: ['Customer: you guys are uselessly slow', 'Customer: you folks are useless', 'Customer: are useless'],
  invalid: [
    { text: 'Customer: you guys are useless', errors: ['1:11:1:31'] },
    { text: 'Customer: YOU are hopeless!', errors: ['1:11'] },
    { text: 'Customer: you people   are useless', errors: ['1:11'] },
  ],
});

ruleTester('banned: a suggest map may name the phrase as written or one it stands for', `kind: banned
speaker: agent
phrases: ["{不|没}知道", "{你|您}什么事"]
suggest: { "{不|没}知道": 我帮您查一下, 您什么事: 请问有什么可以帮您 }`, {
  valid: ['客服: 您好'],
  invalid: [
    { text: '客服: 没知道', errors: ['1:5'], messages: ['→ 「我帮您查一下」'] },
    { text: '客服: 您什么事', errors: ['1:5'], messages: ['→ 「请问有什么可以帮您」'] },
    { text: '客服: 你什么事', errors: ['1:5'], messages: ['「你什么事」'] },
  ],
});

ruleTester('required: at-least counts each phrase alternatives stand for on its own', `kind: required
speaker: agent
phrases: ["{您好|请问|谢谢}"]
at-least: 2`, {
  valid: ['客服: 您好，请问'],
  invalid: [{ text: '客服: 您好您好', errors: ['1:5'] }],
});

describe('--explain and --test-pack with alternatives', () => {
  const PACK = packWith(`phrases:
  complaint: ["你们{太|真|很}骗人", "{服务|质量}{太|很}差", 投诉]
rules:
  apology:
    kind: banned
    speaker: customer
    phrases: complaint
    message: 投诉
`, 'demo');

  it('shows the phrases as written, and how many they stand for', () => {
    const linter = linterFor(PACK);
    const explanation = explainRule(linter, linter.compiled.config.rules[0]);
    expect(explanation.phrases).toEqual([{ field: 'phrases', set: 'complaint', phrases: ['你们{太|真|很}骗人', '{服务|质量}{太|很}差', '投诉'], spelledOut: 8 }]);
    expect(formatExplanation(explanation)).toContain('phrases (complaint):  你们{太|真|很}骗人, {服务|质量}{太|很}差, 投诉 (8 phrases with the alternatives spelt out)');
    expect(linter.compiled.phrases.map((p) => [p.source, p.written])).toContainEqual(['质量很差', '{服务|质量}{太|很}差']);
  });

  it('--test-pack checks fixtures against the phrases spelt out, and refuses a broken phrase at its place', () => {
    const cwd = tempDir({
      'demo.yaml': PACK,
      'fixtures/a.txt': '客户: 你們很騙人\n# expect: demo/apology @1\n客户: 质量太差\n# expect: demo/apology @3\n客户: 服务差\n',
      'broken.yaml': PACK.replace('投诉]', '"投诉{|}"]'),
    });
    const run = runCli(['--test-pack', './demo.yaml', 'fixtures'], { cwd });
    expect(run.stdout).toContain('1 file, 1 passed, 0 failed');
    expect(run.status).toBe(0);
    const broken = runCli(['--test-pack', './broken.yaml', 'fixtures'], { cwd });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:6:47: \{\|\} in phrase "投诉\{\|\}" offers nothing to choose/);
  });
});
