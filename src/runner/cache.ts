// --cache: skip files whose content and whose active packs and options are unchanged since the last run.
// A file is unchanged when its size and mtime match (fast path) or, failing that, its content hash matches.
// The cache file is JSON Lines-like text: a header naming the configuration it was made with, then one line per file
// (path, size, mtime, content hash, result). It is replaced atomically (temporary file, then rename).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Linter } from '../engine/linter.js';
import type { LintResult } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';

export const DEFAULT_CACHE_FILE = '.transcript-lint-cache';
const FORMAT = 1;
const HEADER_KEY = 'transcriptLintCache';

/** A cached result lacks its filePath: the same file may be shown relative to another working folder next time. */
type StoredResult = Omit<LintResult, 'filePath'>;

interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  /** The result as JSON, parsed only when used. */
  resultJson: string;
}

export interface CacheLookup {
  /** Size and mtime still match: the cached result stands (see restore). */
  hit: boolean;
  /** The content hash on record, when size or mtime changed: the worker compares it before linting. */
  knownHash?: string;
  stat?: { size: number; mtimeMs: number };
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

/** What a cached result depends on besides the file: tool version, packs as loaded, severities, options. */
export function configFingerprint(linter: Linter, version: string, options: Record<string, unknown>): string {
  const { config } = linter.compiled;
  const state = {
    version,
    normalize: config.normalize,
    speakers: [...config.speakers],
    packs: config.packs.map((p) => [p.name, p.data]),
    severities: config.rules.map((r) => [r.id, r.severity]),
    options,
  };
  return createHash('sha1').update(JSON.stringify(state)).digest('base64');
}

export class LintCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly visited = new Set<string>();
  private dirty = false;
  /** False when the file there is not ours: it is neither used nor overwritten. */
  private writable = true;

  private constructor(readonly file: string, private readonly fingerprint: string, private readonly notice: (message: string) => void) {}

