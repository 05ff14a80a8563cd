// --cache: skip files whose content and whose active packs and options are unchanged since the last run.
// A file is unchanged when its size, mtime, ctime and inode all match (fast path: restoring an mtime or renaming
// another file over it changes ctime or inode) and it is readable now, or, failing that, when its content hash matches.
// A stamp vouches for the content read with it only once the file had been unchanged for a while (see SETTLED_MS).
// The file itself (see cache-store.ts) is sorted in the order runs visit files and read beside the run, never loaded
// whole; the next one is written beside it and renamed over it at the end (atomic replacement).
// The cache holds no personal data: a result that quotes any (a phone number, an e-mail address, as the pii rule finds
// them, in an excerpt or the call's metadata) is not stored, and its file is linted again on the next run. The cache
// file sits beside the transcripts and travels further (CI caches, backups); a hash could not give the text back.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Linter, ShownSource } from '../engine/linter.js';
import { openRegularFile } from '../io/read-file.js';
import { quotesPersonalData } from '../text/pii-detect.js';
import type { LintResult } from '../types.js';
import { encodeResult, type StoredResult } from './cache-result.js';
import { murmur3x86_128 } from './murmur-hash.js';
import { HEADER_BYTES, isSectionPlace, readSection, RecordReader, RecordWriter, type FileStamp } from './cache-store.js';
import { decodeListings, FolderListings } from './folder-listings.js';
import { comparePaths } from './sorted-paths.js';
import type { FileStats } from './stat-protocol.cjs';
import { statOrUndefined } from './stat-protocol.cjs';

export const DEFAULT_CACHE_FILE = '.transcript-lint-cache';
// 3: results quoting personal data are no longer stored (a format 2 cache may hold some, and is rewritten).
// 4: a result is stored with its filePath, so that it is restored as parsed (adding it first cost a copy of each).
// 5: stamps as the hex digits of their floats, and most results as their parts (cache-result.ts): read from the bytes.
// 6: a stamp taken too soon after its file changed is written with UNSETTLED_CTIME (a format 5 cache may hold such
//    stamps as they were).
// 7: a result's rules not evaluated are stored with the reason of each (notEvaluatedReasons).
// 8: a result's lists of problems that are not ASCII are stored as UTF-16LE (cache-result.ts listBytes): a format 7
//    reader would take them for damage at best.
// 9: a line starts with its length, and a result's lists of problems are stored as their values (cache-result.ts
//    problemUnits), bytes that may hold newlines: a format 8 reader would split such lines.
// 10: the folder listings (folder-listings.ts) follow the lines, placed by the header: a format 9 reader would take
//    them for a damaged line.
// 11: a line's checksum and length as the 4 bytes of their integers, and its stamp as the 8 bytes of each of its four
//    floats (cache-store.ts), not as hex digits: a format 10 reader would read neither.
// 12: a line's checksum (and the folder listings', named `checksum` in the header) is XXH32, not CRC-32
//    (line-checksum.ts): a format 11 reader would take every line for damage.
const FORMAT = 12;
const HEADER_KEY = 'transcriptLintCache';

/**
 * A file's stamp vouches for its content only if the file had not changed for this long when it was read. A change
 * sets ctime to the filesystem's clock, which ticks every few milliseconds here and every 1–2 s on some filesystems:
 * a file changed again within the tick of its read, at the same size, keeps its stamp (git's "racily clean" files).
 * (Measured from the run's start, which is before any read.)
 */
const SETTLED_MS = 3000;
/** The ctime written for a stamp that does not vouch: no file has it, so the file's content hash decides next time. */
const UNSETTLED_CTIME = -1;

export interface CacheLookup {
  /** The display path: the entry's key. */
  key: string;
  /** Size, mtime, ctime and inode still match and the file is readable: the cached result stands (see restore). */
  hit: boolean;
  /** The content hash on record: a worker that reads the file compares it before linting. */
  knownHash?: string;
  /** The file's stats when the cache holds it; unset for a file new to it, which is stamped as it is read (store). */
  stat?: FileStamp;
  /** The cached result (made when the key is found; undefined if its entry cannot be read). */
  result?: LintResult;
  /** Not a hit: the cached result field as written, to keep under the file's new stamp if its content hash matches. */
  resultBytes?: Buffer;
  /** Where the file's line is in the old cache, [start, end) (start === end: where it would be); unset: out of order. */
  start?: number;
  end?: number;
}

