// --stdin: a transcript piped in by an editor or a script, linted (or fixed) under the name --stdin-filename gives.
import type { Readable } from 'node:stream';
import { formatBytes } from '../io/read-file.js';
import { fatalResult, type Linter } from '../engine/linter.js';
import { decode, DecodeError } from '../transcript/decode.js';
import type { LintResult } from '../types.js';

/**
 * All of a stream, up to `maxBytes` (--max-file-size, as for a file): past it, an error with code EFBIG, and the
 * stream is left unread. Without the cap, 126 MB piped in took a minute and 2.8 GB; more, all the memory there is.
 */
export async function readAll(stream: Readable, maxBytes = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      stream.destroy();
      throw Object.assign(new Error(`standard input holds more than ${formatBytes(maxBytes)}`), { code: 'EFBIG' });
    }
    chunks.push(bytes);
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
