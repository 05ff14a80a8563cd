// One Linter per working folder, found as the CLI finds it when run there: a document's working folder is the
// workspace folder that holds it (the deepest, when folders nest), else the document's own folder; the config is
// the nearest transcript-lint.yaml from there upward. A folder's linter is dropped when a file it was read from
// changes, and loaded again on next use.
import { dirname, join, resolve } from 'node:path';
import type { Ignore } from 'ignore';
import { ConfigError } from '../config/errors.js';
import { configCandidates, ownPackFiles } from '../config/load.js';
import { Linter, type LinterOptions } from '../engine/linter.js';
import { IGNORE_FILE, isIgnored, loadIgnore } from '../runner/discover.js';
import { isInside } from '../runner/walk.js';

export interface FolderLinter {
  cwd: string;
  /** Absent when the config or a pack does not load: then `error` says why. */
  linter?: Linter;
  error?: ConfigError;
  ignore?: Ignore;
  /** Files whose change means loading again: config and packs in use, config candidates on the way up, the ignore file. */
  dependencies: Set<string>;
}

/** Options of every folder's linter (from the command line: -c, --pack, --rule, --no-inline-config…); `cwd` is each folder's. */
export type BaseOptions = Omit<LinterOptions, 'cwd'>;

export class FolderLinters {
  /** Workspace folders, deepest first. */
  private workspaceFolders: string[] = [];
  private readonly byFolder = new Map<string, FolderLinter>();

  /** `loaded` is told after each (re)load, once the folder is in the map. */
  constructor(private readonly base: BaseOptions = {}, private readonly onLoad: () => void = () => {}) {}

  setWorkspaceFolders(paths: readonly string[]): void {
    this.workspaceFolders = [...new Set(paths.map((p) => resolve(p)))].sort((a, b) => b.length - a.length);
    this.byFolder.clear();
  }

  /** The folder the CLI would be run in for this file: its workspace folder, else its own folder. */
  workingFolder(file: string | undefined): string {
    if (file === undefined) return this.workspaceFolders.at(-1) ?? process.cwd();
    return this.workspaceFolders.find((folder) => isInside(file, folder)) ?? dirname(file);
  }

  get(cwd: string): FolderLinter {
    let folder = this.byFolder.get(cwd);
    if (!folder) {
      this.byFolder.set(cwd, (folder = this.load(cwd)));
      this.onLoad();
    }
    return folder;
  }

  /** Whether the folder's .transcript-lintignore skips this file (the CLI does not lint it even when named). */
  ignores(folder: FolderLinter, file: string | undefined): boolean {
    return file !== undefined && folder.ignore !== undefined && isIgnored(folder.ignore, file, folder.cwd);
  }

  /** Drop the linters that `files` were read into; returns the working folders affected. */
  forget(files: Iterable<string>): string[] {
    const changed = [...files].map((f) => resolve(f));
    const affected: string[] = [];
    for (const [cwd, folder] of this.byFolder) {
      if (changed.some((f) => folder.dependencies.has(f))) {
        this.byFolder.delete(cwd);
        affected.push(cwd);
      }
    }
    return affected;
  }

  all(): FolderLinter[] {
    return [...this.byFolder.values()];
  }

  private load(cwd: string): FolderLinter {
    const dependencies = new Set<string>([join(cwd, IGNORE_FILE)]);
    if (!this.base.configFile && !this.base.noConfigLookup) for (const candidate of configCandidates(cwd)) dependencies.add(candidate);
    if (this.base.configFile) dependencies.add(resolve(cwd, this.base.configFile));
    let ignore: Ignore | undefined;
    try {
      ignore = loadIgnore({ cwd });
    } catch {
      ignore = undefined; // an unreadable ignore file: lint everything, as if it were absent
    }
    try {
      const linter = Linter.create({ ...this.base, cwd });
      for (const file of ownPackFiles(linter.compiled.config, cwd)) dependencies.add(file);
      return { cwd, linter, ignore, dependencies };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const issue of err.issues) if (!issue.file.startsWith('--')) dependencies.add(resolve(cwd, issue.file));
      return { cwd, error: err, ignore, dependencies };
    }
  }
}
