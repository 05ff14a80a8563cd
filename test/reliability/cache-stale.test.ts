// #13.11: the cache must never serve an old result — content changed under a restored size and mtime, an option that
// changes results, a file that cannot be read now, a report that needs the transcripts.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, readdirSync, rmSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, type LintFilesOptions } from '../../src/runner/lint-files.js';
import { BIN, ROOT, runCli, tempDir } from '../helpers.js';
import { corpus, PACK_ARGS, PACK_OPTIONS } from '../runner/corpus.js';

const GREETING = '客服: 您好，请问有什么可以帮您？';
// The same number of bytes with the greeting gone: size alone cannot tell them apart.
const NO_GREETING = '客服: 喂喂，请问有什么可以帮您？';

function cached(cwd: string, extra: Partial<LintFilesOptions> = {}) {
  const notices: string[] = [];
  const options: LintFilesOptions = { cwd, ...PACK_OPTIONS, cache: true, concurrency: 1, notice: (m) => notices.push(m), ...extra };
  return { notices, run: () => lintFiles(['calls'], options) };
}

// Tests that run the executable several times: seconds each on a busy machine.
const CLI_TIMEOUT = 180_000;

const rules = (results: { messages: { ruleId: string | null }[] }[]) => results.map((r) => r.messages.map((m) => m.ruleId));

describe('cache: a file changed under the same size and mtime is linted again', () => {
  it('content rewritten in place, then its mtime restored', async () => {
    const cwd = corpus(4);
    const file = join(cwd, 'calls/a/call-0000.txt');
    utimesSync(file, 1_700_000_000, 1_700_000_000); // whole seconds: restorable exactly
    const { run } = cached(cwd);
    const first = await run();
    expect(rules(first)[0]).not.toContain('t/greet-first');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(GREETING, NO_GREETING));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    const second = await run();
    expect(rules(second)[0]).toContain('t/greet-first');
    expect(JSON.stringify(second)).toBe(JSON.stringify(await lintFiles(['calls'], { cwd, ...PACK_OPTIONS, concurrency: 1 })));
  });

  it('another file of the same size and mtime renamed over it', async () => {
    const cwd = corpus(4);
    const file = join(cwd, 'calls/a/call-0000.txt');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const { run } = cached(cwd);
    await run();
    const other = join(cwd, 'replacement.tmp');
    writeFileSync(other, readFileSync(file, 'utf8').replace(GREETING, NO_GREETING));
    utimesSync(other, 1_700_000_000, 1_700_000_000);
    renameSync(other, file);
    expect(rules(await run())[0]).toContain('t/greet-first');
  });
});

describe('cache: every option that changes a result is part of the key', () => {
  const DIRECTIVE = '# transcript-lint-disable-next-line t/no-shenme-shi\n客服: 什么事？\n客户: 我的账单不对。\n客服: 您好，再见。\n';

  it('--no-inline-config after a run that honoured the directives', async () => {
    const cwd = corpus(0, { 'calls/directive.txt': DIRECTIVE });
    const honoured = await cached(cwd).run();
    expect(rules(honoured)[0]).not.toContain('t/no-shenme-shi');
    const ignored = cached(cwd, { noInlineConfig: true });
    const results = await ignored.run();
    expect(rules(results)[0]).toContain('t/no-shenme-shi');
    expect(ignored.notices).toEqual([expect.stringMatching(/changed since the cache .* was written; linting every file$/)]);
  });

  it('--report-unused-disable-directives', async () => {
    const cwd = corpus(0, { 'calls/unused.txt': '# transcript-lint-disable-next-line t/no-shenme-shi\n客服: 您好。\n客服: 再见。\n' });
    expect(rules(await cached(cwd).run())[0]).toEqual([]);
    expect(rules(await cached(cwd, { reportUnusedDisableDirectives: true }).run())[0]).toHaveLength(1);
  });
});

