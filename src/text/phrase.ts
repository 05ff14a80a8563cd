// Phrase compiler: "为您转接{*}好吗" → an anchor literal for the automaton plus the pieces checked after it.
import type { FoldTable } from './fold-table.js';
import { isWordUnit } from './fold-table.js';
import { breaksClause } from './clause.js';
import { normalizeString } from './normalize.js';

/** How far `{*}` reaches, in normalized characters ("a few characters of anything"); `{*N}` sets another reach. */
export const DEFAULT_GAP = 10;
export const LONGEST_GAP = 60;

export type Piece = { type: 'literal'; text: string } | { type: 'gap'; reach: number } | { type: 'number' };

export interface CompiledPhrase {
  id: number;
  /** The phrase as the pack wrote it. */
  source: string;
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

export class PhraseSyntaxError extends Error {}

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function compilePhrase(id: number, source: string, table: FoldTable): CompiledPhrase {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    pushLiteral(pieces, source.slice(last, m.index), table);
    const gap = /^\*(\d*)$/.exec(m[1]);
    if (gap) {
      const reach = gap[1] ? Number(gap[1]) : DEFAULT_GAP;
      if (reach < 1 || reach > LONGEST_GAP) throw new PhraseSyntaxError(`{*${gap[1]}} in phrase "${source}" reaches too far; use 1 to ${LONGEST_GAP} characters`);
      pieces.push({ type: 'gap', reach });
    } else if (m[1] === 'n') pieces.push({ type: 'number' });
    else throw new PhraseSyntaxError(`unknown placeholder {${m[1]}} in phrase "${source}"; use {*} (a few characters), {*20} (up to 20) or {n} (a number)`);
    last = m.index + m[0].length;
  }
  pushLiteral(pieces, source.slice(last), table);
  const first = pieces[0];
  if (!first) throw new PhraseSyntaxError(`phrase "${source}" is empty once punctuation and spaces are ignored`);
  if (first.type !== 'literal') throw new PhraseSyntaxError(`phrase "${source}" starts with a placeholder; start it with words`);
  const lastPiece = pieces[pieces.length - 1];
  if (lastPiece.type === 'gap') throw new PhraseSyntaxError(`phrase "${source}" ends with {*}, which adds nothing; remove it`);
  pieces.forEach((piece, i) => {
    if (piece.type === 'gap' && pieces[i + 1]?.type !== 'literal') {
      throw new PhraseSyntaxError(`in phrase "${source}", {*} must be followed by words`);
    }
  });
  const lastLiteral = [...pieces].reverse().find((p): p is { type: 'literal'; text: string } => p.type === 'literal')!;
  return {
    id,
    source,
    anchor: first.text,
    rest: pieces.slice(1),
    wordStart: isWordUnit(first.text.charCodeAt(0)),
    wordEnd: lastPiece.type === 'literal' && isWordUnit(lastLiteral.text.charCodeAt(lastLiteral.text.length - 1)),
    unbroken: pieces.every((piece) => piece.type !== 'gap') && !writesMark(source.replace(PLACEHOLDER, '')),
  };
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
