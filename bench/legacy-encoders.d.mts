// Types of legacy-encoders.mjs, for the tests that import it.

/** An encoder for `encoding` (gb18030's two-byte part, big5): the text's bytes, undefined when it cannot hold the text. */
export function encoderFor(encoding: string): (text: string) => Uint8Array | undefined;
/** The text as UTF-16, little-endian, without a byte order mark. */
export const utf16le: (text: string) => Uint8Array;
/** The text as UTF-16, big-endian, without a byte order mark. */
export function utf16be(text: string): Uint8Array;
