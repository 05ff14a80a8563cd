// What SRT and WebVTT share: timing lines, and cue text whose speaker is a "客服:" prefix or a <v Speaker> tag.
import type { Span, Turn } from '../types.js';
import type { TranscriptBuilder } from './builder.js';
import { findLabel } from './labels.js';
import { parseClockTime } from './time.js';

const TIMING = /^([ \t]*)(\S+)([ \t]+-->[ \t]+)(\S+)/;
/** Markup inside cue text: <i>, </b>, <c.yellow>, <00:00:01.000>, <v Speaker>. */
const TAG = /<[^<>\n]*>/g;
const VOICE = /<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/g;
/** Space before a label: also the ideographic, no-break, fixed-width and zero-width spaces (as plain-text.ts takes them). */
const LEAD_SPACE = String.raw`[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]`;
const LEADING_MARKUP = new RegExp(String.raw`^(?:${LEAD_SPACE}*<[^<>\n]*>)*${LEAD_SPACE}*(?:-${LEAD_SPACE}+)?`);

export function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

/**
 * The start and end of a timing line "00:00:01,000 --> 00:00:04,000" in seconds; a malformed time is reported
 * as fatal at its place and comes back undefined.
 */
export function readTiming(line: string, lineStart: number, builder: TranscriptBuilder, example: string): { start?: number; end?: number } {
  const m = TIMING.exec(line);
  if (!m) {
    builder.notice(2, `malformed timing line; write it as "${example}"`, { start: lineStart, end: lineStart + line.length }, true);
    return {};
  }
  const read = (value: string, offset: number): number | undefined => {
    const seconds = parseClockTime(value);
    if (seconds === undefined) {
      builder.notice(2, `malformed timestamp "${value}"; write it as in "${example}" (minutes and seconds 00–59)`, { start: offset, end: offset + value.length }, true);
    }
    return seconds;
  };
  const startAt = lineStart + m[1].length;
  const endAt = startAt + m[2].length + m[3].length;
  const start = read(m[2], startAt);
  const end = read(m[4], endAt);
  if (start !== undefined && end !== undefined && end < start) {
    builder.notice(1, `cue ends (${m[4]}) before it starts (${m[2]}); its end is not used`, { start: endAt, end: endAt + m[4].length });
  }
  return { start, end };
}

/** The spans of [from, to) in `text` outside markup tags. */
function visibleSpans(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(from, to);
  let at = 0;
  for (const tag of slice.matchAll(TAG)) {
    if (tag.index > at) spans.push({ start: from + at, end: from + tag.index });
    at = tag.index + tag[0].length;
  }
  if (at < slice.length) spans.push({ start: from + at, end: to });
  return spans.filter((s) => text.slice(s.start, s.end).trim());
}

/** Turns of one cue, built line by line; a cue line without a speaker continues the turn before it. */
export class CueReader {
  private current?: Turn;

  constructor(private readonly builder: TranscriptBuilder) {}

  /** One line of cue text; `voices`: WebVTT, where <v Speaker> names the speaker. */
  line(line: string, lineStart: number, times: { start?: number; end?: number }, voices: boolean): void {
    const { builder } = this;
    const lineEnd = lineStart + line.length;
    const tags = voices ? [...line.matchAll(VOICE)] : [];
    if (tags.length) {
      const before = visibleSpans(builder.text, lineStart, lineStart + tags[0].index);
      if (before.length) this.continueTurn(before, times);
      tags.forEach((tag, i) => {
        const label = tag[1].trim();
        const textStart = lineStart + tag.index + tag[0].length;
        const textEnd = i + 1 < tags.length ? lineStart + tags[i + 1].index : lineEnd;
        // Speech recognition writes <v Speaker 1>: the channels map and role names apply as in JSON.
        this.startTurn(label, builder.role(label, lineStart + tag.index + 3, true), visibleSpans(builder.text, textStart, textEnd), times);
      });
      return;
    }
    const lead = LEADING_MARKUP.exec(line)![0].length;
    const found = findLabel(line.slice(lead), builder.speakers);
    if (found) {
      if (!found.role) builder.unknown(found.label, lineStart + lead);
      this.startTurn(found.label, found.role ?? 'other', visibleSpans(builder.text, lineStart + lead + found.length, lineEnd), times);
    } else {
      this.continueTurn(visibleSpans(builder.text, lineStart, lineEnd), times);
    }
  }

  private startTurn(label: string, role: Turn['role'], spans: Span[], times: { start?: number; end?: number }): void {
    this.current = this.builder.addTurn(role, label, spans, times.start, times.end);
  }

  /** Text without a speaker, even a whole cue, belongs to the turn before it (speech split into several cues). */
  private continueTurn(spans: Span[], times: { start?: number; end?: number }): void {
    if (!spans.length) return;
    if (!this.current) {
      this.builder.notice(1, 'cue text without a speaker; start cue text with a label such as "客服:" (or a <v 客服> voice tag in WebVTT)', spans[0]);
      this.startTurn('', 'other', [], times);
    }
    const turn = this.current!;
    turn.segments.push(...spans);
    if (times.end !== undefined) turn.end = Math.max(turn.end ?? times.end, times.end);
    turn.start ??= times.start;
  }
}
