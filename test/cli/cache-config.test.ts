// A --cache rerun whose files are all cached leaves the packs' compile until a file must be linted: what the run
// says about its packs (their mistakes, exit 2; its warnings) and its reports must still be a cold run's.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { cacheVouchesForPacks, lintFiles, lintFilesStream } from '../../src/runner/lint-files.js';
import type { LintResult } from '../../src/types.js';
import { runCli, type CliRun } from '../helpers.js';
import { corpus, PACK_ARGS, PACK_OPTIONS, RUNNER_PACK } from '../runner/corpus.js';

function cached(cwd: string, args: string[]): CliRun {
  return runCli([...args, '--cache'], { cwd });
}

/** Mistakes the compile finds (not the YAML's load), each added to RUNNER_PACK's rules. */
const BROKEN_RULES: Record<string, string> = {
  'a phrase set no pack defines': '  bad:\n    kind: banned\n    phrases: no-such-set\n',
  'a phrase that cannot be read': '  bad:\n    kind: banned\n    phrases: ["{太|很"]\n',
  'a pattern RE2 cannot run': '  bad:\n    kind: pattern\n    pattern: "(a)\\\\1"\n',
  'an example the rule does not flag': '  bad:\n    kind: banned\n    speaker: agent\n    phrases: [不知道]\n    examples: { bad: ["客服: 您好"] }\n',
};

describe('--cache rerun: the packs as a cold run judges them', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const [what, rule] of Object.entries(BROKEN_RULES)) {
    it(`refuses a pack broken since the cache was written (${what}): exit 2, the cold run's words, no report`, () => {
      const cwd = corpus(6);
      const args = ['calls', ...PACK_ARGS, '-f', 'compact'];
      expect(cached(cwd, args).status).toBe(1);
      expect(cached(cwd, args).status).toBe(1); // every file from the cache
      writeFileSync(join(cwd, 'pack.yaml'), `${RUNNER_PACK}${rule}`);
      const cold = runCli(args, { cwd });
      expect(cold.status).toBe(2);
      expect(cold.stderr).toMatch(/pack\.yaml:\d+:\d+: /);
      expect(cached(cwd, args)).toEqual(cold);
      expect(cached(cwd, args)).toEqual(cold);
    });
  }

  it('says and reports what a cold run does when every file is cached: reports, --stats, the language warning', () => {
    const cwd = corpus(9, {
      'pack.yaml': RUNNER_PACK.replace('name: t\n', 'name: t\nlanguage: zh\n'),
      'calls/z/english.txt': 'Agent: Hello, how can I help you today?\nCustomer: My bill is wrong.\nAgent: Let me check that for you.\n',
    });
    for (const format of ['compact', 'json']) {
      const args = ['calls', ...PACK_ARGS, '-f', format, '--stats'];
      const cold = runCli(args, { cwd });
      expect(cold.stderr).toContain('English text');
      const first = cached(cwd, args);
      const rerun = cached(cwd, args);
      expect(first).toEqual(cold);
      expect(rerun).toEqual(cold);
    }
  });
});

describe('Linter.load: the packs compiled when first needed', () => {
  it('a cache vouches for the packs it was written with, not for changed ones nor for examples its run skipped', async () => {
    const cwd = corpus(4);
    const options = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: () => {} };
    const vouches = () => cacheVouchesForPacks(options, Linter.load(options));
    expect(vouches()).toBe(false); // no cache yet
    await lintFiles(['calls'], { ...options, skipExamples: true });
    expect(vouches()).toBe(false);
    await lintFiles(['calls'], options);
    expect(vouches()).toBe(true);
    expect(cacheVouchesForPacks({ ...options, cache: false }, Linter.load(options))).toBe(false);
    writeFileSync(join(cwd, 'pack.yaml'), `${RUNNER_PACK}${BROKEN_RULES['an example the rule does not flag']}`);
    expect(vouches()).toBe(false);
  });

  it('a rerun whose files are all cached never compiles them; one with a changed file does, with the same results', async () => {
    const cwd = corpus(8);
    const options = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: () => {} };
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    try {
      const fresh = await lintFiles(['calls'], options);
      const loaded = Linter.load(options);
      const all = await lintFilesWith(loaded, options);
      expect(loaded.isCompiled).toBe(false);
      expect(JSON.stringify(all)).toBe(JSON.stringify(fresh));

      writeFileSync(join(cwd, 'calls/a/call-0000.txt'), '客服: 什么事？\n');
      const again = Linter.load(options);
      const changed = await lintFilesWith(again, options);
      expect(again.isCompiled).toBe(true);
      expect(changed[0].messages.map((m) => m.ruleId)).toContain('t/no-shenme-shi');
      expect(JSON.stringify(changed.slice(1))).toBe(JSON.stringify(fresh.slice(1)));
      expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).toContain('call-0000.txt');
    } finally {
      vi.useRealTimers();
    }
  });
});

async function lintFilesWith(linter: Linter, options: Parameters<typeof lintFiles>[1]): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for await (const result of lintFilesStream(['calls'], options, linter)) results.push(result);
  return results;
}
