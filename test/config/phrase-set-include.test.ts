// A phrase set may include another ({ include: SET }): its phrases count in its place, in this pack or in one loaded
// before; a loop of includes and an unknown set are pack errors at the include.
import { describe, expect, it } from 'vitest';
import { explainRule } from '../../src/authoring/explain.js';
import { linterFor, packIssues, packWith, tempDir } from '../helpers.js';
import { Linter } from '../../src/engine/linter.js';
import { compileConfig, type CompileWork } from '../../src/engine/compile.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';
import { join } from 'node:path';

const GREETING = `phrases:
  salutation: [您好, 早上好]
  apology: [让您久等]
  greeting: [{ include: salutation }, 欢迎, { include: apology }]
rules:
  greet:
    kind: required
    speaker: agent
    phrases: greeting
    scope: { first-turns: 1 }
`;

/**
 * A pack compiled with its phrase sets' element reads counted (by set name) and the ids its includes copied: the work
 * of compiling the sets, counted rather than timed. A read past `budget` throws, so that a compile that reads a set
 * again for each include fails at once rather than running for hours.
 */
function compileCounted(packYaml: string, budget = 1_000_000): { reads: Map<string, number>; work: CompileWork; refused?: string } {
  const dir = tempDir({ 'pack.yaml': packYaml });
  const config = loadConfig({ cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true });
  const reads = new Map<string, number>();
  let total = 0;
  for (const pack of config.packs) {
    const sets = pack.data.phrases;
    if (!sets) continue;
    for (const [name, list] of Object.entries(sets)) {
      sets[name] = new Proxy(list, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) {
            reads.set(name, (reads.get(name) ?? 0) + 1);
            if (++total > budget) throw new Error(`the phrase sets were read more than ${budget} times`);
          }
          return Reflect.get(target, key, receiver);
        },
      });
    }
  }
  const work: CompileWork = { phrasesCompiled: 0, copiedIds: 0, fuzzyStates: 0 };
  try {
    compileConfig(config, work);
  } catch (err) {
    // (Refused, by a cap on what includes bring in, say: the counts up to there tell why.)
    if (err instanceof ConfigError) return { reads, work, refused: err.message };
    throw err;
  }
  return { reads, work };
}

describe('phrase sets that include others', () => {
  it('count the included phrases as their own', () => {
    const linter = linterFor(packWith(GREETING));
    for (const opening of ['早上好，请讲', '欢迎致电', '很抱歉，让您久等了']) expect(linter.lintText(`客服: ${opening}\n`).messages).toEqual([]);
    expect(linter.lintText('客服: 请讲\n').messages.map((m) => m.ruleId)).toEqual(['test/greet']);
  });

  it('include a set of a pack loaded before, by its pack name', () => {
    const dir = tempDir({
      'base.yaml': packWith(GREETING, 'base'),
      'chat.yaml': `name: chat\nextends: ./base.yaml\nphrases:\n  chat-greeting: [{ include: base/salutation }, 亲爱的用户]\nrules:\n  chat-greet:\n    kind: required\n    speaker: agent\n    phrases: chat-greeting\n`,
    });
    const linter = Linter.create({ packs: [join(dir, 'chat.yaml')], noConfigLookup: true });
    expect(linter.lintText('客服: 早上好\n').messages).toEqual([]);
    expect(linter.lintText('客服: 亲爱的用户，请讲\n').messages.map((m) => m.ruleId)).toEqual(['base/greet']);
  });

  it('are explained with the included phrases in their place', () => {
    const linter = linterFor(packWith(GREETING));
    const rule = linter.compiled.rules.find((r) => r.entry.id === 'test/greet')!.entry;
    expect(explainRule(linter, rule).phrases[0]).toMatchObject({ set: 'greeting', phrases: ['您好', '早上好', '欢迎', '让您久等'] });
  });

  it('a loop of includes is an error at the include that closes it', () => {
    expect(packIssues(packWith('phrases:\n  a: [x, { include: b }]\n  b: [{ include: a }]\nrules:\n  r:\n    kind: banned\n    phrases: a\n'))).toEqual([
      '7:18 phrase sets include each other in a loop: test/a → test/b → test/a | remove one of the includes',
    ]);
  });

  it('an unknown set is an error at the include, with the close name', () => {
    expect(packIssues(packWith('phrases:\n  salutation: [您好]\n  greeting: [{ include: salutaton }]\nrules:\n  r:\n    kind: required\n    phrases: greeting\n'))).toEqual([
      '7:25 unknown phrase set "salutaton" | did you mean "salutation"?',
    ]);
  });

  it('a set included many times over is compiled once: a chain of sets each including the next twice reads each set once', () => {
    const sets = Array.from({ length: 40 }, (_, i) => `  s${i}: [{ include: s${i + 1} }, { include: s${i + 1} }, w${i}]`).join('\n');
    const pack = packWith(`phrases:\n${sets}\n  s40: [end]\nrules:\n  r:\n    kind: banned\n    phrases: s0\n`);
    // Compiled again at each include, s40 would be read 2^40 times.
    const { reads, work, refused } = compileCounted(pack);
    for (let i = 0; i < 40; i++) expect(reads.get(`s${i}`)).toBe(3);
    expect(reads.get('s40')).toBe(1);
    // Each set copies the ids of the next once (its second include adds nothing): s(i+1) holds 40 - i ids.
    expect(work.copiedIds).toBe((40 * 41) / 2);
    expect(refused).toBeUndefined();
    expect(linterFor(pack).lintText('客服: end w7\n').messages).toHaveLength(1);
  });

  it('a set that includes a large set thousands of times copies its phrases once (each include was merged in time quadratic in the set: 2,000 includes of 10,000 phrases took 70 s)', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `    - w${i}x`).join('\n');
    const includes = Array.from({ length: 2_000 }, () => '    - { include: big }').join('\n');
    const pack = packWith(`phrases:\n  big:\n${big}\n  all:\n${includes}\nrules:\n  r:\n    kind: banned\n    phrases: all\n`);
    const { reads, work, refused } = compileCounted(pack);
    expect([reads.get('big'), reads.get('all')]).toEqual([10_000, 2_000]);
    // Merged at each include: 2,000 × 10,000 ids (and each merge searched the ids so far for each of them).
    expect(work.copiedIds).toBe(10_000);
    expect(refused).toBeUndefined();
    expect(linterFor(pack).lintText('客服: w9999x\n').messages).toHaveLength(1);
  });

  it('an include is for named sets: a rule\'s own list takes phrases only', () => {
    expect(packIssues(packWith('phrases:\n  a: [x]\nrules:\n  r:\n    kind: banned\n    phrases: [{ include: a }]\n'))[0]).toMatch(/^10:14 rules.r.phrases must be/);
  });
});
