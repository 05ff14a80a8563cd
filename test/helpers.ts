// Shared test helpers: run the real executable, make temporary folders, lint text with an inline pack.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { ConfigError } from '../src/config/errors.js';
import { Linter } from '../src/engine/linter.js';
import type { LintResult } from '../src/types.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'transcript-lint.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (npm test builds first) with NO_COLOR, in `cwd`. */
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; timeout?: number } = {}): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    timeout: options.timeout ?? 60_000,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Folders made by tempDir in this test file: removed when its tests are done. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) removeTree(dir);
});

/** Remove a test's folder, even one a test made unreadable or unwritable; what still cannot go (a mount) stays. */
function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    try {
      spawnSync('chmod', ['-R', 'u+rwx', dir]);
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Left in the temporary folder: the OS cleans it.
    }
  }
}

/** A fresh temporary folder holding the given files (paths relative to it), removed after the test file's tests. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'transcript-lint-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** A Linter over one pack given as YAML text (written to a temporary folder). */
export function linterFor(packYaml: string, options: { rules?: string[] } = {}): Linter {
  const dir = tempDir({ 'pack.yaml': packYaml });
  return Linter.create({ cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true, rules: options.rules });
}

/** The mistakes a pack is refused for, as "LINE:COLUMN message | hint"; none when it loads. */
const builtinLinters = new Map<string, Linter>();
/** A built-in pack's linter, made once per test file. */
export function builtinLinter(pack: string): Linter {
  let linter = builtinLinters.get(pack);
  if (!linter) builtinLinters.set(pack, (linter = Linter.create({ packs: [pack], noConfigLookup: true, cwd: ROOT })));
  return linter;
}

/** A built-in rule's id: a chat pack's rules are its call pack's, under the call pack's name. */
export const builtinRuleId = (pack: string, rule: string): string => `${pack.replace('-chat', '-callcenter')}/${rule}`;

/** The lines where the built-in pack `pack` reports `rule` (an id without its pack) in `text`. */
export function builtinRuleLines(pack: string, rule: string, text: string): number[] {
  const id = builtinRuleId(pack, rule);
  return builtinLinter(pack).lintText(text).messages.filter((m) => m.ruleId === id).map((m) => m.line);
}

/** RuleTester-style cases for one rule of a built-in pack. */
export interface PackRuleCase {
  rule: string;
  /** Not a breach of the rule. */
  valid: string[];
  /** A breach, reported on these lines. */
  invalid: [string, number[]][];
}

export function packIssues(yaml: string): string[] {
  try {
    linterFor(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.line}:${i.column} ${i.message}${i.hint ? ` | ${i.hint}` : ''}`);
    throw err;
  }
  return [];
}

export const SPEAKERS = `speakers:
  agent: [客服, 坐席, Agent]
  customer: [客户, Customer]
`;

/** The rule most tests need, as a line of a pack's `rules:` (the agent's first turn greets). */
export const GREET_RULE = `  greet:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-turns: 1 }
    message: 开场须先问候
`;

/** A pack with the usual speakers and the given phrases/rules sections. */
export function packWith(body: string, name = 'test'): string {
  return `name: ${name}\n${SPEAKERS}${body}`;
}

export function positions(result: LintResult): string[] {
  return result.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
}

/** mulberry32: a small seeded generator of numbers in [0, 1), so that a failure names a seed that reproduces it. */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
