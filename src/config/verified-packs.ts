// Packs checked when the tool was built (scripts/verify-packs.mjs): the built-in packs' parsed data by content
// hash, and the pack combinations whose rules' examples all passed. A run that loads the same bytes skips the YAML
// parse, the schema validation and the examples check — most of start-up — and any other pack is checked in full.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { trustPatterns } from '../text/linear-regex.js';
import type { ConditionData } from '../text/regex-prefilter.js';

/** dist/verified-packs.json, written by the build beside the compiled code it was checked with. */
export const VERIFIED_PACKS_FILE = new URL('../verified-packs.json', import.meta.url);

export interface VerifiedPacks {
  /** sha-256 of a pack file's text → its data, valid against the schema. */
  packs: Record<string, unknown>;
  /** examplesKey() of each list of packs whose rules' examples all passed together. */
  examples: string[];
  /**
   * The regular expressions those packs compile (flags:source), with their prefilters' conditions: compiled when a
   * text may match (src/text/linear-regex.ts). (A list of keys alone in a build before the filters were recorded.)
   */
  patterns?: string[] | Record<string, ConditionData[]>;
}

let verified: VerifiedPacks | null | undefined;

function verifiedPacks(): VerifiedPacks | null {
  if (verified === undefined) {
    try {
      verified = JSON.parse(readFileSync(VERIFIED_PACKS_FILE, 'utf8')) as VerifiedPacks;
      trustPatterns(verified.patterns ?? []);
    } catch {
      verified = null; // not built (tests run the sources), or removed: everything is checked
    }
  }
  return verified;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The data of a verified pack with this content hash (a fresh copy), or undefined. */
export function verifiedPackData(hash: string): unknown {
  const data = verifiedPacks()?.packs[hash];
  return data === undefined ? undefined : structuredClone(data);
}

/** The packs loaded, in order, by content hash: what the examples' outcome depends on. */
export function examplesKey(packHashes: readonly string[]): string {
  return contentHash(packHashes.join('\n'));
}

export function examplesVerified(packHashes: readonly string[]): boolean {
  return verifiedPacks()?.examples.includes(examplesKey(packHashes)) ?? false;
}
