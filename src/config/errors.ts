// Mistakes in packs and configs, reported as FILE:LINE:COLUMN: what is wrong — and how to fix it.

export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return `${where}: ${issue.message}${issue.hint ? `\n  hint: ${issue.hint}` : ''}`;
}

/**
 * The closest candidate within a small edit distance, for "did you mean …?" hints. Where the word and a candidate
 * share a beginning up to a separator (zh-callcenter/banned-), only what follows it counts: banned-foo is not near
 * banned-qin, three edits in three letters, though three edits in ten would pass.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const d = slipDistance(lower, other);
    const shared = sharedStem(lower, other);
    const allowed = shared ? Math.max(1, Math.floor((lower.length - shared) / 3)) : Math.max(2, Math.floor(lower.length / 3));
    if (d <= allowed && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** How long a beginning two names share up to and with a separator (- / _ . :); 0 when none. */
function sharedStem(a: string, b: string): number {
  let stem = 0;
  for (let i = 0; i < a.length && a[i] === b[i]; i++) if ('-/_.:'.includes(a[i])) stem = i + 1;
  return stem;
}

/**
 * The hint for a phrase set `name` not found: the same set of another pack, which is named with its pack
 * (zh-callcenter/greeting, too far from greeting for a close match), else the closest name, else how to define it.
 */
export function unknownSetHint(name: string, known: readonly string[]): string {
  const qualified = known.find((candidate) => candidate.endsWith(`/${name}`));
  if (qualified) return `a set of another pack is named with its pack: did you mean "${qualified}"?`;
  return didYouMean(name, known) ?? `define it under "phrases:" or write the phrases as a list: [${name}]`;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match ? `did you mean "${match}"?` : undefined;
}

/**
 * The edit distance, except that a word which only extends the other by up to three letters (warning for warn, the
 * severity ESLint users type) counts as two edits: near enough for a hint, as a typo is.
 */
function slipDistance(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const extended = short.length >= 3 && long.length - short.length <= 3 && long.startsWith(short);
  return extended ? Math.min(2, editDistance(a, b)) : editDistance(a, b);
}

/** Edits between two words (insert, delete, replace, or swap two neighbours: frist for first is one slip). */
function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previous = before;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length];
}
