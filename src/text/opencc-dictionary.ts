// OpenCC's dictionaries as text, read when first needed. They are ES modules of one string each
// (`export default "…"`); importing them statically would cost every run their load for what only some need (a
// fix in a Traditional file; the fold tables when dist/fold-units.bin is missing), and synchronous code cannot
// import them lazily — so the string is read from the file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type OpenccDictionaryName = 'TSCharacters' | 'STCharacters' | 'STPhrases' | 'TWVariants' | 'HKVariants';

/** The dictionary's entries, `from to|from to|…`. */
export function openccDictionary(name: OpenccDictionaryName): string {
  // (Resolved as `require` does, not `import.meta.resolve`: the one-file command line is a script, src/cli/load-bundle.cts.)
  const source = readFileSync(createRequire(import.meta.url).resolve(`opencc-js/dict/${name}`), 'utf8');
  return JSON.parse(source.slice(source.indexOf('"'), source.lastIndexOf('"') + 1)) as string;
}
