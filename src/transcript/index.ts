// decode → parse: one entry point that turns a file's bytes or text into a Transcript. The parser is chosen by
// the file's extension, or by its content when the extension says nothing (.txt holding WebVTT, SRT or JSON).
import { extname } from 'node:path';
import type { Transcript } from '../types.js';
import { parseAsrJson } from './asr-json.js';
import { decode } from './decode.js';
import { withLfBreaks } from '../text/line-breaks.js';
import { parsePlainText } from './plain-text.js';
import type { SpeakerResolver } from './speakers.js';
import { parseSrt } from './srt.js';
import { parseWebVtt } from './webvtt.js';

/** File endings linted when a folder is given. */
export const TRANSCRIPT_EXTENSIONS = ['.txt', '.srt', '.vtt', '.json'];

export type TranscriptFormat = NonNullable<Transcript['format']>;

type Parser = (text: string, speakers: SpeakerResolver) => Transcript;
const PARSERS: Record<TranscriptFormat, Parser> = { plain: parsePlainText, srt: parseSrt, webvtt: parseWebVtt, json: parseAsrJson };
const BY_EXTENSION: Record<string, TranscriptFormat> = { '.srt': 'srt', '.vtt': 'webvtt', '.webvtt': 'webvtt', '.json': 'json' };

/**
 * Whether a text starting with these two units can only be plain text: its first is no space the tests below strip
 * (`\s`), nor the first of "WEBVTT", of a cue number, of "{" or of "[{" / "[]" / "[ …" ("[00:00:01] 客服: …" is plain).
 * Most calls start with a label or a timestamp: told without a slice, its line breaks and four regular expressions.
 */
function onlyPlainStartsWith(first: number, second: number): boolean {
  if (first > 0x3000) return first !== 0xfeff; // (U+3000 and U+FEFF are \s; none above U+3000 but U+FEFF is)
  if (first === 0x5b) return second >= 0x30 && second <= 0x39; // "[" and a digit
  return first > 0x20 && first < 0x7f && first !== 0x57 && first !== 0x7b && !(first >= 0x30 && first <= 0x39);
}

/** The format of a transcript: by extension, else by how its text begins. */
export function detectFormat(text: string, filePath: string): TranscriptFormat {
  const byExtension = BY_EXTENSION[extname(filePath).toLowerCase()];
  if (byExtension) return byExtension;
  if (onlyPlainStartsWith(text.charCodeAt(0), text.charCodeAt(1))) return 'plain';
  const head = withLfBreaks(text.slice(0, 400)).replace(/^\s+/, '');
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(head)) return 'webvtt';
  if (/^\d+[ \t]*\r?\n[^\n]*-->/.test(head)) return 'srt';
  // "[00:00:01] 客服: …" is plain text; "[{" and '{"' open JSON.
  if (/^(?:\{\s*(?:"|\})|\[\s*(?:\{|\]))/.test(head)) return 'json';
  return 'plain';
}

/** Parse a transcript's text; a lone "\r" ends a line as "\n" does (offsets are the same in the text as given). */
export function parseTranscript(text: string, filePath: string, speakers: SpeakerResolver): Transcript {
  const lines = withLfBreaks(text);
  const format = detectFormat(lines, filePath);
  const transcript = PARSERS[format](lines, speakers);
  transcript.format = format;
  return transcript;
}

export function readTranscript(bytes: Uint8Array, filePath: string, speakers: SpeakerResolver, encoding?: string): Transcript {
  return parseTranscript(decode(bytes, encoding).text, filePath, speakers);
}
