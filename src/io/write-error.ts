import { sep } from 'node:path';

// Why a file this run writes (a report, the baseline, --init's config) could not be written, and what to do, in words: the code
// alone (EISDIR, ENOTDIR) or Node's message with the temporary file's path says neither.

export function describeWriteError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EEXIST':
    case 'ENOTDIR': return 'a file stands where a folder of that path should be; choose another path';
    case 'EISDIR': return 'that is a folder; name a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied; choose a folder you can write to';
    case 'EROFS': return 'the disk is read-only; choose another';
    case 'ENOSPC':
    case 'EDQUOT': return 'the disk is full; free some space or choose another disk';
    default: return err.message;
  }
}

/**
 * The slash a path to write ends in, which makes it a folder's name; undefined for a file's. Such a path was written
 * as a file named like the folder (-o reports/ made a file "reports").
 */
export function folderSlash(path: string | undefined): string | undefined {
  return path?.endsWith('/') ? '/' : sep === '\\' && path?.endsWith(sep) ? sep : undefined;
}
