// Bytes → text. A file that is not text is reported, never linted as garbage.
//
// Detection, in order: a forced encoding (--encoding); a byte-order mark; NUL bytes (UTF-16 when they sit at
// odd or even positions of otherwise plausible text, binary otherwise); strict UTF-8 (a file that is mostly
// UTF-8 but has a broken or truncated sequence is reported there, not re-read as GB18030); then the legacy
// candidates (GB18030, Big5, BOM-less UTF-16) scored by how plausible their decoded text is as Chinese, with
// jschardet's statistical models breaking near-ties between GB18030 and Big5.
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { createRequire } from 'node:module';
import { withLfBreaks } from '../text/line-breaks.js';
import { holdUnits, MARK_CONTROL, unitMarks } from '../text/text-units.js';

type Detector = typeof import('jschardet').default;
let detector: Detector | undefined;
/** jschardet takes a tenth of a second to load: only files that are not UTF-8 need it. */
function jschardet(): Detector {
  return (detector ??= createRequire(import.meta.url)('jschardet') as Detector);
}

export class DecodeError extends Error {
  constructor(message: string, readonly byteOffset?: number, readonly line?: number, readonly column?: number) {
    super(message);
    this.name = 'DecodeError';
  }
}

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used (utf-8, utf-16le, utf-16be, gb18030, big5). */
  encoding: string;
  /** The file starts with a byte-order mark: the encoding's own, or for a legacy encoding (GBK, Big5) UTF-8's. */
  bom: boolean;
}

/** Names accepted by --encoding, beyond those TextDecoder knows itself, mapped to its labels. */
const ENCODING_ALIASES: Record<string, string> = {
  'utf-8-sig': 'utf-8', utf8: 'utf-8', 'utf-16': 'utf-16le', utf16: 'utf-16le', utf16le: 'utf-16le', utf16be: 'utf-16be',
  cp936: 'gbk', 'ms936': 'gbk', 'windows-936': 'gbk', gb2312: 'gbk', 'euc-cn': 'gbk',
  cp950: 'big5', 'ms950': 'big5', 'windows-950': 'big5', 'big5-hkscs': 'big5',
};

export const SUPPORTED_ENCODINGS = 'utf-8, utf-16le, utf-16be, gb18030, gbk, big5';

