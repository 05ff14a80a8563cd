import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/io/spool.js';
import { tempDir } from '../helpers.js';

describe('a spool', () => {
  it('gives back each piece as written, small ones gathered into chunks and ones larger than a chunk alike, and leaves no file', () => {
    const folder = tempDir();
    const spool = new Spool(folder);
    expect(readdirSync(folder)).toEqual([]); // removed as soon as it was opened
    const texts = ['客服: 您好', 'x'.repeat(300_000), 'ab', '中'.repeat(100_000), '', 'end'];
    const pieces = texts.map((text) => spool.append(text));
    for (const i of [3, 0, 5, 1, 2, 4]) expect(spool.read(pieces[i]).toString('utf8'), `piece ${i}`).toBe(texts[i]);
    spool.close();
    expect(readdirSync(folder)).toEqual([]);
  });
});
