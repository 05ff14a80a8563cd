// --init: a starter transcript-lint.yaml that extends the built-in pack and shows, commented out, how to change a
// rule's severity and how to add a company's own phrases and rules.
import { existsSync, lstatSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_NAMES, DEFAULT_PACK, loadConfig } from '../config/load.js';
import { describeWriteError } from '../io/write-error.js';

export const INIT_FILE_NAME = 'transcript-lint.yaml';
/** Where the schema lies once the package is installed in a project; editors resolve it relative to the config. */
export const INSTALLED_SCHEMA = 'node_modules/transcript-lint/rules/transcript-lint.schema.json';

export class InitError extends Error {}

export interface InitResult {
  file: string;
  /** The schema path written into the first line, relative to the config. */
  schemaPath: string;
  /** Whether that schema file exists (editors only complete keys when it does). */
  schemaFound: boolean;
}

/** The installed schema nearest from `cwd` upward (node_modules may sit in a parent folder), relative to `cwd`. */
export function findInstalledSchema(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, INSTALLED_SCHEMA))) return relative(cwd, join(dir, INSTALLED_SCHEMA)).split(sep).join('/');
    if (dirname(dir) === dir) return undefined;
  }
}

/** A rule of the default pack to show in the commented severity override: a real id, so uncommenting works. */
function exampleRuleId(): string {
  const ids = loadConfig({ packs: [DEFAULT_PACK], noConfigLookup: true }).rules.map((r) => r.id);
  return ids.find((id) => id.endsWith('/greet-first')) ?? ids[0] ?? `${DEFAULT_PACK}/greet-first`;
}

/**
 * The starter config. Commented lines that are YAML ("# key: …", "#   …") are examples meant to be uncommented
 * as they stand (a test does so and loads the result); prose comments start with a capital letter.
 */
export function starterConfig(schemaPath: string, overrideRuleId = exampleRuleId()): string {
  return `# yaml-language-server: $schema=${schemaPath}
# Config of transcript-lint, found from this folder upward (or given with -c FILE).
# See the rules in effect with "transcript-lint --list-rules", one rule in full with "--explain RULE".
# Writing and testing rules: docs/rule-packs.md in the transcript-lint package.

# Without a name your own rules are "config/<rule>":
# name: my-company

extends: [${DEFAULT_PACK}]

# Your company's own phrases, used by your rules below:
# phrases:
#   company-name: [康泰鑫, 康泰鑫科技]

# Change a built-in rule's severity (error | warn | off), or add rules of your own:
# rules:
#   ${overrideRuleId}: warn
#   say-company-name:
#     kind: required
#     speaker: agent
#     phrases: company-name
#     scope: { first-turns: 2 }
#     message: 开场须报公司名称，例如「您好，康泰鑫客服」
#     source: 公司服务规范
#     examples:
#       bad: ["客服: 您好，请问有什么可以帮您？"]
#       good: ["客服: 您好，康泰鑫客服，请问有什么可以帮您？"]
`;
}

/** Write the starter config into `cwd`; never overwrites an existing config. */
export function writeStarterConfig(cwd: string): InitResult {
  // A symbolic link counts even where it leads nowhere: the write would go through it (or fail on it).
  const existing = CONFIG_NAMES.map((name) => join(cwd, name)).find((path) => lstatOrUndefined(path));
  if (existing) {
    const dangling = !existsSync(existing) ? ' (a symbolic link to nothing)' : '';
    throw new InitError(`${relative(cwd, existing)} already exists${dangling}; edit it, or remove it first to start over`);
  }
  const found = findInstalledSchema(cwd);
  const schemaPath = found ?? INSTALLED_SCHEMA;
  const file = join(cwd, INIT_FILE_NAME);
  try {
    writeFileSync(file, starterConfig(schemaPath), { flag: 'wx' });
  } catch (err) {
    throw new InitError(`cannot write ${INIT_FILE_NAME} here: ${whyNotWritten(err as NodeJS.ErrnoException)}`);
  }
  return { file, schemaPath, schemaFound: found !== undefined };
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function whyNotWritten(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EEXIST': return 'it was made meanwhile; edit it, or remove it first to start over';
    case 'ENOENT': return 'the folder does not exist';
    default: return describeWriteError(err);
  }
}