/** Where --cache-location points: a file, or a folder (existing, or written with a trailing slash) to hold one. */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  const target = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  if (location && (/[\\/]$/.test(location) || isFolder(target))) return join(target, DEFAULT_CACHE_FILE);
  return target;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The tool's version, the packs as loaded, severities and the options that change results, as shards compare them:
 * packs that read the same (one checked out with CRLF line breaks on one machine) are the same.
 */
export function configFingerprint(linter: Linter, version: string, options: Record<string, unknown>): string {
  const { config } = linter;
  const state = {
    version,
    normalize: config.normalize,
    speakers: [...config.speakers],
    packs: config.packs.map((p) => [p.name, p.data]),
    severities: config.rules.map((r) => [r.id, r.severity]),
    options: definedOptions(options),
  };
  return createHash('sha1').update(JSON.stringify(state)).digest('base64');
}

/**
 * A cache's key: what a cached result depends on besides the file. The build, each pack by its text (its content
 * hash: the rules, severities, speakers and normalization this build reads from the text follow from it), and the
 * options that change results (--rule among them; the working folder, which the entries' display paths are relative
 * to). Hashed with MurmurHash3 (128 bits): the key tells configurations apart and keeps no adversary out (who can
 * write the packs or the cache decides the findings anyway), and a rerun then needs no node:crypto.
 */
export function cacheKey(linter: Linter, version: string, options: Record<string, unknown>): string {
  const state = { version, packs: linter.config.packs.map((p) => [p.name, p.hash]), options: definedOptions(options) };
  const hash = Buffer.alloc(16);
  murmur3x86_128(JSON.stringify(state)).forEach((word, i) => hash.writeUInt32LE(word, 4 * i));
  return hash.toString('base64');
}

function definedOptions(options: Record<string, unknown>): [string, unknown][] {
  return Object.entries(options).filter(([, value]) => value !== undefined).sort(([a], [b]) => comparePaths(a, b));
}

/** A cache file's first line as read: its fields unchecked, and whether it fills the header's room (whole). */
export interface CacheHeader {
  format: unknown;
  config: unknown;
  entries: unknown;
  folders: unknown;
  whole: boolean;
}

/** A cache file's first line, from the first `size` bytes of `head`; undefined when it is not a transcript-lint cache. */
function readHeader(head: Buffer, size: number): CacheHeader | undefined {
  const firstBreak = head.indexOf(0x0a);
  let header: unknown;
  try {
    header = JSON.parse(head.toString('utf8', 0, firstBreak < 0 ? size : firstBreak));
  } catch {
    return undefined;
  }
  if (!header || typeof header !== 'object' || !(HEADER_KEY in header)) return undefined;
  const { [HEADER_KEY]: format, config, entries, folders } = header as { [HEADER_KEY]: unknown; config?: unknown; entries?: unknown; folders?: unknown };
  return { format, config, entries, folders, whole: firstBreak === HEADER_BYTES - 1 };
}

/** What a lookup needs of a file's stats; null: it cannot be stat'ed. */
export function statsOf(path: string): FileStats | null {
  return statOrUndefined(path) ?? null;
}

const user = process.getuid?.();
let groups: Set<number> | undefined;

/** Read permission from the mode bits, as the kernel decides it (ACLs aside: changing one changes ctime anyway). */
function readableByMode(s: FileStats): boolean {
  if (user === undefined || user === 0) return true; // no POSIX ids (Windows), or root
  if (s.uid === user) return (s.mode & 0o400) !== 0;
  groups ??= new Set([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])]);
  if (groups.has(s.gid)) return (s.mode & 0o040) !== 0;
  return (s.mode & 0o004) !== 0;
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** A file's new cache line: its stamp, content hash and result field. */
interface NewLine {
  stat: FileStamp;
  hash: string;
  result: Buffer;
}

