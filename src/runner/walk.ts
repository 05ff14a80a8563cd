// Walk a folder for transcripts, following symbolic links the way users expect: each real file once, a link
// that points nowhere or a folder loop reported (so nothing is skipped silently), never an endless descent.
import { readdir, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, sep } from 'node:path';
import { describeReadError } from '../engine/linter.js';
import { describeBrokenLink, LINK_LOOP_HINTED, linkTarget } from '../io/links.js';
import { notRegularError } from '../io/read-file.js';
import { folderStamp, type FolderListing, type FolderListings, type FolderStamp } from './folder-listings.js';
import { comparePaths, joinNames, type JoinedNames, type ListNames } from './sorted-paths.js';

/** A path that could not be walked, with what to do about it. */
export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkState {
  /** Transcript extensions (lower case, with the dot). */
  extensions: readonly string[];
  /**
   * Real paths of files reached another way than as a plain file of a walked folder (through a link, named on their
   * own, by a glob): a file reached twice is linted once. Plain files need no entry — a file that is no link stands
   * in its folder's real path, and each real folder is walked once — so this stays small however many files a run has.
   */
  seenFiles: Set<string>;
  /** The real folders of seenFiles: a folder that holds none lists all its plain files (see FolderListings). */
  seenFileFolders: Set<string>;
  /** Real paths of folders walked so far, with the number of transcripts met under each. */
  seenFolders: Map<string, number>;
  /** Whether to lint a file (absolute path): the ignore rules; undefined when there are none. */
  keep?: (path: string) => boolean;
  /** Transcripts met, a file reached twice counted twice (so that a pattern repeating another still matches). */
  matched: number;
  /** Files kept, and files the ignore rules skipped. */
  kept: number;
  ignored: number;
  problems: WalkProblem[];
  /** Real path of the folder being linted: links that lead out of it are not followed unless `followSymlinks`. */
  root?: string;
  followSymlinks?: boolean;
  /** Links not followed because they lead out of the linted folder. */
  linksOut: number;
  /** Characters of names kept so far, and how many may be (see NAMES_KEPT_AT_MOST). */
  namesKept: number;
  keepNamesUpTo: number;
  /** Listings of folders kept by the last --cache run, and this run's to keep (folder-listings.ts). */
  listings?: FolderListings;
}

/**
 * How many characters of names a walk keeps until their files are linted. Beyond this, the files of a folder that
 * holds only files are listed again when the run reaches it: a million names kept as bytes are ~15 MB, and a run must
 * not grow with the archive. Up to this (~250,000 files of typical names) nothing is read twice.
 */
export const NAMES_KEPT_AT_MOST = 4_000_000;

/**
 * Files of one folder that are next to each other in code-unit order of their paths: the folder (absolute) and the
 * names joined by NUL (joinNames), which no file name holds — one string or buffer for a thousand files, not a thousand.
 */
export interface FileRun {
  folder: string;
  names: JoinedNames | ListNames;
}

export function newWalkState(extensions: readonly string[], keep?: (path: string) => boolean, followSymlinks = false,
  keepNamesUpTo = NAMES_KEPT_AT_MOST, listings?: FolderListings): WalkState {
  return { extensions, seenFiles: new Set(), seenFileFolders: new Set(), seenFolders: new Map(), keep, matched: 0, kept: 0, ignored: 0, problems: [], followSymlinks, linksOut: 0, namesKept: 0, keepNamesUpTo, listings };
}

/** A link's target outside the linted folder is read only when asked (--follow-symlinks, like ripgrep's -L). */
function leavesTree(real: string, state: WalkState): boolean {
  if (state.followSymlinks || state.root === undefined || isInside(real, state.root)) return false;
  state.linksOut++;
  return true;
}

/** A broken link is worth reporting when it may have been a transcript or a folder of them. */
function mayBeTranscript(name: string, extensions: readonly string[]): boolean {
  const ext = extname(name).toLowerCase();
  return ext === '' || extensions.includes(ext);
}

/**
 * The transcripts under `folder`, in code-unit order of their paths. That is the order of a walk that visits a
 * folder's entries by name, a subfolder as if its name ended in the separator: everything under "a/" sorts after
 * "a-b.txt" and before "a0.txt". So nothing is sorted beyond one folder's entries, and what a walk holds for each
 * file is its name inside one string per folder.
 */
