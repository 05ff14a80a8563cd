#!/usr/bin/env node
// Every change --fix would make and every suggestion the packs offer, on the real transcripts: the method of
// eval/fixes.md, so that its counts can be made again after a pack or wording change.
//   npm run build && node scripts/fix-audit.mjs [--realdata DIR] [--out FILE] [--no-twins] [--no-swap]
//
// For each set of eval/sets.json and each of its packs it lints every file and lists:
//   - offered: each problem's fix and each suggestion, applied alone (the sentence before and after);
//   - applied: the changes of --fix (fix), --fix --fix-type fix,suggestion (all) and --fix-type suggestion (sugg),
//     each file fixed until stable, as the CLI does; then the same run again on the fixed text (second: must be 0);
//   - refused: changes --fix --fix-type fix,suggestion left out because they would have made a new problem.
// Variants: the set as it is; for a Chinese set, its Traditional twins (OpenCC cn→tw and cn→hk, made in memory), as
// Traditional transcripts must get Traditional wording; and with --swap (the default) each of these with the speaker
// labels swapped, so that the customers' real language is read as an agent's: the agents of these sets rarely write
// what the rules flag (14 distinct changes in all), the customers often do.
// Prints counts per variant, pack and rule. --out FILE writes every change as JSON lines (variant, set, pack, file,
// line, rule, kind, before, after) for a reader to judge; the file holds transcript text, so it must be outside the
// repository (the script refuses a path inside it). Exits 0 with one line when the real data is absent.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const realdata = resolve(option('--realdata', join(root, '..', 'shared', 'realdata')));
const out = option('--out', undefined);
const twins = !args.includes('--no-twins');
const swap = !args.includes('--no-swap');
if (!existsSync(realdata)) {
  console.log(`fix-audit: no real data at ${realdata}; nothing to do`);
  process.exit(0);
}
if (out) {
  const rel = relative(root, resolve(out));
  if (!rel.startsWith('..') && !rel.startsWith(sep)) {
    console.error('fix-audit: --out holds transcript text; write it outside the repository');
    process.exit(2);
  }
}
const { Linter, fixUntilStable } = await import(join(root, 'dist', 'index.js'));
const { sentenceAround } = await import(join(root, 'dist', 'engine', 'fix.js'));
const OpenCC = createRequire(import.meta.url)('opencc-js');
const sets = JSON.parse(readFileSync(join(root, 'eval', 'sets.json'), 'utf8'));

const SWAP = { 客服: '客户', 客户: '客服', 客戶: '客服', Agent: 'Customer', Customer: 'Agent' };
const swapped = (text) => {
  const traditional = /^客戶: /m.test(text);
  return text.replace(/^(客服|客户|客戶|Agent|Customer): /gm, (_, label) => `${SWAP[label] === '客户' && traditional ? '客戶' : SWAP[label]}: `);
};
/** The sentence around a change, before and after it (as --fix-dry-run shows it). */
function sentence(text, start, end, replacement) {
  const [from, to] = sentenceAround(text, start, end);
  return { before: text.slice(from, to), after: text.slice(from, start) + replacement + text.slice(end, to) };
}

const rows = [];
const counts = new Map();
const count = (key, field, n = 1) => {
  if (!counts.has(key)) counts.set(key, { offered: 0, fix: 0, all: 0, sugg: 0, second: 0, refused: 0 });
  counts.get(key)[field] += n;
};
for (const [set, packs] of Object.entries(sets)) {
  const dir = join(realdata, set);
  if (!existsSync(dir)) continue;
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const chinese = packs.some((p) => p.startsWith('zh'));
  const scripts = chinese && twins ? [['', (t) => t], ['tw', OpenCC.Converter({ from: 'cn', to: 'tw' })], ['hk', OpenCC.Converter({ from: 'cn', to: 'hk' })]] : [['', (t) => t]];
  for (const [script, convert] of scripts) {
    for (const labels of swap ? ['', 'swap'] : ['']) {
      const variant = [set, script, labels].filter(Boolean).join('.');
      for (const pack of packs) {
        const linter = Linter.create({ cwd: root, packs: [pack], noConfigLookup: true });
        for (const file of files) {
          let text = convert(readFileSync(join(dir, file), 'utf8'));
          if (labels) text = swapped(text);
          const lint = (t) => linter.lintText(t, file);
          const row = (rule, kind, line, change) => rows.push({ variant, set, pack, file, line, rule, kind, ...change });
          for (const m of lint(text).messages) {
            const offers = [...(m.fix ? [['offered-fix', m.fix]] : []), ...(m.suggestions ?? []).map((s) => ['offered-suggestion', s.fix])];
            for (const [kind, fix] of offers) {
              count(`${variant}\t${pack}\t${m.ruleId}`, 'offered');
              row(m.ruleId, kind, m.line, sentence(text, fix.range[0], fix.range[1], fix.text));
            }
          }
          for (const [mode, options] of [['fix', {}], ['all', { suggestions: true }], ['sugg', { fixes: false, suggestions: true }]]) {
            const first = fixUntilStable(text, lint, { ...options, flagsWords: (id) => linter.flagsWords(id) });
            for (const c of first.changes) {
              count(`${variant}\t${pack}\t${c.ruleId}`, mode);
              row(c.ruleId, `${mode}-${c.kind}`, c.line, { before: c.before, after: c.after });
            }
            if (mode === 'all') for (const m of first.result.messages) if (m.fixRefused) count(`${variant}\t${pack}\t${m.ruleId}`, 'refused');
            const second = fixUntilStable(first.output, lint, { ...options, flagsWords: (id) => linter.flagsWords(id) });
            for (const c of second.changes) {
              count(`${variant}\t${pack}\t${c.ruleId}`, 'second');
              row(c.ruleId, `second-${mode}-${c.kind}`, c.line, { before: c.before, after: c.after });
            }
          }
        }
      }
    }
  }
}
console.log('variant\tpack\trule\toffered\tfix\tall\tsugg\tsecond\trefused');
for (const [key, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) console.log(`${key}\t${c.offered}\t${c.fix}\t${c.all}\t${c.sugg}\t${c.second}\t${c.refused}`);
if (out) {
  writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`\n${rows.length} changes written to ${out}`);
}
