// Start-up (issue #14): the command line as one script (dist/cli/bundle.cjs, made at build by
// scripts/build-runtime.mjs) compiled with V8's code cache (dist/cli/bundle.TAG.cache), by src/script-bundle.cts. When
// the bundle is missing or older than the compiled files (after a bare `tsc`), the compiled files are loaded
// instead; a cache that does not fit is not used.
import { bundleFiles, importCompiled, isCurrent, loadScript, type CacheUse } from '../script-bundle.cjs';
import type { Script } from 'node:vm';
import { join } from 'node:path';

export { BUILD_MARK, codeCacheFile } from '../script-bundle.cjs';

/** The command line's module (src/cli/run.ts). */
export type CliModule = typeof import('./run.js', { with: { 'resolution-mode': 'import' } });

export const CLI_BUNDLE = bundleFiles(__dirname, 'bundle');
export const BUNDLE_FILE = CLI_BUNDLE.bundle;
const COMPILED_CLI = join(__dirname, 'run.js');

export interface LoadedBundle {
  cli: CliModule;
  /** The compiled script: its `createCachedData()` is the code cache (taken at build). */
  script: Script;
  cache: CacheUse;
}

/**
 * Compile and run the bundle. `cacheFile` is the content of a code cache file (default: the one beside the bundle,
 * if any; null: none).
 */
export function loadBundle(cacheFile?: Buffer | null): LoadedBundle {
  const loaded = loadScript<CliModule>(CLI_BUNDLE, cacheFile);
  return { cli: loaded.exports, script: loaded.script, cache: loaded.cache };
}

/** The command line: the bundle when it is there and current, otherwise the compiled files. */
export async function loadCli(): Promise<CliModule> {
  return isCurrent(BUNDLE_FILE, COMPILED_CLI) ? loadBundle().cli : importCompiled<CliModule>(COMPILED_CLI);
}
