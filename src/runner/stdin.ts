// --stdin: a transcript piped in by an editor or a script, linted (or fixed) under the name --stdin-filename gives.
import type { Readable } from 'node:stream';
import { formatBytes } from '../io/read-file.js';
import { fatalResult, type Linter } from '../engine/linter.js';
import { decode, DecodeError } from '../transcript/decode.js';
import type { LintResult } from '../types.js';

/**
 * Standard input past `maxBytes`: the bytes read until then, and the stream, left where they end (its other bytes
 * unread, to be passed on — --stdin --fix gives back what it cannot fix — or dropped).
 */
export class InputTooLarge extends Error {
  readonly code = 'EFBIG';

  constructor(maxBytes: number, readonly head: Buffer, readonly rest: Readable) {
    super(`standard input holds more than ${formatBytes(maxBytes)}`);
  }
}

/**
 * All of a stream, up to `maxBytes` (--max-file-size, as for a file): past it, an InputTooLarge. Without the cap,
 * 126 MB piped in took a minute and 2.8 GB; more, all the memory there is.
 */
export async function readAll(stream: Readable, maxBytes = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // (Left unread, not destroyed, where the cap stops the loop.)
  for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    size += bytes.length;
    if (size > maxBytes) throw new InputTooLarge(maxBytes, Buffer.concat(chunks), stream);
  }
  return Buffer.concat(chunks);
}

/** Lint a transcript given as bytes; bytes that are not text give one fatal message, as a file would. */
export function lintBytes(linter: Linter, bytes: Uint8Array, filePath: string, encoding?: string): LintResult {
  let text: string;
  try {
    text = decode(bytes, encoding).text;
  } catch (err) {
    if (err instanceof DecodeError) return fatalResult(filePath, err.message);
    throw err;
  }
  return linter.lintText(text, filePath);
}
