import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterConfig, writeStarterConfig } from '../../src/authoring/init-config.js';
import { Linter } from '../../src/engine/linter.js';
import { runCli, tempDir } from '../helpers.js';

/** The starter config with its commented YAML examples switched on ("# key: …" and "#   …" lines, not prose). */
function uncommented(text: string): string {
  const [first, ...rest] = text.split('\n');
  return [first, ...rest.map((line) => line.replace(/^# (?=[a-z][\w./-]*:(?: |$)|  )/, ''))].join('\n');
}

describe('--init', () => {
  it('writes a starter config that extends zh-callcenter, points at the installed schema and loads', () => {
    const cwd = tempDir({ 'call.txt': '客服: 什么事？\n' });
    const run = runCli(['--init'], { cwd });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('wrote transcript-lint.yaml');
    const text = readFileSync(join(cwd, 'transcript-lint.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/transcript-lint/rules/transcript-lint.schema.json');
    expect(text).toContain('extends: [zh-callcenter]');
    const linter = Linter.create({ cwd });
    expect(linter.compiled.config.configFile).toBe('transcript-lint.yaml');
    expect(linter.compiled.config.packs.map((p) => p.name)).toEqual(['zh-callcenter', 'config']);
    // The written config is the one a plain run picks up.
    const lint = runCli(['call.txt'], { cwd });
    expect(lint.stdout).toContain('zh-callcenter/');
  });

  it('has commented examples of a severity override and of own phrases and rules that work when uncommented', () => {
    const cwd = tempDir();
    const text = uncommented(starterConfig('x.json'));
    expect(text).toMatch(/^rules:\n  zh-callcenter\/[\w-]+: warn\n  say-company-name:\n/m);
    expect(text).toMatch(/^phrases:\n  company-name: /m);
    writeFileSync(join(cwd, 'transcript-lint.yaml'), text);
    const linter = Linter.create({ cwd });
    const override = linter.compiled.config.rules.find((r) => r.pack.name === 'zh-callcenter' && r.severity === 1);
    expect(override).toBeDefined();
    const own = linter.compiled.config.rules.find((r) => r.id === 'my-company/say-company-name');
    expect(own?.def.examples?.bad?.length).toBe(1);
    expect(linter.problemsOfRule('my-company/say-company-name', '客服: 您好，康泰鑫客服。')).toEqual([]);
  });

  it('refuses to overwrite an existing config', () => {
    const cwd = tempDir({ 'transcript-lint.yaml': 'extends: zh-callcenter\n' });
    const run = runCli(['--init'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('transcript-lint --init: transcript-lint.yaml already exists; edit it, or remove it first to start over\n');
    expect(readFileSync(join(cwd, 'transcript-lint.yaml'), 'utf8')).toBe('extends: zh-callcenter\n');
    // A dot-config would be shadowed by a new transcript-lint.yaml: refused as well.
    const dotted = tempDir({ '.transcript-lint.yaml': 'extends: zh-callcenter\n' });
    expect(() => writeStarterConfig(dotted)).toThrow('.transcript-lint.yaml already exists');
    expect(existsSync(join(dotted, 'transcript-lint.yaml'))).toBe(false);
  });

  it('a broken symbolic link named as the config, or a folder it cannot write, is said without a stack trace (exit 2)', () => {
    // Until 2026-12-01 the link passed the check (existsSync follows it) and the write ended in "internal error: EEXIST".
    const linked = tempDir();
    symlinkSync(join(linked, 'nowhere', 'config.yaml'), join(linked, 'transcript-lint.yaml'));
    const run = runCli(['--init'], { cwd: linked });
    expect([run.status, run.stderr]).toEqual([2, 'transcript-lint --init: transcript-lint.yaml already exists (a symbolic link to nothing); edit it, or remove it first to start over\n']);
    expect(() => writeStarterConfig(join(linked, 'missing-folder'))).toThrow('cannot write transcript-lint.yaml here: the folder does not exist');
  });

  it('points at the schema of the transcript-lint installed nearest upward', () => {
    const project = tempDir({ 'node_modules/transcript-lint/rules/transcript-lint.schema.json': '{}' });
    mkdirSync(join(project, 'calls'));
    const result = writeStarterConfig(join(project, 'calls'));
    expect(result).toMatchObject({ schemaPath: '../node_modules/transcript-lint/rules/transcript-lint.schema.json', schemaFound: true });
    expect(readFileSync(result.file, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/node_modules\/transcript-lint\/rules\/transcript-lint\.schema\.json\n/);
  });
});
