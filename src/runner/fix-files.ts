// --fix and --fix-dry-run over files: read, fix in passes, lint again, and write back atomically in the file's
// own encoding, BOM and line endings. A file with nothing to fix is never written.
import { realpathSync } from 'node:fs';
import { fixUntilStable, type FixChange, type FixOptions } from '../engine/fix.js';
import { describeVanished, fatalResult, type Linter } from '../engine/linter.js';
import { decode, DecodeError, type Decoded } from '../transcript/decode.js';
import { encodeLike, EncodeError } from '../transcript/encode.js';
import type { LintResult } from '../types.js';
import { readRegularFile, snapshotOf, type ReadFile } from '../io/read-file.js';
import { FileChangedError, writeFileAtomic } from './atomic-write.js';
import { isInside } from './walk.js';

/** What a fix changed in one file: the text before and after, for the --fix-dry-run view. */
export interface FixPreview {
  filePath: string;
  before: string;
  after: string;
  /** Each change, as the sentence before and after. */
  changes: FixChange[];
}

export interface FixFileOptions {
  /** Which changes to apply: suggestions too, or asked one by one. */
  fix?: FixOptions;
  /** false: --fix-dry-run, compute the output but write nothing. */
  write: boolean;
  encoding?: string;
  /** Also rewrite read-only files and files with several hard links (the rewritten name leaves the link group). */
  force?: boolean;
  /**
   * Real paths of the linted folders: a file whose real path lies outside all of them (reached through a symbolic
   * link) is not written. Undefined: no such check (library callers that name one file).
   */
  roots?: readonly string[];
}

export interface FixedFile {
  /** The lint result of the fixed text; `output` is set when something changed. */
  result: LintResult;
  preview?: FixPreview;
  /** The fixed text in the file's encoding, when something changed. */
  bytes?: Uint8Array;
}

/** Fix a transcript given as bytes (a file's content or standard input). Writes nothing. */
export function fixBytes(linter: Linter, bytes: Uint8Array, filePath: string, encoding?: string, options: FixOptions = {}): FixedFile {
  let read: Decoded;
  try {
    read = decode(bytes, encoding);
  } catch (err) {
    if (err instanceof DecodeError) return { result: fatalResult(filePath, err.message) };
    throw err;
  }
  const { output, result, changes } = fixUntilStable(read.text, (text) => linter.lintText(text, filePath), { flagsWords: (id) => linter.flagsWords(id), ...options });
  if (output === read.text) return { result };
  try {
    const encoded = encodeLike(output, read, bytes);
    return { result: { ...result, output }, preview: { filePath, before: read.text, after: output, changes }, bytes: encoded };
  } catch (err) {
    if (err instanceof EncodeError) return notWritten(linter, read.text, filePath, `${err.message}; nothing was fixed (save the file as UTF-8 to use --fix)`);
    throw err;
  }
}

/** Fix one file: a file that cannot be read is reported as `lintFile` reports it. */
export function fixFile(linter: Linter, path: string, displayPath: string, options: FixFileOptions): FixedFile {
  let read: ReadFile;
  try {
    read = readRegularFile(path, linter.readOptions);
  } catch (err) {
    return { result: fatalResult(displayPath, describeVanished(err as NodeJS.ErrnoException)) };
  }
  const fixed = fixBytes(linter, read.bytes, displayPath, options.encoding, options.fix);
  if (!options.write || !fixed.bytes) return fixed;
  const refusal = refusalToWrite(path, read.stat, options);
  if (refusal) return notWritten(linter, fixed.preview!.before, displayPath, `not fixed: ${refusal}`);
  try {
    writeFileAtomic(path, fixed.bytes, { unchangedSince: snapshotOf(read.stat, read.bytes) });
  } catch (err) {
    if (err instanceof FileChangedError) return notWritten(linter, fixed.preview!.before, displayPath, `not fixed: ${err.message} (lines added by a recorder or an editor are kept); run --fix again once it is complete`);
    return notWritten(linter, fixed.preview!.before, displayPath, `cannot write the fixes: ${whyNotWritten(err as NodeJS.ErrnoException)}; the file was left as it was`);
  }
  return withApplied(fixed);
}

/**
 * A file whose fixes were not written: the reason, then the problems of the file as it stays, `text` (the reason alone
 * stood for them, and a read-only file's problems were missing from the report).
 */
function notWritten(linter: Linter, text: string, displayPath: string, why: string): FixedFile {
  const stays = linter.lintText(text, displayPath);
  const [reason] = fatalResult(displayPath, why).messages;
  return { result: { ...stays, messages: [reason, ...stays.messages], errorCount: stays.errorCount + 1, fatalErrorCount: stays.fatalErrorCount + 1 } };
}

/** What kept fixes from being written, and what to do (the fixed file is written beside the old one, then renamed). */
function whyNotWritten(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOSPC':
    case 'EDQUOT': return 'the disk is full (or this user\'s quota used up); free some space and run --fix again';
    case 'EACCES': return 'its folder is not writable for this user (the fixed file is written beside it, then renamed over it); make the folder writable';
    // From the rename: the folder took the new file, but the old one may not be replaced.
    case 'EPERM': return 'the system does not let the file be replaced: it is immutable or append-only (lsattr shows i or a; chattr -i -a), or another user\'s in a folder with the sticky bit (t)';
    case 'EROFS': return 'it is on a read-only filesystem';
    case 'EOWNER': return 'it belongs to another user, and the fixed file would not keep its owner; run --fix as that user';
    default: return `${err.code ?? err.message}; check that its folder is writable and has space`;
  }
}

/** The result of a fix that was written: it counts the changes made. */
export function withApplied(fixed: FixedFile): FixedFile {
  return fixed.preview ? { ...fixed, result: { ...fixed.result, appliedFixes: fixed.preview.changes.length } } : fixed;
}

/** Why a fixed file must not be written, if it must not: read-only, hard-linked, or reached out of the linted folders. */
function refusalToWrite(path: string, stat: { mode: number; nlink: number }, options: FixFileOptions): string | undefined {
  if (options.roots) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      real = path;
    }
    if (!options.roots.some((root) => isInside(real, root))) return `it is a symbolic link to ${real}, outside the linted folders; fix that file where it lies`;
  }
  if (options.force) return undefined;
  if ((stat.mode & 0o222) === 0) return 'the file is read-only; make it writable (chmod u+w) or pass --fix-force';
  if (stat.nlink > 1) return `the file has ${stat.nlink} hard links and rewriting it would split them; pass --fix-force to rewrite this name only`;
  return undefined;
}
