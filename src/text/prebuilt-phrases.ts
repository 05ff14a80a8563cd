// The built-in packs' phrases as compilePhrase makes them, written by the build (scripts/build-runtime.mjs) into
// dist/phrases/ so that a run looks each one up instead of compiling it: compiling the 2,739 phrases of the default
// pack (normalizing each, reading its placeholders, checking its braces) was ~20 ms of each thread's start (issue
// #14). A phrase is looked up by its text, under the normalize settings it is compiled with: a phrase edited or
// added (a user's pack, a built-in YAML edited after the build) is not in the file and is compiled as before, so
// nothing is served stale. A file older than the compiled code that compiles phrases, of another Unicode version
// (which the fold tables follow) or of other normalize settings, or damaged, is not read.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NormalizeOptions } from './fold-table.js';
import { codeTime } from './prebuilt-automata.js';
import type { CompiledPhrase, Piece } from './phrase.js';

/** Written by the build beside the compiled code; absent when the sources run (tests): then nothing is read. */
export const PHRASES_FOLDER = new URL('../phrases/', import.meta.url);
/** The compiled code a phrase's compiled form depends on: a file older than any of them is not read. */
const PHRASE_CODE = ['phrase.js', 'clause.js', 'normalize.js', 'fold-table.js', 'opencc-dictionary.js'].map((file) => new URL(`../text/${file}`, import.meta.url));
const LAYOUT = 1;

/**
 * A compiled phrase without its id, source and written form: [anchor, flags, ...rest], each piece of the rest a
 * string (a literal), a number ≥ 0 (a gap's reach) or -1 (a number); flags: 1 wordStart, 2 wordEnd, 4 unbroken.
 */
type Form = [string, number, ...(string | number)[]];

interface PhrasesFile {
  layout: number;
  unicode: string;
  normalize: NormalizeOptions;
  /** Each phrase's form, by its text (`CompiledPhrase.source`). */
  phrases: Record<string, Form>;
}

const sameNormalize = (a: NormalizeOptions, b: NormalizeOptions): boolean =>
  a.script === b.script && a.width === b.width && a.punctuation === b.punctuation && a.case === b.case;

/** A pack name as a file name: built-in packs' names only ever are. */
const fileOf = (pack: string, folder: URL): URL | undefined => (/^[a-z0-9-]+$/.test(pack) ? new URL(`${pack}.json`, folder) : undefined);

/** The compiled phrases the build wrote for these packs, under these normalize settings. */
export class PrebuiltPhrases {
  private constructor(private readonly forms: Record<string, Form>[]) {}

  /**
   * The phrases the build wrote for any of `packs` (by name) compiled under `normalize`, or undefined when there are
   * none it may use.
   */
  static read(packs: readonly string[], normalize: NormalizeOptions, folder = PHRASES_FOLDER): PrebuiltPhrases | undefined {
    const forms: Record<string, Form>[] = [];
    let oldest = Infinity;
    for (const pack of packs) {
      const file = fileOf(pack, folder);
      if (!file) continue;
      try {
        const written = JSON.parse(readFileSync(file, 'utf8')) as PhrasesFile;
        if (written.layout !== LAYOUT || written.unicode !== process.versions.unicode || !sameNormalize(written.normalize, normalize)) continue;
        oldest = Math.min(oldest, statSync(file).mtimeMs);
        forms.push(written.phrases);
      } catch {
        // none for this pack (a user's), or damaged
      }
    }
    return forms.length && oldest >= codeTime(PHRASE_CODE) ? new PrebuiltPhrases(forms) : undefined;
  }

  /** The phrase `source` as compilePhrase(id, source, table, written) makes it, or undefined when it is not here. */
  phrase(id: number, source: string, written: string | undefined): CompiledPhrase | undefined {
    const form = this.forms.find((forms) => Object.hasOwn(forms, source))?.[source];
    if (!form) return undefined;
    const [anchor, flags] = form;
    const rest: Piece[] = [];
    for (let i = 2; i < form.length; i++) {
      const piece = form[i];
      rest.push(typeof piece === 'string' ? { type: 'literal', text: piece } : piece < 0 ? { type: 'number' } : { type: 'gap', reach: piece });
    }
    // In compilePhrase's order of fields, so that every compiled phrase has one shape.
    return {
      id, source, written: written !== source ? written : undefined, anchor, rest,
      wordStart: (flags & 1) !== 0, wordEnd: (flags & 2) !== 0, unbroken: (flags & 4) !== 0,
    };
  }
}

/** Write a pack's compiled phrases where runs look for them (the build calls this). */
export function writePrebuiltPhrases(pack: string, normalize: NormalizeOptions, phrases: readonly CompiledPhrase[], folder = PHRASES_FOLDER): void {
  const file = fileOf(pack, folder);
  if (!file) throw new Error(`a built-in pack's name is not a file name: ${pack}`);
  const forms: Record<string, Form> = {};
  for (const phrase of phrases) {
    const flags = (phrase.wordStart ? 1 : 0) | (phrase.wordEnd ? 2 : 0) | (phrase.unbroken ? 4 : 0);
    forms[phrase.source] = [phrase.anchor, flags, ...phrase.rest.map((piece) => (piece.type === 'literal' ? piece.text : piece.type === 'gap' ? piece.reach : -1))];
  }
  const written: PhrasesFile = { layout: LAYOUT, unicode: process.versions.unicode ?? '', normalize, phrases: forms };
  mkdirSync(fileURLToPath(folder), { recursive: true });
  writeFileSync(file, JSON.stringify(written));
}
