// readAll: standard input read whole up to --max-file-size, and past it left where it stops for --stdin --fix to pass on.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputTooLarge, readAll } from '../../dist/runner/stdin.js';

const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

describe('readAll', () => {
  it('reads a stream whole up to the cap', async () => {
    expect(String(await readAll(chunks('ab', 'cd'), 4))).toBe('abcd');
    expect(String(await readAll(chunks()))).toBe('');
  });

  it('past the cap gives what it read, and leaves the rest of the stream to read, not destroyed', async () => {
    const error = await readAll(chunks('ab', 'cd', 'ef', 'gh'), 3).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(InputTooLarge);
    const tooLarge = error as InputTooLarge;
    expect([tooLarge.code, tooLarge.message]).toEqual(['EFBIG', 'standard input holds more than 3 bytes']);
    expect(String(tooLarge.head)).toBe('abcd');
    const rest: string[] = [];
    for await (const chunk of tooLarge.rest) rest.push(String(chunk));
    expect(rest.join('')).toBe('efgh');
  });
});
