// Reliability, report injection (item 9) and messages (item 13, newline in a file name): text from transcripts,
// speaker labels and file names reaches the terminal as visible escapes, never as control sequences.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTerminalUnsafe, terminalSafe } from '../../src/report/terminal-text.js';
import { BIN, packWith, runCli, tempDir } from '../helpers.js';

/** A pack banning the agent's 不知道, with `more` (indented lines of the rule: a suggestion, fixes). */
const rudePackWith = (more = ''): string => packWith(`rules:
  rude:
    kind: banned
    speaker: agent
    phrases: [不知道]
${more}    message: 不要说
`);
const PACK = rudePackWith();
// Clear screen, a hyperlink (OSC 8), a bell, a fake "0 problems" line after a carriage return.
// Long enough that its few control characters do not make it "binary".
const HOSTILE = `${'客户: 我的账单不对，已经三个月了，请帮我查一下。\n'.repeat(20)}客服: 这个不知道\u001b[2J\u001b]8;;http://evil.example\u0007点我\u001b]8;;\u0007\r✔ 0 problems\n`;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('item 9: control sequences in console reports', () => {
  it('terminalSafe shows ESC, BEL, CR, newline and bidi overrides as visible text', () => {
    expect(terminalSafe('a\u001b[2Jb\u0007c\rd\ne\u202ef')).toBe('a\\e[2Jb\\ac\\rd\\ne\\u202ef');
    expect(terminalSafe('客服: 您好')).toBe('客服: 您好');
  });

  for (const format of ['stylish', 'compact']) {
    it(`${format} prints no control character from a transcript, a speaker label or a file name`, () => {
      const dir = tempDir({ 'pack.yaml': PACK });
      writeFileSync(join(dir, 'call\u001b[31m.txt'), HOSTILE);
      const run = runCli(['--pack', './pack.yaml', '-f', format, '.'], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stdout).not.toMatch(CONTROL);
      expect(run.stdout).toContain('call\\e[31m.txt');
    });
  }

  it('isTerminalUnsafe names exactly the units terminalSafe escapes (the width measure relies on it)', () => {
    const differ: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const ch = String.fromCharCode(unit);
      if (isTerminalUnsafe(unit) !== (terminalSafe(ch) !== ch)) differ.push(unit);
    }
    expect(differ).toEqual([]);
  });

  it('--fix-dry-run shows the diff with escapes too', () => {
    const dir = tempDir({ 'pack.yaml': rudePackWith('    suggest: 我帮您查一下\n') });
    writeFileSync(join(dir, 'call.txt'), HOSTILE);
    const run = runCli(['--pack', './pack.yaml', '--fix-dry-run', 'call.txt'], { cwd: dir });
    expect(run.stdout).toContain('我帮您查一下');
    expect(run.stdout).not.toMatch(CONTROL);
  });
});

describe('item 9: --fix --interactive', () => {
  it('asks about a change naming the file with escapes (the file name reached the terminal as it was)', () => {
    const dir = tempDir({ 'pack.yaml': rudePackWith("    fix:\n      - { replace: '不知道', with: 我帮您查一下, span: phrase }\n") });
    writeFileSync(join(dir, 'call\u001b[2J\u001b]0;owned\u0007.txt'), '客服: 这个不知道\n');
    const run = runCli(['--pack', './pack.yaml', '--fix', '--interactive', '.'], { cwd: dir, input: 'n\n' });
    expect(run.stdout + run.stderr).toContain('Apply this change?');
    expect(run.stdout + run.stderr).toContain('call\\e[2J\\e]0;owned\\a.txt');
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stderr).not.toMatch(CONTROL);
  });
});

describe('item 13: a newline in a file name', () => {
  it('does not split a compact line', () => {
    const dir = tempDir({ 'pack.yaml': PACK });
    writeFileSync(join(dir, 'two\nlines.txt'), '客服: 不知道\n');
    const run = runCli(['--pack', './pack.yaml', '-f', 'compact', '.'], { cwd: dir });
    expect(run.stdout.split('\n')[0]).toMatch(/^two\\nlines\.txt:1:5: error 不要说.*\[test\/rude\]$/);
  });
});

