// Folder listings kept with the --cache file, so that a rerun over an unchanged archive need not list its folders
// again. A folder's entries change only with its stamp (adding, removing or renaming an entry sets its mtime and ctime;
// replacing the folder changes its inode), so a listing taken while the stamp was settled (see SETTLED_MS in cache.ts)
// stands as long as the stamp is the same: one stat per folder instead of a readdir and the walk's loop over the
// entries (git's untracked cache works the same way). Only folders that held nothing but plain files are kept: a
// subfolder or a link is walked each time. A listing is what the walk made of the folder under the run's ignore rules,
// so the listings are keyed by everything that decides it (see listingKey): other rules, other listings.
// Past the names a run keeps in memory (a million files), a folder's listing keeps its counts without its names: the
// walk takes it instead of reading the folder, and the folder is read once, when the run reaches it.
import { existsSync, type Stats } from 'node:fs';
import type { JoinedNames } from './sorted-paths.js';

/** What identifies a folder's entries without listing them. */
export interface FolderStamp {
  dev: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** A folder as the walk listed it: its transcripts kept (names joined by NUL, in code-unit order) and its counts. */
export interface FolderListing {
  /** The folder's real path: a link to a folder that now points elsewhere is listed again. */
  real: string;
  stamp: FolderStamp;
  /** null: not kept (past the names a walk keeps), read again when the run reaches the folder. */
  names: JoinedNames | null;
  /** Transcripts met, kept and ignored (WalkState's counts). */
  matched: number;
  kept: number;
  ignored: number;
}

/** One listing as stored: its fields, and where its names are among the section's bytes (null: none kept). */
interface StoredListing extends Omit<FolderListing, 'names'> {
  folder: string;
  namesBytes: number | null;
}

/** The characters of names a listing holds (what namesUpTo counts). */
function namesLength(listing: FolderListing): number {
  return listing.names?.length ?? 0;
}

export function folderStamp(stats: Stats): FolderStamp {
  return { dev: stats.dev, ino: stats.ino, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs };
}

function sameStamp(a: FolderStamp, b: FolderStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * The listings of a run: those the last run kept (`old`, by the folder's absolute path as walked) and those this run
 * makes, to be kept for the next.
 */
export class FolderListings {
  private readonly old: Map<string, FolderListing>;
  private readonly made = new Map<string, FolderListing>();
  /** Folders this run asked for (walked): the others' listings are kept as they were while they exist. */
  private readonly asked = new Set<string>();
  /** Folders that hold one of the run's own files (its report): the walk decides their files each time. */
  private readonly passedOver = new Set<string>();
  /** The run's key, set by discovery (useKey): until then, nothing is kept. */
  private key: string | undefined;
  /** How many characters of names the walk keeps (see useKey). */
  private namesUpTo = 0;

  /** `settledBefore`: a folder changed since then may change again within the same tick of its clock, unseen. */
  constructor(private readonly settledBefore: number, private readonly storedKey = '', stored = new Map<string, FolderListing>()) {
    this.old = stored;
  }

  /**
   * The run's listing key (listingKey): listings kept under another are not used. `namesUpTo`: the characters of names
   * the walk keeps (NAMES_KEPT_AT_MOST), which the listings of folders it did not walk may not take beyond either:
   * runs over parts of an archive must not grow the section, which a rerun reads whole.
   */
  useKey(key: string, namesUpTo: number): void {
    this.key = key;
    this.namesUpTo = namesUpTo;
    if (key !== this.storedKey) this.old.clear();
  }

  passOver(folder: string): void {
    this.passedOver.add(folder);
  }

  /** The listing kept of `folder` (absolute, as walked) when its real path and stamp are unchanged. */
  take(folder: string, real: string, stamp: FolderStamp): FolderListing | undefined {
    this.asked.add(folder);
    const listing = this.old.get(folder);
    if (!listing || listing.real !== real || !sameStamp(listing.stamp, stamp) || this.passedOver.has(folder)) return undefined;
    this.made.set(folder, listing);
    return listing;
  }

  /** Keep the listing of `folder` for the next run, if its stamp had settled before the walk listed it. */
  keep(folder: string, listing: FolderListing): void {
    const { mtimeMs, ctimeMs } = listing.stamp;
    if (mtimeMs >= this.settledBefore || ctimeMs >= this.settledBefore || this.passedOver.has(folder)) return;
    // A name that UTF-8 cannot hold (a lone surrogate: joinNames keeps such names a string) is listed each time.
    if (typeof listing.names === 'string' && /\p{Cs}/u.test(listing.names)) return;
    this.made.set(folder, listing);
  }

  /**
   * The listings this run made or used, and those of folders it did not walk (a run over one folder of the archive)
   * that still exist (as far as namesUpTo goes), as the section stored in the cache file: a line of JSON (the key and each folder's fields), then
   * each folder's names as UTF-8, one after another. Undefined when there are none.
   */
  encode(): Buffer | undefined {
    if (this.key === undefined) return undefined;
    const kept = new Map(this.made);
    let length = 0;
    for (const listing of this.made.values()) length += namesLength(listing);
    for (const [folder, listing] of this.old) {
      if (this.asked.has(folder) || length + namesLength(listing) > this.namesUpTo || !existsSync(folder)) continue;
      kept.set(folder, listing);
      length += namesLength(listing);
    }
    if (!kept.size) return undefined;
    const fields: StoredListing[] = [];
    const names: Buffer[] = [];
    for (const [folder, { names: joined, ...rest }] of kept) {
      const bytes = typeof joined === 'string' ? Buffer.from(joined, 'utf8') : joined;
      fields.push({ folder, ...rest, namesBytes: bytes?.length ?? null });
      if (bytes) names.push(bytes);
    }
    return Buffer.concat([Buffer.from(`${JSON.stringify({ key: this.key, folders: fields })}\n`, 'utf8'), ...names]);
  }
}

/**
 * The listings stored in a cache file's section (encode), or undefined when it is not one. Names stay views of
 * `section`: a rerun's names need not be copied.
 */
export function decodeListings(section: Buffer, settledBefore: number): FolderListings | undefined {
  const lineEnd = section.indexOf(0x0a);
  if (lineEnd < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(section.toString('utf8', 0, lineEnd));
  } catch {
    return undefined;
  }
  const { key, folders } = (parsed ?? {}) as { key?: unknown; folders?: unknown };
  if (typeof key !== 'string' || !Array.isArray(folders)) return undefined;
  const listings = new Map<string, FolderListing>();
  let at = lineEnd + 1;
  for (const item of folders as unknown[]) {
    if (!isStoredListing(item) || at + (item.namesBytes ?? 0) > section.length) return undefined;
    const { folder, namesBytes, ...rest } = item;
    if (namesBytes === null) {
      listings.set(folder, { ...rest, names: null });
      continue;
    }
    const names = section.subarray(at, at + namesBytes);
    if (!arePlainNames(names, rest.kept)) return undefined;
    listings.set(folder, { ...rest, names });
    at += namesBytes;
  }
  if (at !== section.length) return undefined;
  return new FolderListings(settledBefore, key, listings);
}

const NUL = 0;
const DOT = 0x2e;
/** What no plain file's name holds: the separator (and on Windows its other one). */
const SEPARATORS = process.platform === 'win32' ? [0x2f, 0x5c] : [0x2f];

/**
 * Whether `names` can be what the walk keeps of a folder: names joined by NUL, none empty, none starting with a dot
 * (the walk passes over those), none holding a separator. A cache file travels (CI caches, backups): one written by
 * hand must not make a run read `../` anything outside the folder — into a report that shows transcripts (html).
 * A handful of byte searches, not a pass per name.
 */
function arePlainNames(names: Buffer, kept: number): boolean {
  if (!kept) return names.length === 0;
  if (!names.length || names[0] === DOT || names[0] === NUL || names[names.length - 1] === NUL) return false;
  if (names.includes('\0\0') || names.includes('\0.')) return false;
  return SEPARATORS.every((separator) => !names.includes(separator));
}

function isStoredListing(item: unknown): item is StoredListing {
  if (!item || typeof item !== 'object') return false;
  const { folder, real, stamp, matched, kept, ignored, namesBytes } = item as Record<string, unknown>;
  const counts = [matched, kept, ignored, namesBytes === null ? 0 : namesBytes]; // null: counts only; missing: refused
  if (typeof folder !== 'string' || typeof real !== 'string' || !counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return false;
  const s = stamp as Record<string, unknown> | null;
  return typeof s === 'object' && s !== null && [s.dev, s.ino, s.mtimeMs, s.ctimeMs].every((n) => typeof n === 'number' && Number.isFinite(n));
}

