// --fix and --fix-dry-run over files: read, fix in passes, lint again, and write back atomically in the file's
// own encoding, BOM and line endings. A file with nothing to fix is never written.
import { readFileSync } from 'node:fs';
import { fixUntilStable, type FixChange, type FixOptions } from '../engine/fix.js';
import { fatalResult, type Linter } from '../engine/linter.js';
import { decode, DecodeError, type Decoded } from '../transcript/decode.js';
import { encodeLike, EncodeError } from '../transcript/encode.js';
import type { LintResult } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';

/** What a fix changed in one file: the text before and after, for the --fix-dry-run view. */
export interface FixPreview {
  filePath: string;
  before: string;
  after: string;
  /** Each change, as the sentence before and after. */
  changes: FixChange[];
}

export interface FixFileOptions {
  /** false: --fix-dry-run, compute the output but write nothing. */
  write: boolean;
  encoding?: string;
  /** Which changes to apply: suggestions too, or asked one by one. */
  fix?: FixOptions;
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
  const { output, result, changes } = fixUntilStable(read.text, (text) => linter.lintText(text, filePath), options);
  if (output === read.text) return { result };
  try {
    const encoded = encodeLike(output, read, bytes);
    return { result: { ...result, output }, preview: { filePath, before: read.text, after: output, changes }, bytes: encoded };
  } catch (err) {
    if (err instanceof EncodeError) return { result: fatalResult(filePath, `${err.message}; nothing was fixed (save the file as UTF-8 to use --fix)`) };
    throw err;
  }
}

/** Fix one file: a file that cannot be read is reported as `lintFile` reports it. */
export function fixFile(linter: Linter, path: string, displayPath: string, options: FixFileOptions): FixedFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return { result: linter.lintFile(path, displayPath) };
  }
  const fixed = fixBytes(linter, bytes, displayPath, options.encoding, options.fix);
  if (!options.write || !fixed.bytes) return fixed;
  try {
    writeFileAtomic(path, fixed.bytes);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { result: fatalResult(displayPath, `cannot write the fixes (${reason}); the file was left as it was — check that its folder is writable`) };
  }
  return withApplied(fixed);
}

/** The result of a fix that was written: it counts the changes made. */
export function withApplied(fixed: FixedFile): FixedFile {
  return fixed.preview ? { ...fixed, result: { ...fixed.result, appliedFixes: fixed.preview.changes.length } } : fixed;
}
