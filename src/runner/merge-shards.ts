// What --merge checks of the shard marks a sharded run puts on its results: that the reports are the shards of one
// run (one N, one config, one working folder, the same paths and ignore rules, each result in the shard its path
// hashes to) and that no shard is missing. Without this, a
// report left out — a pod that wrote nothing, a glob that missed a file — made a merged report of part of the
// archive, exit 0, that looked like the whole.
import type { LintResult, ShardTag } from '../types.js';
import { MergeError } from './merge-error.js';
import { shardOf } from './shard.js';

/** Shards named at most in a message about missing ones. */
const NAMED_AT_MOST = 10;

export class ShardCoverage {
  private first: { file: string; tag: ShardTag } | undefined;
  /** A report that holds results without a shard mark (of a run without --shard, or of an earlier version). */
  private unmarked: string | undefined;
  private readonly seen = new Set<number>();
  /** Reports without results: a shard with no files writes one. */
  private emptyReports = 0;

  /** Check one result of `file` (at `where`, for messages) against the results before it. */
  add(result: LintResult, file: string, where: string): void {
    const tag = result.shard;
    const first = this.first;
    if (!tag) {
      this.unmarked ??= file;
      if (first) throw mixed(file, first.file);
      return;
    }
    if (this.unmarked) throw mixed(this.unmarked, file);
    if (!first) this.first = { file, tag };
    else if (tag.count !== first.tag.count) {
      throw new MergeError(`${file}: ${where} is of shard ${tag.index}/${tag.count}, where ${first.file} holds shard ${first.tag.index}/${first.tag.count}: merge the reports of one run, split into the same number of shards`);
    } else if (tag.config !== first.tag.config) {
      throw new MergeError(`${file}: ${where} was linted with other packs, rules, options or another build of transcript-lint than ${first.file}: run every shard with the same config and version, then merge`);
    } else if (tag.folder !== first.tag.folder) {
      throw new MergeError(`${file}: ${where} was linted in another working folder than ${first.file}: run every shard from the same folder (the same relative paths elsewhere are other files), then merge`);
    } else if (tag.files !== first.tag.files) {
      throw new MergeError(`${file}: ${where} was linted over other paths or ignore rules than ${first.file} (the files or folders named, .transcript-lintignore, --ignore-pattern, --no-ignore, --follow-symlinks, --no-error-on-unmatched-pattern): run every shard with the same ones, then merge`);
    }
    const own = shardOf(result.filePath, tag.count);
    if (own !== tag.index) {
      throw new MergeError(`${file}: ${where} says shard ${tag.index}/${tag.count}, but ${result.filePath} is a file of shard ${own}/${tag.count}: the report was edited; lint that shard again`);
    }
    this.seen.add(tag.index);
  }

  emptyReport(): void {
    this.emptyReports++;
  }

  /** After every report was read: each shard of the run has results in some report, or an empty report stands for it. */
  checkComplete(): void {
    if (!this.first) return;
    const { count } = this.first.tag;
    const missing = count - this.seen.size;
    if (missing <= this.emptyReports) return;
    const named: number[] = [];
    for (let k = 1; k <= count && named.length < NAMED_AT_MOST; k++) if (!this.seen.has(k)) named.push(k);
    const shards = `${named.map((k) => `${k}/${count}`).join(', ')}${missing > named.length ? ` and ${missing - named.length} more` : ''}`;
    const empties = this.emptyReports ? ` (${this.emptyReports} of the reports given ${this.emptyReports === 1 ? 'is' : 'are'} empty)` : '';
    throw new MergeError(`no results of shard ${shards} in the reports given${empties}: a shard's report is missing, or the shard stopped before its first file; give the report of every shard (one with no files writes an empty report), running again those that did not finish`);
  }
}

function mixed(unmarked: string, marked: string): MergeError {
  return new MergeError(`${unmarked} holds results of a run without --shard (or of an earlier version), ${marked} those of a sharded run: merge the reports of one run's shards`);
}
