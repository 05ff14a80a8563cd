// Files, folders and globs → a list of transcript files in a deterministic order, minus ignored ones.
import { realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Entry } from 'fast-glob';
import type { Ignore } from 'ignore';
import { describeReadError, NOT_UTF8_NAME } from '../engine/linter.js';
import { notRegularError, readRegularText } from '../io/read-file.js';
import { lazyModule } from '../lazy-module.js';
import { TRANSCRIPT_EXTENSIONS } from '../transcript/index.js';
import { comparePaths, joinNames, mergeSorted, runPaths, type PathRun } from './sorted-paths.js';
import { describeBrokenLink, isBrokenLink } from '../io/links.js';
import type { FolderListings } from './folder-listings.js';
import { murmur3x86_128 } from './murmur-hash.js';
import { addFile, NAMES_KEPT_AT_MOST, newWalkState, reportNotRegular, walkFolder, type WalkProblem } from './walk.js';
import { withLfBreaks } from '../text/line-breaks.js';

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
  /** Follow symbolic links that lead out of the folders (or glob bases) being linted. */
  followSymlinks?: boolean;
  /** Characters of file names kept from the walk (walk.ts NAMES_KEPT_AT_MOST); beyond, folders are listed again. */
  keepNamesUpTo?: number;
  /** The run's own files (its reports, its baseline), relative to cwd: never linted, wherever they are met. */
  ownFiles?: string[];
  /** Folder listings kept by the last --cache run, and this run's to keep (folder-listings.ts). */
  listings?: FolderListings;
}

export interface Discovery {
  /** Display paths (relative to cwd inside it, else absolute) in code-unit order: the same on every machine. */
  displayPaths: SortedPaths;
  /** The same files as absolute paths (made on each access). */
  readonly files: string[];
  /** Patterns that matched nothing, with the reason. */
  unmatched: { pattern: string; reason: string }[];
  /** Broken links, folder loops and unreadable folders met on the way: each is reported as a fatal result. */
  problems: WalkProblem[];
  /**
   * Folders that could not be listed again when reached (their display path, separator included → the message),
   * filled as displayPaths is iterated; each is one of its paths, in its place.
   */
  laterProblems: Map<string, string>;
  /** Symbolic links not followed because they lead out of the linted folders. */
  linksOut: number;
}

/**
 * Display paths in order, walked again on each iteration from what discovery kept: a few strings per folder. An
 * iteration reads folders listed again ahead (walk.ts listAgain); `withoutReadAhead` is for a pass that never gives
 * the event loop a turn, where what was read ahead would arrive too late and be read twice.
 */
export interface SortedPaths extends Iterable<string> {
  count: number;
  withoutReadAhead(): Iterable<string>;
}

/** The ignore rules of a run: the ignore file in cwd plus --ignore-pattern; undefined when there are none. */
export function loadIgnore(options: DiscoverOptions): Ignore | undefined {
  if (options.noIgnore) return undefined;
  return loadIgnoreRules(readIgnoreFile(options), options);
}

/** The ignore file's text; undefined when there is none. */
function readIgnoreFile(options: DiscoverOptions): string | undefined {
  const path = join(options.cwd, IGNORE_FILE);
  let file: string | undefined;
  try {
    // Opened without waiting and checked to be a file: a FIFO hung the run (deaf to SIGTERM), a folder was an
    // internal error.
    file = readRegularText(path);
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    // A broken link is an ignore file meant (one linked from a share not mounted), not none: taken for none, every
    // file it leaves out was linted and --fix rewrote them.
    if ((code === 'ENOENT' || code === 'ELOOP') && isBrokenLink(path)) {
      throw new IgnoreFileError(`${IGNORE_FILE} cannot be read: ${describeBrokenLink(path)}, or pass --no-ignore`);
    }
    if (code === 'ENOENT') return undefined;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : message;
    throw new IgnoreFileError(`${IGNORE_FILE} cannot be read: ${why}; make it a text file of patterns, or pass --no-ignore`);
  }
  return file;
}

/** A .transcript-lintignore that cannot be read: the run stops, as linting what it leaves out could be unwanted (--fix). */
export class IgnoreFileError extends Error {}

