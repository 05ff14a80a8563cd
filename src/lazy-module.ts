// Libraries that most runs never need (the YAML parser for positions in a verified pack, the schema validator,
// …), loaded on first use: start-up pays only for what the run does. Synchronous, through `require`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter that loads the CommonJS module `id` the first time it is called. */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
