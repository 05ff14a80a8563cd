// Phrase compiler: "为您转接{*}好吗" → an anchor literal for the automaton plus the pieces checked after it.
import type { FoldTable } from './fold-table.js';
import { isWordUnit } from './fold-table.js';
import { breaksClause } from './clause.js';
import { normalizeString } from './normalize.js';

/** How far `{*}` reaches, in normalized characters ("a few characters of anything"); `{*N}` sets another reach. */
export const DEFAULT_GAP = 10;
export const LONGEST_GAP = 60;

/**
 * Phrases one written phrase may stand for once its alternatives are spelt out ({a|b}{c|d|e}: 6). The built-in packs'
 * largest gives 153; past this cap a phrase is refused as it loads, before any is made (a few groups of ten words
 * would otherwise make millions).
 */
export const MAX_ALTERNATIVE_PHRASES = 1000;

export type Piece = { type: 'literal'; text: string } | { type: 'gap'; reach: number } | { type: 'number' };

export interface CompiledPhrase {
  id: number;
  /** The phrase: as the pack wrote it, or one phrase its alternatives stand for (你们{太|真}骗人 → 你们真骗人). */
  source: string;
  /** The phrase as the pack wrote it, when that has alternatives (then `source` is one of its phrases). */
  written?: string;
  /** The first literal, normalized: what the automaton looks for. */
  anchor: string;
  /** What must follow the anchor. */
  rest: Piece[];
  /** Latin-script phrases match whole words only. */
  wordStart: boolean;
  wordEnd: boolean;
  /** Words only, said together: no {*} gap and no punctuation mark written in it (see `except` in lint-transcript). */
  unbroken: boolean;
}

export class PhraseSyntaxError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** `{a|b}`: a placeholder that holds a `|` lists alternatives; any other ({*}, {*25}, {n}) is a placeholder of its own. */
const isAlternatives = (inside: string): boolean => inside.includes('|');

/**
 * The alternatives of each `{a|b|…}` of a phrase, in order (none when it has none), and the text around them: one
 * piece more than the groups.
 */
function alternativeGroups(source: string): { groups: string[][]; between: string[] } {
  const groups: string[][] = [];
  const between: string[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    if (!isAlternatives(m[1])) continue;
    const words = m[1].split('|');
    if (words.every((word) => word.trim() === '')) {
      throw new PhraseSyntaxError(`{${m[1]}} in phrase "${source}" offers nothing to choose`, 'write the words to choose from between the bars: {太|很|真}, or {|也} for an optional 也');
    }
    const seen = new Set<string>();
    for (const word of words) {
      if (seen.has(word.trim())) {
        throw new PhraseSyntaxError(`{${m[1]}} in phrase "${source}" lists ${word.trim() ? `"${word.trim()}"` : 'nothing (an empty alternative)'} twice`, 'list each alternative once');
      }
      seen.add(word.trim());
      if (word.includes('*')) {
        throw new PhraseSyntaxError(`{${m[1]}} in phrase "${source}" holds a *: an alternative is words, not a gap`, 'put a gap beside the alternatives: {太|很}{*3}差, or write two phrases');
      }
    }
    groups.push(words);
    between.push(source.slice(last, m.index));
    last = m.index + m[0].length;
  }
  between.push(source.slice(last));
  return { groups, between };
}

/** How many phrases a written phrase stands for (1 without alternatives); never throws. */
export function countAlternatives(source: string): number {
  if (!source.includes('|')) return 1;
  let count = 1;
  for (const m of source.matchAll(PLACEHOLDER)) if (isAlternatives(m[1])) count *= m[1].split('|').length;
  return count;
}

/**
 * The phrases a written phrase stands for: each `{a|b|…}` replaced by each of its alternatives in turn, the first
 * group varying slowest ({服务|质量}{太|很}差 → 服务太差, 服务很差, 质量太差, 质量很差). An empty alternative makes
 * the words optional ({|也}太过分); where it leaves two spaces between Latin words they are one.
 * A phrase without alternatives is itself. Refused above MAX_ALTERNATIVE_PHRASES, before any is made.
 */
export function expandAlternatives(source: string): string[] {
  // Most phrases have none: no pattern run for them (a pack's thousand phrases are compiled at each start).
  if (!source.includes('|')) return [source];
  const { groups, between } = alternativeGroups(source);
  if (groups.length === 0) return [source];
  const count = groups.reduce((n, g) => n * g.length, 1);
  if (count > MAX_ALTERNATIVE_PHRASES) {
    throw new PhraseSyntaxError(
      `phrase "${source}" stands for ${count.toLocaleString('en')} phrases once its alternatives are spelt out (at most ${MAX_ALTERNATIVE_PHRASES.toLocaleString('en')})`,
      'split it into several phrases, each with fewer alternatives, or put {*} where any word may stand',
    );
  }
  const out: string[] = [];
  const chosen = new Array<number>(groups.length).fill(0);
  for (let n = 0; n < count; n++) {
    let text = between[0];
    groups.forEach((group, g) => {
      text = joinWords(joinWords(text, group[chosen[g]]), between[g + 1]);
    });
    out.push(text.trim());
    for (let g = groups.length - 1; g >= 0; g--) {
      if (++chosen[g] < groups[g].length) break;
      chosen[g] = 0;
    }
  }
  return out;
}