/** Why the run's ignore file cannot be read, or undefined when it can (or there is none). */
export function ignoreFileProblem(options: DiscoverOptions): string | undefined {
  try {
    loadIgnore(options);
  } catch (err) {
    if (err instanceof IgnoreFileError) return err.message;
    throw err;
  }
  return undefined;
}

function loadIgnoreRules(file: string | undefined, options: DiscoverOptions): Ignore | undefined {
  if (file === undefined && !options.ignorePatterns?.length) return undefined;
  const rules = ignore()();
  // Its lines may end in a lone CR too (the ignore package splits at LF).
  if (file !== undefined) rules.add(withLfBreaks(file));
  if (options.ignorePatterns?.length) rules.add(options.ignorePatterns);
  return rules;
}

/** Absolute paths (as named and as real) of the run's own files that could pass for transcripts. */
function ownTranscriptPaths(files: string[], cwd: string): Set<string> {
  const paths = new Set<string>();
  for (const file of files) {
    const path = resolve(cwd, file);
    if (!TRANSCRIPT_EXTENSIONS.includes(extname(path).toLowerCase())) continue;
    paths.add(path);
    try {
      paths.add(realpathSync(path));
    } catch {
      // Not there yet: written by this run.
    }
  }
  return paths;
}

export async function discoverFiles(patterns: string[], options: DiscoverOptions): Promise<Discovery> {
  // Folders are walked by walk.ts (broken links and loops reported, each real file once); globs by fast-glob.
  const ignoreFile = options.noIgnore ? undefined : readIgnoreFile(options);
  const rules = options.noIgnore ? undefined : loadIgnoreRules(ignoreFile, options);
  const own = ownTranscriptPaths(options.ownFiles ?? [], options.cwd);
  let ownMet = 0;
  const keep = rules || own.size ? (file: string) => (own.has(file) ? (ownMet++, false) : !(rules && isIgnored(rules, file, options.cwd))) : undefined;
  const { listings } = options;
  if (listings) {
    // A listing is what the walk kept of a folder: it stands for runs that keep the same files (see listingKey).
    listings.useKey(listingKey(options, ignoreFile), options.keepNamesUpTo ?? NAMES_KEPT_AT_MOST);
    // A folder that holds one of the run's own files is listed each time (they are counted apart as they are met).
    for (const path of own) listings.passOver(dirname(path));
  }
  const walk = newWalkState(TRANSCRIPT_EXTENSIONS, keep, options.followSymlinks, options.keepNamesUpTo, listings);
  const unmatched: Discovery['unmatched'] = [];
  // Each folder's files come out of its walk in order; files named on their own and globs' files are sorted here.
  const walked: PathRun[][] = [];
  const named: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(options.cwd, pattern);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    const before = { kept: walk.kept, ignored: walk.ignored, matched: walk.matched, problems: walk.problems.length, own: ownMet };
    walk.root = lintedRoot(pattern, options.cwd);
    if (stat?.isDirectory()) {
      walked.push(walkFolder(absolute, walk).map(({ folder, names }) => ({ prefix: displayPrefix(folder, options.cwd), names })));
    } else if (stat?.isFile()) {
      if (addFile(absolute, walk)) named.push(displayPath(absolute, options.cwd));
    } else if (stat) {
      // A FIFO or a device would block the run or never end: reported, never read.
      walk.problems.push({ path: absolute, message: describeReadError(notRegularError(stat)) });
      continue;
    } else if (isBrokenLink(absolute)) {
      walk.problems.push({ path: absolute, message: describeBrokenLink(absolute) });
      continue;
    } else if (fg().isDynamicPattern(pattern)) {
      const base = isAbsolute(pattern) ? pattern : `${fg().convertPathToPattern(options.cwd)}/${pattern}`;
      const matches: string[] = [];
      // Not only files: a FIFO or device the glob matches under a transcript's name is reported, as in a folder.
      for await (const found of fg().stream(base, { absolute: true, suppressErrors: true, onlyFiles: false, objectMode: true })) {
        const { path, dirent } = found as unknown as Entry;
        const file = resolve(path);
        if (dirent.isFile()) {
          if (addFile(file, walk)) matches.push(displayPath(file, options.cwd));
        } else if (dirent.isFIFO() || dirent.isSocket() || dirent.isCharacterDevice() || dirent.isBlockDevice()) reportNotRegular(file, walk);
      }
      if (matches.length) walked.push([{ prefix: '', names: joinNames(matches.sort(comparePaths)) }]);
    }
    // Nothing new is fine when the pattern found files an earlier one had found already, or met a problem.
    const ignoredHere = walk.ignored - before.ignored;
    if (walk.kept > before.kept || walk.problems.length > before.problems || (ignoredHere === 0 && walk.matched > before.matched)) continue;
    const reason = ignoredHere && ignoredHere === ownMet - before.own
      ? 'it matches only the files this run writes (its reports) or reads as its --baseline, which are not transcripts'
      : ignoredHere
      ? `all files it matches are ignored (${IGNORE_FILE} or --ignore-pattern; --no-ignore lints them)`
      : stat || fg().isDynamicPattern(pattern) ? 'no transcript files match' : pattern.includes('\ufffd') ? NOT_UTF8_NAME : 'no such file or folder';
    unmatched.push({ pattern, reason });
  }
  if (named.length) walked.push([{ prefix: '', names: joinNames(named.sort(comparePaths)) }]);
  const laterProblems = new Map<string, string>();
  const onProblem = (path: string, message: string) => laterProblems.set(path, message);
  const iterate = (readAhead: boolean) => {
    const paths = (runs: PathRun[]) => runPaths(runs, onProblem, readAhead);
    return walked.length === 1 ? paths(walked[0]) : mergeSorted(walked.map(paths));
  };
  const displayPaths: SortedPaths = {
    count: walk.kept,
    [Symbol.iterator]: () => iterate(true),
    withoutReadAhead: () => ({ [Symbol.iterator]: () => iterate(false) }),
  };
  return {
    displayPaths,
    unmatched,
    problems: walk.problems,
    laterProblems,
    linksOut: walk.linksOut,
    get files() {
      return [...displayPaths.withoutReadAhead()].map((display) => resolve(options.cwd, display));
    },
  };
}

