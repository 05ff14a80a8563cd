// Inline directives, as in ESLint: `transcript-lint-disable[-line|-next-line] [RULE, …] [-- reason]` and
// `transcript-lint-enable [RULE, …]`. They are read from Transcript.comments, so every format whose parser
// collects comments gets them; positions are compared as (line, column) in the decoded text.
import { didYouMean } from '../config/errors.js';
import type { CommentLine, LintMessage, SuppressedMessage, Transcript } from '../types.js';
import { partitionPoint } from '../rules/rule-kind.js';
import type { LineIndex } from './line-index.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule names as written (with or without the pack prefix); empty means every rule. */
  names: string[];
  /** The text after ` -- `, kept in suppressedMessages. */
  justification: string;
  comment: CommentLine;
  line: number;
  column: number;
}

export interface DirectiveOptions {
  /** `--no-inline-config`: directives are ignored. */
  noInlineConfig?: boolean;
  /** `--report-unused-disable-directives`: a disable directive that suppresses nothing is an error. */
  reportUnused?: boolean;
}

export interface DirectiveOutcome {
  messages: LintMessage[];
  suppressed: SuppressedMessage[];
}

const DIRECTIVE = /^transcript-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;
/** ESLint's justification separator (two or more dashes between spaces); Chinese writers also use ——. */
const JUSTIFICATION = /\s(?:-{2,}|——)\s*/;
const NAME_SEPARATOR = /[\s,，、]+/;

/** Offsets of the transcript's text → offsets of the file as opened (they differ for JSON). */
export type ToFileOffset = (offset: number) => number;

export function parseDirective(comment: CommentLine, lines: LineIndex, toFile: ToFileOffset = (o) => o): Directive | undefined {
  const match = DIRECTIVE.exec(comment.text.trim());
  if (!match) return undefined;
  const separator = JUSTIFICATION.exec(match[2]);
  const list = separator ? match[2].slice(0, separator.index) : match[2];
  const justification = separator ? match[2].slice(separator.index + separator[0].length).trim() : '';
  const { line, column } = lines.position(toFile(comment.span.start));
  return { kind: match[1] as DirectiveKind, names: list.split(NAME_SEPARATOR).filter(Boolean), justification, comment, line, column };
}

/** Which rule ids a name stands for: "pack/rule" exactly, or "rule" in any pack. */
function resolveName(name: string, ruleIds: readonly string[]): string[] {
  return name.includes('/') ? ruleIds.filter((id) => id === name) : ruleIds.filter((id) => id.slice(id.indexOf('/') + 1) === name);
}

interface Position {
  line: number;
  column: number;
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

/** Tracks, per directive and per rule name in it, whether it suppressed anything. */
class Usage {
  private readonly used = new Map<Directive, Set<string>>();

  mark(directive: Directive, name: string): void {
    let names = this.used.get(directive);
    if (!names) this.used.set(directive, (names = new Set()));
    names.add(name);
  }

  unusedNames(directive: Directive): string[] | 'all' {
    const names = this.used.get(directive);
    if (!directive.names.length) return names ? [] : 'all';
    const unused = directive.names.filter((n) => !names?.has(n));
    return unused.length === directive.names.length ? 'all' : unused;
  }
}

/** The state of disable/enable blocks at one point of the file. */
class BlockState {
  private all: Directive | undefined;
  private readonly byRule = new Map<string, { directive: Directive; name: string }>();
  /** Rules enabled again inside a disable-all block. */
  private readonly reenabled = new Set<string>();

  apply(directive: Directive, resolved: Map<string, string[]>): void {
    const disable = directive.kind === 'disable';
    if (!directive.names.length) {
      this.all = disable ? directive : undefined;
      this.byRule.clear();
      this.reenabled.clear();
      return;
    }
    for (const name of directive.names) {
      for (const id of resolved.get(name) ?? []) {
        if (disable) {
          this.byRule.set(id, { directive, name });
          this.reenabled.delete(id);
        } else {
          this.byRule.delete(id);
          if (this.all) this.reenabled.add(id);
        }
      }
    }
  }