/** The TextDecoder label for a user-given encoding name, or undefined when none fits. */
export function encodingLabel(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  const label = ENCODING_ALIASES[key] ?? key;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomOf(bytes: Uint8Array): [number, string] | undefined {
  // (Told by the first byte for most files, without a closure per mark.)
  const first = bytes[0];
  if (first !== 0xef && first !== 0xff && first !== 0xfe) return undefined;
  for (const [mark, encoding] of BOMS) if (mark.every((b, i) => bytes[i] === b)) return [mark.length, encoding];
  return undefined;
}

/**
 * UTF-32's marks. UTF-32LE's begins with UTF-16LE's, and its text read as UTF-16LE is every character with a U+0000
 * after it: linted so, a --fix that changed a length left bytes that are no longer UTF-32.
 */
const UTF32_MARKS: [number[], string][] = [
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
];

export function decode(bytes: Uint8Array, forcedEncoding?: string): Decoded {
  if (forcedEncoding) return decodeForced(bytes, forcedEncoding);
  const first = bytes[0];
  const utf32 = first === 0xff || first === 0x00 ? UTF32_MARKS.find(([mark]) => mark.every((b, i) => bytes[i] === b)) : undefined;
  if (utf32) {
    throw new DecodeError(`${utf32[1]} text (its byte-order mark): transcript-lint reads UTF-8, UTF-16, GB18030 and Big5; convert the file, e.g. iconv -f ${utf32[1]} -t UTF-8`);
  }
  const bom = bomOf(bytes);
  if (bom) {
    try {
      return { text: decodeStrict(bytes.subarray(bom[0]), bom[1], bom[0]), encoding: bom[1], bom: true };
    } catch (err) {
      throw bom[1] === 'utf-8' && err instanceof DecodeError ? foreignTextAfterMark(bytes.subarray(bom[0]), err) : err;
    }
  }
  if (bytes.length === 0) return { text: '', encoding: 'utf-8', bom: false };

  // Nearly every file: valid UTF-8 without control characters. A NUL byte would be one (U+0000), so such a text has
  // no NUL byte to look for.
  const text = decodeValidUtf8(bytes);
  if (text !== undefined && !hasControl(text)) return { text, encoding: 'utf-8', bom: false };

  if (bytes.indexOf(0) >= 0) {
    const utf16 = utf16ByZeroBytes(bytes);
    if (utf16) return { text: utf16.text, encoding: utf16.encoding, bom: false };
    throw nulError(bytes);
  }

  if (text !== undefined) return { text: checkedText(bytes, text), encoding: 'utf-8', bom: false };
  const utf8 = scanUtf8(bytes);
  if (utf8.firstInvalid === undefined) return { text: checkedText(bytes, decodeStrict(bytes, 'utf-8')), encoding: 'utf-8', bom: false };
  // Mostly UTF-8 with a broken spot: say where, instead of reading the whole file as another encoding.
  if (utf8.multiByte >= 3 * utf8.invalid) {
    const at = utf8.firstInvalid;
    const what = utf8.truncatedAtEnd && utf8.invalid === 1
      ? `truncated multi-byte UTF-8 sequence at the end of the file (byte ${at}); the file was cut off while being written or copied`
      : `invalid UTF-8 byte sequence at byte ${at}`;
    throw located(bytes, 'utf-8', at, `${what}; repair the file, or pass --encoding NAME if it is not UTF-8`);
  }

  const best = bestLegacyCandidate(bytes);
  if (!best) throw damagedLegacyText(bytes);
  return { text: checkedText(bytes, best.text), encoding: best.encoding, bom: false };
}

/**
 * A UTF-8 byte-order mark before text that is not UTF-8 (a tool prepended it to a file it did not convert): said as
 * such, with the encoding the text reads in, unless the text is UTF-8 damaged in a spot (that error stands).
 */
function foreignTextAfterMark(body: Uint8Array, err: DecodeError): DecodeError {
  const utf8 = scanUtf8(body);
  if (utf8.firstInvalid === undefined || utf8.multiByte >= 3 * utf8.invalid) return err;
  // UTF-8 characters before the first bad byte: a UTF-8 file with text of another encoding pasted in, not one to read
  // as that encoding (its UTF-8 part would be garbled).
  if (scanUtf8(body.subarray(0, utf8.firstInvalid)).multiByte > 0) return err;
  const best = bestLegacyCandidate(body);
  if (!best || best.encoding.startsWith('utf-16')) return err;
  return new DecodeError(`the file starts with a UTF-8 byte-order mark, but its text is not UTF-8 (byte ${err.byteOffset ?? utf8.firstInvalid + 3}): it reads as ${best.encoding}; pass --encoding ${best.encoding}, or save the file as UTF-8`, err.byteOffset, err.line, err.column);
}

function decodeForced(bytes: Uint8Array, name: string): Decoded {
  const encoding = encodingLabel(name);
  if (!encoding) throw new DecodeError(`unknown encoding "${name}"; use one of ${SUPPORTED_ENCODINGS}`);
  const bom = bomOf(bytes);
  // A legacy encoding has no mark of its own: a UTF-8 one before its text is skipped (and written back by --fix).
  const skip = bom && (bom[1] === encoding || (bom[1] === 'utf-8' && !encoding.startsWith('utf-'))) ? bom[0] : 0;
  return { text: decodeStrict(bytes.subarray(skip), encoding, skip), encoding, bom: skip > 0 };
}

/** Decode or throw a DecodeError that says where the first undecodable byte sequence stands. */
function decodeStrict(bytes: Uint8Array, encoding: string, bomLength = 0): string {
  try {
    return strictDecoder(encoding).decode(bytes);
  } catch {
    const offset = encoding === 'utf-8' ? scanUtf8(bytes).firstInvalid : undefined;
    // Offsets count from the start of the file, the byte-order mark included.
    const err = located(bytes, encoding, offset, `not valid ${encoding}${offset !== undefined ? ` (byte ${offset + bomLength})` : ''}; if the file uses another encoding, pass --encoding NAME (${SUPPORTED_ENCODINGS})`);
    throw offset === undefined ? err : new DecodeError(err.message, offset + bomLength, err.line, err.column);
  }
}

/** Strict decoders by encoding, made once: making one per file cost more than decoding a short transcript. */
const strictDecoders = new Map<string, InstanceType<typeof TextDecoder>>();

function strictDecoder(encoding: string): InstanceType<typeof TextDecoder> {
  let decoder = strictDecoders.get(encoding);
  if (!decoder) strictDecoders.set(encoding, (decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })));
  return decoder;
}