/**
 * What decides which files the walk keeps of a folder besides its entries: the ignore rules and where they apply
 * from, and the extensions this build lints (the key is compared within one build's cache).
 */
function listingKey(options: DiscoverOptions, ignoreFile: string | undefined): string {
  const { cwd, noIgnore = false, ignorePatterns = [], followSymlinks = false } = options;
  const state = JSON.stringify({ cwd, noIgnore, ignoreFile: ignoreFile ?? null, ignorePatterns, followSymlinks, extensions: TRANSCRIPT_EXTENSIONS });
  return murmur3x86_128(state).map((word) => word.toString(16)).join('.');
}

/** What the display path of a file in `folder` starts with. */
function displayPrefix(folder: string, cwd: string): string {
  return displayPath(join(folder, '\0'), cwd).slice(0, -1);
}

/**
 * The real path of the folder a pattern lints — the folder itself, or a glob's fixed base — within which symbolic
 * links are followed (and --fix writes). A file named on its own has none: it is read wherever it points.
 */
export function lintedRoot(pattern: string, cwd: string): string | undefined {
  let folder = resolve(cwd, pattern);
  // A folder first: fast-glob is loaded only for a run that has globs.
  if (!isFolder(folder)) {
    if (!mayBeGlob(pattern) || !fg().isDynamicPattern(pattern)) return undefined;
    folder = resolve(cwd, fg().generateTasks([pattern])[0]?.base ?? '.');
  }
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** Whether a pattern has any character that makes a glob: a plain file name is told without loading fast-glob. */
function mayBeGlob(pattern: string): boolean {
  return /[*?[\]{}()!@+|\\]/.test(pattern);
}

/** Where --fix may write for these patterns: their folders, and the folder of each file named on its own. */
export function fixRoots(patterns: string[], cwd: string): string[] {
  return patterns.map((pattern) => lintedRoot(pattern, cwd) ?? lintedRoot(dirname(resolve(cwd, pattern)), cwd) ?? dirname(resolve(cwd, pattern)));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
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