  suppressor(ruleId: string | null): { directive: Directive; name: string } | undefined {
    const own = ruleId !== null ? this.byRule.get(ruleId) : undefined;
    if (own) return own;
    if (this.all && (ruleId === null || !this.reenabled.has(ruleId))) return { directive: this.all, name: '' };
    return undefined;
  }
}

/**
 * Apply the transcript's directives to the messages found in it: suppressed messages move to `suppressed`
 * (with the directives' justifications); unknown rule names, misplaced directives and (when asked) unused
 * directives become messages.
 */
export function applyDirectives(
  transcript: Transcript,
  lines: LineIndex,
  toFile: ToFileOffset,
  messages: readonly LintMessage[],
  ruleIds: readonly string[],
  options: DirectiveOptions = {},
): DirectiveOutcome {
  // (Most transcripts have no comment at all.)
  if (options.noInlineConfig || transcript.comments.length === 0) return { messages: [...messages], suppressed: [] };
  const directives = transcript.comments
    .map((c) => parseDirective(c, lines, toFile))
    .filter((d): d is Directive => d !== undefined)
    .sort((a, b) => a.line - b.line || a.column - b.column);
  if (!directives.length) return { messages: [...messages], suppressed: [] };

  const notes: LintMessage[] = [];
  const note = (d: Directive, severity: 1 | 2, message: string): LintMessage => {
    const end = lines.position(toFile(d.comment.span.end));
    const found: LintMessage = { ruleId: null, severity, message, line: d.line, column: d.column, endLine: end.line, endColumn: end.column };
    notes.push(found);
    return found;
  };

  const resolved = new Map<string, string[]>();
  for (const d of directives) {
    for (const name of d.names) {
      if (resolved.has(name)) continue;
      const ids = resolveName(name, ruleIds);
      resolved.set(name, ids);
      if (!ids.length) {
        const shortNames = ruleIds.map((id) => id.slice(id.indexOf('/') + 1));
        const hint = didYouMean(name, name.includes('/') ? ruleIds : shortNames) ?? 'name a rule of the loaded packs, e.g. "greet-first" or "zh-callcenter/greet-first"';
        note(d, 1, `unknown rule "${name}" in transcript-lint-${d.kind}; ${hint}`);
      }
    }
  }

  // Lines that hold turn text: a disable-line elsewhere stands on a line of its own and can suppress nothing.
  const turnLines = new Set<number>();
  for (const turn of transcript.turns) {
    for (const s of turn.segments) for (let l = lines.lineOf(toFile(s.start)); l <= lines.lineOf(toFile(s.end)); l++) turnLines.add(l);
  }
  /** Line → the disable-line and disable-next-line directives that cover it, in directive order. */
  const lineDirectives = new Map<number, Directive[]>();
  const cover = (line: number, d: Directive): void => {
    const list = lineDirectives.get(line);
    if (list) list.push(d);
    else lineDirectives.set(line, [d]);
  };
  const spokenTurns = transcript.turns.filter((t) => t.segments.length > 0);
  for (const d of directives) {
    if (d.kind === 'disable-line') {
      cover(d.line, d);
      if (!turnLines.has(d.line)) note(d, 1, 'transcript-lint-disable-line stands on a line of its own and applies to no turn; put it at the end of the turn, or use transcript-lint-disable-next-line');
    }
    if (d.kind !== 'disable-next-line') continue;
    // disable-next-line → the lines of the first turn after the comment (turns are in text order).
    const next = spokenTurns[partitionPoint(spokenTurns, (t) => t.segments[0].start < d.comment.span.end)];
    if (!next) continue;
    const last = lines.lineOf(toFile(next.segments[next.segments.length - 1].end));
    for (let line = lines.lineOf(toFile(next.segments[0].start)); line <= last; line++) cover(line, d);
  }

  const covers = (d: Directive, ruleId: string | null): string | undefined => {
    if (!d.names.length) return '';
    if (ruleId === null) return undefined;
    return d.names.find((name) => resolved.get(name)?.includes(ruleId));
  };

  const usage = new Usage();
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  const state = new BlockState();
  let nextBlock = 0;
  const kept: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  // Messages arrive sorted by position, so one sweep over the block directives serves them all.
  const ordered = [...messages].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const message of ordered) {
    while (nextBlock < blocks.length && before(blocks[nextBlock], message)) state.apply(blocks[nextBlock++], resolved);
    if (message.fatal) {
      kept.push(message);
      continue;
    }
    const by: Directive[] = [];
    const block = state.suppressor(message.ruleId);
    if (block) {
      by.push(block.directive);
      usage.mark(block.directive, block.name);
    }
    for (const d of lineDirectives.get(message.line) ?? []) {
      const name = covers(d, message.ruleId);
      if (name === undefined) continue;
      by.push(d);
      usage.mark(d, name);
    }
    if (by.length) suppressed.push({ ...message, suppressions: by.map((d) => ({ kind: 'directive', justification: d.justification })) });
    else kept.push(message);
  }

