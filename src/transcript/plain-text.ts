// Plain-text transcripts: one turn per line, "客服: …" / "客戶：…" / "Agent: …", optionally after a timestamp
// ([00:01:23], 00:01:23.450, [00:01:23 - 00:01:30]). Lines without a label continue the previous turn;
// lines starting with # are comments.
import type { ParseNotice, Role, Transcript, Turn } from '../types.js';
import type { SpeakerResolver } from './speakers.js';

const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** Leading space and an optional timestamp or time range. */
const HEAD = new RegExp(String.raw`^[ \t\u3000]*(?:\[?(${TIME})(?:\s*(?:-->|-|–|~)\s*(${TIME}))?\]?[ \t\u3000]*)?`);
/** A speaker label and its colon, half- or full-width. */
const LABEL = /^([^:：\s#\[][^:：]{0,23}?)[ \t]*[:：][ \t\u3000]*/;
/** Sentence punctuation cannot stand in a speaker label: such a line is text that happens to contain a colon. */
const NOT_A_LABEL = /[，。！？；,.!?;、「」“”"()（）]/;

/** "01:23.450" → 83.45 seconds. Digit by digit (a hot path: once per timed line); each part equals Number(part). */
export function parseTime(value: string): number {
  let total = 0;
  let digits = 0;
  let divisor = 1;
  let inFraction = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 58 /* : */) {
      total = total * 60 + digits / divisor;
      digits = 0;
      divisor = 1;
      inFraction = false;
    } else if (c === 46 /* . */ || c === 44 /* , */) {
      inFraction = true;
    } else {
      digits = digits * 10 + (c - 48);
      if (inFraction) divisor *= 10;
    }
  }
  return total * 60 + digits / divisor;
}

export function parsePlainText(text: string, speakers: SpeakerResolver): Transcript {
  const turns: Turn[] = [];
  const comments: Transcript['comments'] = [];
  const notices: ParseNotice[] = [];
  const unknownLabels = new Map<string, number>();
  let current: Turn | undefined;
  let lineNumber = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const next = lineEnd + 1;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    lineNumber++;
    const line = text.slice(lineStart, contentEnd);
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      comments.push({ line: lineNumber, text: trimmed.slice(1).trim(), span: { start: lineStart, end: contentEnd } });
    } else if (trimmed) {
      const head = HEAD.exec(line)!;
      const labelMatch = LABEL.exec(line.slice(head[0].length));
      let label = labelMatch?.[1].trim();
      const role = label ? speakers.resolve(label) : undefined;
      // An unknown "label" with sentence punctuation or several words is text that happens to hold a colon.
      if (label && !role && (NOT_A_LABEL.test(label) || /\s\S+\s/.test(label))) label = undefined;
      const textStart = lineStart + head[0].length + (label ? labelMatch![0].length : 0);
      const start = head[1] ? parseTime(head[1]) : undefined;
      const end = head[2] ? parseTime(head[2]) : undefined;
      if (label || !current) {
        if (label && !role && !unknownLabels.has(label)) unknownLabels.set(label, lineStart + head[0].length);
        if (!label) {
          notices.push({ severity: 1, message: 'text before the first speaker label; start each turn with a label such as "客服:" or "客户:"', span: { start: textStart, end: contentEnd } });
        }
        current = { index: turns.length, role: role ?? 'other', label: label ?? '', segments: [], start, end };
        turns.push(current);
      }
      current.segments.push({ start: Math.min(textStart, contentEnd), end: contentEnd });
      if (end !== undefined) current.end = end;
    }
    lineStart = next;
    if (next > text.length) break;
  }
  if (unknownLabels.size) {
    const [first] = unknownLabels.values();
    notices.push({
      severity: 1,
      message: `unknown speaker labels: ${[...unknownLabels.keys()].join(', ')}; their turns count as "other"`,
      span: { start: first, end: first },
    });
  }
  return { text, turns, comments, meta: {}, notices };
}
