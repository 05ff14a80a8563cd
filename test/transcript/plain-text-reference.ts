// The plain-text parser as it was before it read its lines in its own loop from the text's units (main at 83f6c10,
// src/transcript/plain-text.ts): the reference the differential test (plain-text-differential.test.ts) holds the
// parser to. Not used by the product. A copy on purpose: an oracle that shared the parser's code would share its
// mistakes. A change meant to alter what the parser reads changes this copy with it, in the same commit.
import type { Transcript, Turn } from '../../src/types.js';
import { TranscriptBuilder, forEachLineSpan, refuseHugeLines } from '../../src/transcript/builder.js';
import { isMetaKey, readFrontMatter } from '../../src/transcript/front-matter.js';
import { findLabel, type LabelMatch } from '../../src/transcript/labels.js';
import type { SpeakerResolver } from '../../src/transcript/speakers.js';
import { parseClockTime } from '../../src/transcript/time.js';
import { MARK_HASH, unitMarks } from '../../src/text/text-units.js';

const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/**
 * Space before a label: ASCII, the ideographic space, and the no-break and fixed-width spaces that word processors
 * and web pages write (&nbsp;), with the zero-width space. A label after a no-break space was read as words of the
 * turn before, in the other speaker's name: an agent's 不知道 went unreported.
 */
const SPACE = String.raw` \t\u00a0\u2000-\u200b\u202f\u205f\u3000`;
/** Leading space and an optional timestamp or time range. */
const HEAD = new RegExp(String.raw`^[${SPACE}\uFEFF]*(?:\[?(${TIME})(?:\s*(?:-->|-|–|~)\s*(${TIME}))?\]?[${SPACE}]*)?`);
/** A directive at the end of a turn line (`客服: 不知道  # transcript-lint-disable-line …`): a comment, not text. */
const TRAILING_DIRECTIVE = /[ \t\u3000]*[#＃][ \t\u3000]*transcript-lint-[\s\S]*$/;
/** A line that is a directive written with a full-width ＃ (a ＃ line that is none stays words of the turn). */
const FULL_WIDTH_DIRECTIVE = /^＃[ \t\u3000]*transcript-lint-/;

/** Where the next # or ＃ stands from `from` on (-1: none). */
function nextMark(text: string, from: number): number {
  const hash = text.indexOf('#', from);
  const wide = text.indexOf('＃', from);
  return hash < 0 ? wide : wide < 0 ? hash : Math.min(hash, wide);
}
/** Something in brackets at the start of a line that tries to be a timestamp and is not one. */
const BROKEN_TIME = new RegExp(String.raw`^[${SPACE}\uFEFF]*\[(?=[^\]]*\d)[\d:.,：\s>~–-]{1,40}\]`);

/** Label spellings a parse remembers: beyond them (names in labels), lines are matched by LABEL as they come. */
const MAX_WRITTEN_LABELS = 8;

/** Space HEAD allows after a timestamp, and LABEL after a colon: space, tab, ideographic space. */
function isHeadSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x3000 || unit === 0xa0 || (unit >= 0x2000 && unit <= 0x200b) || unit === 0x202f || unit === 0x205f;
}

/**
 * Whether a line starting with this unit is certainly not blank: no trim removes it (a label, a bracket, a digit, a
 * Han character). Other lines are told by `trim()`.
 */
function startsWords(first: number): boolean {
  return (first > 0x20 && first < 0x7f) || (first > 0x3000 && first !== 0xfeff);
}

/** A byte-order mark at a line's start: a transcript joined from files with one (cat a.txt b.txt), or saved twice. */
const BOM = 0xfeff;

/** Whether a line starting with this unit can have a head (space, a bracket or a digit): HEAD's first units. */
function mayStartHead(unit: number): boolean {
  return isHeadSpace(unit) || unit === 0x5b || (unit >= 0x30 && unit <= 0x39) || unit === BOM;
}

/** The two-digit number at `at` of `text`, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The seconds of a line (`text` from `start` to `end`) that starts "[hh:mm:ss]" with minutes and seconds below 60, or
 * -1: what HEAD and parseClockTime make of such a line (no range or fraction can follow the bracket).
 */
function bracketedClock(text: string, start: number, end: number): number {
  if (end - start < 10 || text.charCodeAt(start) !== 0x5b || text.charCodeAt(start + 3) !== 0x3a || text.charCodeAt(start + 6) !== 0x3a || text.charCodeAt(start + 9) !== 0x5d) return -1;
  const hours = twoDigits(text, start + 1);
  const minutes = twoDigits(text, start + 4);
  const seconds = twoDigits(text, start + 7);
  if (hours < 0 || minutes < 0 || seconds < 0 || minutes >= 60 || seconds >= 60) return -1;
  return hours * 3600 + minutes * 60 + seconds;
}

