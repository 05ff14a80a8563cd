// --baseline FILE: problems recorded once are not reported again, so a job can gate an archive full of old problems
// on new ones only. A problem is keyed by file + rule + the text it points at (the message when it points at no text)
// + its occurrence among problems with that same key in the file — never by line, so edits elsewhere in a file do
// not bring recorded problems back. (The file holds, per key, how many occurrences are recorded.)
import { existsSync } from 'node:fs';
import { readRegularText } from '../io/read-file.js';
import { resolve, sep } from 'node:path';
import { summarize } from '../engine/lint-transcript.js';
import type { LintMessage, LintResult } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';

const FORMAT_KEY = 'transcriptLintBaseline';
const FORMAT = 1;

/** file → rule → text → occurrences recorded. */
type Counts = Record<string, Record<string, Record<string, number>>>;

export class BaselineError extends Error {}

function fileKey(filePath: string): string {
  return sep === '/' ? filePath : filePath.split(sep).join('/');
}

function ruleKey(m: LintMessage): string {
  return m.ruleId ?? '(parse)';
}

function textKey(m: LintMessage): string {
  return m.excerpt ?? m.message;
}

export class Baseline {
  private readonly recorded = new Map<string, Map<string, number>>();
  private readonly updated = new Set<string>();

  /** `name` is the file as the user wrote it, for messages. */
  private constructor(readonly file: string, readonly name = file) {}

  static empty(file: string, name = file): Baseline {
    return new Baseline(file, name);
  }

  /** Read a baseline; a missing or unreadable one is an error (exit 2) naming the file and the way out. */
  static read(file: string, name = file): Baseline {
    let text: string;
    try {
      text = readRegularText(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new BaselineError(code === 'ENOENT'
        ? `${name}: baseline not found; record today's problems first with --baseline ${name} --baseline-update`
        : `${name}: cannot read the baseline (${code ?? String(err)})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new BaselineError(`${name}: the baseline is not valid JSON (${(err as Error).message}); restore it from version control or record it again with --baseline-update`);
    }
    const shape = data as { [FORMAT_KEY]?: unknown; files?: unknown };
    if (!data || typeof data !== 'object' || shape[FORMAT_KEY] !== FORMAT || !shape.files || typeof shape.files !== 'object') {
      throw new BaselineError(`${name}: not a transcript-lint baseline (expected {"${FORMAT_KEY}": ${FORMAT}, "files": {…}}); record one with --baseline-update`);
    }
    const baseline = new Baseline(file, name);
    for (const [path, rules] of Object.entries(shape.files as Counts)) {
      const keys = new Map<string, number>();
      for (const [rule, texts] of Object.entries(rules ?? {})) {
        for (const [excerpt, count] of Object.entries(texts ?? {})) {
          if (typeof count !== 'number' || !(count > 0)) throw new BaselineError(`${name}: the count of "${excerpt}" under ${path} → ${rule} must be a positive number`);
          keys.set(`${rule}\u0000${excerpt}`, count);
        }
      }
      baseline.recorded.set(path, keys);
    }
    return baseline;
  }

  /** The result without its recorded problems, and how many were hidden. Files that could not be linted stay. */
  filter(result: LintResult): { result: LintResult; hidden: number } {
    const keys = this.recorded.get(fileKey(result.filePath));
    if (!keys || result.messages.length === 0) return { result, hidden: 0 };
    const seen = new Map<string, number>();
    const kept = result.messages.filter((m) => {
      if (m.fatal) return true;
      const key = `${ruleKey(m)}\u0000${textKey(m)}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return occurrence >= (keys.get(key) ?? 0);
    });
    if (kept.length === result.messages.length) return { result, hidden: 0 };
    const counted = summarize(result.filePath, kept);
    return {
      result: {
        ...result,
        messages: kept,
        errorCount: counted.errorCount,
        warningCount: counted.warningCount,
        fatalErrorCount: counted.fatalErrorCount,
        fixableErrorCount: counted.fixableErrorCount,
        fixableWarningCount: counted.fixableWarningCount,
      },
      hidden: result.messages.length - kept.length,
    };
  }

  /** Replace what is recorded for this file with its problems now (for --baseline-update). */
  record(result: LintResult): void {
    const path = fileKey(result.filePath);
    const keys = new Map<string, number>();
    for (const m of result.messages) {
      if (m.fatal) continue;
      const key = `${ruleKey(m)}\u0000${textKey(m)}`;
      keys.set(key, (keys.get(key) ?? 0) + 1);
    }
    this.updated.add(path);
    if (keys.size) this.recorded.set(path, keys);
    else this.recorded.delete(path);
  }

  /** Problems recorded, and in how many files. */
  size(): { problems: number; files: number } {
    let problems = 0;
    for (const keys of this.recorded.values()) for (const count of keys.values()) problems += count;
    return { problems, files: this.recorded.size };
  }

  /**
   * Write the baseline atomically, sorted so that it diffs well in version control. Files this run did not lint
   * keep their entries while they exist (relative to `cwd`), so shards or partial runs can update one baseline.
   */
  write(cwd: string): void {
    const files: Counts = {};
    for (const path of [...this.recorded.keys()].sort()) {
      if (!this.updated.has(path) && !existsSync(resolve(cwd, path))) continue;
      const rules: Counts[string] = {};
      for (const key of [...this.recorded.get(path)!.keys()].sort()) {
        const [rule, text] = key.split('\u0000');
        (rules[rule] ??= {})[text] = this.recorded.get(path)!.get(key)!;
      }
      files[path] = rules;
    }
    writeFileAtomic(this.file, [`${JSON.stringify({ [FORMAT_KEY]: FORMAT, files }, null, 2)}\n`]);
  }
}
