// The phrase automata of the built-in packs, written by the build (scripts/build-runtime.mjs) into dist/automata/ so
// that a run reads one instead of building it: building took 40–60 ms of each thread's start (the command line's and
// every lint worker's), most of a small file's lint beyond Node's own start (issue #14). A run whose phrases are not
// those of a file there (a pack of its own, a rule turned off) builds its automaton as before.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAutomaton, START_TABLE_ENTRIES, type Automaton } from './matcher.js';

/** Written by the build beside the compiled code; absent when the sources run (tests): then nothing is read. */
export const AUTOMATA_FOLDER = new URL('../automata/', import.meta.url);
/**
 * The compiled automaton code (from dist/text, and from the bundles in dist/cli and dist/runner): a file older than
 * it (a bare `tsc` after a change) is not read.
 */
const MATCHER_CODE = new URL('../text/matcher.js', import.meta.url);

/** "TLA" and the layout's version, as the first four bytes. */
const MAGIC = 0x01414c54;
const HEADER_WORDS = 8;

/** What identifies an automaton: its anchors, in order (an anchor holds no U+0000). */
const keyOf = (anchors: readonly string[]): string => anchors.join('\u0000');

/**
 * Which of a pack's two automata: the whole one, or the one a run starts with (rows for the shallowest nodes only,
 * START_TABLE_ENTRIES: a tenth of the file, which a small run reads instead of the whole; PhraseMatcher).
 */
export type AutomatonForm = 'whole' | 'start';

/** The file of a key: its FNV-1a hash names it; the key itself, inside, is compared. */
function fileOf(key: string, folder: URL, form: AutomatonForm): URL {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return new URL(`${(hash >>> 0).toString(16).padStart(8, '0')}${form === 'start' ? '.start' : ''}.bin`, folder);
}

/** The counts in a file's header, after its magic number and key length. */
interface Counts {
  columns: number;
  tableNodes: number;
  nodes: number;
  found: number;
  edges: number;
}

type ArrayName = 'column' | 'step' | 'fail' | 'foundStart' | 'foundPhrase' | 'edgeNode' | 'edgeUnit' | 'edgeChild';

/** The arrays of an automaton in file order, with their type and length; each starts at a multiple of 4 bytes. */
const ARRAYS: readonly (readonly [ArrayName, Uint16ArrayConstructor | Int32ArrayConstructor, (c: Counts) => number])[] = [
  ['column', Uint16Array, () => 0x10000],
  ['step', Uint16Array, (c) => c.tableNodes * c.columns],
  ['fail', Int32Array, (c) => c.nodes],
  ['foundStart', Int32Array, (c) => c.nodes + 1],
  ['foundPhrase', Int32Array, (c) => c.found],
  ['edgeNode', Int32Array, (c) => c.edges],
  ['edgeUnit', Uint16Array, (c) => c.edges],
  ['edgeChild', Int32Array, (c) => c.edges],
];

const padded = (bytes: number): number => (bytes + 3) & ~3;

/** When the compiled automaton code was written; 0 where there is none (the sources run). */
/** When the newest of the compiled code a prebuilt file depends on was written; 0 where there is none (the sources run). */
export function codeTime(files: readonly URL[] = [MATCHER_CODE]): number {
  try {
    return Math.max(...files.map((file) => statSync(file).mtimeMs));
  } catch {
    return 0;
  }
}

/**
 * The automaton of these anchors as the build wrote it, or undefined: no file, a file of other anchors or of another
 * layout, older than the compiled code, or damaged (its sizes do not add up).
 */
export function readPrebuiltAutomaton(anchors: readonly string[], folder = AUTOMATA_FOLDER, form: AutomatonForm = 'whole'): Automaton | undefined {
  const key = keyOf(anchors);
  const file = fileOf(key, folder, form);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size, mtimeMs } = fstatSync(fd);
    if (size < HEADER_WORDS * 4 || size % 4 !== 0 || mtimeMs < codeTime()) return undefined;
    // Read into an ArrayBuffer of its own: the views below need their offsets aligned.
    const bytes = new Uint8Array(size);
    if (readSync(fd, bytes, 0, size, 0) !== size) return undefined;
    const [magic, keyUnits, columns, tableNodes, nodes, found, edges] = new Uint32Array(bytes.buffer, 0, HEADER_WORDS);
    if (magic !== MAGIC || keyUnits !== key.length || columns === 0 || edges === 0 || (edges & (edges - 1)) !== 0) return undefined;
    let at = HEADER_WORDS * 4;
    if (Buffer.from(bytes.buffer, at, keyUnits * 2).toString('utf16le') !== key) return undefined;
    at += padded(keyUnits * 2);
    const counts: Counts = { columns, tableNodes, nodes, found, edges };
    if (ARRAYS.reduce((end, [, kind, length]) => end + padded(length(counts) * kind.BYTES_PER_ELEMENT), at) !== size) return undefined;
    const arrays = Object.fromEntries(ARRAYS.map(([name, kind, length]) => {
      const array = new kind(bytes.buffer, at, length(counts));
      at += padded(array.byteLength);
      return [name, array];
    })) as Pick<Automaton, ArrayName>;
    // A damaged file must not name a phrase that is not there.
    if (arrays.foundStart[nodes] !== found || arrays.foundPhrase.some((index) => index < 0 || index >= anchors.length)) return undefined;
    return { ...arrays, columns, tableNodes };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Build the automata of these anchors and write them where runs look for them (the build calls this). */
export function writePrebuiltAutomata(anchors: readonly string[], folder = AUTOMATA_FOLDER): void {
  writePrebuiltAutomaton(anchors, folder, 'whole');
  writePrebuiltAutomaton(anchors, folder, 'start');
}

function writePrebuiltAutomaton(anchors: readonly string[], folder: URL, form: AutomatonForm): void {
  const key = keyOf(anchors);
  const a = form === 'start' ? buildAutomaton(anchors, START_TABLE_ENTRIES) : buildAutomaton(anchors);
  const header = new Uint32Array([MAGIC, key.length, a.columns, a.tableNodes, a.fail.length, a.foundPhrase.length, a.edgeNode.length, 0]);
  const chunks: Buffer[] = [Buffer.from(header.buffer), Buffer.from(key, 'utf16le')];
  const pad = (bytes: number): void => {
    if (bytes % 4) chunks.push(Buffer.alloc(4 - (bytes % 4)));
  };
  pad(key.length * 2);
  for (const [name] of ARRAYS) {
    const array = a[name];
    chunks.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
    pad(array.byteLength);
  }
  mkdirSync(fileURLToPath(folder), { recursive: true });
  writeFileSync(fileOf(key, folder, form), Buffer.concat(chunks));
}
