// What `npm run build` (scripts/build.mjs) is made from, as one fingerprint, and whether dist/ was built from it:
// src/, rules/, fixtures/ (the warm-up lint the code caches are taken after), the build's scripts, the TypeScript and
// npm settings, the installed dependencies (package-lock.json), and Node's version and V8's flags (the code caches
// are V8's). A build writes the fingerprint to dist/build-inputs once it has succeeded.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';

export const STAMP_FILE = join('dist', 'build-inputs');
const INPUT_FOLDERS = ['src', 'rules', 'fixtures'];
const INPUT_FILES = ['scripts/build.mjs', 'scripts/build-inputs.mjs', 'scripts/verify-packs.mjs', 'scripts/build-runtime.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** What a build writes that a run needs: the build is done again when one is gone, whatever the fingerprint says. */
export const OUTPUTS = ['dist/index.js', 'dist/cli/bundle.cjs', 'dist/runner/worker-bundle.cjs', 'dist/verified-packs.json', 'dist/build-id'];

function* filesUnder(folder) {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** The fingerprint of everything the build in `root` is made from. */
export function fingerprintOf(root) {
  const hash = createHash('sha256').update(`${process.version} ${process.arch} ${cachedDataVersionTag()}\n`);
  const files = [...INPUT_FOLDERS.flatMap((folder) => [...filesUnder(join(root, folder))]), ...INPUT_FILES.map((file) => join(root, file))];
  for (const file of files) {
    // Each file's name and length before its bytes: bytes moved from one file to the next change the fingerprint.
    const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    hash.update(`${relative(root, file)}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** Whether dist/ in `root` was built from `fingerprint` and still has every output a run needs. */
export function isBuilt(root, fingerprint) {
  const stamp = join(root, STAMP_FILE);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint && OUTPUTS.every((file) => existsSync(join(root, file)));
}
