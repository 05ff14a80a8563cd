// --watch: lint once, then re-lint the transcripts that change (and everything when the config or a pack changes),
// handing each new set of results to the caller to redraw.
import { readdirSync, watch, statSync, type FSWatcher } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { lazyModule } from '../lazy-module.js';
import { ConfigError } from '../config/errors.js';
import { ownPackFiles } from '../config/load.js';
import type { Linter } from '../engine/linter.js';
import { TRANSCRIPT_EXTENSIONS } from '../transcript/index.js';
import type { LintResult } from '../types.js';
import { IGNORE_FILE } from './discover.js';
import { lintFilesStream, type LintFilesOptions } from './lint-files.js';

const fg = lazyModule<typeof import('fast-glob')>('fast-glob');

export interface WatchOptions extends LintFilesOptions {
  /** Quiet time before a burst of events (an editor saving in steps) is acted on. */
  debounceMs?: number;
}

export interface WatchCallbacks {
  /**
   * Every file's result, after the first run and after each batch of changes; `configError` while the config
   * or a pack that changed does not load (the previous rules stay in use until it does).
   */
  onResults(results: LintResult[], changed: string[], configError: ConfigError | undefined): void;
  /** Anything else that went wrong while re-linting. */
  onError(error: unknown): void;
}

export interface WatchSession {
  close(): void;
}

/**
 * Node 20's recursive watch on Linux stops seeing a file once it is replaced by a rename (an editor's atomic save: the
 * report on screen was then never redrawn again); each folder is watched on its own there instead.
 */
const OWN_RECURSION = process.platform === 'linux';

function isDir(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

/** The folders to watch: each folder named, the folder of each file named, the fixed part of each glob. */
export function watchRoots(patterns: readonly string[], cwd: string): { dir: string; recursive: boolean }[] {
  const roots = new Map<string, boolean>();
  const add = (dir: string, recursive: boolean): void => {
    if (isDir(dir)) roots.set(dir, recursive || roots.get(dir) === true);
  };
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const kind = isDir(absolute);
    if (kind === true) add(absolute, true);
    else if (kind === false || !fg().isDynamicPattern(pattern)) add(dirname(absolute), false);
    else {
      const fixed: string[] = [];
      for (const part of pattern.split(/[\\/]/)) {
        if (fg().isDynamicPattern(part)) break;
        fixed.push(part);
      }
      add(resolve(cwd, fixed.join(sep) || '.'), true);
    }
  }
  return [...roots].map(([dir, recursive]) => ({ dir, recursive }));
}

