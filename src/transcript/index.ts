// decode → parse: one entry point that turns a file's bytes or text into a Transcript.
import { extname } from 'node:path';
import type { Transcript } from '../types.js';
import { decode } from './decode.js';
import { parsePlainText } from './plain-text.js';
import type { SpeakerResolver } from './speakers.js';

/** File endings linted when a folder is given. */
export const TRANSCRIPT_EXTENSIONS = ['.txt'];

export function parseTranscript(text: string, filePath: string, speakers: SpeakerResolver): Transcript {
  void extname(filePath);
  return parsePlainText(text, speakers);
}

export function readTranscript(bytes: Uint8Array, filePath: string, speakers: SpeakerResolver, encoding?: string): Transcript {
  return parseTranscript(decode(bytes, encoding).text, filePath, speakers);
}
