// Every code block of the pack documentation runs as written: YAML packs and configs load, fixtures with
// "# expect:" lines pass --test-pack, shell commands run; and any built-in rule id a block of the docs or the
// README names exists.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Linter } from '../../src/engine/linter.js';
import { ROOT } from '../helpers.js';
import { codeBlocks, runCommand, sandbox, shellCommands, type CodeBlock } from './code-blocks.js';

/** Every Markdown file under docs/, and the built-in packs' README. Blocks in other languages (editor settings in
 * Lua, Emacs Lisp, JSON) are not run here. */
const DOCS = [...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'rules/README.md'];
const blocks = DOCS.flatMap((file) => codeBlocks(file));
const where = (b: CodeBlock): string => `${b.file}:${b.line}`;

/** A block that is a rule or part of `rules:` (indented, or one "name: {…}" line) becomes a pack to load. */
function asPack(block: CodeBlock): string {
  const data = parse(block.text) as Record<string, unknown> | null;
  if (data === null) return '';
  const top = ['name', 'extends', 'rules', 'phrases', 'speakers', 'normalize', 'scorecard', 'channels', 'fuzzy', 'message-parts', 'language'];
  if (Object.keys(data).some((key) => top.includes(key))) return block.text;
  const indented = /^[ \t]/.test(block.text.replace(/^\s*\n/, ''));
  const body = indented ? block.text : block.text.split('\n').map((line) => `  ${line}`).join('\n');
  // A fragment of rules is read as part of a config over the default pack, whose rules and phrase sets it may name.
  return `name: doc\nextends: zh-callcenter\nrules:\n${body}\n`;
}

describe('code blocks in docs/ and rules/README.md', () => {
  it('YAML blocks load as packs or configs', () => {
    const { cwd } = sandbox();
    const failures: string[] = [];
    for (const block of blocks.filter((b) => b.lang === 'yaml')) {
      const pack = asPack(block);
      if (!pack) continue;
      const file = join(cwd, `block-${block.line}.yaml`);
      writeFileSync(file, pack);
      try {
        Linter.create({ cwd, configFile: file });
      } catch (err) {
        failures.push(`${where(block)}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('fixtures that state "# expect:" pass --test-pack with the pack they name', () => {
    const { cwd, env } = sandbox();
    const fixtures = blocks.filter((b) => /^#\s*expect:/m.test(b.text));
    expect(fixtures.length).toBeGreaterThan(0);
    for (const block of fixtures) {
      const pack = /#\s*expect:\s*([\w-]+)\//.exec(block.text)![1];
      writeFileSync(join(cwd, 'doc-fixture.txt'), `${block.text}\n`);
      const run = runCommand(`transcript-lint --test-pack ${pack} doc-fixture.txt`, cwd, env);
      expect([where(block), run.status, run.output]).toEqual([where(block), 0, expect.any(String)]);
    }
  }, 120_000);

  it('shell blocks run (exit 0 or 1)', () => {
    const { cwd, env } = sandbox();
    const failures: string[] = [];
    for (const command of blocks.filter((b) => b.lang === 'sh').flatMap(shellCommands)) {
      const run = runCommand(command.text, cwd, env);
      if (run.status !== 0 && run.status !== 1) failures.push(`${command.where}: ${command.text}\n  exit ${run.status}\n${run.output.slice(0, 1500)}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('every built-in rule id a block names exists', () => {
    const ids = new Set(Linter.create({ packs: ['zh-callcenter', 'en-callcenter'], noConfigLookup: true }).compiled.rules.map((r) => r.entry.id));
    // Phrase sets are named the same way (zh-callcenter/hold-ask).
    for (const pack of ['zh-callcenter', 'en-callcenter']) {
      const data = parse(readFileSync(join(ROOT, 'rules', `${pack}.yaml`), 'utf8')) as { phrases?: Record<string, unknown> };
      for (const set of Object.keys(data.phrases ?? {})) ids.add(`${pack}/${set}`);
    }
    const named = [...DOCS, 'README.md'].flatMap((file) => codeBlocks(file)).flatMap((b) =>
      [...b.text.matchAll(/\b((?:zh|en)-callcenter\/[a-z][\w-]*)/g)].map((m) => ({ id: m[1], where: where(b) })));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !ids.has(n.id))).toEqual([]);
  });
});