export async function watchTranscripts(
  patterns: string[],
  options: WatchOptions,
  initialLinter: Linter,
  /** Load the config and packs again, after one of them changed. */
  reloadLinter: () => Linter,
  callbacks: WatchCallbacks,
): Promise<WatchSession> {
  const cwd = options.cwd ?? process.cwd();
  let linter = initialLinter;
  const cache = new Map<string, LintResult>();
  let pending = new Set<string>();
  let relintAll = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let configError: ConfigError | undefined;

  const run = async (changed: Set<string>, all: boolean): Promise<void> => {
    // Before the files are looked for, so that one made after the look is seen by a watch already in place.
    followRoots();
    const seen = new Set<string>();
    const results: LintResult[] = [];
    const lintOne = (file: string, shown: string): LintResult => {
      seen.add(file);
      let result = cache.get(file);
      if (all || !result || changed.has(file)) cache.set(file, (result = linter.lintFile(file, shown)));
      return result;
    };
    for await (const result of lintFilesStream(patterns, options, linter, lintOne)) results.push(result);
    for (const file of cache.keys()) if (!seen.has(file)) cache.delete(file);
    callbacks.onResults(results, [...changed], configError);
  };

  /**
   * The .transcript-lintignore the runs read (the working folder's): a change to it changes which files are linted,
   * and each run looks for files again, so a change is reason enough for one.
   */
  const ignoreFile = options.noIgnore ? undefined : join(cwd, IGNORE_FILE);
  const roots = watchRoots(patterns, cwd);
  /** Whether a new file here may be one the patterns name: inside a folder named or a glob's, or beside a file named. */
  const underRoot = (file: string): boolean =>
    roots.some(({ dir, recursive }) => (recursive ? file.startsWith(dir + sep) : dirname(file) === dir));
  /**
   * Whether a change to this file is one to act on: a file the last run linted (also one named with another extension,
   * calls/a.log), a transcript that may be new, the config, a pack, the ignore file. A .txt beside them in a folder
   * watched only for the config (a report written there, which each redraw changes) is none.
   */
  const watched = (file: string): boolean => cache.has(file) || watchedConfig.has(file) || file === ignoreFile
    || (underRoot(file) && TRANSCRIPT_EXTENSIONS.some((e) => file.endsWith(e)));

  /** The config file and pack files in use (built-in packs change only with the tool). */
  const configFiles = (): Set<string> => new Set(ownPackFiles(linter.compiled.config, cwd));
  let watchedConfig = configFiles();

  const flush = (): void => {
    const changed = pending;
    let all = relintAll;
    pending = new Set();
    relintAll = false;
    if ([...changed].some((f) => watchedConfig.has(f))) {
      try {
        linter = reloadLinter();
        configError = undefined;
        all = true;
        watchedConfig = configFiles();
        for (const f of watchedConfig) watchFolder(dirname(f), false);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        configError = err;
      }
    }
    running = running.then(() => run(changed, all)).catch(callbacks.onError);
  };

  const watchers = new Map<string, FSWatcher>();
  const actSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 100);
  };
  const changedAt = (dir: string, name: string | Buffer | null): void => {
    const file = name === null ? undefined : join(dir, name.toString());
    if (file === undefined || missingRoots.some(({ dir: root }) => root === file || root.startsWith(file + sep))) relintAll = true;
    else if (watched(file)) pending.add(file);
    else return;
    actSoon();
  };
  const watchFolder = (dir: string, recursive: boolean): void => {
    if (watchers.has(dir)) return;
    if (recursive && OWN_RECURSION) return watchTree(dir);
    watchers.set(dir, watch(dir, { recursive }, (_event, name) => changedAt(dir, name)));
  };
  /** Stop watching `dir` and the folders under it. */
  const unwatchTree = (dir: string): void => {
    for (const [folder, watcher] of watchers) {
      if (folder === dir || folder.startsWith(dir + sep)) watcher.close(), watchers.delete(folder);
    }
  };
  /**
   * Watch `dir` and each folder under it on its own (symbolic links not followed, as the walk does not follow them). A
   * folder that appears is watched in turn, and every file looked at again: what was written into it before its watch
   * began made no event.
   */
  const watchTree = (dir: string): void => {
    unwatchTree(dir);
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        changedAt(dir, name);
        const entry = name === null ? undefined : join(dir, name.toString());
        if (entry !== undefined && isDir(entry)) {
          watchTree(entry);
          relintAll = true;
          actSoon();
        }
      });
    } catch {
      return; // gone already: its parent's watch sees it come back
    }
    watcher.on('error', () => unwatchTree(dir));
    watchers.set(dir, watcher);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) watchTree(join(dir, entry.name));
  };
  /**
   * A folder named that is gone (deleted, or a branch switched): the watch of it died with it, so the nearest folder
   * above it that is there is watched for its return, and the folder is watched again once it is back.
   */
  let missingRoots: typeof roots = [];
  const followRoots = (): void => {
    missingRoots = roots.filter(({ dir }) => !isDir(dir));
    for (const { dir, recursive } of roots) {
      if (missingRoots.some((r) => r.dir === dir)) {
        unwatchTree(dir);
        let above = dirname(dir);
        while (!isDir(above) && dirname(above) !== above) above = dirname(above);
        watchFolder(above, false);
      } else {
        watchFolder(dir, recursive);
      }
    }
  };
  // The folders named first: the working folder named (.) is watched with its subfolders, not only for the config.
  followRoots();
  for (const f of watchedConfig) watchFolder(dirname(f), false);
  if (ignoreFile) watchFolder(cwd, false);

  await (running = run(new Set(), true));
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
    },
  };
}
