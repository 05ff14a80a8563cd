// WebVTT (.vtt): "WEBVTT", header lines (kept as call metadata), then cues — an optional identifier, a timing
// line "00:01.000 --> 00:04.000 [settings]" and text whose speaker is a <v Speaker> voice tag (or a "客服:" prefix).
// NOTE blocks are comments (they may hold transcript-lint directives); STYLE and REGION blocks are skipped.
import type { Transcript } from '../types.js';
import { TranscriptBuilder, forEachLine, refuseHugeLines } from './builder.js';
import { CueReader, isTimingLine, readTiming } from './cues.js';
import type { SpeakerResolver } from './speakers.js';

const EXAMPLE = '00:00:01.000 --> 00:00:04.000';

export function parseWebVtt(text: string, speakers: SpeakerResolver): Transcript {
  const builder = new TranscriptBuilder(text, speakers);
  if (refuseHugeLines(text, builder)) return builder.build();
  const reader = new CueReader(builder);
  let state: 'signature' | 'header' | 'between' | 'identified' | 'text' | 'note' | 'skip' = 'signature';
  let times: { start?: number; end?: number } = {};
  forEachLine(text, 0, (line, lineStart, lineNumber) => {
    const blank = !line.trim();
    if (state === 'signature') {
      if (blank) return;
      if (/^WEBVTT(?:[ \t]|$)/.test(line)) {
        state = 'header';
        return;
      }
      builder.notice(2, 'a WebVTT file must start with the line "WEBVTT"', { start: lineStart, end: lineStart + line.length }, true);
      state = 'between';
    }
    if (blank) {
      state = 'between';
      return;
    }
    switch (state) {
      case 'header': {
        const m = /^([^:]+?)\s*:\s*(.*)$/.exec(line);
        if (m) builder.setMeta(m[1], m[2].trim());
        return;
      }
      case 'note':
        builder.comments.push({ line: lineNumber, text: line.trim(), span: { start: lineStart, end: lineStart + line.length } });
        return;
      case 'skip':
        return;
      case 'text':
        reader.line(line, lineStart, times, true);
        return;
    }
    if (isTimingLine(line)) {
      times = readTiming(line, lineStart, builder, EXAMPLE);
      state = 'text';
    } else if (state === 'between' && /^NOTE(?:[ \t]|$)/.test(line)) {
      state = 'note';
      const rest = line.slice(4).trim();
      if (rest) builder.comments.push({ line: lineNumber, text: rest, span: { start: lineStart + 4, end: lineStart + line.length } });
    } else if (state === 'between' && /^(?:STYLE|REGION)[ \t]*$/.test(line)) {
      state = 'skip';
    } else if (state === 'between') {
      state = 'identified';
    } else {
      builder.notice(2, `expected a timing line "${EXAMPLE}" after the cue identifier`, { start: lineStart, end: lineStart + line.length }, true);
      reader.line(line, lineStart, {}, true);
      state = 'text';
      times = {};
    }
  });
  return builder.build();
}
