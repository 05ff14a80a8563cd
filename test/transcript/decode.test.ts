import { describe, expect, it } from 'vitest';
import { encoderFor, utf16be, utf16le } from '../../bench/legacy-encoders.mjs';
import { decode, DecodeError } from '../../src/transcript/decode.js';
import { encode } from '../../src/transcript/encode.js';

const CALL = '客服：您好，请问有什么可以帮您？\n客户：我的账单好像不对。\n';
const TRADITIONAL = '客服：您好，請問有什麼可以幫您？\n客戶：我的帳單好像不對。\n';
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBytes = (prefix: number[], bytes: Uint8Array) => Uint8Array.from([...prefix, ...bytes]);

function decodeError(bytes: Uint8Array, encoding?: string): DecodeError {
  try {
    decode(bytes, encoding);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}

describe('decode: valid UTF-8 of every size and kind', () => {
  // Short files are converted by ICU, long ones by V8's decoder, ASCII as Latin-1: all must read as TextDecoder does.
  const kinds: [string, string][] = [
    ['ASCII', 'Agent: Hello, how can I help?\n'],
    ['Chinese', CALL],
    ['characters outside the BMP (surrogate pairs) and emoji', '客服：𠮷野家的订单😀已经为您查到了。\n'],
    ['a lone U+FEFF inside the text', `客服：您好\ufeff请稍等\n`],
  ];
  for (const [name, text] of kinds) {
    for (const repeat of [1, 40_000]) {
      it(`${name}, ${repeat === 1 ? 'short' : 'over a megabyte'}`, () => {
        const bytes = utf8(text.repeat(repeat));
        const decoded = decode(bytes);
        expect(decoded.encoding).toBe('utf-8');
        expect(decoded.text === new TextDecoder().decode(bytes)).toBe(true);
      });
    }
  }
});

describe('decode: encodings found without --encoding', () => {
  const cases: [string, Uint8Array, string, string][] = [
    ['UTF-8', utf8(CALL), 'utf-8', CALL],
    ['UTF-8 with BOM', withBytes([0xef, 0xbb, 0xbf], utf8(CALL)), 'utf-8', CALL],
    ['UTF-16LE with BOM', withBytes([0xff, 0xfe], utf16le(CALL)), 'utf-16le', CALL],
    ['UTF-16BE with BOM', withBytes([0xfe, 0xff], utf16be(CALL)), 'utf-16be', CALL],
    ['UTF-16LE without BOM', utf16le(CALL), 'utf-16le', CALL],
    ['UTF-16BE without BOM', utf16be(CALL), 'utf-16be', CALL],
    ['UTF-16LE without BOM nor any ASCII', utf16le('您好请问有什么可以帮您'), 'utf-16le', '您好请问有什么可以帮您'],
    ['GB18030', encoderFor('gb18030')(CALL)!, 'gb18030', CALL],
    ['GBK, one short line', encoderFor('gb18030')('客服：您好')!, 'gb18030', '客服：您好'],
    ['Big5', encoderFor('big5')(TRADITIONAL)!, 'big5', TRADITIONAL],
    ['Big5, one short line', encoderFor('big5')('客戶：帳單不對')!, 'big5', '客戶：帳單不對'],
    ['empty', new Uint8Array(0), 'utf-8', ''],
  ];
  for (const [name, bytes, encoding, text] of cases) {
    it(name, () => {
      const decoded = decode(bytes);
      expect([decoded.encoding, decoded.text]).toEqual([encoding, text]);
    });
  }
});

describe('decode: --encoding', () => {
  it('forces an encoding, accepting common aliases (cp936, GBK, big5-hkscs), and drops a matching BOM', () => {
    expect(decode(encoderFor('gb18030')(CALL)!, 'cp936').text).toBe(CALL);
    expect(decode(encoderFor('gb18030')(CALL)!, 'GBK').text).toBe(CALL);
    expect(decode(encoderFor('big5')(TRADITIONAL)!, 'big5-hkscs').text).toBe(TRADITIONAL);
    expect(decode(withBytes([0xff, 0xfe], utf16le(CALL)), 'utf-16le')).toMatchObject({ text: CALL, bom: true });
  });

  it('an unknown name, or bytes that are not in the forced encoding, are clear errors', () => {
    expect(decodeError(utf8(CALL), 'klingon').message).toBe('unknown encoding "klingon"; use one of utf-8, utf-16le, utf-16be, gb18030, gbk, big5');
    const err = decodeError(encoderFor('gb18030')('客服：您好\n客户：查账单')!, 'utf-8');
    expect(err.message).toMatch(/^not valid utf-8 \(byte 0\); if the file uses another encoding, pass --encoding NAME/);
    expect([err.line, err.column]).toEqual([1, 1]);
  });
});

describe('decode: a UTF-8 byte-order mark before text in another encoding', () => {
  // A tool that prepends a BOM to a file it did not convert. Until 2026-12-01 the error said "pass --encoding NAME",
  // and --encoding gbk then failed too: the mark was read as GBK.
  const gbk = withBytes([0xef, 0xbb, 0xbf], encoderFor('gb18030')(CALL)!);
  const big5 = withBytes([0xef, 0xbb, 0xbf], encoderFor('big5')(TRADITIONAL)!);

  it('is an error that names the encoding the text is in and what to do', () => {
    const err = decodeError(gbk);
    expect(err.message).toBe('the file starts with a UTF-8 byte-order mark, but its text is not UTF-8 (byte 3): it reads as gb18030; pass --encoding gb18030, or save the file as UTF-8');
    expect([err.line, err.column, err.byteOffset]).toEqual([1, 1, 3]);
    expect(decodeError(big5).message).toContain('it reads as big5; pass --encoding big5');
  });

  it('--encoding reads the text after the mark, and encodes it back to the same bytes with the mark', () => {
    expect(decode(gbk, 'gbk')).toMatchObject({ text: CALL, encoding: 'gbk', bom: true });
    expect(decode(big5, 'big5')).toMatchObject({ text: TRADITIONAL, encoding: 'big5', bom: true });
    expect(Buffer.from(encode(CALL, 'gbk', true))).toEqual(Buffer.from(gbk));
  });

  it('a damaged UTF-8 file with a mark is still located at its bad byte', () => {
    const damaged = withBytes([0xef, 0xbb, 0xbf], Uint8Array.from([...utf8('客服：您好\n客户：'), 0xff, ...utf8('查账单，我的账单好像不对。\n')]));
    const err = decodeError(damaged);
    expect(err.message).toMatch(/^not valid utf-8 \(byte 28\)/);
    expect([err.line, err.column]).toEqual([2, 4]);
  });
});

describe('decode: files that are not text, or damaged', () => {
  it('NUL bytes that are not UTF-16 mean binary, with the byte offset', () => {
    const err = decodeError(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00, 0x17]));
    expect(err.message).toBe('binary file (NUL bytes, first at byte 4); transcripts are text — is this a recording or a document rather than its transcript?');
    expect(err.line).toBeUndefined();
  });

  it('a stray NUL byte in a UTF-8 transcript is located', () => {
    const bytes = utf8('客服：您好，请问有什么可以帮您？\n客户：我的账单好像不对\n');
    const err = decodeError(Uint8Array.from([...bytes.subarray(0, 55), 0, ...bytes.subarray(55)]));
    expect(err.message).toBe('a NUL byte (byte 55) in a UTF-8 text file; the file is damaged there: remove the byte');
    expect([err.line, err.column]).toEqual([2, 3]);
  });

  it('UTF-32, with its mark, is said to be UTF-32, not read as UTF-16 with a NUL after every character (a --fix that changed a length broke the file)', () => {
    const text = '客服：不知道。\n';
    const utf32 = (littleEndian: boolean): Uint8Array => {
      const units = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
      const view = new DataView(new ArrayBuffer(units.length * 4));
      units.forEach((u, i) => view.setUint32(i * 4, u, littleEndian));
      return new Uint8Array(view.buffer);
    };
    for (const [littleEndian, name] of [[true, 'UTF-32LE'], [false, 'UTF-32BE']] as const) {
      const err = decodeError(utf32(littleEndian));
      expect(err.message).toBe(`${name} text (its byte-order mark): transcript-lint reads UTF-8, UTF-16, GB18030 and Big5; convert the file, e.g. iconv -f ${name} -t UTF-8`);
    }
  });

  it('control characters without NUL bytes mean binary too', () => {
    expect(decodeError(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41, 0x42])).message).toMatch(/^binary file \(8 control characters in 10 bytes\)/);
  });

  it('a UTF-8 file cut inside a character says so, at the line and column where it stops', () => {
    const bytes = utf8('客服：您好\n客户：我的账单');
    const err = decodeError(bytes.subarray(0, bytes.length - 1));
    expect(err.message).toMatch(/^truncated multi-byte UTF-8 sequence at the end of the file \(byte 34\)/);
    expect([err.line, err.column]).toEqual([2, 7]);
  });

  it('a broken byte inside a GBK file is located too', () => {
    const bytes = encoderFor('gb18030')('客服：您好，请问有什么可以帮您？\n客户：我的账单好像不对，这个月多扣了钱\n')!;
    const damaged = Uint8Array.from([...bytes.subarray(0, 44), 0xff, ...bytes.subarray(44)]);
    const err = decodeError(damaged);
    expect(err.message).toBe('invalid gb18030 byte sequence (the file reads as gb18030 elsewhere); repair the file, or pass --encoding NAME if it is in another encoding');
    expect([err.line, err.column]).toEqual([2, 6]);
  });

  it('a broken byte inside a UTF-8 file is located, not read as GB18030', () => {
    const bytes = utf8('客服：您好，请问有什么可以帮您？\n客户：我的账单好像不对\n');
    const damaged = Uint8Array.from(bytes);
    damaged[bytes.length - 6] = 0xff;
    const err = decodeError(damaged);
    expect(err.message).toMatch(/^invalid UTF-8 byte sequence at byte \d+; repair the file, or pass --encoding NAME if it is not UTF-8$/);
    expect([err.line, err.column]).toEqual([2, 10]);
  });
});
