#!/usr/bin/env node
// Compare the built-in packs' phrases, alternatives spelt out, with those of a git revision: every phrase set and
// every inline phrase list of every rule, as a multiset (and whether in the same order). Run after `npm run build`:
//
//   node scripts/compare-phrase-sets.mjs [REV]      (REV: main by default)
//
// Exits 1 when any list spells out to other phrases than at REV: a rewrite into alternatives must change nothing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const rev = process.argv[2] ?? 'main';
const { parse } = await import('yaml');
const { expandAlternatives } = await import('../dist/text/phrase.js');

/** Each list of phrases in a pack's data, by its path: phrase sets and the rules' inline lists. */
function lists(data) {
  const out = new Map();
  const walk = (value, path) => {
    if (Array.isArray(value)) {
      if (value.some((v) => typeof v === 'string') && !/\.examples\.(good|bad)$/.test(path)) out.set(path, value);
      value.forEach((v, i) => { if (v && typeof v === 'object') walk(v, `${path}[${i}]`); });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(data.phrases ?? {}, 'phrases');
  walk(data.rules ?? {}, 'rules');
  return out;
}

const spelt = (list) => list.flatMap((entry) => (typeof entry === 'string' ? expandAlternatives(entry) : [`{ include: ${entry.include} }`]));

let differ = 0;
for (const file of readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml')).sort()) {
  const now = parse(readFileSync(join(root, 'rules', file), 'utf8'));
  const then = parse(execFileSync('git', ['show', `${rev}:rules/${file}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }));
  const a = lists(then);
  const b = lists(now);
  let written = 0;
  let phrases = 0;
  let reordered = 0;
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const before = spelt(a.get(path) ?? []);
    const after = spelt(b.get(path) ?? []);
    written += (b.get(path) ?? []).filter((entry) => typeof entry === 'string').length;
    phrases += after.length;
    const sorted = (l) => [...l].sort().join('\n');
    if (sorted(before) !== sorted(after)) {
      differ++;
      const gone = before.filter((p) => !after.includes(p));
      const added = after.filter((p) => !before.includes(p));
      console.log(`${file} ${path}: differs${gone.length ? `\n  only at ${rev}: ${gone.join(' | ')}` : ''}${added.length ? `\n  only now: ${added.join(' | ')}` : ''}`
        + (!gone.length && !added.length ? `\n  the same phrases, counted differently (${before.length} at ${rev}, ${after.length} now)` : ''));
    } else if (before.join('\n') !== after.join('\n')) reordered++;
  }
  console.log(`${file}: ${written} phrases written, ${phrases} spelt out; ${reordered} lists in another order than at ${rev}`);
}
if (differ) {
  console.log(`${differ} lists differ from ${rev}`);
  process.exit(1);
}
console.log(`every list spells out to the phrases it had at ${rev}`);