  if (options.reportUnused) {
    for (const d of directives) {
      if (d.kind === 'enable') continue;
      const unused = usage.unusedNames(d);
      if (unused !== 'all' && !unused.length) continue;
      // Unknown names were reported already: a directive whose only unused names are unknown is not reported twice.
      const names = (unused === 'all' ? d.names : unused).filter((n) => resolved.get(n)?.length);
      if (d.names.length && !names.length) continue;
      const from = names.length ? ` from ${names.map((n) => `'${n}'`).join(' or ')}` : '';
      const reported = note(d, 2, `unused transcript-lint-${d.kind} directive (no problems were reported${from}); remove it`);
      // Only a `#` comment of a transcript that is its own file text (plain text) is changed automatically: the whole
      // comment when nothing of it is used, else the names it lists to no use (ESLint's way).
      const removal = transcript.origin ? undefined : unused === 'all' ? directiveRemoval(transcript.text, d.comment) : namesRemoval(transcript.text, d.comment, names);
      if (removal) reported.fix = removal;
    }
  }
  return { messages: [...kept, ...notes].sort((a, b) => a.line - b.line || a.column - b.column), suppressed };
}

/** The fix that takes `unused` out of a `#` (or `＃`) directive's list of rule names, keeping the others and its reason. */
function namesRemoval(text: string, comment: CommentLine, unused: readonly string[]): LintMessage['fix'] {
  if (!unused.length || (text[comment.span.start] !== '#' && text[comment.span.start] !== '＃')) return undefined;
  const written = text.slice(comment.span.start, comment.span.end);
  const kind = /transcript-lint-(?:disable-next-line|disable-line|disable)(?=\s|$)/.exec(written);
  if (!kind) return undefined;
  const listStart = kind.index + kind[0].length;
  const after = written.slice(listStart);
  const list = after.slice(0, JUSTIFICATION.exec(after)?.index ?? after.length);
  const names = list.split(NAME_SEPARATOR).filter(Boolean);
  const kept = names.filter((name) => !unused.includes(name));
  if (!kept.length || kept.length === names.length) return undefined;
  // Joined as the list was: by commas (full-width too), by 、, or by spaces.
  const comma = /[,，、]/.exec(list)?.[0];
  const joined = kept.join(comma === ',' ? ', ' : comma ?? ' ');
  const start = comment.span.start + listStart;
  return { range: [start, start + list.length], text: `${/^\s*/.exec(list)![0]}${joined}${/\s*$/.exec(list)![0]}` };
}

/**
 * The fix that deletes a `#` (or `＃`) comment: its whole line when it stands alone, else the comment and the spaces
 * before it. Comments of other syntaxes (WebVTT NOTE blocks, …) are not removed automatically.
 */
function directiveRemoval(text: string, comment: CommentLine): LintMessage['fix'] {
  if (text[comment.span.start] !== '#' && text[comment.span.start] !== '＃') return undefined;
  const lineStart = text.lastIndexOf('\n', comment.span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', comment.span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const standsAlone = !text.slice(lineStart, comment.span.start).trim() && !text.slice(comment.span.end, lineEnd).trim();
  if (standsAlone) return { range: [lineStart, Math.min(text.length, lineEnd + 1)], text: '' };
  let start = comment.span.start;
  while (start > lineStart && /[ \t\u3000]/.test(text[start - 1])) start--;
  return { range: [start, comment.span.end], text: '' };
}
