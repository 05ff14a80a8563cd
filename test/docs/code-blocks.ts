// The code blocks of the project's Markdown, and a sandbox to run their shell commands in: the repository's
// fixtures copied (examples may --fix them), stand-ins for the files examples name (calls/, our-pack.yaml), and
// `transcript-lint` on PATH as `npm link` puts it there.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BIN, ROOT, tempDir } from '../helpers.js';

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
}

/** Fenced blocks (``` or ~~~, also indented inside list items), with the indentation of their fence removed. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[j])) body.push(lines[j++].slice(indent.length));
    if (j === lines.length) throw new Error(`${file}:${i + 1}: code block never closed`);
    blocks.push({ file, line: i + 1, lang, text: body.join('\n') });
    i = j;
  }
  return blocks;
}

export interface Command {
  text: string;
  /** Where in the Markdown it stands, for failure messages. */
  where: string;
}

/** The commands of a shell block: comment lines and blank lines dropped, `\`-continued lines joined. */
export function shellCommands(block: CodeBlock): Command[] {
  const commands: Command[] = [];
  let pending = '';
  block.text.split('\n').forEach((line, i) => {
    if (!pending && (/^\s*#/.test(line) || !line.trim())) return;
    pending += line.replace(/\\$/, ' ');
    if (line.endsWith('\\')) return;
    commands.push({ text: pending.trim(), where: `${block.file}:${block.line + 1 + i}` });
    pending = '';
  });
  return commands;
}

const OUR_PACK = `name: our-pack
rules:
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事]
    message: 不可以说「什么事」
`;

/** A folder where the examples' commands run: `PATH` puts transcript-lint first. */
export function sandbox(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir({ 'our-pack.yaml': OUR_PACK, 'packs/our-company.yaml': OUR_PACK.replace('our-pack', 'our-company') });
  cpSync(join(ROOT, 'fixtures'), join(cwd, 'fixtures'), { recursive: true });
  // A QA analyst's folders: calls (Chinese, several formats), calls-en.
  cpSync(join(ROOT, 'fixtures', 'zh'), join(cwd, 'calls'), { recursive: true });
  // Not the recognizer output that numbers its speakers (whisper.json, channels.json): without the channel map of
  // fixtures/formats/transcript-lint.yaml no speaker in them is recognised, and a file that cannot be linted exits 2.
  cpSync(join(ROOT, 'fixtures', 'formats'), join(cwd, 'calls', 'formats'), { recursive: true, filter: (src) => !/(?:\.yaml|whisper\.json|channels\.json)$/.test(src) });
  cpSync(join(ROOT, 'fixtures', 'en'), join(cwd, 'calls-en'), { recursive: true });
  cpSync(join(ROOT, 'fixtures', 'zh-chat'), join(cwd, 'chats'), { recursive: true });
  // A team lead's pack with its fixture.
  writeFileSync(join(cwd, 'our-fixtures.txt'), '客服: 您好\n客服: 什么事？\n# expect: our-pack/no-shenme-shi @2\n客户: 查话费\n');
  for (const shared of ['bin', 'dist', 'rules', 'scripts', 'node_modules', 'package.json']) symlinkSync(join(ROOT, shared), join(cwd, shared));
  const bin = join(cwd, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'transcript-lint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'transcript-lint'), 0o755);
  return { cwd, env: { PATH: [bin, process.env.PATH ?? ''].join(delimiter), NO_COLOR: '1', FORCE_COLOR: '' } };
}

export interface CommandRun {
  status: number | null;
  output: string;
}

/** Run one command with bash; `seconds` bounds commands that do not end on their own (--watch). */
export function runCommand(command: string, cwd: string, env: Record<string, string>, seconds = 300): CommandRun {
  const run = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: seconds * 1000, killSignal: 'SIGINT' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

export function onPath(program: string): boolean {
  return spawnSync('bash', ['-c', `command -v ${program}`]).status === 0;
}