  /** Load the cache; anything unusable is reported through `notice` and the run starts afresh. */
  static load(file: string, fingerprint: string, notice: (message: string) => void): LintCache {
    const cache = new LintCache(file, fingerprint, notice);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') notice(`cannot read the cache ${file} (${code ?? String(err)}); linting every file`);
      return cache;
    }
    cache.read(text);
    return cache;
  }

  private read(text: string): void {
    const firstBreak = text.indexOf('\n');
    let header: unknown;
    try {
      header = JSON.parse(firstBreak < 0 ? text : text.slice(0, firstBreak));
    } catch {
      header = undefined;
    }
    if (!header || typeof header !== 'object' || !(HEADER_KEY in header)) {
      if (text.length) {
        this.writable = false;
        this.notice(`${this.file} is not a transcript-lint cache: not using it and not overwriting it; choose another --cache-location`);
      }
      return;
    }
    const { [HEADER_KEY]: format, config, check } = header as { [HEADER_KEY]: unknown; config?: unknown; check?: unknown };
    if (format !== FORMAT) {
      this.notice(`the cache ${this.file} was written by another version of transcript-lint; linting every file`);
      this.dirty = true;
      return;
    }
    if (config !== this.fingerprint) {
      this.notice(`packs, rules or options changed since the cache ${this.file} was written; linting every file`);
      this.dirty = true;
      return;
    }
    const body = firstBreak < 0 ? '' : text.slice(firstBreak + 1);
    if (check !== createHash('sha1').update(body).digest('base64')) {
      this.notice(`the cache ${this.file} is damaged (its checksum does not match); linting every file`);
      this.dirty = true;
      return;
    }
    let lineNumber = 1;
    for (let start = firstBreak + 1; start > 0 && start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      lineNumber++;
      const entry = parseLine(text.slice(start, end));
      if (!entry) {
        this.notice(`the cache ${this.file} is damaged (line ${lineNumber}); linting every file`);
        this.entries.clear();
        this.dirty = true;
        return;
      }
      this.entries.set(entry[0], entry[1]);
      start = end + 1;
    }
  }

  /** Stat the file and compare it with the cache. A file that cannot be stat'ed is simply linted. */
  lookup(path: string): CacheLookup {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch {
      return { hit: false };
    }
    const stat = { size: stats.size, mtimeMs: stats.mtimeMs };
    const entry = this.entries.get(path);
    if (!entry) return { hit: false, stat };
    if (entry.size === stat.size && entry.mtimeMs === stat.mtimeMs) return { hit: true, stat };
    return { hit: false, knownHash: entry.hash, stat };
  }

  /** Whether the cache knows the file at all (no stat: for guessing whether workers are worth starting). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** The cached result of a file that lookup found unchanged; undefined if its entry cannot be read. */
  restore(path: string, display: string): LintResult | undefined {
    const entry = this.entries.get(path);
    const result = entry && parseResult(entry, display);
    if (result) this.visited.add(path);
    return result;
  }

  /** The content hash matched after a touch: keep the cached result, under the new size and mtime. */
  reuse(path: string, display: string, stat: CacheLookup['stat']): LintResult | undefined {
    const entry = this.entries.get(path);
    const result = entry && parseResult(entry, display);
    if (!entry || !result) return undefined;
    if (stat) this.entries.set(path, { ...entry, ...stat });
    this.visited.add(path);
    this.dirty = true;
    return result;
  }

  store(path: string, stat: CacheLookup['stat'], hash: string | undefined, result: LintResult): void {
    this.visited.add(path);
    // Files that could not be linted are tried again next time.
    if (!stat || hash === undefined || result.fatalErrorCount > 0) {
      if (this.entries.delete(path)) this.dirty = true;
      return;
    }
    const { filePath: _path, ...stored } = result;
    this.entries.set(path, { ...stat, hash, resultJson: JSON.stringify(stored satisfies StoredResult) });
    this.dirty = true;
  }

  /** Write the cache atomically. Entries of files this run did not visit stay while their file exists. */
  save(): void {
    if (!this.writable) return;
    for (const path of this.entries.keys()) {
      if (!this.visited.has(path) && !existsSync(path)) {
        this.entries.delete(path);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    // The header carries a checksum of the lines below it: a damaged or edited cache is never trusted.
    const lines: string[] = [];
    const checksum = createHash('sha1');
    for (const [path, e] of this.entries) {
      const line = `${JSON.stringify(path)}\t${e.size}\t${e.mtimeMs}\t${e.hash}\t${e.resultJson}\n`;
      checksum.update(line);
      lines.push(line);
    }
    const header = `${JSON.stringify({ [HEADER_KEY]: FORMAT, config: this.fingerprint, check: checksum.digest('base64') })}\n`;
    try {
      writeFileAtomic(this.file, (function* () {
        yield header;
        for (let i = 0; i < lines.length; i += 4096) yield lines.slice(i, i + 4096).join('');
      })());
      this.dirty = false;
    } catch (err) {
      this.notice(`cannot write the cache ${this.file}: ${(err as Error).message}`);
    }
  }
}

function parseResult(entry: CacheEntry, display: string): LintResult | undefined {
  try {
    const stored = JSON.parse(entry.resultJson) as StoredResult;
    return { filePath: display, ...stored };
  } catch {
    return undefined;
  }
}

/** `"path"\tsize\tmtime\thash\tresult` → an entry, or undefined when the line is damaged. */
function parseLine(line: string): [string, CacheEntry] | undefined {
  const tabs: number[] = [];
  for (let i = line.indexOf('\t'); i >= 0 && tabs.length < 4; i = line.indexOf('\t', i + 1)) tabs.push(i);
  if (tabs.length < 4) return undefined;
  let path: unknown;
  try {
    path = JSON.parse(line.slice(0, tabs[0]));
  } catch {
    return undefined;
  }
  const size = Number(line.slice(tabs[0] + 1, tabs[1]));
  const mtimeMs = Number(line.slice(tabs[1] + 1, tabs[2]));
  const hash = line.slice(tabs[2] + 1, tabs[3]);
  const resultJson = line.slice(tabs[3] + 1);
  if (typeof path !== 'string' || !Number.isFinite(size) || !Number.isFinite(mtimeMs) || !hash || !resultJson.startsWith('{') || !resultJson.endsWith('}')) {
    return undefined;
  }
  return [path, { size, mtimeMs, hash, resultJson }];
}
