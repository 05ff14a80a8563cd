// zh-chat and en-chat: the call packs for written chat. What differs from the call packs is tested here; what they
// share is tested with the call packs (test/rules, the call fixtures) and by the chat fixtures (fixtures/*-chat).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinLinter as linter, ROOT } from '../helpers.js';

const rulesFired = (pack: string, text: string): string[] => [...new Set(linter(pack).lintText(text).messages.map((m) => String(m.ruleId)))].sort();
const problemsOf = (pack: string, rule: string, text: string): string[] =>
  linter(pack).lintText(text).messages.filter((m) => m.ruleId === rule).map((m) => `${m.line}:${m.column}`);

const PAIRS = [
  { call: 'zh-callcenter', chat: 'zh-chat', turnedOff: ['self-id', 'offer-help', 'opening-order', 'banned-wei-tingbujian',
    'banned-bu-shuohua-gua', 'banned-yong-huatong', 'banned-xianzai-haole', 'banned-da-cuo', 'banned-qing-guaji', 'filler-start',
    'hold-return-in-time', 'farewell-last', 'count-nin', 'count-qing'] },
  { call: 'en-callcenter', chat: 'en-chat', turnedOff: ['self-id', 'offer-help', 'banned-hang-up', 'farewell-last'] },
];

describe.each(PAIRS)('$chat against $call', ({ call, chat, turnedOff }) => {
  it('turns off exactly the phone-only rules (and call-length counts) of the call pack, and keeps every other rule at its severity', () => {
    const callRules = new Map(linter(call).compiled.config.rules.map((r) => [r.id, r.severity]));
    const chatRules = new Map(linter(chat).compiled.config.rules.map((r) => [r.id, r.severity]));
    const off = [...chatRules].filter(([id, severity]) => id.startsWith(`${call}/`) && severity === 0).map(([id]) => id).sort();
    expect(off).toEqual(turnedOff.map((rule) => `${call}/${rule}`).sort());
    for (const [id, severity] of callRules) if (!off.includes(id)) expect(chatRules.get(id), id).toBe(severity);
  });

  it('passes a well-run chat that the call pack fails for its opening and closing', () => {
    const text = readFileSync(join(ROOT, 'fixtures', chat, 'good-chat-order.txt'), 'utf8');
    expect(rulesFired(chat, text)).toEqual([]);
    expect(rulesFired(call, text)).toEqual(expect.arrayContaining([`${call}/self-id`, `${call}/offer-help`, `${call}/farewell-last`]));
  });

  it('language: the chat pack declares the language of its call pack', () => {
    expect(linter(chat).compiled.config.packs.map((p) => p.data.language)).toEqual([linter(call).compiled.config.packs[0].data.language, linter(call).compiled.config.packs[0].data.language]);
  });
});

describe('zh-chat: greet-first (the call pack\'s, options overridden) is due in the first agent message, wherever it stands', () => {
  const rule = 'zh-callcenter/greet-first';
  it.each([
    ['客户: 在吗\n客户: 我的订单没到\n客服: 您好，很抱歉，请把订单号发给我们。'],
    ['客户: 在吗\n客服: 欢迎咨询，请问有什么可以帮您？'],
    ['客户: 在吗\n客服: 你好，请讲'],
    ['客户: 在吗\n客服: 尊敬的用户，请把订单号私信给我们。'],   // a letter's salutation greets in writing
  ])('valid: %j', (text) => expect(problemsOf('zh-chat', rule, text)).toEqual([]));
  it.each([
    ['客户: 在吗\n客户: 我的订单没到\n客服: 订单号多少？\n客服: 您好', ['3:5']],
    ['客户: 我的订单没到\n客服: 您好像没有下单成功。', ['2:5']],
    ['客户: 我的订单没到\n客服: 亲，请把订单号发给我们。', ['2:5']],   // 亲 is an endearment, not a greeting
  ])('invalid: %j', (text, errors) => expect(problemsOf('zh-chat', rule, text)).toEqual(errors));
});

describe('en-chat: greet-first (the call pack\'s, options overridden)', () => {
  const rule = 'en-callcenter/greet-first';
  it.each([['Customer: Hello?\nAgent: Hi, thanks for reaching out.'], ['Customer: Hello?\nAgent: Thanks for contacting us! How can we help?'],
    ['Customer: Hello?\nAgent: Dear customer, please send us your order number.']])(
    'valid: %j', (text) => expect(problemsOf('en-chat', rule, text)).toEqual([]));
  it('invalid: no greeting in the first reply', () => {
    expect(problemsOf('en-chat', rule, 'Customer: My order is late.\nAgent: Order number?\nAgent: Hi')).toEqual(['2:8']);
  });
});

describe.each([['zh-chat', '客户', '客服'], ['en-chat', 'Customer', 'Agent']])('%s reply times', (pack, customer, agent) => {
  const timed = (lines: [string, string, string][]) => lines.map(([time, who, text]) => `[${time}] ${who}: ${text}`).join('\n');
  it('are not evaluated without timestamps', () => {
    const result = linter(pack).lintText(`${customer}: hi\n${agent}: hello`);
    expect(result.notEvaluated).toEqual(expect.arrayContaining([`${pack}/first-response`, `${pack}/reply-time`]));
  });
  it('fire on a slow first reply and a slow later reply, each at the reply', () => {
    const text = timed([['10:00:00', customer, '1'], ['10:00:40', agent, '2'], ['10:01:00', customer, '3'], ['10:02:10', agent, '4']]);
    expect(problemsOf(pack, `${pack}/first-response`, text).map((p) => p.split(':')[0])).toEqual(['2']);
    expect(problemsOf(pack, `${pack}/reply-time`, text).map((p) => p.split(':')[0])).toEqual(['4']);
  });
  it('do not fire when the agent answers in time, nor on a last message left unanswered', () => {
    const text = timed([['10:00:00', customer, '1'], ['10:00:20', agent, '2'], ['10:01:00', customer, '3'], ['10:01:50', agent, '4'], ['11:00:00', customer, '5']]);
    expect(problemsOf(pack, `${pack}/first-response`, text)).toEqual([]);
    expect(problemsOf(pack, `${pack}/reply-time`, text)).toEqual([]);
  });
});
