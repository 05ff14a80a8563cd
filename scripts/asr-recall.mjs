#!/usr/bin/env node
// Recall and false alarms of a rule pack on speech-recognition transcripts, with and without fuzzy matching.
// fixtures/asr/clean/*.txt are calls as said; fixtures/asr/noisy/*.txt the same calls as a recognizer wrote them
// (same lines). The clean call's problems under exact matching are the truth; a problem is "rule@line".
//   npm run build && node scripts/asr-recall.mjs [--pack NAME|PATH] [--fixtures DIR] [--clean DIR,DIR] [--details]
// Also lints other folders of clean calls (default fixtures/zh and fixtures/zh-hant) with and without fuzzy
// matching, where the exact problems are the truth: fuzzy matching must not add false alarms there.
// Prints a Markdown table (the one in README.md) and, with --details, each call's differences.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Linter } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const pack = option('--pack', 'zh-callcenter');
const fixtures = resolve(option('--fixtures', 'fixtures/asr'));
const details = args.includes('--details');

const packRef = /[\\/]|\.ya?ml$/.test(pack) ? resolve(pack) : pack;
const dir = mkdtempSync(join(tmpdir(), 'asr-recall-'));
writeFileSync(join(dir, 'fuzzy.yaml'), `name: asr-fuzzy\nextends: [${JSON.stringify(packRef)}]\nfuzzy: pinyin\n`);
const linters = {
  exact: Linter.create({ cwd: dir, packs: [packRef], noConfigLookup: true }),
  fuzzy: Linter.create({ cwd: dir, configFile: join(dir, 'fuzzy.yaml') }),
};

const names = readdirSync(join(fixtures, 'clean')).filter((f) => f.endsWith('.txt')).sort();
const problems = (linter, file) => new Set(linter.lintFile(file).messages.filter((m) => m.ruleId).map((m) => `${m.ruleId}@${m.line}`));

const rows = [];
let truthTotal = 0;
const truths = new Map(names.map((name) => [name, problems(linters.exact, join(fixtures, 'clean', name))]));
for (const set of truths.values()) truthTotal += set.size;
for (const mode of ['exact', 'fuzzy']) {
  for (const variant of ['clean', 'noisy']) {
    let found = 0;
    let falseAlarms = 0;
    let sameAsClean = 0;
    for (const name of names) {
      const truth = truths.get(name);
      const got = problems(linters[mode], join(fixtures, variant, name));
      const hit = [...got].filter((p) => truth.has(p)).length;
      const extra = [...got].filter((p) => !truth.has(p));
      const missed = [...truth].filter((p) => !got.has(p));
      found += hit;
      falseAlarms += extra.length;
      if (!extra.length && !missed.length) sameAsClean++;
      if (details && (extra.length || missed.length)) console.log(`${mode} ${variant} ${name}: missed ${missed.join(', ') || '-'}; extra ${extra.join(', ') || '-'}`);
    }
    const reported = found + falseAlarms;
    rows.push([`${variant} calls, ${mode === 'exact' ? 'exact matching' : 'fuzzy: pinyin'}`, `${found}/${truthTotal} (${pct(found, truthTotal)})`,
      String(falseAlarms), pct(found, reported), `${sameAsClean}/${names.length}`]);
  }
}

function pct(part, whole) {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '–';
}

// Precision on clean calls beyond fixtures/asr: every other fixture folder of the pack's language, as written.
const cleanFolders = (option('--clean', '') || ['fixtures/zh', 'fixtures/zh-hant'].filter((d) => existsSync(d)).join(',')).split(',').filter(Boolean);
for (const folder of cleanFolders) {
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).map((f) => join(folder, f));
  let truth = 0;
  let found = 0;
  let falseAlarms = 0;
  let same = 0;
  for (const file of files) {
    const expected = problems(linters.exact, file);
    const got = problems(linters.fuzzy, file);
    const extra = [...got].filter((p) => !expected.has(p));
    const missed = [...expected].filter((p) => !got.has(p));
    truth += expected.size;
    found += got.size - extra.length;
    falseAlarms += extra.length;
    if (!extra.length && !missed.length) same++;
    if (details && (extra.length || missed.length)) console.log(`fuzzy ${file}: missed ${missed.join(', ') || '-'}; extra ${extra.join(', ') || '-'}`);
  }
  rows.push([`${folder} (clean), fuzzy: pinyin`, `${found}/${truth} (${pct(found, truth)})`, String(falseAlarms), pct(found, found + falseAlarms), `${same}/${files.length}`]);
}

console.log(`pack ${pack}, ${names.length} calls, ${truthTotal} problems in the clean calls (the truth)\n`);
console.log('| transcripts, matching | problems found (recall) | false alarms | precision | calls with the clean problems exactly |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