export function referenceParsePlainText(text: string, speakers: SpeakerResolver): Transcript {
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
  // The labels found so far, as written with their colon and spaces (a call has two or three, on every line). A line
  // holding one of them where its label would start, with no more space after it, has that label: LABEL takes the
  // shortest label before a colon, and only spaces after the colon. Looked for before LABEL runs.
  // Each with its label interned once, not looked up in `labels` at every line. Compared where the label would stand
  // in the text (`at`, a line's content ending at `end`): most lines are read without a string of their own.
  const written: { raw: string; found: LabelMatch; label: string }[] = [];
  const knownLabel = (at: number, end: number): { found: LabelMatch; label: string } | undefined => {
    for (const known of written) {
      const after = at + known.raw.length;
      if (after <= end && text.startsWith(known.raw, at) && (after === end || !isHeadSpace(text.charCodeAt(after)))) return known;
    }
    return undefined;
  };
  // Only a line holding "#" (or "＃") can be a comment or hold a directive: where the next one of the text stands is
  // looked up once per mark (most calls have none), not in every line; a call whose units are held says whether it has
  // any without a search (text-units.ts).
  const marks = unitMarks(text);
  let nextHash = marks !== undefined && (marks & MARK_HASH) === 0 ? -1 : nextMark(text, 0);
  forEachLineSpan(text, readFrontMatter(text, builder), (lineStart, lineEnd, lineNumber) => {
    // The line as a string, made only where a regular expression or trim reads it (a comment, a blank-looking line, a
    // head other than "[hh:mm:ss]", a label not seen before).
    let line: string | undefined;
    let contentEnd = lineEnd;
    if (nextHash >= 0 && nextHash < lineStart) nextHash = nextMark(text, lineStart);
    if (nextHash >= 0 && nextHash < lineEnd) {
      line = text.slice(lineStart, lineEnd);
      const isComment = line.trim().startsWith('#') || FULL_WIDTH_DIRECTIVE.test(line.trim());
      const trailing = isComment ? null : TRAILING_DIRECTIVE.exec(line);
      if (trailing) {
        const hash = trailing.index + trailing[0].search(/[#＃]/);
        builder.comments.push({ line: lineNumber, text: line.slice(hash + 1).trim(), span: { start: lineStart + hash, end: lineStart + line.length } });
        line = line.slice(0, trailing.index);
      }
      contentEnd = lineStart + line.length;
      if (isComment) {
        builder.comments.push({ line: lineNumber, text: line.trim().slice(1).trim(), span: { start: lineStart, end: contentEnd } });
        return;
      }
    }
    if (contentEnd === lineStart) return; // empty
    const first = text.charCodeAt(lineStart);
    if (!startsWords(first) && (line ??= text.slice(lineStart, contentEnd)).trim() === '') return;
    // The form of nearly every line of a long call, "[hh:mm:ss] ", read without the regular expression; any other
    // head (a range, a fraction, a bad time) goes to it.
    const clock = bracketedClock(text, lineStart, contentEnd);
    let start: number | undefined = clock;
    let end: number | undefined;
    let headLength: number;
    if (clock >= 0) {
      headLength = 10;
      while (lineStart + headLength < contentEnd && isHeadSpace(text.charCodeAt(lineStart + headLength))) headLength++;
    } else if (!mayStartHead(first)) {
      // No space, bracket or digit first (a label, most lines without a timestamp): HEAD matches nothing and no
      // broken timestamp can stand there.
      start = undefined;
      headLength = 0;
    } else {
      line ??= text.slice(lineStart, contentEnd);
      const head = HEAD.exec(line)!;
      const broken = BROKEN_TIME.exec(line);
      if (broken && broken[0].length > head[0].trimEnd().length) {
        // A bracket HEAD did not read to its end ("[0:00:14:5]", "[99999:00:00]", "[00:00:20 - ]"): a malformed
        // timestamp, and the label after it is still this turn's (the line was words of the turn before it, in the
        // other speaker's name, and a customer's 不知道 was the agent's).
        const at = lineStart + broken[0].indexOf('[');
        builder.notice(2, `malformed timestamp "${broken[0].trim()}"; write it as [hh:mm:ss] or [mm:ss.mmm]`, { start: at, end: lineStart + broken[0].length }, true);
        start = undefined;
        headLength = broken[0].length;
        while (isHeadSpace(line.charCodeAt(headLength))) headLength++;
      } else {
        headLength = head[0].length;
        const seconds = (value: string | undefined, last: boolean): number | undefined => {
          if (value === undefined) return undefined;
          const parsed = parseClockTime(value);
          if (parsed === undefined) {
            const at = lineStart + (last ? head[0].lastIndexOf(value) : head[0].indexOf(value));
            builder.notice(2, `malformed timestamp "${value}": minutes and seconds run from 00 to 59`, { start: at, end: at + value.length }, true);
          }
          return parsed;
        };
        start = seconds(head[1], false);
        end = seconds(head[2], true);
        if (start !== undefined && end !== undefined && end < start) {
          const at = lineStart + head[0].lastIndexOf(head[2]!);
          builder.notice(1, `turn ends (${head[2]}) before it starts (${head[1]}); its end is not used`, { start: at, end: at + head[2]!.length });
        }
      }
    }
    const labelAt = lineStart + headLength;
    const known = knownLabel(labelAt, contentEnd);
    let found = known?.found;
    let label = known?.label;
    if (!found) {
      found = findLabel((line ??= text.slice(lineStart, contentEnd)), speakers, headLength);
      if (found) {
        label = interned(found.label);
        if (written.length < MAX_WRITTEN_LABELS) written.push({ raw: line.slice(headLength, headLength + found.length), found, label });
      }
    }
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
      current = builder.addTurn(found?.role ?? 'other', label ?? '', [segment], start, end);
    } else {
      current.segments.push(segment);
    }
    if (end !== undefined) current.end = end;
  });
  return builder.build();
}
