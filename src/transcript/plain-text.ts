// Plain-text transcripts: one turn per line, "客服: …" / "客戶：…" / "Agent: …", optionally after a timestamp
// ([00:01:23], 00:01:23.450, [00:01:23 - 00:01:30]). Lines without a label continue the previous turn;
// lines starting with # are comments, and so is a `# transcript-lint-…` directive at the end of a turn line.
// Front matter or header lines ("通话ID: …") before the first turn are call metadata.
import type { Transcript, Turn } from '../types.js';
import { TranscriptBuilder, forEachLine, refuseHugeLines } from './builder.js';
import { isMetaKey, readFrontMatter } from './front-matter.js';
import { findLabel } from './labels.js';
import type { SpeakerResolver } from './speakers.js';
import { parseClockTime } from './time.js';

const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** Leading space and an optional timestamp or time range. */
const HEAD = new RegExp(String.raw`^[ \t\u3000]*(?:\[?(${TIME})(?:\s*(?:-->|-|–|~)\s*(${TIME}))?\]?[ \t\u3000]*)?`);
/** A directive at the end of a turn line (`客服: 不知道  # transcript-lint-disable-line …`): a comment, not text. */
const TRAILING_DIRECTIVE = /[ \t\u3000]*#[ \t\u3000]*transcript-lint-[\s\S]*$/;
/** Something in brackets at the start of a line that tries to be a timestamp and is not one. */
const BROKEN_TIME = /^[ \t\u3000]*\[(?=[^\]]*\d)[\d:.,：\s>~–-]{1,40}\]/;

export function parsePlainText(text: string, speakers: SpeakerResolver): Transcript {
  const builder = new TranscriptBuilder(text, speakers);
  if (refuseHugeLines(text, builder)) return builder.build();
  let current: Turn | undefined;
  // One string per distinct label, not one per line: a long call repeats its two labels a million times.
  const labels = new Map<string, string>();
  const interned = (label: string): string => {
    const known = labels.get(label);
    if (known !== undefined) return known;
    labels.set(label, label);
    return label;
  };
  forEachLine(text, readFrontMatter(text, builder), (wholeLine, lineStart, lineNumber) => {
    let line = wholeLine;
    // Only a line holding "#" can hold a directive: a look for the character spares the regular expression.
    const trailing = !line.includes('#') || line.trim().startsWith('#') ? null : TRAILING_DIRECTIVE.exec(line);
    if (trailing) {
      const hash = line.indexOf('#', trailing.index);
      builder.comments.push({ line: lineNumber, text: line.slice(hash + 1).trim(), span: { start: lineStart + hash, end: lineStart + line.length } });
      line = line.slice(0, trailing.index);
    }
    const trimmed = line.trim();
    const contentEnd = lineStart + line.length;
    if (trimmed.startsWith('#')) {
      builder.comments.push({ line: lineNumber, text: trimmed.slice(1).trim(), span: { start: lineStart, end: contentEnd } });
      return;
    }
    if (!trimmed) return;
    const head = HEAD.exec(line)!;
    const seconds = (value: string | undefined, last: boolean): number | undefined => {
      if (value === undefined) return undefined;
      const parsed = parseClockTime(value);
      if (parsed === undefined) {
        const at = lineStart + (last ? head[0].lastIndexOf(value) : head[0].indexOf(value));
        builder.notice(2, `malformed timestamp "${value}": minutes and seconds run from 00 to 59`, { start: at, end: at + value.length }, true);
      }
      return parsed;
    };
    const start = seconds(head[1], false);
    const end = seconds(head[2], true);
    if (!head[1]) {
      const broken = BROKEN_TIME.exec(line);
      if (broken) {
        const at = lineStart + broken[0].indexOf('[');
        builder.notice(2, `malformed timestamp "${broken[0].trim()}"; write it as [hh:mm:ss] or [mm:ss.mmm]`, { start: at, end: lineStart + broken[0].length }, true);
      }
    }
    const labelAt = lineStart + head[0].length;
    const found = findLabel(line.slice(head[0].length), speakers);
    if (found && !current && isMetaKey(found.label)) {
      builder.setMeta(found.label, text.slice(labelAt + found.length, contentEnd).trim());
      return;
    }
    const textStart = labelAt + (found?.length ?? 0);
    const segment = { start: Math.min(textStart, contentEnd), end: contentEnd };
    if (found || !current) {
      if (found && !found.role) builder.unknown(found.label, labelAt);
      if (!found) {
        builder.notice(1, 'text before the first speaker label; start each turn with a label such as "客服:" or "客户:"', { start: textStart, end: contentEnd });
      }
      // The segments as a one-element literal: an array grown from [] by push reserves 17 slots, and a long call has
      // a million turns.
      current = builder.addTurn(found?.role ?? 'other', found ? interned(found.label) : '', [segment], start, end);
    } else {
      current.segments.push(segment);
    }
    if (end !== undefined) current.end = end;
  });
  return builder.build();
}
