import { describe, expect, it } from 'vitest';
import { ruleTester } from '../rule-tester.js';
import { linterFor, packWith } from '../helpers.js';
import { classifyDigits, digitRuns, findPii, isResidentId, passesLuhn } from '../../src/text/pii-detect.js';

// Valid by their checks: ID 11010519491231002X (GB 11643), card 6222021234567894 (Luhn).
ruleTester('pii: every kind of personal data, with its kind in the message', `kind: pii
message: 个人信息`, {
  valid: [
    '客服: 您好，请问有什么可以帮您？',
    '客户: 订单号 6222021234567895',               // 16 digits failing Luhn: not a card
    '客户: 身份证 110105194912310021',              // wrong check character
    '客服: 卡号尾号是 7894',                        // the last four digits only
    '客户: 订单 AB13812345678',                     // glued to letters: a code
    '客服: 热线 95588，或者 400-820-8820',
  ],
  invalid: [
    { text: '客户: 我的手机是13812345678', errors: ['1:10:1:21'], messages: ['个人信息: mainland mobile number'] },
    { text: '客户: 138-1234-5678', errors: ['1:5:1:18'] },
    { text: '客户: 幺三八 一二三四 五六七八', errors: ['1:5:1:18'] },                  // spoken digits
    { text: '客户: １３８１２３４５６７８', errors: ['1:5:1:16'] },                        // full-width digits
    { text: '客户: +86 138 1234 5678', errors: ['1:5'], messages: ['mainland mobile number'] },
    { text: '客户: 座机 010-62345678', errors: ['1:8'], messages: ['landline number'] },
    { text: '客户: 0912345678', errors: ['1:5'], messages: ['Taiwan mobile number'] },
    { text: '客户: +852 9123 4567', errors: ['1:5'], messages: ['Hong Kong phone number'] },
    { text: '客户: 身份证11010519491231002X', errors: ['1:8:1:26'], messages: ['resident ID number'] },
    { text: '客户: 卡号6222 0212 3456 7894', errors: ['1:7:1:26'], messages: ['bank card number'] },
    { text: '客户: 邮箱是 zhang.san@example.com。', errors: ['1:9:1:30'], messages: ['e-mail address'] },
    { text: '客户: 卡号\n  6222021234567894', errors: ['2:3'] },                          // continuation line
  ],
});

ruleTester('pii: chosen detectors and speaker (the agent must not read back a card number)', `kind: pii
speaker: agent
detect: [bank-card, id-number]`, {
  valid: ['客户: 6222021234567894', '客服: 您的电话是13812345678对吗', '客服: 尾号7894的卡'],
  invalid: [{ text: '客户: 6222021234567894\n客服: 好的，6222021234567894', errors: ['2:8'] }],
});

describe('pii rule options', () => {
  it('names an unknown detector and lists the known ones', () => {
    expect(() => linterFor(packWith('rules:\n  r: { kind: pii, detect: [card] }\n')))
      .toThrow('pack.yaml:6:28: "card" is not a valid detect\n  hint: use one of: mobile, landline, tw-phone, hk-phone, id-number, bank-card, email');
  });
});

describe('pii detectors', () => {
  it('checks resident ID numbers by GB 11643 and birth date', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('320106198511123614')).toBe(true);
    expect(isResidentId('320106198511123615')).toBe(false);
    expect(isResidentId('320106198513123614')).toBe(false);  // month 13
  });

  it('checks bank cards by Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(classifyDigits('6217000000001236')).toBe('bank-card');
  });

  it('reads digits with separators, full-width and spoken forms, keeping where each digit stands', () => {
    const [run] = digitRuns('号码 一三八-１２３4 5678 好的', 8);
    expect(run.digits).toBe('13812345678');
    expect(run.positions).toHaveLength(11);
    expect(run.start).toBe(3);
  });

  it('stops a number at a long gap and at line ends', () => {
    expect(digitRuns('138    12345678\n13812345678', 8).map((r) => r.digits)).toEqual(['12345678', '13812345678']);
  });

  it('scans in linear time on hostile input (no backtracking blow-up)', () => {
    const hostile = 'a@'.repeat(20000) + '1 '.repeat(20000) + 'x.'.repeat(20000);
    expect(findPii(hostile)).toEqual([]);
  });
});
