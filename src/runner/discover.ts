// Files, folders and globs → a sorted list of transcript files.
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { TRANSCRIPT_EXTENSIONS } from '../transcript/index.js';
import { addFile, describeBrokenLink, isBrokenLink, newWalkState, walkFolder, type WalkProblem } from './walk.js';

export interface DiscoverOptions {
  cwd: string;
  /** Patterns that match nothing are not an error. */
  allowUnmatched?: boolean;
}

export interface Discovery {
  /** Absolute paths, sorted. */
  files: string[];
  /** Patterns that matched nothing, with the reason. */
  unmatched: { pattern: string; reason: string }[];
  /** Broken links, folder loops and unreadable folders met on the way: each is reported as a fatal result. */
  problems: WalkProblem[];
}

export async function discoverFiles(patterns: string[], options: DiscoverOptions): Promise<Discovery> {
  const walk = newWalkState();
  const unmatched: Discovery['unmatched'] = [];
  for (const pattern of patterns) {
    const absolute = resolve(options.cwd, pattern);
    let found: string[];
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const before = walk.matched + walk.problems.length;
      walkFolder(absolute, TRANSCRIPT_EXTENSIONS, walk);
      if (walk.matched + walk.problems.length > before) continue;
      found = [];
    } else if (stat) {
      found = [absolute];
    } else if (isBrokenLink(absolute)) {
      walk.problems.push({ path: absolute, message: describeBrokenLink(absolute) });
      continue;
    } else if (fg.isDynamicPattern(pattern)) {
      const base = isAbsolute(pattern) ? pattern : `${fg.convertPathToPattern(options.cwd)}/${pattern}`;
      found = await fg(base, { absolute: true, suppressErrors: true, onlyFiles: true });
    } else {
      found = [];
    }
    if (found.length === 0) {
      unmatched.push({ pattern, reason: stat || fg.isDynamicPattern(pattern) ? 'no transcript files match' : 'no such file or folder' });
    }
    for (const file of found) addFile(resolve(file), walk);
  }
  return { files: walk.files.sort(), unmatched, problems: walk.problems };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