/** A DecodeError with the line and column of the first undecodable spot, as the file reads up to there. */
function located(bytes: Uint8Array, encoding: string, byteOffset: number | undefined, message: string): DecodeError {
  const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(byteOffset !== undefined ? bytes.subarray(0, byteOffset) : bytes);
  const stop = byteOffset !== undefined ? lenient.length : lenient.indexOf('\ufffd');
  const before = withLfBreaks(stop >= 0 ? lenient.slice(0, stop) : lenient);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  const column = [...before.slice(lineStart)].length + 1;
  return new DecodeError(message, byteOffset, line, column);
}

/** A text file with a stray NUL or two is located for repair; anything else with NUL bytes is binary. */
function nulError(bytes: Uint8Array): DecodeError {
  const nuls: number[] = [];
  for (let i = bytes.indexOf(0); i >= 0 && nuls.length < 3; i = bytes.indexOf(0, i + 1)) nuls.push(i);
  const rest = bytes.filter((b) => b !== 0);
  if (nuls.length <= 2 && rest.length >= 16 && scanUtf8(rest).firstInvalid === undefined && plausibility(new TextDecoder().decode(rest)) > 0.6) {
    return located(bytes, 'utf-8', nuls[0], `a NUL byte (byte ${nuls[0]}) in a UTF-8 text file; the file is damaged there: remove the byte`);
  }
  return new DecodeError(`binary file (NUL bytes, first at byte ${nuls[0]}); transcripts are text — is this a recording or a document rather than its transcript?`, nuls[0]);
}

interface Utf8Scan {
  firstInvalid?: number;
  invalid: number;
  multiByte: number;
  /** The only problem is a sequence cut off by the end of the file. */
  truncatedAtEnd: boolean;
}

function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { invalid: 0, multiByte: 0, truncatedAtEnd: false };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    // Overlong three-byte forms and UTF-16 surrogates are not UTF-8 either.
    if (ok && length === 3) ok = !(b === 0xe0 && bytes[i + 1] < 0xa0) && !(b === 0xed && bytes[i + 1] >= 0xa0);
    if (ok && length === 4) ok = !(b === 0xf0 && bytes[i + 1] < 0x90) && !(b === 0xf4 && bytes[i + 1] >= 0x90);
    if (ok) {
      scan.multiByte++;
      i += length;
      continue;
    }
    scan.firstInvalid ??= i;
    scan.invalid++;
    if (length > 0 && i + length > bytes.length) {
      let continuation = true;
      for (let k = i + 1; k < bytes.length; k++) continuation &&= (bytes[k] & 0xc0) === 0x80;
      if (continuation) {
        scan.truncatedAtEnd = true;
        break;
      }
    }
    i++;
  }
  return scan;
}

