// One transcript as HTML: numbered lines, the speaker label marked by role, every problem highlighted where it
// stands (nested marks where problems overlap) with a note under the line where it starts. All transcript text
// is escaped; nothing from a transcript ever becomes markup.
import type { LintMessage, Role, ShownTurn } from '../types.js';
import { formatClockTime } from '../transcript/time.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/**
 * Markup characters, and the bidirectional embeddings, overrides and isolates: a right-to-left override in a file
 * name or a turn reordered the rest of its line in the page (calls/invoice\u202etxt.exe read as …exe.txt). They
 * are shown as escapes, as the terminal reports show them.
 */
const UNSAFE = /[&<>"'\u202a-\u202e\u2066-\u2069]/g;
/** The same characters, looked for without replacing: most of a transcript's text holds none. */
const HAS_UNSAFE = new RegExp(UNSAFE.source);

export function escapeHtml(value: string | number): string {
  const text = String(value);
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16)}`) : text;
}

export function severityName(m: LintMessage): 'error' | 'warning' {
  return m.severity === 2 ? 'error' : 'warning';
}

/** An optional timestamp, then a short label and a colon (half- or full-width). */
const LABEL = /^(\s*(?:\[[^\]\n]{1,20}\]|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)?\s*)([^\s:：#][^:：\n]{0,15}?)\s*[:：]/u;

/** A highlight over columns [from, to) of a line, in characters (1-based, as messages count them). */
interface Decoration {
  from: number;
  to: number;
  open: string;
  close: string;
}

export interface ShownProblem {
  message: LintMessage;
  /** The id of its note, which the problem list links to. */
  anchor: string;
  /** Where the norm comes from, shown in the note. */
  source?: string;
}

function problemAttributes(p: ShownProblem): string {
  return `data-rule="${escapeHtml(p.message.ruleId ?? '')}" data-severity="${severityName(p.message)}"`;
}

function markFor(p: ShownProblem): Pick<Decoration, 'open' | 'close'> {
  const title = p.message.suggestion !== undefined ? `${p.message.message} → ${p.message.suggestion}` : p.message.message;
  return { open: `<mark class="${severityName(p.message)}" ${problemAttributes(p)} title="${escapeHtml(title)}">`, close: '</mark>' };
}

function renderLine(chars: string[], decorations: Decoration[]): string {
  const cuts = new Set([1, chars.length + 1]);
  for (const d of decorations) cuts.add(d.from).add(d.to);
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (const d of decorations.filter((d) => d.from === d.to)) {
    if (d.from === 1) html += `${d.open}${d.close}`;
  }
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = decorations.filter((d) => d.from <= from && to <= d.to && d.from < d.to);
    const text = escapeHtml(chars.slice(from - 1, to - 1).join(''));
    html += covering.map((d) => d.open).join('') + text + covering.map((d) => d.close).reverse().join('');
    for (const d of decorations.filter((d) => d.from === d.to && d.from === to)) html += `${d.open}${d.close}`;
  }
  return html;
}

function renderNote(p: ShownProblem): string {
  const m = p.message;
  const parts = [`<span class="badge ${severityName(m)}">${severityName(m)}</span>`, `<span class="msg">${escapeHtml(m.message)}</span>`];
  if (m.suggestion !== undefined && !m.message.includes(m.suggestion)) parts.push(`<span class="say">→ ${escapeHtml(m.suggestion)}</span>`);
  const rule = [m.ruleId, p.source && `norm ${p.source}`].filter(Boolean).join(' · ');
  if (rule) parts.push(`<span class="rule">${escapeHtml(rule)}</span>`);
  return `<div class="note ${severityName(m)}" id="${p.anchor}" ${problemAttributes(p)}>${parts.join(' ')}</div>`;
}

/** The file's lines: a final line break ends the last line, it does not start an empty one. */
function fileLines(source: string): string[] {
  return source.replace(/^\uFEFF/, '').replace(/(?:\r\n?|\n)$/, '').split(/\r\n?|\n/);
}

/**
 * Each line's characters, cut once and only for the lines asked for: one line of a JSON file may hold every turn and
 * problem of a call (cutting it again for each made a 1 MB call of 10,000 turns take 78 s).
 */
function lineCharacters(lines: readonly string[]): (index: number) => string[] {
  const cut: (string[] | undefined)[] = [];
  return (index) => (cut[index] ??= Array.from(lines[index]));
}

/** Each problem as highlights over the lines it covers (a caret where it covers no text), and its note on its first line. */
function placeProblems(lines: string[], charsOf: (index: number) => string[], problems: readonly ShownProblem[]): { decorations: Decoration[][]; notes: ShownProblem[][] } {
  const decorations: Decoration[][] = lines.map(() => []);
  const notes: ShownProblem[][] = lines.map(() => []);
  for (const p of problems) {
    const m = p.message;
    if (m.line < 1 || m.line > lines.length) continue;
    notes[m.line - 1].push(p);
    const endLine = Math.min(Math.max(m.endLine ?? m.line, m.line), lines.length);
    for (let line = m.line; line <= endLine; line++) {
      const length = charsOf(line - 1).length; // characters, as columns count them
      const from = Math.min(line === m.line ? m.column : 1, length + 1);
      const to = Math.min(line === endLine ? (m.endLine === undefined ? m.column : m.endColumn ?? m.column) : length + 1, length + 1);
      const mark = markFor(p);
      decorations[line - 1].push(from < to ? { from, to, ...mark } : { from, to: from, open: `<span class="caret ${severityName(m)}" ${problemAttributes(p)} title="${escapeHtml(m.message)}">`, close: '▲</span>' });
    }
  }
  return { decorations, notes };
}

function row(cls: string, lineNumber: number, html: string): string {
  return `<div class="${cls}"><span class="ln">${lineNumber}</span><span class="tx">${html || '&nbsp;'}</span></div>`;
}

/** A plain-text transcript as written, line by line: the speaker label marked, comments dimmed. */
export function renderTranscript(source: string, problems: readonly ShownProblem[], speakerRole?: (label: string) => Role | undefined): string {
  const lines = fileLines(source);
  const charsOf = lineCharacters(lines);
  const { decorations, notes } = placeProblems(lines, charsOf, problems);
  let role: Role | undefined;
  const rows = lines.map((text, i) => {
    const label = LABEL.exec(text);
    const comment = /^\s*(?:#|＃[ \t\u3000]*transcript-lint-)/.test(text);
    const labelled = !comment && label !== null;
    if (labelled) role = speakerRole?.(label[2]) ?? 'other';
    const cls = comment ? 'line comment' : role ? `line ${role}` : 'line';
    let html: string;
    if (!decorations[i].length) {
      // Most lines hold no problem: the label and the text around it, escaped as they stand (renderLine's pieces).
      html = labelled ? `${escapeHtml(label[1])}<span class="who">${escapeHtml(label[2])}</span>${escapeHtml(text.slice(label[1].length + label[2].length))}` : escapeHtml(text);
    } else {
      if (labelled) {
        const from = Array.from(label[1]).length + 1;
        decorations[i].unshift({ from, to: from + Array.from(label[2]).length, open: '<span class="who">', close: '</span>' });
      }
      html = renderLine(charsOf(i), decorations[i]);
    }
    return row(cls, i + 1, html) + notes[i].map(renderNote).join('');
  });
  return `<div class="transcript">${rows.join('')}</div>`;
}

/**
 * A transcript from SRT, WebVTT or JSON as its turns: the speaker and start time, then the words of each line of
 * the file that holds them, numbered with that line so that problems' positions read the same as in the file.
 * Cue numbers, timing lines and markup are not shown; a problem on such a line is noted under the turn before it.
 */
export function renderTurns(source: string, turns: readonly ShownTurn[], problems: readonly ShownProblem[]): string {
  const lines = fileLines(source);
  const charsOf = lineCharacters(lines);
  const { decorations, notes } = placeProblems(lines, charsOf, problems);
  const shown = turns.flatMap((turn) => turn.lines.map(([line, from, to], k) => ({ turn, line, from, to, first: k === 0 })))
    .filter((r) => r.line >= 1 && r.line <= lines.length);
  // Notes of lines not shown go to the nearest shown line before them (the first one for a header).
  const notesAt = new Map<number, ShownProblem[]>();
  let shownIndex = 0;
  notes.forEach((list, i) => {
    if (!list.length) return;
    while (shownIndex + 1 < shown.length && shown[shownIndex + 1].line <= i + 1) shownIndex++;
    const at = shown.length ? shownIndex : -1;
    notesAt.set(at, [...(notesAt.get(at) ?? []), ...list]);
  });
  const rows = shown.map((r, j) => {
    const chars = charsOf(r.line - 1).slice(r.from - 1, r.to - 1);
    const shift = r.from - 1;
    const inRange = decorations[r.line - 1]
      .map((d) => ({ ...d, from: Math.min(Math.max(d.from - shift, 1), chars.length + 1), to: Math.min(Math.max(d.to - shift, 1), chars.length + 1), whole: d.from === d.to }))
      .filter((d) => d.from < d.to || d.whole)
      .map(({ whole: _whole, ...d }) => d);
    const head = r.first
      ? `${r.turn.start !== undefined ? `<span class="time">${formatClockTime(r.turn.start)}</span> ` : ''}<span class="who">${escapeHtml(r.turn.label || r.turn.role)}</span>: `
      : '';
    return row(`line ${escapeHtml(r.turn.role)}`, r.line, head + renderLine(chars, inRange)) + (notesAt.get(j) ?? []).map(renderNote).join('');
  });
  const orphan = (notesAt.get(-1) ?? []).map(renderNote).join('');
  return `<div class="transcript">${orphan}${rows.join('')}</div>`;
}
