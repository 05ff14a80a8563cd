// The seeds' own prescribed sentences must pass the rules that encode them (issue #11 §2.3): every sentence of
// test/packs/seed-sentences.tsv, linted as the agent's turn of a minimal call, with each Chinese pack (zh-callcenter,
// and zh-chat, which extends it: a rule it turns off is not asked), in Simplified and in Traditional (OpenCC with
// Taiwan phrases, as an agent in Taiwan would write it, and Hong Kong's standard).
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
const scripts = [
  ['Simplified', toSimplified],
  ['Traditional, Taiwan', OpenCC.Converter({ from: 'cn', to: 'twp' })],
  ['Traditional, Hong Kong', OpenCC.Converter({ from: 'cn', to: 'hk' })],
] as const;
const packs = ['zh-callcenter', 'zh-chat'].map((pack) => {
  const linter = Linter.create({ packs: [pack], noConfigLookup: true });
  // The rules the pack leaves on (severity 0: turned off).
  const kinds = new Map(linter.compiled.rules.filter((r) => r.entry.severity > 0).map((r) => [r.entry.id, r.entry.def.kind]));
  return { pack, linter, kinds };
});
const callKinds = packs[0].kinds;

/** Problems on the last turn of the call. */
function problemsOn(linter: Linter, call: string[]): string[] {
  const line = call.length;
  const result = linter.lintText(call.join('\n'));
  return result.messages.filter((m) => m.line === line && m.ruleId).map((m) => `${m.ruleId} ${m.message}`);
}

describe('every prescribed sentence of the seeds passes its rules', () => {
  it('the table covers all five seeds', () => {
    expect(new Set(rows.map((r) => r.seed))).toEqual(new Set(['000', '001', '002', '003', '004']));
    for (const row of rows) for (const rule of row.rules) expect(callKinds.has(`zh-callcenter/${rule}`), rule).toBe(true);
  });
  it('each pack leaves on most of the rules the table names (zh-chat turns the telephone-only ones off)', () => {
    const named = new Set(rows.flatMap((r) => r.rules.map((rule) => `zh-callcenter/${rule}`)));
    for (const { pack, kinds } of packs) expect([...named].filter((id) => kinds.has(id)).length, pack).toBeGreaterThan(named.size / 2);
  });
  for (const { pack, linter, kinds } of packs) {
    for (const row of rows) {
      for (const [script, convert] of scripts) {
        it(`${pack}: ${row.seed} ${row.section} (${script}): ${row.sentence}`, () => {
          const simplified = toSimplified(row.sentence);
          const sentence = convert(simplified);
          const context = row.context.map((turn) => convert(toSimplified(turn)));
          const watched = new Set(row.rules.map((r) => `zh-callcenter/${r}`).filter((id) => kinds.has(id)));
          for (const [id, kind] of kinds) if (kind === 'banned' || kind === 'pattern') watched.add(id);
          const found = problemsOn(linter, [...context, `客服: ${sentence}`]).filter((p) => watched.has(p.split(' ')[0]));
          expect(found).toEqual([]);
        });
      }
    }
  }
});
