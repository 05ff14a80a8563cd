// Which build of the linter made a result: the `--cache` key carries it, so that results cached by an earlier build
// are not reused after an upgrade or a rebuild that changes what a rule reports (the package's version alone stays
// the same from one commit to the next). `npm run build` writes dist/build-id, a hash of the compiled code, the
// prepared tables and the versions of the installed dependencies (scripts/build-runtime.mjs).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

/** dist/build-id, from dist/runner/ and from the bundle in dist/cli/ alike. */
const BUILD_ID_FILE = new URL('../build-id', import.meta.url);

export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

let identity: string | undefined;

/**
 * The package's version and its build, e.g. `0.1.0+3f2a…`; the version alone where no build id was written (a bare
 * `tsc`). Read once: it names the code this process loaded (a --cache run asks twice, for the key that vouches for its
 * packs and for its cache's).
 */
export function buildIdentity(): string {
  if (identity === undefined) {
    let id = '';
    try {
      id = readFileSync(BUILD_ID_FILE, 'utf8').trim();
    } catch {
      // not built by npm run build
    }
    identity = id ? `${packageVersion()}+${id}` : packageVersion();
  }
  return identity;
}

/**
 * The build id of a built dist/ folder: a hash of what a lint runs — every compiled script but the bundles (made from
 * them), the prepared tables (`.bin`) — and of `dependencies`, each named with the version installed.
 */
export function computeBuildId(dist: string, dependencies: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  const files = (readdirSync(dist, { recursive: true }) as string[])
    .filter((file) => /\.(?:js|cjs|bin)$/.test(file) && !/bundle\.cjs$/.test(file))
    .map((file) => relative(dist, join(dist, file)).split('\\').join('/'))
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(dist, file))).update('\0');
  for (const name of Object.keys(dependencies).sort()) hash.update(`${name}@${dependencies[name]}\0`);
  return hash.digest('hex').slice(0, 16);
}
