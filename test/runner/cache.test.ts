import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, type LintFilesOptions } from '../../src/runner/lint-files.js';
import { corpus, PACK_OPTIONS } from './corpus.js';

function runner(cwd: string, extra: Partial<LintFilesOptions> = {}) {
  const notices: string[] = [];
  const options: LintFilesOptions = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: (m) => notices.push(m), ...extra };
  return { notices, run: () => lintFiles(['calls'], options) };
}

describe('--cache', () => {
  it('gives cached results identical to fresh ones, and relints only what changed', async () => {
    const cwd = corpus(12);
    const { notices, run } = runner(cwd);
    const fresh = await run();
    expect(existsSync(join(cwd, '.transcript-lint-cache'))).toBe(true);
    const cached = await run();
    expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));

    // New content under the same size and mtime is what a cache cannot see; new content with a new mtime it must.
    const rude = join(cwd, 'calls/a/call-0000.txt');
    writeFileSync(rude, '客服: 什么事？\n');
    const changed = await run();
    expect(changed[0].messages.map((m) => m.ruleId)).toContain('t/no-shenme-shi');
    expect(JSON.stringify(changed.slice(1))).toBe(JSON.stringify(fresh.slice(1)));
    expect(notices).toEqual([]);
  });

  it('keeps the result of a file touched but unchanged (content hash), and its new mtime', async () => {
    const cwd = corpus(4);
    const { run } = runner(cwd);
    const fresh = await run();
    const file = join(cwd, 'calls/b/call-0001.txt');
    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).toContain(`\t${new Date(2001, 1, 1).getTime()}\t`);
  });

  it('starts afresh with a notice when the packs or options changed', async () => {
    const cwd = corpus(4);
    await runner(cwd).run();
    const { notices, run } = runner(cwd, { rules: ['t/greet-first: off'] });
    const results = await run();
    expect(notices).toEqual([expect.stringMatching(/^packs, rules or options changed since the cache .* was written; linting every file$/)]);
    expect(results.flatMap((r) => r.messages).some((m) => m.ruleId === 't/greet-first')).toBe(false);
  });

  it('discards a damaged cache with a notice and replaces it atomically', async () => {
    const cwd = corpus(4);
    const { notices, run } = runner(cwd, { cacheLocation: 'cache/' });
    const fresh = await run();
    const file = join(cwd, 'cache/.transcript-lint-cache');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\t\{"messages/, '\t{"mess'));
    expect(JSON.stringify(await run())).toBe(JSON.stringify(fresh));
    expect(notices).toEqual([expect.stringMatching(/cache .* is damaged \(its checksum does not match\); linting every file$/)]);
    expect(readdirSync(join(cwd, 'cache'))).toEqual(['.transcript-lint-cache']);
    notices.length = 0;
    await run();
    expect(notices).toEqual([]);
  });

  it('neither uses nor overwrites a file that is not a cache', async () => {
    const cwd = corpus(2, { 'notes.txt': 'my notes\n' });
    const { notices, run } = runner(cwd, { cacheLocation: 'notes.txt' });
    await run();
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect(notices).toEqual([expect.stringMatching(/notes\.txt is not a transcript-lint cache: not using it and not overwriting it/)]);
  });

  it('does not cache files that could not be linted', async () => {
    const cwd = corpus(2, { 'calls/bin.txt': new Uint8Array([0x41, 0, 0x42]) });
    const { run } = runner(cwd);
    await run();
    expect(readFileSync(join(cwd, '.transcript-lint-cache'), 'utf8')).not.toContain('bin.txt');
  });
});
