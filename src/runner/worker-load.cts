// How a lint worker's thread gets its code (issue #14): from its own bundle (dist/runner/worker-bundle.cjs) with its
// code cache (dist/runner/worker-bundle.TAG.cache), both made at build by scripts/build-runtime.mjs after a warm-up lint,
// like the command line's (src/script-bundle.cts). A worker that imported the compiled files instead spent ~70–100 ms
// of CPU resolving and compiling them before its first file. A bundle missing or older than the compiled worker (after
// a bare `tsc`) is not used: the compiled files are imported; a cache that does not fit is not used either.
import { join } from 'node:path';
import { bundleFiles, importCompiled, isCurrent, loadScript, type BundleFiles, type CacheUse, type LoadedScript } from '../script-bundle.cjs';

/** The worker's module (src/runner/worker.ts). */
export type WorkerModule = typeof import('./worker.js', { with: { 'resolution-mode': 'import' } });

export const WORKER_BUNDLE = bundleFiles(__dirname, 'worker-bundle');
export const COMPILED_WORKER = join(__dirname, 'worker.js');

/** Compile and run the worker's bundle (`cacheFile`: the content of its code cache; default the one beside it). */
export function loadWorkerBundle(cacheFile?: Buffer | null): LoadedScript<WorkerModule> {
  return loadScript<WorkerModule>(WORKER_BUNDLE, cacheFile);
}

export interface LoadedWorker {
  worker: WorkerModule;
  /** Where its code came from, and for a bundle, how its code cache was used. */
  from: 'bundle' | 'compiled';
  cache?: CacheUse;
}

/** The worker's module: from its bundle (`files`) when that is there and current, otherwise the compiled files. */
export async function loadLintWorker(files: BundleFiles = WORKER_BUNDLE): Promise<LoadedWorker> {
  if (!isCurrent(files.bundle, COMPILED_WORKER)) return { worker: await importCompiled<WorkerModule>(COMPILED_WORKER), from: 'compiled' };
  const loaded = loadScript<WorkerModule>(files);
  return { worker: loaded.exports, from: 'bundle', cache: loaded.cache };
}