describe('cache: a file that cannot be read now is never given its cached result', () => {
  // As root every file is readable: run the linter as `nobody` then. Elsewhere, as the user running the tests.
  const asRoot = process.getuid?.() === 0;

  function runAs(cwd: string, asNobody = asRoot): { status: number | null; stdout: string } {
    const run = spawnSync(process.execPath, [BIN, 'calls', ...PACK_ARGS, '--cache', '-f', 'json'], {
      cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: CLI_TIMEOUT,
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    return { status: run.status, stdout: run.stdout };
  }

  it.skipIf(process.platform === 'win32')('a transcript made unreadable after it was cached', () => {
    const cwd = corpus(3);
    if (asRoot) for (const path of walk(cwd)) chownSync(path, 65534, 65534);
    const first = runAs(cwd);
    expect(first.status).toBe(1);
    const file = join(cwd, 'calls/b/call-0001.txt');
    chmodSync(file, 0);
    const second = runAs(cwd);
    expect(second.status).toBe(2);
    const result = (JSON.parse(second.stdout) as { filePath: string; messages: { fatal?: boolean; message: string }[] }[])
      .find((r) => r.filePath === 'calls/b/call-0001.txt');
    expect(result?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/permission denied/) })]);
  }, CLI_TIMEOUT);

  // The same cache used by another user, who may not read a file the first could: nothing about the file changed.
  it.skipIf(!asRoot)('a transcript this user may not read, cached by one who could', () => {
    const cwd = corpus(3);
    for (const path of walk(cwd)) chownSync(path, 65534, 65534);
    const secret = join(cwd, 'calls/b/call-0001.txt');
    chownSync(secret, 0, 0);
    chmodSync(secret, 0o600);
    expect(runAs(cwd, false).status).toBe(1);
    const second = runAs(cwd, true);
    expect(second.status).toBe(2);
    const result = (JSON.parse(second.stdout) as { filePath: string; messages: { fatal?: boolean; message: string }[] }[])
      .find((r) => r.filePath === 'calls/b/call-0001.txt');
    expect(result?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/permission denied/) })]);
  }, CLI_TIMEOUT);
});

describe('cache: reports that show transcripts get them from a cached run', () => {
  it('-f html after a cached -f json run shows every transcript; -f json after -f html is the fresh json', () => {
    const cwd = corpus(3);
    const json = ['calls', ...PACK_ARGS, '--cache', '-f', 'json'];
    const fresh = runCli(['calls', ...PACK_ARGS, '-f', 'json'], { cwd });
    expect(runCli(json, { cwd }).stdout).toBe(fresh.stdout);
    const html = runCli(['calls', ...PACK_ARGS, '--cache', '-f', 'html'], { cwd });
    const uncachedHtml = runCli(['calls', ...PACK_ARGS, '-f', 'html'], { cwd });
    expect(html.stdout).toContain('我的账单不对');
    expect(withoutTimes(html.stdout)).toBe(withoutTimes(uncachedHtml.stdout));
    expect(runCli(json, { cwd }).stdout).toBe(fresh.stdout);
  }, CLI_TIMEOUT);

  it('the same for SRT, WebVTT and JSON calls, shown as turns (not cue numbers and timing lines) from the cache', () => {
    const cwd = tempDir();
    for (const name of ['transcript-lint.yaml', 'call.srt', 'call.vtt', 'whisper.json', 'channels.json']) copyFileSync(join(ROOT, 'fixtures/formats', name), join(cwd, name));
    const files = ['call.srt', 'call.vtt', 'whisper.json', 'channels.json'];
    const freshJson = runCli(['-f', 'json', ...files], { cwd }).stdout;
    const freshHtml = withoutTimes(runCli(['-f', 'html', ...files], { cwd }).stdout);
    expect(freshHtml).not.toContain('00:00:00,000 --&gt;'); // turns, not the SRT as written
    expect(runCli(['--cache', '-f', 'json', ...files], { cwd }).stdout).toBe(freshJson);
    expect(withoutTimes(runCli(['--cache', '-f', 'html', ...files], { cwd }).stdout)).toBe(freshHtml);
    rmSync(join(cwd, '.transcript-lint-cache'));
    expect(withoutTimes(runCli(['--cache', '-f', 'html', ...files], { cwd }).stdout)).toBe(freshHtml);
    expect(runCli(['--cache', '-f', 'json', ...files], { cwd }).stdout).toBe(freshJson);
  }, CLI_TIMEOUT);
});

/** The HTML report says when it was made: compare without that. */
function withoutTimes(html: string): string {
  return html.replace(/\d{4}-\d\d-\d\dT?[ \d:.Z+-]*/g, 'TIME');
}

function walk(dir: string): string[] {
  const out = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}
