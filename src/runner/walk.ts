// Walk a folder for transcripts, following symbolic links the way users expect: each real file once, a link
// that points nowhere or a folder loop reported (so nothing is skipped silently), never an endless descent.
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { describeReadError } from '../engine/linter.js';

/** A path that could not be walked, with what to do about it. */
export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkState {
  /** Real paths of the files found so far: a file reached through two links is linted once. */
  seenFiles: Set<string>;
  /** Real paths of folders walked so far. */
  seenFolders: Set<string>;
  files: string[];
  /** Transcripts met, a file reached twice counted twice (so that a pattern repeating another still matches). */
  matched: number;
  problems: WalkProblem[];
  /** Real path of the folder being linted: links that lead out of it are not followed unless `followSymlinks`. */
  root?: string;
  followSymlinks?: boolean;
  /** Links not followed because they lead out of the linted folder. */
  linksOut: number;
}

export function newWalkState(followSymlinks = false): WalkState {
  return { seenFiles: new Set(), seenFolders: new Set(), files: [], matched: 0, problems: [], followSymlinks, linksOut: 0 };
}

/** A link's target outside the linted folder is read only when asked (--follow-symlinks, like ripgrep's -L). */
function leavesTree(real: string, state: WalkState): boolean {
  if (state.followSymlinks || state.root === undefined || isInside(real, state.root)) return false;
  state.linksOut++;
  return true;
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}

/** A broken link is worth reporting when it may have been a transcript or a folder of them. */
function mayBeTranscript(name: string, extensions: readonly string[]): boolean {
  const ext = extname(name).toLowerCase();
  return ext === '' || extensions.includes(ext);
}

const LINK_LOOP = 'symbolic links point at each other in a loop; fix or remove the link';

export function describeBrokenLink(path: string): string {
  if (isLinkLoop(path)) return LINK_LOOP;
  return `broken symbolic link (it points to "${linkTarget(path)}", which does not exist); fix or remove the link`;
}

/** Add the transcripts under `folder` to `state`. */
export function walkFolder(folder: string, extensions: readonly string[], state: WalkState): void {
  let real: string;
  let entries: Dirent[];
  try {
    real = realpathSync(folder);
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (err) {
    state.problems.push({ path: folder, message: `cannot read this folder: ${describeReadError(err as NodeJS.ErrnoException)}` });
    return;
  }
  state.seenFolders.add(real);
  // Real files and folders first, links after: a file reached both ways is listed under its own path.
  entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Dot files and folders, and installed packages (as ESLint does), unless named on the command line.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') state.problems.push({ path, message: LINK_LOOP });
        else if (code === 'ENOENT' && mayBeTranscript(entry.name, extensions)) state.problems.push({ path, message: describeBrokenLink(path) });
        continue;
      }
      if (isDirectory) {
        const targetReal = realpathSync(path);
        if (real === targetReal || real.startsWith(targetReal.endsWith(sep) ? targetReal : targetReal + sep)) {
          state.problems.push({ path, message: `folder loop: this link points to "${linkTarget(path)}", a folder that contains it; it was not followed` });
          continue;
        }
        if (leavesTree(targetReal, state)) continue;
        if (state.seenFolders.has(targetReal)) continue;
      }
    }
    if (isDirectory) walkFolder(path, extensions, state);
    // A file that is no link stands where its folder really is: its real path needs no system call.
    else if (isFile && extensions.includes(extname(entry.name).toLowerCase())) addFile(path, state, entry.isSymbolicLink() ? undefined : join(real, entry.name));
  }
}

/** Add one file; `knownReal`: its real path, when the caller knows it. */
export function addFile(path: string, state: WalkState, knownReal?: string): void {
  let real = knownReal ?? path;
  if (knownReal === undefined) {
    try {
      real = realpathSync(path);
    } catch {
      // Unreadable paths are reported when the file is read.
    }
  }
  if (real !== path && leavesTree(real, state)) return;
  state.matched++;
  if (state.seenFiles.has(real)) return;
  state.seenFiles.add(real);
  state.files.push(path);
}

/** True when following `path` goes round in links (some systems report ENOENT rather than ELOOP for a long chain). */
export function isLinkLoop(path: string): boolean {
  try {
    realpathSync(path);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

/** True when `path` is a symbolic link whose target does not exist. */
export function isBrokenLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** True when `path` is `folder` or lies below it (both real, absolute paths). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
