// Files, folders and globs → a sorted list of transcript files.
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { TRANSCRIPT_EXTENSIONS } from '../transcript/index.js';

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
}

export async function discoverFiles(patterns: string[], options: DiscoverOptions): Promise<Discovery> {
  const files = new Set<string>();
  const unmatched: Discovery['unmatched'] = [];
  const extensions = TRANSCRIPT_EXTENSIONS.map((e) => e.slice(1)).join(',');
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
      const inner = extensions.includes(',') ? `**/*.{${extensions}}` : `**/*.${extensions}`;
      found = await fg(inner, { cwd: absolute, absolute: true, dot: false, followSymbolicLinks: true, suppressErrors: true });
    } else if (stat) {
      found = [absolute];
    } else if (fg.isDynamicPattern(pattern)) {
      const base = isAbsolute(pattern) ? pattern : `${fg.convertPathToPattern(options.cwd)}/${pattern}`;
      found = await fg(base, { absolute: true, suppressErrors: true, onlyFiles: true });
    } else {
      found = [];
    }
    if (found.length === 0) {
      unmatched.push({ pattern, reason: stat || fg.isDynamicPattern(pattern) ? 'no transcript files match' : 'no such file or folder' });
    }
    for (const file of found) files.add(resolve(file));
  }
  return { files: [...files].sort(), unmatched };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
