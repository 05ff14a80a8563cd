// Reliability, report injection (item 9) and messages (item 13, newline in a file name): text from transcripts,
// speaker labels and file names reaches the terminal as visible escapes, never as control sequences.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/report/terminal-text.js';
import { packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`rules:
  rude:
    kind: banned
    speaker: agent
    phrases: [不知道]
    message: 不要说
`);
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

  it('--fix-dry-run shows the diff with escapes too', () => {
    const dir = tempDir({ 'pack.yaml': packWith(`rules:
  rude:
    kind: banned
    speaker: agent
    phrases: [不知道]
    suggest: 我帮您查一下
    message: 不要说
`) });
    writeFileSync(join(dir, 'call.txt'), HOSTILE);
    const run = runCli(['--pack', './pack.yaml', '--fix-dry-run', 'call.txt'], { cwd: dir });
    expect(run.stdout).toContain('我帮您查一下');
    expect(run.stdout).not.toMatch(CONTROL);
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