export class LintCache {
  /** Entries the old cache holds (from its header): a guess at how many files a run will not need to lint. */
  entries = 0;
  private old: { fd: number; end: number; section?: Buffer } | undefined;
  private reader: RecordReader | undefined;
  /** The reader's current record is past the last lookup: the next lookup starts from it. */
  private ahead = false;
  private lastLookup: string | undefined;
  /** How far the new cache has dealt with the old one's lines. */
  private settled = HEADER_BYTES;
  private writer: RecordWriter | undefined;
  private damageNoticed = false;
  /** Files changed since this time may change again unseen by their stamp: see SETTLED_MS. */
  private readonly settledBefore = Date.now() - SETTLED_MS;
  /** Folder listings the last run kept, and this run's (the walk's, through discovery) to keep for the next. */
  listings = new FolderListings(this.settledBefore);

  private constructor(readonly file: string, private readonly fingerprint: string, private readonly cwd: string, private readonly notice: (message: string) => void,
    private readonly readsHits: boolean, private readonly changes: boolean) {}

  /**
   * Open the cache; anything unusable is reported through `notice` and the run starts afresh. `readsHits`: the run
   * reads unchanged files too (a report that shows transcripts), and needs their content hash. `changes`: the run
   * works out the changes problems offer (LinterOptions.changes), and cannot use a result stored without them.
   */
  static load(file: string, fingerprint: string, cwd: string, notice: (message: string) => void, readsHits = false, changes = true): LintCache {
    const cache = new LintCache(file, fingerprint, cwd, notice, readsHits, changes);
    let opened: { fd: number; stat: Stats };
    try {
      opened = openRegularFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTREG' || code === 'EISDIR') {
        notice(`${file} is not a regular file: not using it as the cache and not replacing it; choose another --cache-location`);
        return cache;
      }
      if (code !== 'ENOENT') notice(`cannot read the cache ${file} (${code ?? String(err)}); linting every file`);
      cache.startWriting(undefined);
      return cache;
    }
    const { fd, stat } = opened;
    if (cache.open(fd, stat.size)) cache.startWriting(cache.old);
    else closeSync(fd);
    return cache;
  }

  /**
   * Read and check the header (`end`: the file's size); true when the entries below it can be used. False and
   * unwritable: not our file.
   */
  private open(fd: number, end: number): boolean {
    const head = Buffer.alloc(HEADER_BYTES);
    let size: number;
    try {
      size = readSync(fd, head, 0, HEADER_BYTES, 0);
    } catch (err) {
      this.notice(`cannot read the cache ${this.file} (${(err as NodeJS.ErrnoException).code ?? String(err)}); linting every file`);
      this.startWriting(undefined);
      return false;
    }
    if (size === 0) return this.startWriting(undefined), false;
    const header = readHeader(head, size);
    if (!header) {
      this.notice(`${this.file} is not a transcript-lint cache: not using it and not overwriting it; choose another --cache-location`);
      return false;
    }
    const { format, config, entries, folders, whole } = header;
    const reason = format !== FORMAT ? 'was written by another version of transcript-lint'
      : config !== this.fingerprint ? undefined
        : !whole || typeof entries !== 'number' || (folders !== undefined && !isSectionPlace(folders, end)) ? 'is damaged (its header is not whole)' : '';
    if (reason === undefined) this.notice(`the linter's build, packs, rules, options or the working folder changed since the cache ${this.file} was written; linting every file`);
    else if (reason) this.notice(`the cache ${this.file} ${reason}; linting every file`);
    if (reason !== '') return this.startWriting(undefined), false;
    if (isSectionPlace(folders, end)) {
      // The lines end where the listings start; listings that cannot be read only cost their folders a listing.
      const section = readSection(fd, folders);
      const listings = section && decodeListings(section, this.settledBefore);
      if (listings) this.listings = listings;
      else this.notice(`the folder listings kept in the cache ${this.file} are damaged; listing every folder`);
      this.old = { fd, end: folders.at, section };
    } else {
      this.old = { fd, end };
    }
    this.entries = entries as number;
    this.reader = new RecordReader(fd, HEADER_BYTES, this.old.end);
    return true;
  }

  /**
   * Whether the cache file was written for this key (its header alone is read; anything amiss: no). A run writes its
   * cache only once its packs have compiled and passed their examples: the same key (the packs as loaded, the options,
   * the build) vouches that they would again. `header`: the file's header as already read (headerIn).
   */
  static writtenFor(file: string, key: string, header = LintCache.headerIn(file)): boolean {
    return header !== null && header.config === key;
  }

  /** How many files the cache file holds, as its header says (0 when it is not a whole header of this format). */
  static entriesIn(file: string, header = LintCache.headerIn(file)): number {
    const entries = header?.entries;
    return typeof entries === 'number' ? entries : 0;
  }

  /**
   * The header of a cache file of this format, whole; null for anything else, or when it cannot be read. Read once
   * before a run's config loads, it answers both entriesIn and writtenFor (load reads it again, with the file it opens).
   */
  static headerIn(file: string): CacheHeader | null {
    let fd: number;
    try {
      fd = openRegularFile(file).fd;
    } catch {
      return null;
    }
    try {
      const head = Buffer.alloc(HEADER_BYTES);
      const header = readHeader(head, readSync(fd, head, 0, HEADER_BYTES, 0));
      return header !== undefined && header.format === FORMAT && header.whole ? header : null;
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }

  private startWriting(old: LintCache['old']): void {
    this.writer = new RecordWriter(this.file, old, (count, folders) => JSON.stringify({ [HEADER_KEY]: FORMAT, config: this.fingerprint, entries: count, folders }));
  }

  /**
   * Find a file's entry, given its stats (statsOf), or a function that stats it: called only when the cache holds the
   * file (a file new to the cache is stamped as it is read, see store; its first system call also finds the path,
   * which costs most). Files come in the order of their display paths, as every run visits them.
   */
  lookup(display: string, given: FileStats | null | (() => FileStats | null)): CacheLookup {
    const known = typeof given === 'function' ? undefined : given;
    // Every field from the start: added later, they would be stored apart from the object.
    const lookup: CacheLookup = { key: display, hit: false, stat: known ?? undefined, knownHash: undefined, result: undefined, resultBytes: undefined, start: undefined, end: undefined };
    const record = this.reader;
    // (Each order below is one comparison of strings, not comparePaths' two: they are most of a rerun's comparisons.)
    if (!record || (this.lastLookup !== undefined && display <= this.lastLookup)) return lookup;
    this.lastLookup = display;
    for (;;) {
      // (The line of this file, usually the next, takes `display` as its key without decoding its own.)
      const found = this.ahead || record.next(display);
      this.ahead = false;
      if (!found) {
        lookup.start = lookup.end = record.damagedAt ?? record.position;
        this.noticeDamage();
        return lookup;
      }
      const order = record.key === display ? 0 : record.key < display ? -1 : 1;
      if (order < 0) continue; // a file this run does not visit (or no longer has): the writer decides
      if (order > 0) {
        this.ahead = true;
        lookup.start = lookup.end = record.start;
        return lookup;
      }
      lookup.start = record.start;
      lookup.end = record.end;
      // A result stored without the changes this run wants: the file is linted again, and its line replaced.
      if (this.changes && record.resultLacksChanges) return lookup;
      lookup.result = record.result(display);
      const stats = typeof given === 'function' ? given() : given;
      lookup.stat = stats ?? undefined;
      // Readable by its permission bits, as well (one stat; access() would be a second).
      lookup.hit = stats !== null && readableByMode(stats) && sameStamp(record, stats);
      // What a file read again needs (a hit's hash is not made unless hits are read).
      if (!lookup.hit || this.readsHits) lookup.knownHash = record.hash;
      if (!lookup.hit) lookup.resultBytes = record.resultBytes();
      return lookup;
    }
  }

  private noticeDamage(): void {
    if (this.reader?.damagedAt === undefined || this.damageNoticed) return;
    this.damageNoticed = true;
    this.notice(`the cache ${this.file} is damaged (its checksum does not match); linting the files from there on`);
  }

  /** The cached result of a file that lookup found unchanged; undefined if its entry cannot be read. */
  restore(lookup: CacheLookup): LintResult | undefined {
    this.settle(lookup, lookup.result ? 'keep' : undefined);
    return lookup.result;
  }

  /** The content hash matched: keep the cached result, under the file's new size, mtime, ctime and inode. */
  reuse(lookup: CacheLookup, source?: ShownSource): LintResult | undefined {
    const { stat, result, knownHash } = lookup;
    if (!result || !stat || !knownHash) return this.settle(lookup, undefined), undefined;
    // (A hit read again only for its text, by a report that shows transcripts, keeps its line as it is.)
    this.settle(lookup, lookup.hit ? 'keep' : { stat, hash: knownHash, result: lookup.resultBytes! });
    return source ? Object.assign(result, source) : result;
  }

  /** A file linted: its result, content hash, and its stamp as it was read (unless lookup stat'ed it before). */
  store(lookup: CacheLookup, hash: string | undefined, result: LintResult, readStamp?: FileStamp): void {
    const stat = lookup.stat ?? readStamp;
    // Files that could not be linted are tried again next time; so are those whose result quotes personal data.
    if (!stat || hash === undefined || result.fatalErrorCount > 0) return this.settle(lookup, undefined);
    const { source: _source, turns: _turns, ...stored } = result;
    if (stored.filePath !== lookup.key || quotesPersonalData(stored)) return this.settle(lookup, undefined);
    this.settle(lookup, { stat, hash, result: encodeResult(stored satisfies StoredResult, this.changes) });
  }

  /**
   * The new cache takes this file's line — kept, replaced, or dropped (undefined) — after dealing with the old lines
   * before it, of files this run did not visit: they stay while their file exists.
   */
  private settle(lookup: CacheLookup, line: NewLine | 'keep' | undefined): void {
    if (!this.writer) return;
    try {
      if (lookup.start !== undefined) {
        this.keepUnvisited(lookup.start);
        this.settled = Math.max(this.settled, lookup.end!);
      }
      if (line === 'keep') {
        if (lookup.start !== undefined) this.writer.copy(lookup.key, lookup.start, lookup.end!);
      } else if (line) {
        const { size, mtimeMs, ctimeMs, ino } = line.stat;
        this.writer.add(lookup.key, { size, mtimeMs, ctimeMs: ctimeMs < this.settledBefore ? ctimeMs : UNSETTLED_CTIME, ino }, line.hash, line.result);
      }
    } catch (err) {
      // The new cache is written as the run goes (a folder not writable, a full disk): the run goes on without it.
      this.stopWriting(err);
    }
  }

  private stopWriting(err: unknown): void {
    this.writer?.abandon();
    this.writer = undefined;
    this.notice(`cannot write the cache ${this.file}: ${(err as Error).message}; the results are not kept for the next run`);
  }

  private keepUnvisited(upTo: number): void {
    if (!this.old || !this.writer || this.settled >= upTo) return;
    const record = new RecordReader(this.old.fd, this.settled, upTo);
    while (record.next()) {
      if (existsSync(resolve(this.cwd, record.key))) this.writer.copy(record.key, record.start, record.end);
    }
    this.settled = upTo;
  }

  /** Write the new cache (nothing when nothing changed) and close the old one. */
  save(): void {
    try {
      if (!this.writer) return;
      if (this.old) this.keepUnvisited(this.reader?.damagedAt ?? this.old.end);
      this.noticeDamage();
      this.writer.commit(this.listings.encode());
    } catch (err) {
      this.stopWriting(err);
    } finally {
      this.writer = undefined;
      if (this.old) closeSync(this.old.fd), (this.old = undefined);
    }
  }
}