/** a + b, with one space where both bring one (an empty alternative between two words of a Latin phrase). */
const joinWords = (a: string, b: string): string => (a.endsWith(' ') && b.startsWith(' ') ? a + b.slice(1) : a + b);

/**
 * Compile one phrase. `written`: the phrase as the pack wrote it when `source` is one of the phrases its
 * alternatives stand for (named in errors and kept for --explain).
 */
export function compilePhrase(id: number, source: string, table: FoldTable, written?: string): CompiledPhrase {
  // How errors name the phrase: as written, and the phrase of its alternatives that fails.
  const named = written && written !== source ? `"${written}" (as "${source}")` : `"${source}"`;
  checkBraces(source, named);
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    pushLiteral(pieces, source.slice(last, m.index), table);
    const gap = /^\*(\d*)$/.exec(m[1]);
    if (gap) {
      const reach = gap[1] ? Number(gap[1]) : DEFAULT_GAP;
      if (reach < 1 || reach > LONGEST_GAP) throw new PhraseSyntaxError(`{*${gap[1]}} in phrase ${named} reaches too far; use 1 to ${LONGEST_GAP} characters`);
      pieces.push({ type: 'gap', reach });
    } else if (m[1] === 'n') pieces.push({ type: 'number' });
    else throw new PhraseSyntaxError(`unknown placeholder {${m[1]}} in phrase ${named}; use {*} (a few characters), {*20} (up to 20), {n} (a number) or {太|很} (one of the words)`);
    last = m.index + m[0].length;
  }
  pushLiteral(pieces, source.slice(last), table);
  const first = pieces[0];
  if (!first) throw new PhraseSyntaxError(`phrase ${named} is empty once punctuation and spaces are ignored`);
  if (first.type !== 'literal') throw new PhraseSyntaxError(`phrase ${named} starts with a placeholder; start it with words`);
  const lastPiece = pieces[pieces.length - 1];
  if (lastPiece.type === 'gap') throw new PhraseSyntaxError(`phrase ${named} ends with {*}, which adds nothing; remove it`);
  pieces.forEach((piece, i) => {
    if (piece.type === 'gap' && pieces[i + 1]?.type !== 'literal') {
      throw new PhraseSyntaxError(`in phrase ${named}, {*} must be followed by words`);
    }
  });
  const lastLiteral = [...pieces].reverse().find((p): p is { type: 'literal'; text: string } => p.type === 'literal')!;
  return {
    id,
    source,
    // Always present (undefined for most), so that every compiled phrase has one shape.
    written: written !== source ? written : undefined,
    anchor: first.text,
    rest: pieces.slice(1),
    wordStart: isWordUnit(first.text.charCodeAt(0)),
    wordEnd: lastPiece.type === 'literal' && isWordUnit(lastLiteral.text.charCodeAt(lastLiteral.text.length - 1)),
    unbroken: pieces.every((piece) => piece.type !== 'gap') && !writesMark(source.replace(PLACEHOLDER, '')),
  };
}

/**
 * A brace outside a placeholder, or a placeholder typed in full-width (an input method in full-width mode writes
 * ｛太｜真｝): refused, where they were words of the phrase — folded away as punctuation or kept as braces nobody says.
 */
function checkBraces(phrase: string, named: string): void {
  const placeholders = [...phrase.matchAll(PLACEHOLDER)];
  if (/[｛｝]/.test(phrase) || placeholders.some((m) => m[1].includes('｜'))) {
    const halfWidth = phrase.replace(/｛/g, '{').replace(/｝/g, '}').replace(/｜/g, '|');
    throw new PhraseSyntaxError(`phrase ${named} writes a placeholder with full-width ｛｝ or ｜`, `write placeholders half-width (switch the input method to half-width): ${halfWidth}`);
  }
  const words = phrase.replace(PLACEHOLDER, '');
  const hint = 'close the placeholder: {太|很} (one of the words), {*} (a few characters), {n} (a number)';
  if (words.includes('{')) throw new PhraseSyntaxError(`phrase ${named} opens a { it never closes`, hint);
  if (words.includes('}')) throw new PhraseSyntaxError(`phrase ${named} closes a } it never opened`, hint);
}

/**
 * Whether a phrase (as the pack wrote it) is words only, to be said together: no {*} gap and no mark written in it —
 * what `unbroken` records of a compiled phrase, for code that has only a hit's phrase.
 */
export function saidTogether(source: string): boolean {
  return !/\{\*\d*\}/.test(source) && !writesMark(source.replace(PLACEHOLDER, ''));
}

/** A mark written in a phrase (、 too, though it ends no clause in a text): the phrase reaches across marks on purpose. */
function writesMark(words: string): boolean {
  return breaksClause(words) || words.includes('、');
}

function pushLiteral(pieces: Piece[], raw: string, table: FoldTable): void {
  const text = normalizeString(raw, table).trim();
  if (!text) return;
  const prev = pieces[pieces.length - 1];
  if (prev?.type === 'literal') prev.text += text;
  else pieces.push({ type: 'literal', text });
}
