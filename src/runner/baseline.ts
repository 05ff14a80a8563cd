// --baseline FILE: problems recorded once are not reported again, so a job can gate an archive full of old problems
// on new ones only. A problem is keyed by file + rule + the text it points at (the message when it points at no text)
// + its occurrence among problems with that same key in the file — never by line, so edits elsewhere in a file do
// not bring recorded problems back. (The file holds, per key, how many occurrences are recorded.)
//
// The baseline is meant to be committed, so it never holds the problem text itself — a phone number, a name — but
// an HMAC of it, keyed by a random salt kept in the file (no precomputed table matches it) and, when the environment
// sets TRANSCRIPT_LINT_BASELINE_KEY, by that secret as well (then only who holds the secret can test guesses).
import { createHmac, randomBytes } from 'node:crypto';
import { constants as bufferLimits } from 'node:buffer';
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { summarize } from '../engine/lint-transcript.js';
import { formatBytes, readRegularText } from '../io/read-file.js';
import type { LintMessage, LintResult } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';

const FORMAT_KEY = 'transcriptLintBaseline';
/** The longest string Node can make: a baseline is read whole. */
const MAX_STRING_LENGTH = bufferLimits.MAX_STRING_LENGTH;
/** 1: problem texts in clear (read, and rewritten as 2 on update). 2: keyed hashes of the texts. */
const FORMAT = 2;
export const BASELINE_SECRET_ENV = 'TRANSCRIPT_LINT_BASELINE_KEY';

/** file → rule → text hash → occurrences recorded. */
type Counts = Record<string, Record<string, Record<string, number>>>;

export class BaselineError extends Error {
  /**
   * The file is there but could not be read (permission, a disk or share's fault, too large to read): recording
   * afresh over it would lose what it holds, where a damaged one is recorded again.
   */
  constructor(message: string, readonly unreadable = false) {
    super(message);
  }
}

function fileKey(filePath: string): string {
  return sep === '/' ? filePath : filePath.split(sep).join('/');
}

function ruleKey(m: LintMessage): string {
  return m.ruleId ?? '(parse)';
}

/** The secret from the environment, if one is set. */
function environmentSecret(): string | undefined {
  return process.env[BASELINE_SECRET_ENV] || undefined;
}

/** A salt as Baseline.empty makes it (16 random bytes in hex): an emptied one would key the texts by nothing. */
const SALT = /^[0-9a-f]{32}$/;