interface Candidate {
  encoding: string;
  text: string;
  score: number;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return strictDecoder(encoding).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Up to this size, valid UTF-8 is converted by ICU (below); a longer file would hold its UTF-16 twice over. */
const TRANSCODE_MAX_BYTES = 1 << 20;
let icu = true;

/**
 * Valid UTF-8 decoded, or undefined. Node's decoders (TextDecoder, toString) go through V8's UTF-8 decoder, ~3.5 ns a
 * byte on Chinese text; checking with simdutf (isUtf8), converting with ICU (transcode: it would replace bad bytes,
 * hence the check) and copying the UTF-16 into a string took a third of that over 10,000 generated transcripts.
 */
function decodeValidUtf8(bytes: Uint8Array): string | undefined {
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  if (bytes.length > TRANSCODE_MAX_BYTES || !icu) return tryDecode(bytes, 'utf-8');
  if (!isUtf8(bytes)) return undefined;
  let utf16: Buffer;
  try {
    utf16 = transcode(bytes, 'utf8', 'utf16le');
  } catch {
    icu = false; // a Node built without ICU
    return tryDecode(bytes, 'utf-8');
  }
  const text = utf16.toString('utf16le');
  // The units are made: held for the call's readers (normalizing, the language and script checks), which then make no
  // copy of their own. Only a buffer of its own (transcode's is): a view into a shared pool could be written over by
  // another Buffer while the text is still read.
  if (utf16.byteOffset === 0 && utf16.buffer.byteLength === utf16.length) holdUnits(text, new Uint16Array(utf16.buffer, utf16.byteOffset, utf16.length >> 1));
  return text;
}

/**
 * BOM-less UTF-16 holding NUL bytes (the high byte of ASCII characters, or the low byte of characters such as
 * 需 U+9700): whichever byte order reads as plausible text, if either does.
 */
function utf16ByZeroBytes(bytes: Uint8Array): Candidate | undefined {
  if (bytes.length % 2) return undefined;
  const readings: Candidate[] = [];
  for (const encoding of ['utf-16le', 'utf-16be']) {
    const text = tryDecode(bytes, encoding);
    if (text !== undefined && !text.includes('\0')) readings.push({ encoding, text, score: plausibility(text) });
  }
  readings.sort((a, b) => b.score - a.score);
  if (readings[0] && readings[0].score >= 0.6) return readings[0];
  throwIfDamagedUtf16(bytes);
  return undefined;
}

/** UTF-16 text with a lone surrogate (half a character) is damaged text, not binary: say where it is broken. */
function throwIfDamagedUtf16(bytes: Uint8Array): void {
  for (const encoding of ['utf-16le', 'utf-16be']) {
    const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const broken = lenient.indexOf('\ufffd');
    if (broken < 0 || lenient.includes('\0') || plausibility(lenient) < 0.6) continue;
    const at = broken * 2;
    throw located(bytes, encoding, at, `not valid ${encoding}: half of a character (a lone surrogate) at byte ${at}; repair the file, or pass --encoding NAME if it is not ${encoding}`);
  }
}

const LEGACY = ['gb18030', 'big5', 'utf-16le', 'utf-16be'];
/** jschardet's names for the legacy candidates. */
const DETECTOR_NAMES: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', gb18030: 'gb18030', big5: 'big5', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf-16': 'utf-16le' };

function bestLegacyCandidate(bytes: Uint8Array): Candidate | undefined {
  const candidates: Candidate[] = [];
  for (const encoding of LEGACY) {
    if (encoding.startsWith('utf-16') && bytes.length % 2) continue;
    const text = tryDecode(bytes, encoding);
    if (text !== undefined) candidates.push({ encoding, text, score: plausibility(text) });
  }
  if (candidates.length === 0) return undefined;
  // The statistical detector knows which characters are frequent in Simplified and Traditional text.
  for (const guess of jschardet().detectAll(bytes, { minimumThreshold: 0 })) {
    const candidate = candidates.find((c) => c.encoding === DETECTOR_NAMES[String(guess.encoding).toLowerCase()]);
    if (candidate) candidate.score += 0.25 * guess.confidence;
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0].score >= 0.5 ? candidates[0] : undefined;
}

/**
 * No encoding reads the whole file: if one reads it as plausible text but for a few bytes, the file is damaged
 * there (say where); otherwise it is not text.
 */
