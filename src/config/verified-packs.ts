// Packs checked when the tool was built (scripts/verify-packs.mjs): the built-in packs' parsed data by content
// hash, and the pack combinations whose rules' examples all passed. A run that loads the same text skips the YAML
// parse, the schema validation and the examples check — most of start-up — and any other pack is checked in full.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { trustPatternsWhenNeeded } from '../text/linear-regex.js';
import type { ConditionData } from '../text/regex-prefilter.js';
import { rememberConversionsWhenNeeded, type Script } from '../text/script.js';

/** dist/verified-packs.json, written by the build beside the compiled code it was checked with. */
export const VERIFIED_PACKS_FILE = new URL('../verified-packs.json', import.meta.url);
/**
 * dist/verified-packs/: each verified pack's text (HASH.yaml) and data (HASH.json). A pack is known by comparing its
 * text with the copy of the same length, not by hashing it: a run then never loads node:crypto, and reads and parses
 * the data of the packs it uses only.
 */
export const VERIFIED_PACKS_DIR = new URL('../verified-packs/', import.meta.url);
/**
 * dist/verified-packs/compiled.json: what those packs compile to (VerifiedCompiled), read only when a pattern is made or
 * a wording converted. A rerun whose cache vouches for its packs does neither: it reads the 69 KB of it no more.
 */
export const VERIFIED_COMPILED_FILE = new URL('compiled.json', VERIFIED_PACKS_DIR);

export interface VerifiedPacks {
  /** sha-256 of each verified pack's text → its length (UTF-16 units); its text and data are in VERIFIED_PACKS_DIR. */
  packs: Record<string, number>;
  /** Each list of packs (by hash, in the order loaded) whose rules' examples all passed together. */
  examples: string[][];
}

/** What the verified packs compile to (VERIFIED_COMPILED_FILE). */
export interface VerifiedCompiled {
  /**
   * The regular expressions those packs compile (flags:source), with their prefilters' conditions: compiled when a
   * text may match (src/text/linear-regex.ts).
   */
  patterns?: Record<string, ConditionData[]>;
  /** The steps each of those expressions spells out to: counted against a run's total (MAX_TOTAL_PROGRAM_SIZE). */
  patternSteps?: Record<string, number>;
  /** Those packs' wordings in each Traditional standard (src/text/script.ts). */
  conversions?: Partial<Record<Script, Record<string, string>>>;
}

let verified: VerifiedPacks | null | undefined;

function verifiedPacks(): VerifiedPacks | null {
  if (verified === undefined) {
    try {
      verified = JSON.parse(readFileSync(VERIFIED_PACKS_FILE, 'utf8')) as VerifiedPacks;
      trustPatternsWhenNeeded(() => {
        const { patterns, patternSteps } = verifiedCompiled();
        return { patterns: patterns ?? {}, steps: patternSteps ?? {} };
      });
      rememberConversionsWhenNeeded(() => verifiedCompiled().conversions ?? {});
    } catch {
      verified = null; // not built (tests run the sources), or removed: everything is checked
    }
  }
  return verified;
}

let compiled: VerifiedCompiled | undefined;

/** The verified packs' compiled records; none when the file cannot be read (each pattern is then compiled to check it). */
function verifiedCompiled(): VerifiedCompiled {
  if (compiled === undefined) {
    try {
      compiled = JSON.parse(readFileSync(VERIFIED_COMPILED_FILE, 'utf8')) as VerifiedCompiled;
    } catch {
      compiled = {};
    }
  }
  return compiled;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A verified pack's file in VERIFIED_PACKS_DIR (undefined when it cannot be read). */
function verifiedFile(hash: string, extension: 'yaml' | 'json'): string | undefined {
  try {
    return readFileSync(new URL(`${hash}.${extension}`, VERIFIED_PACKS_DIR), 'utf8');
  } catch {
    return undefined;
  }
}

/** A pack's content hash: the verified pack's when the text is that pack's, word for word; otherwise computed. */
export function packHash(text: string): string {
  for (const [hash, length] of Object.entries(verifiedPacks()?.packs ?? {})) {
    if (length === text.length && verifiedFile(hash, 'yaml') === text) return hash;
  }
  return contentHash(text);
}

/** Whether the pack with this content hash is verified. */
export function packVerified(hash: string): boolean {
  return Object.hasOwn(verifiedPacks()?.packs ?? {}, hash);
}

/** The data of a verified pack with this content hash (a fresh copy), or undefined. */
export function verifiedPackData(hash: string): unknown {
  if (!packVerified(hash)) return undefined;
  const json = verifiedFile(hash, 'json');
  return json === undefined ? undefined : JSON.parse(json);
}

export function examplesVerified(packHashes: readonly string[]): boolean {
  const key = packHashes.join('\n');
  return verifiedPacks()?.examples.some((hashes) => hashes.join('\n') === key) ?? false;
}