export function walkFolder(folder: string, state: WalkState): FileRun[] {
  let real: string;
  let entries: Dirent[];
  let listings: FolderListings | undefined;
  let stamp: FolderStamp | undefined;
  try {
    real = realpathSync(folder);
    // A listing is kept, or taken from the last run, only of a folder none of whose files was reached another way
    // first: the walk leaves such a file out of its folder's listing (see isPlainFileNew).
    listings = state.seenFileFolders.has(real) ? undefined : state.listings;
    const met = state.seenFolders.get(real);
    if (met !== undefined) {
      // Walked already (a pattern naming it or a folder above it came first): its files are listed.
      state.matched += met;
      return [];
    }
    if (listings) {
      // Stamped before it is listed: an entry added in between changes the stamp after the one kept.
      stamp = folderStamp(statSync(folder));
      const listing = listings.take(folder, real, stamp);
      if (listing) return listedBefore(folder, listing, state);
    }
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (err) {
    state.problems.push({ path: folder, message: `cannot read this folder: ${describeFolderError(err as NodeJS.ErrnoException)}` });
    return [];
  }
  const matchedBefore = state.matched;
  const keptBefore = state.kept;
  const ignoredBefore = state.ignored;
  state.seenFolders.set(real, 0);
  // Plain files, most of any folder, are only named here: where they stand in the visit does not matter (a link
  // elsewhere to one of them is never listed, see listedByWalk), and their names sort without a comparator.
  const plainFiles: string[] = [];
  const others: Dirent[] = [];
  for (const entry of entries) {
    if (isSkipped(entry.name)) continue;
    if (!entry.isFile()) others.push(entry);
    else if (isTranscriptName(entry.name, state.extensions) && addPlainFile(folder, real, entry.name, state)) plainFiles.push(entry.name);
  }
  plainFiles.sort(); // code-unit order
  // Visited: folders first, links after, so that a file reached both ways is listed under its own path.
  others.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || comparePaths(a.name, b.name));
  const found: { key: string; name?: string; runs?: FileRun[] }[] = [];
  for (const entry of others) {
    const path = inFolder(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = false;
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') state.problems.push({ path, message: LINK_LOOP_HINTED });
        else if (code === 'ENOENT' && mayBeTranscript(entry.name, state.extensions)) state.problems.push({ path, message: describeBrokenLink(path) });
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
    if (isDirectory) found.push({ key: entry.name + sep, runs: walkFolder(path, state) });
    else if (!isFile) reportNotRegular(path, state);
    else if (isTranscriptName(entry.name, state.extensions) && addFile(path, state)) found.push({ key: entry.name, name: entry.name });
  }
  state.seenFolders.set(real, state.matched - matchedBefore);
  if (!found.length) {
    const names = plainFiles.length ? keptNames(plainFiles, state) : '';
    // A folder of plain files only: the next --cache run may take this listing (folder-listings.ts), its names when
    // they were kept, else its counts.
    if (listings && stamp && !others.length) {
      listings.keep(folder, { real, stamp, names: names ?? null, matched: state.matched - matchedBefore, kept: state.kept - keptBefore, ignored: state.ignored - ignoredBefore });
    }
    return plainFiles.length ? [{ folder, names: names ?? listAgain(folder, real, state) }] : [];
  }
  // Listed: plain files and the rest merged in order of their sort keys (a folder's key ends in the separator).
  found.sort((a, b) => comparePaths(a.key, b.key));
  const runs: FileRun[] = [];
  let names: string[] = [];
  let plain = 0;
  for (const item of found) {
    while (plain < plainFiles.length && plainFiles[plain] < item.key) names.push(plainFiles[plain++]);
    if (item.name !== undefined) {
      names.push(item.name);
      continue;
    }
    if (names.length) runs.push({ folder, names: joinNames(names) }), (names = []);
    runs.push(...item.runs!);
  }
  names.push(...plainFiles.slice(plain));
  if (names.length) runs.push({ folder, names: joinNames(names) });
  return runs;
}

/** A folder as the last --cache run listed it (its stamp unchanged since): counted and listed as the walk would. */
function listedBefore(folder: string, listing: FolderListing, state: WalkState): FileRun[] {
  state.matched += listing.matched;
  state.kept += listing.kept;
  state.ignored += listing.ignored;
  state.seenFolders.set(listing.real, listing.matched);
  if (!listing.kept) return [];
  const { names } = listing;
  // Counted against the names a walk may keep as the walk's own are (bytes for characters: near enough).
  if (names === null || state.namesKept + names.length > state.keepNamesUpTo) return [{ folder, names: listAgain(folder, listing.real, state) }];
  state.namesKept += names.length;
  return [{ folder, names }];
}

/**
 * A FIFO, socket or device (or a link to one) met under a transcript's name, in a folder or by a glob, is reported as
 * one named on the command line is, unless ignored: passed over without a word, a recorder's pipe among the calls was
 * never told.
 */
export function reportNotRegular(path: string, state: WalkState): void {
  if (!isTranscriptName(basename(path), state.extensions) || (state.keep && !state.keep(path))) return;
  let message: string;
  try {
    message = describeReadError(notRegularError(statSync(path)));
  } catch (err) {
    message = describeReadError(err as NodeJS.ErrnoException);
  }
  state.problems.push({ path, message });
}

/** Dot files and folders, and installed packages (as ESLint does), unless named on the command line. */
function isSkipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** A folder's names joined, while the walk may keep more; undefined beyond that. */
function keptNames(names: readonly string[], state: WalkState): JoinedNames | undefined {
  let length = names.length;
  for (const name of names) length += name.length;
  if (state.namesKept + length > state.keepNamesUpTo) return undefined;
  state.namesKept += length;
  return joinNames(names);
}

/**
 * The transcripts of a folder that held only files when it was walked, listed again as the walk did (files added
 * since are linted, files removed are not), in code-unit order; a message when the folder cannot be read now. Asked
 * for ahead (`soon`), the folder is read on libuv's threads while this one works: over 750 folders of 1,000 files,
 * reading them here cost a cached rerun ~0.5 s.
 */
function listAgain(folder: string, real: string, state: WalkState): ListNames {
  let early: Dirent[] | NodeJS.ErrnoException | undefined;
  // A listing read ahead is taken only if it was asked for since the last was taken (a sharded run lists twice).
  let asked = 0;
  const list: ListNames = () => {
    asked++;
    let entries = early;
    early = undefined;
    if (entries === undefined) {
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (err) {
        entries = err as NodeJS.ErrnoException;
      }
    }
    if (!Array.isArray(entries)) {
      if (entries.code === 'ENOENT') return 'this folder was removed or renamed while the run was linting: its files were found but not linted; lint it again';
      return `cannot read this folder: ${describeFolderError(entries)}`;
    }
    const names: string[] = [];
    for (const entry of entries) {
      if (entry.isFile() && !isSkipped(entry.name) && isTranscriptName(entry.name, state.extensions) && isPlainFileKept(folder, real, entry.name, state)) names.push(entry.name);
    }
    return names.sort(); // code-unit order
  };
  list.soon = () => {
    if (early) return;
    const request = ++asked;
    readdir(folder, { withFileTypes: true }, (err, entries) => {
      if (request === asked) early = err ?? entries;
    });
  };
  return list;
}

/**
 * `join(folder, name)` for a normalized folder path and a plain name: a walk makes one per entry, and join's
 * normalizing was a twentieth of a cached rerun.
 */
function inFolder(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

const DOT = 0x2e;

/** A transcript's name, by its extension. */
function isTranscriptName(name: string, extensions: readonly string[]): boolean {
  // extname(), without its checks: a walk asks this of every file. First the usual case, a name ending in one of the
  // extensions as written, without making a string per file (a twentieth of a cold walk's CPU): for an extension whose
  // one dot is its first character, that dot is the name's last, so the answer is the one below.
  for (let i = 0; i < extensions.length; i++) {
    const ext = extensions[i];
    // (indexOf, not lastIndexOf: V8 runs lastIndexOf in its runtime, ~180 instructions a call, 0.5 % of a rerun.)
    if (name.length > ext.length && name.endsWith(ext) && ext.charCodeAt(0) === DOT && ext.indexOf('.', 1) < 0) return true;
  }
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const ext = name.slice(dot);
  return extensions.includes(ext) || extensions.includes(ext.toLowerCase());
}

/** Add one file (absolute path): true when it is to be linted — met for the first time and not ignored. */
export function addFile(path: string, state: WalkState): boolean {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Unreadable paths are reported when the file is read.
  }
  if (real !== path && leavesTree(real, state)) return false;
  state.matched++;
  if (state.seenFiles.has(real) || listedByWalk(real, state)) return false;
  state.seenFiles.add(real);
  state.seenFileFolders.add(dirname(real));
  return counted(!state.keep || state.keep(path), state);
}

/**
 * addFile for a plain file (no link) `name` of a walked `folder` whose real path is `real`: the file's real path is
 * known without a system call, and its path is made only when something needs it. It is inside the linted tree, as
 * its folder is (checked before the folder was walked): a folder reached through a link (`/archive` → a mount) costs
 * its files nothing more.
 */
function addPlainFile(folder: string, real: string, name: string, state: WalkState): boolean {
  state.matched++;
  if (!isPlainFileNew(real, name, state)) return false;
  return counted(!state.keep || state.keep(inFolder(folder, name)), state);
}

/** Reached already only if it was reached another way (those are few: the set is empty in most runs). */
function isPlainFileNew(real: string, name: string, state: WalkState): boolean {
  return !state.seenFiles.size || !state.seenFiles.has(inFolder(real, name));
}

/** What addPlainFile decides, without counting: for files listed again. */
function isPlainFileKept(folder: string, real: string, name: string, state: WalkState): boolean {
  return isPlainFileNew(real, name, state) && (!state.keep || state.keep(inFolder(folder, name)));
}

/** Count a file the ignore rules keep or ignore; returns whether it is kept. */
function counted(kept: boolean, state: WalkState): boolean {
  if (kept) state.kept++;
  else state.ignored++;
  return kept;
}

/** Whether a real path is (or is being) listed as a plain file by the walk of its folder. */
function listedByWalk(real: string, state: WalkState): boolean {
  const name = basename(real);
  return state.seenFolders.has(dirname(real)) && !name.startsWith('.') && isTranscriptName(name, state.extensions);
}

/** True when `path` is `folder` or lies below it (both real, absolute paths). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Why a folder could not be listed, and what to do. */
export function describeFolderError(err: NodeJS.ErrnoException): string {
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied; make the folder readable and searchable (r and x) for this user';
  return describeReadError(err);
}
