// What --merge checks of the shard marks a sharded run puts on its results: that the reports are the shards of one
// run (one N, one config, one working folder, the same paths and ignore rules, one --run-id, each result in the shard
// its path hashes to), that no shard is missing and that each ran to its end. Without this, a report left out — a pod
// that wrote nothing, a glob that missed a file — or cut short, or left from another night, made a merged report of
// part of the archive, exit 0, that looked like the whole.
import type { LintResult, ShardTag } from '../types.js';
import { MergeError } from './merge-error.js';
import { shardOf } from './shard.js';

/** Shards named at most in a message about missing ones. */
const NAMED_AT_MOST = 10;

const runName = (run: string | undefined): string => (run === undefined ? 'no --run-id' : `run ${run}`);

export class ShardCoverage {
  private first: { file: string; tag: ShardTag } | undefined;
  /** A report that holds results without a shard mark (of a run without --shard, or of an earlier version). */
  private unmarked: string | undefined;
  /** Shards with results, each with the first report that holds some. */
  private readonly seen = new Map<number, string>();
  /** Shards whose last result was read (a shard that found no files writes one that says so). */
  private readonly finished = new Set<number>();
  /** Shards that found no files, each with its report. */
  private readonly empty = new Map<number, string>();
  /** Reports without results. */
  private emptyReports = 0;

  /** `run`: the --run-id the merge was given, which every shard must carry. */
  constructor(private readonly run?: string) {}

  /** Check one result of `file` (at `where`, for messages) against the results before it. */
  add(result: LintResult, file: string, where: string): void {
    const tag = result.shard;
    const first = this.first;
    if (!tag) {
      if (this.run !== undefined) throw new MergeError(`${file}: ${where} is of a run without --shard, where the merge is of run ${this.run} (--run-id): merge the shards of that run`);
      this.unmarked ??= file;
      if (first) throw mixed(file, first.file);
      return;
    }
    if (this.unmarked) throw mixed(this.unmarked, file);
    if (this.run !== undefined && tag.run !== this.run) {
      throw new MergeError(`${file}: ${where} is of ${runName(tag.run)}, where the merge is of run ${this.run} (--run-id): merge the shards of that run; lint again those that did not finish in it`);
    }
    if (!first) this.first = { file, tag };
    else if (tag.count !== first.tag.count) {
      throw new MergeError(`${file}: ${where} is of shard ${tag.index}/${tag.count}, where ${first.file} holds shard ${first.tag.index}/${first.tag.count}: merge the reports of one run, split into the same number of shards`);
    } else if (tag.run !== first.tag.run) {
      throw new MergeError(`${file}: ${where} is of ${runName(tag.run)}, where ${first.file} is of ${runName(first.tag.run)}: merge the shards of one run; lint again those that did not finish in it`);
    } else if (tag.config !== first.tag.config) {
      throw new MergeError(`${file}: ${where} was linted with other packs, rules, options or another build of transcript-lint than ${first.file}: run every shard with the same config and version, then merge`);
    } else if (tag.folder !== first.tag.folder) {
      throw new MergeError(`${file}: ${where} was linted in another working folder than ${first.file}: run every shard from the same folder (the same relative paths elsewhere are other files), then merge`);
    } else if (tag.files !== first.tag.files) {
      throw new MergeError(`${file}: ${where} was linted over other paths or ignore rules than ${first.file} (the files or folders named, .transcript-lintignore, --ignore-pattern, --no-ignore, --follow-symlinks, --no-error-on-unmatched-pattern): run every shard with the same ones, then merge`);
    }
    const shard = `shard ${tag.index}/${tag.count}`;
    if (tag.empty) {
      const withResults = this.seen.get(tag.index);
      if (withResults !== undefined || result.messages.length) {
        throw new MergeError(`${file}: ${where} says ${shard} found no files, but ${withResults ?? file} holds results of it: give one report of each shard, of one run`);
      }
      this.empty.set(tag.index, file);
    } else {
      const own = shardOf(result.filePath, tag.count);
      if (own !== tag.index) {
        throw new MergeError(`${file}: ${where} says ${shard}, but ${result.filePath} is a file of shard ${own}/${tag.count}: the report was edited; lint that shard again`);
      }
      const noFiles = this.empty.get(tag.index);
      if (noFiles !== undefined) throw new MergeError(`${noFiles} says ${shard} found no files, but ${file} holds results of it: give one report of each shard, of one run`);
      if (!this.seen.has(tag.index)) this.seen.set(tag.index, file);
    }
    if (tag.last) this.finished.add(tag.index);
  }

  emptyReport(): void {
    this.emptyReports++;
  }

  /** After every report was read: each shard of the run has results in some report, the last among them. */
  checkComplete(): void {
    if (!this.first) {
      if (this.run !== undefined) throw new MergeError(`no results of run ${this.run} (--run-id) in the reports given: give the reports of its shards`);
      return;
    }
    const { count } = this.first.tag;
    const cut = [...this.seen].find(([index]) => !this.finished.has(index));
    if (cut) {
      const [index, file] = cut;
      throw new MergeError(`${file}: shard ${index}/${count} ends before its last file: the shard was stopped (Ctrl-C, SIGTERM, killed, out of memory or disk) or its report was cut short, or an earlier version wrote it; run it again`);
    }
    const missing = count - this.seen.size - this.empty.size;
    if (missing === 0) return;
    const named: number[] = [];
    for (let k = 1; k <= count && named.length < NAMED_AT_MOST; k++) if (!this.seen.has(k) && !this.empty.has(k)) named.push(k);
    const shards = `${named.map((k) => `${k}/${count}`).join(', ')}${missing > named.length ? ` and ${missing - named.length} more` : ''}`;
    const empties = this.emptyReports
      ? ` (${this.emptyReports} of the reports given ${this.emptyReports === 1 ? 'is' : 'are'} empty: a shard that finds no files writes a result saying so, so an empty report is of a shard that stopped before its first file, or of an earlier version)`
      : '';
    throw new MergeError(`no results of shard ${shards} in the reports given${empties}: a shard's report is missing, or the shard stopped before its first file; give the report of every shard, running again those that did not finish`);
  }
}

function mixed(unmarked: string, marked: string): MergeError {
  return new MergeError(`${unmarked} holds results of a run without --shard (or of an earlier version), ${marked} those of a sharded run: merge the reports of one run's shards`);
}
