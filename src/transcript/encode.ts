// Text → bytes, the inverse of decode: used only to write back a file fixed with --fix, in its own encoding.
import { lazyModule } from '../lazy-module.js';
import { decode, type Decoded } from './decode.js';

// Only --fix of a file in a legacy encoding writes through iconv-lite.
const iconv = lazyModule<typeof import('iconv-lite')>('iconv-lite');

export class EncodeError extends Error {}

const BOMS: Record<string, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
};

function encodeBody(text: string, encoding: string): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    default:
      // TextEncoder writes UTF-8 only; iconv-lite writes the legacy Chinese encodings (GB18030, GBK, Big5).
      if (!iconv().encodingExists(encoding)) throw new EncodeError(`cannot write the encoding "${encoding}"`);
      return iconv().encode(text, encoding);
  }
}

export function encode(text: string, encoding: string, bom: boolean): Uint8Array {
  const body = encodeBody(text, encoding);
  // A legacy encoding has no mark of its own: the one a file of it can start with is UTF-8's (see decode).
  const mark = bom ? BOMS[encoding] ?? BOMS['utf-8'] : undefined;
  return mark ? Buffer.concat([Buffer.from(mark), body]) : body;
}

/**
 * Encode `updated` like the file `original` was read, and prove nothing else changes: the original text must
 * encode back to the original bytes (so untouched parts stay byte for byte), and the new bytes must decode to
 * the updated text (no character lost to an encoding that cannot hold it).
 */
export function encodeLike(updated: string, read: Decoded, originalBytes: Uint8Array): Uint8Array {
  const again = encode(read.text, read.encoding, read.bom);
  if (Buffer.compare(Buffer.from(again), Buffer.from(originalBytes)) !== 0) {
    throw new EncodeError(`this ${read.encoding} file does not convert back to the same bytes, so writing it could change text the fixes do not touch`);
  }
  const bytes = encode(updated, read.encoding, read.bom);
  if (decode(bytes, read.encoding).text !== updated) {
    throw new EncodeError(`a suggested wording has characters that ${read.encoding} cannot hold`);
  }
  return bytes;
}
