import { describe, expect, it } from 'vitest';
import { textLanguage } from '../../src/text/language.js';

const whole = (text: string) => textLanguage(text, [{ start: 0, end: text.length }]);

describe('textLanguage: the language a transcript is plainly written in, by its script', () => {
  it.each([
    ['您好，请问有什么可以帮您？', 'zh'],
    ['您好，請問有什麼可以幫您？', 'zh'],
    ['亲，您的iPhone需要先升级iOS，再打开App Store试试', 'zh'],          // product names in a Chinese sentence
    ['Hello, thank you for calling, how can I help you today?', 'en'],
    ['Thank you for calling Acme, this is 王小明 speaking. How can I help you with your account today?', 'en'], // one name
  ])('%s → %s', (text, language) => expect(whole(text)).toBe(language));

  it.each([
    ['好的'],                                   // too short to judge
    ['OK thanks'],
    ['Thanks a million for your explanations! Wish you a happy day! @中国电信北京客服'], // mixed: linted as usual
    [''],
  ])('%j → unknown', (text) => expect(whole(text)).toBeUndefined());

  it('reads only the spans given (turn text, not labels or comments)', () => {
    const text = '# 这是一段中文注释，说明这个测试\nAgent: Hello, how can I help you today?';
    const start = text.indexOf('Hello');
    expect(textLanguage(text, [{ start, end: text.length }])).toBe('en');
  });
});
