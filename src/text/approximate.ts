// Latin-script phrases with `max-edits: N`: "thank you for calling" still matches "thank you for callin" or
// "thankyou for calling". Sellers' dynamic programme (edit distance where the match may start anywhere), run only
// over the Latin stretches of a text, so Chinese text costs nothing; matches start and end on word boundaries.
import { isWordUnit } from './fold-table.js';
import type { OnHit } from './matcher.js';

export interface ApproximatePhrase {
  id: number;
  /** Normalized: lower-case letters and digits, single spaces between words. */
  text: string;
  maxEdits: number;
}

const SPACE = 0x20;
const FAR = 1 << 20;

interface Candidate {
  start: number;
  end: number;
  cost: number;
}

export function approximateHits(text: string, phrase: ApproximatePhrase, onHit: OnHit): void {
  for (let i = 0; i < text.length; ) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && (isWordUnit(text.charCodeAt(end)) || text.charCodeAt(end) === SPACE)) end++;
    for (const hit of bestMatches(runCandidates(text, i, end, phrase))) onHit(phrase.id, hit.start, hit.end);
    i = end;
  }
}

/** Every word-aligned end in text[from, to) where the phrase matches within its edits. */
function runCandidates(text: string, from: number, to: number, phrase: ApproximatePhrase): Candidate[] {
  const pattern = phrase.text;
  const m = pattern.length;
  let cost = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) {
    cost[j] = j;
    start[j] = from;
  }
  const found: Candidate[] = [];
  for (let k = from + 1; k <= to; k++) {
    const unit = text.charCodeAt(k - 1);
    const wordStartsHere = k < to && isWordUnit(text.charCodeAt(k)) && !isWordUnit(unit);
    nextCost[0] = wordStartsHere ? 0 : FAR;
    nextStart[0] = k;
    for (let j = 1; j <= m; j++) {
      let best = cost[j - 1] + (pattern.charCodeAt(j - 1) === unit ? 0 : 1);
      let bestStart = start[j - 1];
      if (cost[j] + 1 < best) {
        best = cost[j] + 1;
        bestStart = start[j];
      }
      if (nextCost[j - 1] + 1 < best) {
        best = nextCost[j - 1] + 1;
        bestStart = nextStart[j - 1];
      }
      nextCost[j] = best;
      nextStart[j] = bestStart;
    }
    [cost, nextCost] = [nextCost, cost];
    [start, nextStart] = [nextStart, start];
    const wordEndsHere = isWordUnit(unit) && (k === to || !isWordUnit(text.charCodeAt(k)));
    if (wordEndsHere && cost[m] <= phrase.maxEdits) found.push({ start: start[m], end: k, cost: cost[m] });
  }
  return found;
}

/** The closest matches that do not overlap, in text order. */
function bestMatches(candidates: Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.cost - b.cost || a.start - b.start)) {
    if (!chosen.some((c) => c.start < candidate.end && candidate.start < c.end)) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.end - b.end);
}