/** A JSON object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Baseline {
  private readonly recorded = new Map<string, Map<string, number>>();
  private readonly updated = new Set<string>();

  /** `name` is the file as the user wrote it, for messages; `salt` keys the hashes, with the secret if any. */
  private constructor(readonly file: string, readonly name: string, private readonly salt: string, private readonly secret: string | undefined) {}

  static empty(file: string, name = file): Baseline {
    return new Baseline(file, name, randomBytes(16).toString('hex'), environmentSecret());
  }

  /** The key of a problem's text: never the text itself. */
  private textKey(text: string): string {
    return createHmac('sha256', `${this.salt}${this.secret ?? ''}`).update(text).digest('base64url').slice(0, 24);
  }

  private key(m: LintMessage): string {
    return `${ruleKey(m)}\u0000${this.textKey(m.excerpt ?? m.message)}`;
  }

  /** Read a baseline; a missing or unreadable one is an error (exit 2) naming the file and the way out. */
  static read(file: string, name = file): Baseline {
    let text: string;
    try {
      text = readRegularText(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new BaselineError(`${name}: baseline not found; record today's problems first with --baseline ${name} --baseline-update`);
      throw new BaselineError(`${name}: cannot read the baseline: ${whyUnreadable(code, err, file)}`, true);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new BaselineError(`${name}: the baseline is not valid JSON (${(err as Error).message}); restore it from version control or record it again with --baseline-update`);
    }
    const shape = data as { [FORMAT_KEY]?: unknown; files?: unknown; salt?: unknown; secret?: unknown };
    const format = shape?.[FORMAT_KEY];
    if (!data || typeof data !== 'object' || (format !== 1 && format !== FORMAT) || !isRecord(shape.files)
      || (format === FORMAT && !(typeof shape.salt === 'string' && SALT.test(shape.salt)))) {
      throw new BaselineError(`${name}: not a transcript-lint baseline (expected {"${FORMAT_KEY}": ${FORMAT}, "salt": "…", "files": {…}}); record one with --baseline-update`);
    }
    const secret = environmentSecret();
    if (shape.secret === true && !secret) {
      throw new BaselineError(`${name}: this baseline was recorded with a secret key; set ${BASELINE_SECRET_ENV} as when it was recorded`);
    }
    // A format 1 baseline holds clear texts: they are hashed as they are read, and the file is rewritten hashed on update.
    const baseline = format === FORMAT ? new Baseline(file, name, shape.salt as string, shape.secret === true ? secret : undefined) : Baseline.empty(file, name);
    for (const [path, rules] of Object.entries(shape.files as Counts)) {
      const keys = new Map<string, number>();
      if (!isRecord(rules)) throw new BaselineError(`${name}: the entry of ${path} must be an object of rules; restore the baseline or record it again with --baseline-update`);
      for (const [rule, texts] of Object.entries(rules)) {
        if (!isRecord(texts)) throw new BaselineError(`${name}: ${path} → ${rule} must be an object of counts; restore the baseline or record it again with --baseline-update`);
        for (const [text, count] of Object.entries(texts)) {
          if (!Number.isSafeInteger(count) || count <= 0) throw new BaselineError(`${name}: a count under ${path} → ${rule} must be a whole number above 0`);
          keys.set(`${rule}\u0000${format === FORMAT ? text : baseline.textKey(text)}`, count);
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
      const key = this.key(m);
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
      const key = this.key(m);
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
    // Without a prototype: a file named __proto__ is a key like any other (assigned to {}, it would vanish).
    const files = Object.create(null) as Counts;
    for (const path of [...this.recorded.keys()].sort()) {
      if (!this.updated.has(path) && !existsSync(resolve(cwd, path))) continue;
      const rules = Object.create(null) as Counts[string];
      for (const key of [...this.recorded.get(path)!.keys()].sort()) {
        const [rule, text] = key.split('\u0000');
        (rules[rule] ??= Object.create(null) as Counts[string][string])[text] = this.recorded.get(path)!.get(key)!;
      }
      files[path] = rules;
    }
    const header = { [FORMAT_KEY]: FORMAT, salt: this.salt, ...(this.secret ? { secret: true } : {}) };
    writeFileAtomic(this.file, [`${JSON.stringify({ ...header, files }, null, 2)}\n`]);
  }
}

/** Why a baseline cannot be read, and what to do. */
function whyUnreadable(code: string | undefined, err: unknown, file: string): string {
  switch (code) {
    case 'EISDIR': return 'it is a folder; name the baseline file in it (--baseline FOLDER/lint-baseline.json)';
    case 'EACCES':
    case 'EPERM': return 'permission denied; make it readable for this user';
    case 'ENOTREG': return `it is ${(err as Error).message}; name a file`;
    // Longer than a string (512 MiB), or than a read (2 GiB): the file is read whole.
    case 'ERR_STRING_TOO_LONG':
    case 'ERR_FS_FILE_TOO_LARGE':
    case 'ERR_OUT_OF_RANGE': {
      let size = '';
      try {
        size = `${formatBytes(statSync(file).size)}; `;
      } catch {
        // gone since: said without its size
      }
      return `it is larger than transcript-lint can read (${size}at most ${formatBytes(MAX_STRING_LENGTH)}); give each folder or shard of the archive a baseline of its own`;
    }
    default: return `${code ?? String(err)}; check the disk or share it is on, then run again`;
  }
}
