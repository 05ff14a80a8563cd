// OpenCC's dictionaries as text, read when first needed. They are ES modules of one string each
// (`export default "…"`); importing them statically would cost every run their load for what only some need (a
// fix in a Traditional file; the fold tables when dist/fold-units.bin is missing), and synchronous code cannot
// import them lazily — so the string is read from a file: the build writes each as UTF-16 text under dist/opencc/
// (writeOpenccTables), which is read in a fifth of the time of the package's module — no UTF-8 to decode (a CJK
// character is three bytes there), no string literal to parse, no package exports to resolve. Without the build
// (the sources run in tests), the package's module is read.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type OpenccDictionaryName = 'TSCharacters' | 'STCharacters' | 'STPhrases' | 'TWVariants' | 'HKVariants';
const NAMES: readonly OpenccDictionaryName[] = ['TSCharacters', 'STCharacters', 'STPhrases', 'TWVariants', 'HKVariants'];

/** Written by the build beside the compiled code (dist/opencc/), as the fold units are. */
export const OPENCC_TABLES_DIR = new URL('../opencc/', import.meta.url);
const builtTable = (name: OpenccDictionaryName): URL => new URL(`${name}.utf16le`, OPENCC_TABLES_DIR);

/** The dictionary's entries, `from to|from to|…`. */
export function openccDictionary(name: OpenccDictionaryName): string {
  try {
    return readFileSync(builtTable(name)).toString('utf16le');
  } catch {
    return fromPackage(name);
  }
}

/** The dictionary as the opencc-js package has it. */
export function fromPackage(name: OpenccDictionaryName): string {
  // (Resolved as `require` does, not `import.meta.resolve`: the one-file command line is a script, src/cli/load-bundle.cts.)
  const source = readFileSync(createRequire(import.meta.url).resolve(`opencc-js/dict/${name}`), 'utf8');
  return JSON.parse(source.slice(source.indexOf('"'), source.lastIndexOf('"') + 1)) as string;
}

/** Part of the build: each dictionary as UTF-16 text (little-endian on every machine) under dist/opencc/. */
export function writeOpenccTables(): void {
  mkdirSync(OPENCC_TABLES_DIR, { recursive: true });
  for (const name of NAMES) writeFileSync(builtTable(name), Buffer.from(fromPackage(name), 'utf16le'));
}
