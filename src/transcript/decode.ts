// Bytes → text. A file that is not text is reported, never linted as garbage.
export class DecodeError extends Error {
  constructor(message: string, readonly byteOffset?: number) {
    super(message);
  }
}

export interface Decoded {
  text: string;
  encoding: string;
  bom: boolean;
}

export function decode(bytes: Uint8Array, forcedEncoding?: string): Decoded {
  if (forcedEncoding) return decodeAs(bytes, forcedEncoding, false);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes.subarray(3), 'utf-8', true);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes.subarray(2), 'utf-16le', true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes.subarray(2), 'utf-16be', true);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new DecodeError(`binary file (a NUL byte at byte ${nul}); transcripts are text`, nul);
  return decodeAs(bytes, 'utf-8', false);
}

/** Decoders by encoding name: making one per file cost more than decoding a short transcript. */
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderFor(encoding: string): InstanceType<typeof TextDecoder> {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new DecodeError(`unknown encoding "${encoding}"; use utf-8, utf-16le, utf-16be, gb18030, gbk or big5`);
    }
    decoders.set(encoding, decoder);
  }
  return decoder;
}

function decodeAs(bytes: Uint8Array, encoding: string, bom: boolean): Decoded {
  const decoder = decoderFor(encoding);
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding, bom };
  } catch {
    const offset = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : undefined;
    throw new DecodeError(
      `not valid ${encoding}${offset !== undefined ? ` (byte ${offset})` : ''}; if the file uses another encoding, pass --encoding NAME`,
      offset,
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!length || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return undefined;
}
