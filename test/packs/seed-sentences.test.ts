// The seeds' own prescribed sentences must pass the rules that encode them (issue #11 §2.3): every sentence of
// test/packs/seed-sentences.tsv, linted as the agent's turn of a minimal call, in Simplified and in Traditional
// (OpenCC with Taiwan phrases, as an agent in Taiwan would write it).
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';

interface SeedSentence { seed: string; section: string; context: string[]; sentence: string; rules: string[] }

const rows: SeedSentence[] = readFileSync(new URL('./seed-sentences.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('seed\t'))
  .map((line) => {
    const [seed, section, context, sentence, rules] = line.split('\t');
    return { seed, section, context: context ? context.split('|') : [], sentence, rules: rules.split(',') };
  });

const toSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'twp' });
const linter = Linter.create({ packs: ['zh-callcenter'], noConfigLookup: true });
const kinds = new Map(linter.compiled.rules.map((r) => [r.entry.id, r.entry.def.kind]));

/** Problems of the rules a row names, and of every banned or pattern rule, on the sentence's line. */
function problemsOn(call: string[]): string[] {
  const line = call.length;
  const result = linter.lintText(call.join('\n'));
  return result.messages.filter((m) => m.line === line && m.ruleId).map((m) => `${m.ruleId} ${m.message}`);
}

describe('every prescribed sentence of the seeds passes its rules', () => {
  it('the table covers all five seeds', () => {
    expect(new Set(rows.map((r) => r.seed))).toEqual(new Set(['000', '001', '002', '003', '004']));
    for (const row of rows) for (const rule of row.rules) expect(kinds.has(`zh-callcenter/${rule}`), rule).toBe(true);
  });
  for (const row of rows) {
    for (const [script, convert] of [['Simplified', toSimplified], ['Traditional', toTraditional]] as const) {
      it(`${row.seed} ${row.section} (${script}): ${row.sentence}`, () => {
        const simplified = toSimplified(row.sentence);
        const sentence = script === 'Simplified' ? simplified : convert(simplified);
        const context = row.context.map((turn) => convert(toSimplified(turn)));
        const watched = new Set(row.rules.map((r) => `zh-callcenter/${r}`));
        for (const [id, kind] of kinds) if (kind === 'banned' || kind === 'pattern') watched.add(id);
        const found = problemsOn([...context, `客服: ${sentence}`]).filter((p) => watched.has(p.split(' ')[0]));
        expect(found).toEqual([]);
      });
    }
  }
});
