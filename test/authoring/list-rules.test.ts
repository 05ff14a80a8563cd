import { existsSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { GREET_RULE, packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`rules:
${GREET_RULE}    source: "001 二(一)1"
  no-rude:
    kind: banned
    phrases: [什么事]
    severity: warn
    message: 不可以说「什么事」，请说「请问有什么可以帮您」
    source: 000 1.2
  quiet-rule:
    kind: banned
    phrases: [x]
    message: plain ASCII message
`, 'demo');

describe('--list-rules', () => {
  const cwd = tempDir({ 'demo.yaml': PACK });

  it('prints every rule with kind, severity in effect, message and source, aligned in display columns', () => {
    const run = runCli(['--pack', './demo.yaml', '--rule', 'demo/quiet-rule: off', '--list-rules'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'rule             kind      severity  message                                         source',
      'demo/greet       required  error     开场须先问候                                    001 二(一)1',
      'demo/no-rude     banned    warn      不可以说「什么事」，请说「请问有什么可以帮您」  000 1.2',
      'demo/quiet-rule  banned    off       plain ASCII message',
    ]);
    // The source column starts at the same display column on every row, whatever the script of the message.
    const sourceColumn = (line: string, source: string) => stringWidth(line.slice(0, line.indexOf(source)));
    expect(sourceColumn(lines[1], '001')).toBe(sourceColumn(lines[0], 'source'));
    expect(sourceColumn(lines[2], '000')).toBe(sourceColumn(lines[0], 'source'));
    expect(run.stdout).toContain('3 rules (1 off) from pack demo');
  });

  it('prints JSON with --format json, including where each rule is defined', () => {
    const run = runCli(['--pack', './demo.yaml', '--list-rules', '--format', 'json'], { cwd });
    expect(run.status).toBe(0);
    const rules = JSON.parse(run.stdout) as { id: string; severity: string; file: string; line: number; column: number }[];
    expect(rules.map((r) => `${r.id} ${r.severity} ${r.file}:${r.line}:${r.column}`)).toEqual([
      'demo/greet error demo.yaml:6:3',
      'demo/no-rude warn demo.yaml:13:3',
      'demo/quiet-rule error demo.yaml:19:3',
    ]);
  });

  it('lists the default pack without a config, and exits 2 on a broken pack', () => {
    const plain = runCli(['--list-rules'], { cwd: tempDir() });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/^zh-callcenter\/\S+ /m);
    const broken = tempDir({ 'bad.yaml': 'name: bad\nrules:\n  r:\n    kind: banished\n    phrases: [x]\n' });
    const run = runCli(['--pack', './bad.yaml', '--list-rules'], { cwd: broken });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('bad.yaml:4:11: unknown rule kind "banished"');
  });

  it('refuses two authoring commands at once', () => {
    const empty = tempDir();
    const run = runCli(['--init', '--list-rules'], { cwd: empty });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('transcript-lint: --init and --list-rules cannot be combined; give one of them\n');
    expect(existsSync(join(empty, 'transcript-lint.yaml'))).toBe(false);
  });
});
