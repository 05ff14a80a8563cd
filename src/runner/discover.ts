// Files, folders and globs → a list of transcript files in a deterministic order, minus ignored ones.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { lazyModule } from '../lazy-module.js';
import { TRANSCRIPT_EXTENSIONS } from '../transcript/index.js';
import { addFile, describeBrokenLink, isBrokenLink, newWalkState, walkFolder, type WalkProblem } from './walk.js';

// Loaded only for a run that has globs or ignore rules.
const fg = lazyModule<typeof import('fast-glob')>('fast-glob');
const ignore = lazyModule<typeof import('ignore')>('ignore');

/** Read from the working folder, in .gitignore syntax. */
export const IGNORE_FILE = '.transcript-lintignore';

export interface DiscoverOptions {
  cwd: string;
  /** Patterns that match nothing are not an error. */
  allowUnmatched?: boolean;
  /** `--ignore-pattern`: more .gitignore-style patterns, relative to cwd. */
  ignorePatterns?: string[];
  /** `--no-ignore`: read no ignore file and apply no ignore pattern. */
  noIgnore?: boolean;
}

export interface Discovery {
  /** Display paths (relative to cwd inside it, else absolute) in code-unit order: the same on every machine. */
  displayPaths: string[];
  /** The same files as absolute paths (made on each access). */
  readonly files: string[];
  /** Patterns that matched nothing, with the reason. */
  unmatched: { pattern: string; reason: string }[];
  /** Broken links, folder loops and unreadable folders met on the way: each is reported as a fatal result. */
  problems: WalkProblem[];
}

/** The order of every run, shard and merge: plain code-unit comparison, independent of locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ignore rules of a run: the ignore file in cwd plus --ignore-pattern; undefined when there are none. */
export function loadIgnore(options: DiscoverOptions): Ignore | undefined {
  if (options.noIgnore) return undefined;
  let file: string | undefined;
  try {
    file = readFileSync(join(options.cwd, IGNORE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (file === undefined && !options.ignorePatterns?.length) return undefined;
  const rules = ignore()();
  if (file !== undefined) rules.add(file);
  if (options.ignorePatterns?.length) rules.add(options.ignorePatterns);
  return rules;
}

export async function discoverFiles(patterns: string[], options: DiscoverOptions): Promise<Discovery> {
  // Folders are walked by walk.ts (broken links and loops reported, each real file once); globs by fast-glob.
  const walk = newWalkState();
  const unmatched: Discovery['unmatched'] = [];
  const rules = loadIgnore(options);
  const kept: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(options.cwd, pattern);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    const before = { files: walk.files.length, matched: walk.matched, problems: walk.problems.length };
    if (stat?.isDirectory()) {
      walkFolder(absolute, TRANSCRIPT_EXTENSIONS, walk);
    } else if (stat) {
      addFile(absolute, walk);
    } else if (isBrokenLink(absolute)) {
      walk.problems.push({ path: absolute, message: describeBrokenLink(absolute) });
      continue;
    } else if (fg().isDynamicPattern(pattern)) {
      const base = isAbsolute(pattern) ? pattern : `${fg().convertPathToPattern(options.cwd)}/${pattern}`;
      for await (const f of fg().stream(base, { absolute: true, suppressErrors: true, onlyFiles: true })) addFile(resolve(f as string), walk);
    }
    // Display paths only from here on: a million paths is where memory goes.
    let keptHere = 0;
    let ignoredHere = 0;
    for (const file of walk.files.slice(before.files)) {
      if (rules && isIgnored(rules, file, options.cwd)) {
        ignoredHere++;
        continue;
      }
      kept.push(displayPath(file, options.cwd));
      keptHere++;
    }
    walk.files.length = 0;
    // Nothing new is fine when the pattern found files an earlier one had found already, or met a problem.
    if (keptHere > 0 || walk.problems.length > before.problems || (ignoredHere === 0 && walk.matched > before.matched)) continue;
    const reason = ignoredHere
      ? `all files it matches are ignored (${IGNORE_FILE} or --ignore-pattern; --no-ignore lints them)`
      : stat || fg().isDynamicPattern(pattern) ? 'no transcript files match' : 'no such file or folder';
    unmatched.push({ pattern, reason });
  }
  const displayPaths = kept.sort(comparePaths);
  return {
    displayPaths,
    unmatched,
    problems: walk.problems,
    get files() {
      return displayPaths.map((display) => resolve(options.cwd, display));
    },
  };
}

/** Whether the ignore rules of `cwd` skip this file (absolute path). */
export function isIgnored(rules: Ignore, file: string, cwd: string): boolean {
  const rel = relative(cwd, file);
  // Ignore rules speak about the working folder's tree; files outside it are never ignored.
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
  return rules.ignores(sep === '/' ? rel : rel.split(sep).join('/'));
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
