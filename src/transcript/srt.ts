// SubRip (.srt): numbered cues, a timing line "00:00:01,000 --> 00:00:04,000", then text whose speaker is a
// "客服:" prefix (or "- 客服:" in dialogue cues). Cue text without a speaker continues the previous turn.
import type { Transcript } from '../types.js';
import { TranscriptBuilder, forEachLine, refuseHugeLines } from './builder.js';
import { CueReader, isTimingLine, readTiming } from './cues.js';
import { readFrontMatter } from './front-matter.js';
import type { SpeakerResolver } from './speakers.js';

const EXAMPLE = '00:00:01,000 --> 00:00:04,000';

export function parseSrt(text: string, speakers: SpeakerResolver): Transcript {
  const builder = new TranscriptBuilder(text, speakers);
  if (refuseHugeLines(text, builder)) return builder.build();
  const reader = new CueReader(builder);
  let state: 'between' | 'numbered' | 'text' = 'between';
  let times: { start?: number; end?: number } = {};
  forEachLine(text, readFrontMatter(text, builder), (line, lineStart) => {
    if (!line.trim()) {
      state = 'between';
      return;
    }
    if (state === 'text') {
      reader.line(line, lineStart, times, false);
    } else if (isTimingLine(line)) {
      times = readTiming(line, lineStart, builder, EXAMPLE);
      state = 'text';
    } else if (state === 'between' && /^\s*\d+\s*$/.test(line)) {
      state = 'numbered';
    } else {
      builder.notice(2, `expected ${state === 'numbered' ? 'a timing line' : 'a cue number'} here; an SRT cue is a number, a timing line "${EXAMPLE}", then its text`, { start: lineStart, end: lineStart + line.length }, true);
      // Keep the text: a cue whose timing line is broken still says something worth linting.
      reader.line(line, lineStart, {}, false);
      state = 'text';
      times = {};
    }
  });
  return builder.build();
}
