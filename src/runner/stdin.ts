// --stdin: a transcript piped in by an editor or a script, linted (or fixed) under the name --stdin-filename gives.
import type { Readable } from 'node:stream';
import { fatalResult, type Linter } from '../engine/linter.js';
import { decode, DecodeError } from '../transcript/decode.js';
import type { LintResult } from '../types.js';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
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
