// A folder and the folders above it that are missing, like mkdir -p. Node's own recursive mkdirSync never returns
// where mkdir says ENOENT below a folder that exists (under /proc): a run that named such a place hung, deaf to
// SIGTERM. Here each folder is made once, and an error ends it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (err) {
      // Made meanwhile by another process, or a link to nowhere: the next mkdir, or the file's open, says why.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
