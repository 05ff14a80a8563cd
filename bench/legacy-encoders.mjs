// Encoders for GB18030 (two-byte part) and Big5, which TextEncoder lacks: built by decoding each two-byte space.
// Used to make test samples and fixtures; returns undefined for text the encoding cannot hold.

export function encoderFor(encoding) {
  const map = new Map();
  const decoder = new TextDecoder(encoding);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  return (text) => {
    const out = [];
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
      else if (map.has(ch)) out.push(...map.get(ch));
      else return undefined;
    }
    return Uint8Array.from(out);
  };
}

export const utf16le = (text) => Uint8Array.from(Buffer.from(text, 'utf16le'));

export function utf16be(text) {
  const bytes = utf16le(text);
  for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
  return bytes;
}