function damagedLegacyText(bytes: Uint8Array): DecodeError {
  let best: { encoding: string; score: number } | undefined;
  for (const encoding of LEGACY) {
    if (encoding.startsWith('utf-16') && bytes.length % 2) continue;
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    let damaged = 0;
    for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) damaged++;
    const score = plausibility(text.replaceAll('\ufffd', ''));
    if (damaged <= Math.max(2, text.length / 50) && score >= 0.7 && (!best || score > best.score)) best = { encoding, score };
  }
  if (!best) return new DecodeError(`not text in any supported encoding (${SUPPORTED_ENCODINGS}); if it is a transcript, pass --encoding NAME`);
  return located(bytes, best.encoding, undefined, `invalid ${best.encoding} byte sequence (the file reads as ${best.encoding} elsewhere); repair the file, or pass --encoding NAME if it is in another encoding`);
}

// Character classes for judging decoded text: 2 = frequent Chinese character (GB2312 level 1, Big5 frequent),
// 1 = other text (ASCII, CJK punctuation, full-width forms, other CJK ideographs), 0 = unusual, 3 = control.
let classes: Uint8Array | undefined;

function characterClasses(): Uint8Array {
  if (classes) return classes;
  const table = new Uint8Array(0x10000);
  for (let c = 0x20; c < 0x7f; c++) table[c] = 1;
  for (const c of [9, 10, 13]) table[c] = 1;
  for (let c = 0; c < 0x20; c++) if (!table[c]) table[c] = 3;
  const ranges: [number, number][] = [[0x4e00, 0x9fff], [0x3000, 0x303f], [0xff00, 0xffef], [0x2000, 0x206f], [0xa0, 0xff], [0x2e80, 0x2fdf], [0x3400, 0x4dbf], [0xfe30, 0xfe4f]];
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) table[c] = 1;
  const frequent = (encoding: string, leads: [number, number], trails: [number, number][]): void => {
    const bytes: number[] = [];
    for (let lead = leads[0]; lead <= leads[1]; lead++) for (const [from, to] of trails) for (let t = from; t <= to; t++) bytes.push(lead, t);
    for (const ch of new TextDecoder(encoding).decode(new Uint8Array(bytes))) if (ch.length === 1 && ch !== '\ufffd') table[ch.charCodeAt(0)] = 2;
  };
  frequent('gb18030', [0xb0, 0xd7], [[0xa1, 0xfe]]);
  frequent('big5', [0xa4, 0xc5], [[0x40, 0x7e], [0xa1, 0xfe]]);
  return (classes = table);
}

/** How much a decoded text looks like a transcript: near 1 for Chinese or ASCII text, low or negative for mojibake. */
export function plausibility(text: string): number {
  const table = characterClasses();
  let score = 0;
  let counted = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 10 || unit === 13 || unit === 32) continue;
    counted++;
    const klass = unit >= 0xd800 && unit < 0xe000 ? 0 : table[unit];
    score += klass === 2 ? 1 : klass === 1 ? 0.7 : klass === 3 ? -3 : -1;
  }
  return counted ? score / counted : 1;
}

/** Control characters that text does not hold (tab, line feed, form feed and carriage return it does). */
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f]/;

/**
 * Whether a text has a control character: one search — or for decoded UTF-8, the held units' marks (the same pass
 * answers the parser's and the engine's searches, text-units.ts).
 */
function hasControl(text: string): boolean {
  const marks = unitMarks(text);
  return marks !== undefined ? (marks & MARK_CONTROL) !== 0 : CONTROL.test(text);
}

/** Text with many control characters is binary that happened to decode. */
function checkedText(bytes: Uint8Array, text: string): string {
  // Nearly all text has none: one search (a third of counting's time on a long call) before counting them.
  if (!hasControl(text)) return text;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 && unit !== 9 && unit !== 10 && unit !== 13 && unit !== 12) controls++;
  }
  if (controls > 2 && controls * 50 > text.length) {
    throw new DecodeError(`binary file (${controls} control characters in ${bytes.length} bytes); transcripts are text`);
  }
  return text;
}