// A pack whose every text holds control sequences: its rule name (so the rule id), message, description, phrases,
// source and example. YAML's double-quoted "\e" is ESC, "\a" is BEL.
const HOSTILE_PACK = packWith(`rules:
  "rude\\e[2J":
    kind: banned
    speaker: agent
    phrases: ["不知道\\e]8;;http://evil.example\\a"]
    message: "不要说\\e[2J\\a"
    description: "first line\\n\\e[31msecond line\\a"
    source: "\\e]8;;http://evil.example\\a手册"
    examples:
      bad: ["客服: 这个不知道\\e]8;;http://evil.example\\a\\n"]
      good: ["客服: 我帮您查一下\\n"]
`);
const RULE = 'test/rude\u001b[2J';

describe('item 9: control sequences in --list-rules, --explain, --stats and --watch', () => {
  it('--list-rules shows the pack\'s rule id and message with escapes', () => {
    const dir = tempDir({ 'pack.yaml': HOSTILE_PACK });
    const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', '--list-rules'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('test/rude\\e[2J');
    expect(run.stdout).toContain('不要说\\e[2J\\a');
    expect(run.stdout).not.toMatch(CONTROL);
  });

  it('--explain shows id, message, description (its lines kept), phrases, source and examples with escapes', () => {
    const dir = tempDir({ 'pack.yaml': HOSTILE_PACK });
    const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', '--explain', RULE], { cwd: dir });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('first line\n\\e[31msecond line\\a');
    expect(run.stdout).toContain('不知道\\e]8;;http://evil.example\\a');
    expect(run.stdout).toContain('\\e]8;;http://evil.example\\a手册');
    expect(run.stdout).not.toMatch(CONTROL);
  });

  it('--stats shows rule ids with escapes', () => {
    const dir = tempDir({ 'pack.yaml': HOSTILE_PACK, 'call.txt': '客服: 这个不知道\u001b]8;;http://evil.example\u0007\n' });
    const run = runCli(['--pack', './pack.yaml', '--no-config-lookup', '--stats', 'call.txt'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Rule statistics over 1 file:\n.*\n\s+1\s+1\s+test\/rude\\e\[2J\n/);
    expect(run.stdout).not.toMatch(CONTROL);
  });

  it('--test-pack shows fixture names, unexpected problems and expectation errors with escapes', () => {
    const dir = tempDir({ 'pack.yaml': HOSTILE_PACK });
    // An unexpected problem (a message with ESC and BEL), and an expectation naming a rule with ESC in it.
    // (Long enough that its few control characters do not make it "binary".)
    writeFileSync(join(dir, 'fixture\u001b[2J.txt'), `# expect: test/nope\u001b]8;; @1\n${'客户: 我的账单不对，已经三个月了，请帮我查一下。\n'.repeat(20)}客服: 这个不知道\u001b]8;;http://evil.example\u0007\n`);
    const run = runCli(['--no-config-lookup', '--test-pack', './pack.yaml', '.'], { cwd: dir });
    expect(run.status).toBe(2); // a fixture naming no rule of the pack is a bad fixture
    expect(run.stdout).toContain('fixture\\e[2J.txt');
    expect(run.stdout).toContain('不要说\\e[2J\\a');
    expect(run.stdout).toContain('no rule "test/nope\\e]8;;"');
    expect(run.stdout).not.toMatch(CONTROL);
  });

  it('--watch names a changed file, and shows a pack that no longer loads, with escapes', async () => {
    const dir = tempDir({ 'pack.yaml': PACK });
    const name = 'call\u001b[2J\u0007.txt';
    writeFileSync(join(dir, name), '客服: 您好\n');
    const child = spawn(process.execPath, [BIN, '--pack', './pack.yaml', '--no-config-lookup', '--watch', '.'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const until = async (ready: () => boolean): Promise<void> => {
      for (let waited = 0; !ready(); waited += 50) {
        if (waited > 30_000) throw new Error(`no such output; stdout: ${out}; stderr: ${err}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await until(() => out.includes('for changes'));
      writeFileSync(join(dir, name), '客服: 这个不知道\n');
      await until(() => out.includes('re-linted after a change'));
      writeFileSync(join(dir, 'pack.yaml'), 'name: "broken\\e[2J\\a"\nrules: [\n');
      await until(() => err.includes('no longer loads') && err.trimEnd().split('\n').length > 2);
    } finally {
      child.kill();
    }
    expect(out).toContain('re-linted after a change to call\\e[2J\\a.txt');
    expect(out).not.toMatch(CONTROL);
    expect(err).not.toMatch(CONTROL);
  }, 60_000);
});
