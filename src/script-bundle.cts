// A one-file bundle of an entry point, run as a script compiled with V8's code cache (issue #14): the command line
// (src/cli/load-bundle.cts) and the lint workers (src/runner/worker-load.cts) start from one. Both are made at build
// by scripts/build-runtime.mjs, each with its cache taken after a warm-up lint, so that it holds the bytecode of the
// functions a lint calls and not only of those compiled as the bundle loads. Node 20 has no compile cache for ES
// modules, so a bundle is a CommonJS-style script run through `vm.Script`, and its imports of Node's modules are
// `require`s, which skip the ES module facades (those read every lazy export of a module — all of webcrypto, all of
// the fs streams — when it is imported). This loader is CommonJS too: it is required, not imported. A bundle missing
// or older than the compiled files (after a bare `tsc`) is not used: its loader imports the compiled files instead. A
// cache that is missing, made for another bundle, or refused by V8 (another Node version, other V8 flags) is not used
// either: the script is compiled without it.
import { isAscii } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

export { COMMAND_LINE_V8_FLAG } from './v8-flag.cjs';

/**
 * The last line of a bundle names its build (a hash of its code), and its code cache starts with the same name:
 * V8 checks a cache only against the length of the source, and a cache taken from another bundle of the same
 * length would run the wrong bytecode.
 */
export const BUILD_MARK = '\n//# bundle-build ';
const BUILD_ID_LENGTH = 16;

/** How the bundle was compiled: with the cache, without one, or with one that V8 (or the build check) refused. */
export type CacheUse = 'accepted' | 'rejected' | 'none';

export interface LoadedScript<T> {
  /** What the bundle's entry exports. */
  exports: T;
  /** The compiled script: its `createCachedData()` is the code cache (taken at build). */
  script: Script;
  cache: CacheUse;
}

/**
 * Where a bundle and its code caches are: `NAME.cjs`, and `NAME.TAG.cache` in the same folder for each V8 tag the
 * build made one for (cacheFileOf).
 */
export interface BundleFiles {
  bundle: string;
  /** The caches' path up to the tag: `DIR/NAME`. */
  cacheStem: string;
}

export function bundleFiles(dir: string, name: string): BundleFiles {
  return { bundle: join(dir, `${name}.cjs`), cacheStem: join(dir, name) };
}

/**
 * The code cache file of a bundle that V8 can take as it runs now: named by V8's tag of its version and flags, which
 * a code cache must have been made under (read when asked: the command line sets its flag before loading anything).
 */
export function cacheFileOf(files: BundleFiles, tag = cachedDataVersionTag()): string {
  return `${files.cacheStem}.${tag.toString(16)}.cache`;
}

/**
 * The bundle's code inside a function of what it takes from its host. esbuild wrote its `import.meta` as
 * `__importMeta` (only `url`, `filename` and `dirname` are given; the build checks that no other is used) and its
 * on-demand `import()`s as `__importOutside` calls: a script compiled by `vm.Script` has no dynamic import of its
 * own in Node 20 without an experimental flag. Some of its `require`s are `__requireOnFirstUse` calls (below).
 */
function wrap(source: string): string {
  return `(function (exports, require, module, __importMeta, __importOutside, __requireOnFirstUse) {${source}\n})`;
}

/**
 * Node's module `id`, required when one of its exports is first read. The build writes a bundle's `require`s of
 * Node's modules that most runs never use (crypto for caches and baselines, child_process for commander's
 * sub-commands, …) as `__requireOnFirstUse` calls: each costs a few milliseconds of start-up to load.
 */
function requireOnFirstUse(require: NodeJS.Require, id: string): object {
  let loaded: Record<PropertyKey, unknown> | undefined;
  const module = (): Record<PropertyKey, unknown> => (loaded ??= require(id) as Record<PropertyKey, unknown>);
  return new Proxy({}, { get: (_, key) => module()[key], has: (_, key) => key in module() });
}

/** The build named in the bundle's last line; undefined when there is none. */
function buildOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_MARK);
  return at < 0 ? undefined : source.slice(at + BUILD_MARK.length, at + BUILD_MARK.length + BUILD_ID_LENGTH);
}

/** A code cache file's content for `source`'s build: the build's name, then V8's data. */
export function codeCacheFile(source: string, data: Buffer): Buffer {
  const build = buildOf(source);
  if (build?.length !== BUILD_ID_LENGTH) throw new Error('the bundle does not name its build');
  return Buffer.concat([Buffer.from(build, 'latin1'), data]);
}

/**
 * Compile and run a bundle. `cacheFile` is the content of its code cache file (default: the one beside the bundle
 * for V8's flags as they are, if any; null: none).
 */
export function loadScript<T>(files: BundleFiles, cacheFile?: Buffer | null): LoadedScript<T> {
  const source = readSource(files.bundle);
  const build = buildOf(source);
  const compile = (tag: number): { script: Script; cache: CacheUse } => {
    const file = cacheFile !== undefined ? cacheFile : readOptional(cacheFileOf(files, tag));
    const matches = file !== null && build !== undefined && file.length > BUILD_ID_LENGTH && file.toString('latin1', 0, BUILD_ID_LENGTH) === build;
    const script = new Script(wrap(source), { filename: files.bundle, cachedData: matches ? file.subarray(BUILD_ID_LENGTH) : undefined });
    return { script, cache: file === null ? 'none' : matches && !script.cachedDataRejected ? 'accepted' : 'rejected' };
  };
  const tag = cachedDataVersionTag();
  let { script, cache } = compile(tag);
  // A worker boots under Node's own V8 flags and the main thread sets the command line's again once it is up
  // (runner/boot-flags.ts), which may fall between choosing the cache by the flags and V8 checking it against them:
  // it is then compiled again, with the cache made for the flags as they are now.
  if (cache === 'rejected' && cacheFile === undefined && cachedDataVersionTag() !== tag) ({ script, cache } = compile(cachedDataVersionTag()));
  const dir = dirname(files.bundle);
  const module = { exports: {} as T };
  const importMeta = { url: pathToFileURL(files.bundle).href, filename: files.bundle, dirname: dir };
  const importOutside = (specifier: string): Promise<unknown> => import(pathToFileURL(join(dir, specifier)).href);
  const run = script.runInThisContext() as (...host: unknown[]) => void;
  const require = createRequire(files.bundle);
  run(module.exports, require, module, importMeta, importOutside, (id: string) => requireOnFirstUse(require, id));
  return { exports: module.exports, script, cache };
}

/** Whether the bundle is there and not older than the compiled file of its entry (else that file is loaded). */
export function isCurrent(bundle: string, compiledEntry: string): boolean {
  try {
    return statSync(bundle).mtimeMs >= statSync(compiledEntry).mtimeMs;
  } catch {
    return false; // no bundle (or no compiled entry): the compiled files
  }
}

/** The compiled ES module at `file`, imported. */
export function importCompiled<T>(file: string): Promise<T> {
  return import(pathToFileURL(file).href) as Promise<T>;
}

/**
 * A bundle's code. The build writes it in ASCII (scripts/build-runtime.mjs), which is read as Latin-1: a one-byte
 * string, made in a fraction of the time of decoding UTF-8 (~10 ms for the two-byte string a single non-ASCII
 * character makes of it).
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

function readOptional(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}
