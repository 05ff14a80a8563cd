import { describe, expect, it } from 'vitest';
import { fillPart } from '../../src/rules/message-parts.js';

/** What fillPart is defined to give: each {name} the values have replaced by its value, any other left as written. */
function byDefinition(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const TEMPLATES = [
  '', 'plain', '{line}', '（第 {line} 行：「{quote}」）', '{a}{b}{a}', '{{line}}', '{line', 'line}', '{}', '{ line }',
  '{unknown} and {line}', '$& {quote} $1', '{toString}', '{n} s', 'x{n}y{n}z',
];
const VALUES: Readonly<Record<string, string | number>>[] = [
  {}, { line: 3, quote: '不知道' }, { a: '$&', b: '' }, { n: 12.5 }, { '': 'empty', ' line ': 'spaced' },
];

describe('fillPart', () => {
  it('fills the placeholders as a replace of each by its value would, template by template and again (kept split)', () => {
    for (let round = 0; round < 2; round++) {
      for (const template of TEMPLATES) {
        for (const values of VALUES) expect(fillPart(template, values)).toBe(byDefinition(template, values));
      }
    }
  });
});
