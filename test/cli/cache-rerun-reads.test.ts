// What a --cache rerun reads before its first file when its cache vouches for its packs: the cache's header once
// before the config (the run's cache then opens the file itself), the build's id once, and not the build's record of what the built-in
// packs compile to (dist/verified-packs/compiled.json), which only a run that compiles them needs. Counted by a
// preload that records the paths the command line opens; a changed pack must still make the rerun lint again.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from '../helpers.js';
import { corpusFiles } from '../runner/corpus.js';

/** A pack of the team's own on top of the built-in one, whose patterns the build recorded. */
const TEAM_PACK = 'name: team\nextends: zh-callcenter\n';
const ARGS = ['calls', '--pack', './team.yaml', '--no-config-lookup', '-f', 'compact', '--cache'];

interface RecordedRun {
  status: number;
  stdout: string;
  stderr: string;
  /** Every path the run opened through fs.openSync or read through fs.readFileSync, in order. */
  opened: string[];
}

/** The command line in `cwd`, with a preload that records the paths it opens. */
function recordedRun(cwd: string, args: string[]): RecordedRun {
  const dir = tempDir();
  const preload = join(dir, 'open-recorder.cjs');
  const log = join(dir, 'opened.json');
  writeFileSync(preload, [
    "'use strict';",
    "const fs = require('node:fs');",
    'const opened = [];',
    'for (const name of [\'openSync\', \'readFileSync\']) {',
    '  const original = fs[name];',
    '  fs[name] = function (path, ...rest) { if (typeof path === \'string\' || path instanceof URL) opened.push(String(path)); return original.call(this, path, ...rest); };',
    '}',
    `process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify(opened)));`,
  ].join('\n'));
  const run = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  const opened = (JSON.parse(readFileSync(log, 'utf8')) as string[]).filter((path) => !path.startsWith(dir));
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, opened };
}

const cacheOpens = (run: RecordedRun): number => run.opened.filter((path) => path.endsWith('.transcript-lint-cache')).length;
const readsCompiled = (run: RecordedRun): boolean => run.opened.some((path) => /verified-packs[\\/]compiled\.json$/.test(path));

describe('--cache rerun: what it reads before its first file', () => {
  it('reads the cache header once before the config, and not what the packs compile to, when every file is cached', () => {
    const cwd = tempDir({ 'team.yaml': TEAM_PACK, ...corpusFiles(8) });
    const first = recordedRun(cwd, ARGS);
    expect(first.status).toBe(1);
    expect(readsCompiled(first)).toBe(true); // it compiled the packs
    const rerun = recordedRun(cwd, ARGS);
    expect({ ...rerun, opened: [] }).toEqual({ ...first, opened: [] });
    expect(readsCompiled(rerun)).toBe(false);
    // Once for the header (the stat thread's choice and whether the cache vouches for the packs), once by the run's cache.
    expect(cacheOpens(rerun)).toBe(2);
    // The build's id, part of both keys, is read once.
    expect(rerun.opened.filter((path) => /[\\/]dist[\\/]build-id$/.test(path))).toHaveLength(1);
  });

  it('lints again after a pack file changed: the cache no longer vouches for it, and the findings are the new pack\'s', () => {
    const cwd = tempDir({ 'team.yaml': TEAM_PACK, ...corpusFiles(8) });
    const before = recordedRun(cwd, ARGS);
    expect(recordedRun(cwd, ARGS).stdout).toBe(before.stdout);
    // The same pack with one more rule: every agent turn with 请 in it.
    writeFileSync(join(cwd, 'team.yaml'), `${TEAM_PACK}rules:\n  no-qing:\n    kind: banned\n    speaker: agent\n    phrases: [请]\n    message: 不用请字\n`);
    const cold = runCli(ARGS.filter((arg) => arg !== '--cache'), { cwd, env: {} });
    expect(cold.stdout).toContain('team/no-qing');
    const after = recordedRun(cwd, ARGS);
    expect(after.stderr).toContain('changed since the cache');
    expect(readsCompiled(after)).toBe(true); // it compiled the packs again
    expect(after.stdout).toBe(cold.stdout);
    expect(after.stdout).not.toBe(before.stdout);
  });
});
