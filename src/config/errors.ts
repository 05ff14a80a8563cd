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

/** The closest candidate within a small edit distance, for "did you mean …?" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = slipDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
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

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
