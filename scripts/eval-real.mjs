#!/usr/bin/env node
// Precision of the built-in packs on real transcripts, judged against hand-written annotations.
//   npm run build && npm run eval:real -- [--set NAME] [--pack NAME|PATH] [--split dev|heldout|all]
//                                        [--unannotated] [--list TRUE|FALSE|UNCLEAR] [--realdata DIR]
// Sets and the packs run on them are listed in eval/sets.json; `--set stc3_zh --pack zh-chat` runs one set with
// another pack instead. Annotations are eval/annotations/<set>.tsv: file, line, rule (without the pack prefix),
// verdict (TRUE | FALSE | UNCLEAR), reason — never the transcript's text (the data is not ours to copy) — and an
// optional `judged` column: `after-tuning` when the verdict was written (or changed) after the packs had been tuned on
// that file, so it cannot show precision on unseen calls; `before-tuning` when it was written first; empty: not
// recorded. The count of after-tuning verdicts among the problems is printed with each table.
// A problem is "line-level" when its rule judges something that was said (banned, pattern, order, follow,
// sequence); "call-level" when it reports something missing from the whole call (required, count).
// Precision = TRUE / (TRUE + FALSE) over annotated problems; UNCLEAR ones count in neither.
// The split: a file is held out when the first hex digit of sha1(its name) is 0–3, so the Chinese and English
// versions of one STC-3 dialogue fall on the same side. (Since 2026-11-30 the packs are tuned on the held-out
// files' false alarms too: see eval/README.md before reading the held-out figure as precision on unseen calls.)
// Recall: where eval/recall/<set>.tsv (or <set>.<name>.tsv, one more sample each) exists (file, line, norm, seed, reason, judged — the agent turns a reader found
// breaking a norm, listed before the linter ran on them), each run also prints, per rule, how many listed turns it
// reports: a line-level rule at that line, a call-level one anywhere in the file. `norm` is a rule id without the pack
// prefix, or `none:<name>` for a norm no rule covers (counted apart). Only rows of files in the split count. A
// `# sample: heldout` (or dev, all; or `files`, then `# files: NAME …` lines) names the files the reader went through, and `# scope: PACK` the pack whose
// norms the reader listed: on that pack's run, problems reported in the sample that no row lists are counted too
// (what the reader missed and the pack found), with their verdicts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from '../dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const realdata = resolve(option('--realdata', join(root, '..', 'shared', 'realdata')));
const split = option('--split', 'all');
const onlySet = option('--set', undefined);
const packOverride = option('--pack', undefined);
const showUnannotated = args.includes('--unannotated');
// --list FALSE (or TRUE, UNCLEAR): the problems judged so, with their reasons, to see which classes remain.
const listVerdict = option('--list', undefined);

if (!existsSync(realdata)) {
  console.log(`eval:real skipped: no real transcripts at ../shared/realdata (see eval/README.md)`);
  process.exit(0);
}

const LINE_LEVEL = new Set(['banned', 'pattern', 'order', 'follow', 'sequence', 'timing', 'pii']);
const sets = JSON.parse(readFileSync(join(root, 'eval', 'sets.json'), 'utf8'));
const runs = [];
for (const [set, packs] of Object.entries(sets)) {
  if (onlySet && set !== onlySet) continue;
  for (const pack of packOverride ? [packOverride] : packs) runs.push({ set, pack });
}
if (runs.length === 0) {
  console.error(`no set named ${onlySet} in eval/sets.json (sets: ${Object.keys(sets).join(', ')})`);
  process.exit(2);
}

const heldOut = (file) => parseInt(createHash('sha1').update(file).digest('hex')[0], 16) < 4;
const inSplit = (file) => split === 'all' || (split === 'heldout') === heldOut(file);

function readAnnotations(set) {
  const path = join(root, 'eval', 'annotations', `${set}.tsv`);
  const verdicts = new Map();
  if (!existsSync(path)) return verdicts;
  readFileSync(path, 'utf8').split('\n').forEach((row, i) => {
    if (!row.trim() || row.startsWith('#') || row.startsWith('file\t')) return;
    const [file, line, rule, verdict, reason, judged = ''] = row.split('\t');
    if (!['TRUE', 'FALSE', 'UNCLEAR'].includes(verdict)) {
      console.error(`eval/annotations/${set}.tsv:${i + 1}: verdict must be TRUE, FALSE or UNCLEAR, not ${verdict}`);
      process.exit(2);
    }
    if (!['', 'before-tuning', 'after-tuning'].includes(judged)) {
      console.error(`eval/annotations/${set}.tsv:${i + 1}: judged must be before-tuning, after-tuning or empty, not ${judged}`);
      process.exit(2);
    }
    verdicts.set(`${file}:${line}:${rule}`, { verdict, reason, judged });
  });
  return verdicts;
}

/** The recall samples of a set: eval/recall/<set>.tsv and eval/recall/<set>.<name>.tsv, each read by readRecall. */
function recallFiles(set) {
  const folder = join(root, 'eval', 'recall');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f === `${set}.tsv` || (f.startsWith(`${set}.`) && f.endsWith('.tsv'))).sort();
}

function readRecall(name) {
  const path = join(root, 'eval', 'recall', name);
  const rows = [];
  let sample;
  let scope;
  const sampleFiles = new Set();
  readFileSync(path, 'utf8').split('\n').forEach((row, i) => {
    const declared = /^#\s*sample:\s*(\S+)/.exec(row);
    if (declared) {
      if (!['heldout', 'dev', 'all', 'files'].includes(declared[1])) {
        console.error(`eval/recall/${name}:${i + 1}: sample must be heldout, dev, all or files, not ${declared[1]}`);
        process.exit(2);
      }
      sample = declared[1];
    }
    const listed = /^#\s*files:\s*(.+)$/.exec(row);
    if (listed) for (const file of listed[1].trim().split(/\s+/)) sampleFiles.add(file);
    const scoped = /^#\s*scope:\s*(\S+)/.exec(row);
    if (scoped) scope = scoped[1];
    if (!row.trim() || row.startsWith('#') || row.startsWith('file\t')) return;
    const [file, line, norm, seed, reason, judged = ''] = row.split('\t');
    if (!/^\d+$/.test(line ?? '') || !norm || !seed || !reason) {
      console.error(`eval/recall/${name}:${i + 1}: expected file, line, norm, seed, reason, judged`);
      process.exit(2);
    }
    if (!['', 'blind', 'after-tuning'].includes(judged)) {
      console.error(`eval/recall/${name}:${i + 1}: judged must be blind, after-tuning or empty, not ${judged}`);
      process.exit(2);
    }
    rows.push({ file, line: Number(line), norm, judged });
  });
  const inSample = (file) => sample === 'files' ? sampleFiles.has(file) : sample !== undefined && (sample === 'all' || (sample === 'heldout') === heldOut(file));
  return { name, rows, inSample, scope };
}

const packRef = (pack) => (/[\\/]|\.ya?ml$/.test(pack) ? resolve(pack) : pack);
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)} %` : '—');
const per100 = (n, calls) => (calls ? ((100 * n) / calls).toFixed(1) : '—');

for (const { set, pack } of runs) {
  const folder = join(realdata, set);
  if (!existsSync(folder)) {
    console.log(`${set}: skipped, no folder ${set} in ../shared/realdata`);
    continue;
  }
  const linter = Linter.create({ cwd: root, packs: [packRef(pack)], noConfigLookup: true });
  const kinds = new Map(linter.compiled.rules.filter((r) => r.entry.severity !== 0).map((r) => [r.entry.id, r.entry.def.kind]));
  const verdicts = readAnnotations(set);
  const recalls = recallFiles(set).map(readRecall);
  /** file → the (line, rule) of every problem, for recall; and the problems of each recall sample's files. */
  const reported = new Map();
  const inSample = recalls.map(() => []);
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt') && inSplit(f)).sort();
  const byRule = new Map([...kinds.keys()].map((id) => [id, { problems: 0, TRUE: 0, FALSE: 0, UNCLEAR: 0, open: 0 }]));
  const unannotated = [];
  const listed = [];
  const whenJudged = { 'before-tuning': 0, 'after-tuning': 0 };
  /** Rules not evaluated, by reason (notEvaluatedReasons). */
  const notEvaluated = new Map();
  for (const file of files) {
    const result = linter.lintFile(join(folder, file));
    for (const reason of Object.values(result.notEvaluatedReasons ?? {})) notEvaluated.set(reason, (notEvaluated.get(reason) ?? 0) + 1);
    const seen = new Set();
    for (const m of result.messages) {
      if (!m.ruleId) continue;
      const rule = m.ruleId.slice(m.ruleId.indexOf('/') + 1);
      const key = `${file}:${m.line}:${rule}`;
      if (!reported.has(file)) reported.set(file, new Set());
      reported.get(file).add(`${m.line}:${rule}`).add(`*:${rule}`);
      recalls.forEach((recall, i) => {
        if (recall.scope === pack && recall.inSample(file)) inSample[i].push({ file, line: m.line, rule, verdict: verdicts.get(key)?.verdict ?? 'not annotated' });
      });
      const row = byRule.get(m.ruleId);
      row.problems++;
      if (seen.has(key)) row.duplicate = (row.duplicate ?? 0) + 1;
      seen.add(key);
      const judged = verdicts.get(key);
      if (judged) {
        row[judged.verdict]++;
        if (judged.judged) whenJudged[judged.judged]++;
        if (judged.verdict === listVerdict) listed.push(`${file}\t${m.line}\t${rule}\t${judged.reason}`);
      }
      else {
        row.open++;
        unannotated.push(`${file}\t${m.line}\t${rule}`);
      }
    }
  }

  const level = (id) => (LINE_LEVEL.has(kinds.get(id)) ? 'line' : 'call');
  console.log(`\n## ${set} with ${pack}: ${files.length} calls (split: ${split})\n`);
  console.log('| rule | level | problems | per 100 calls | TRUE | FALSE | UNCLEAR | not annotated | precision |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const totals = { line: { problems: 0, TRUE: 0, FALSE: 0, UNCLEAR: 0, open: 0 }, call: { problems: 0, TRUE: 0, FALSE: 0, UNCLEAR: 0, open: 0 } };
  const silent = [];
  for (const [id, row] of byRule) {
    if (row.problems === 0) {
      silent.push(id);
      continue;
    }
    const total = totals[level(id)];
    for (const k of Object.keys(total)) total[k] += row[k];
    console.log(`| ${id} | ${level(id)} | ${row.problems} | ${per100(row.problems, files.length)} | ${row.TRUE} | ${row.FALSE} | ${row.UNCLEAR} | ${row.open} | ${pct(row.TRUE, row.TRUE + row.FALSE)} |`);
  }
  for (const [name, t] of Object.entries(totals)) {
    console.log(`| **${name}-level** | | ${t.problems} | ${per100(t.problems, files.length)} | ${t.TRUE} | ${t.FALSE} | ${t.UNCLEAR} | ${t.open} | **${pct(t.TRUE, t.TRUE + t.FALSE)}** |`);
  }
  const all = { problems: totals.line.problems + totals.call.problems, TRUE: totals.line.TRUE + totals.call.TRUE, FALSE: totals.line.FALSE + totals.call.FALSE };
  console.log(`| **all** | | ${all.problems} | ${per100(all.problems, files.length)} | ${all.TRUE} | ${all.FALSE} | | | **${pct(all.TRUE, all.TRUE + all.FALSE)}** |`);
  console.log(`\nRules that never fire (${silent.length}): ${silent.map((id) => id.slice(id.indexOf('/') + 1)).join(', ') || 'none'}`);
  const why = { 'no-timestamps': 'without timestamps', 'no-reply': 'the call ends before the reply', 'speaker-silent': 'the speaker never speaks' };
  if (notEvaluated.size) console.log(`Rules not evaluated in ${files.length} calls: ${[...notEvaluated].map(([reason, n]) => `${n} ${why[reason] ?? reason}`).join(', ')}`);
  const annotated = [...byRule.values()].reduce((n, r) => n + r.TRUE + r.FALSE + r.UNCLEAR, 0);
  console.log(`Verdicts recorded as judged after tuning on their file: ${whenJudged['after-tuning']}, before: ${whenJudged['before-tuning']}, not recorded: ${annotated - whenJudged['after-tuning'] - whenJudged['before-tuning']} (of ${annotated})`);
  console.log(`Not yet annotated: ${unannotated.length} problems${showUnannotated || !unannotated.length ? '' : ' (--unannotated lists them)'}`);
  if (showUnannotated) for (const row of unannotated) console.log(`  ${set}\t${row}`);
  if (listVerdict) {
    console.log(`Judged ${listVerdict}: ${listed.length}`);
    for (const row of listed) console.log(`  ${set}\t${row}`);
  }
  recalls.forEach((recall, i) => {
    const recallRows = recall.rows.filter((r) => inSplit(r.file));
    if (recallRows.length) printRecall(recall.name, pack, recallRows, reported, linter, inSample[i]);
  });
}

/** Recall per rule: of the listed agent turns, how many the pack reports (see the header). */
function printRecall(name, pack, rows, reported, linter, inSample) {
  const ids = new Map(linter.compiled.rules.map((r) => [r.entry.id.slice(r.entry.id.indexOf('/') + 1), r.entry]));
  const byNorm = new Map();
  const uncovered = new Map();
  for (const r of rows) {
    if (r.norm.startsWith('none')) {
      const name = r.norm.slice(r.norm.indexOf(':') + 1) || r.norm;
      uncovered.set(name, (uncovered.get(name) ?? 0) + 1);
      continue;
    }
    const entry = ids.get(r.norm);
    if (!byNorm.has(r.norm)) byNorm.set(r.norm, { listed: 0, reported: 0, state: !entry ? 'not in pack' : entry.severity === 0 ? 'off' : '' });
    const row = byNorm.get(r.norm);
    row.listed++;
    const callLevel = entry && !LINE_LEVEL.has(entry.def.kind);
    if (reported.get(r.file)?.has(`${callLevel ? '*' : r.line}:${r.norm}`)) row.reported++;
  }
  const files = new Set(rows.map((r) => r.file)).size;
  console.log(`\n### Recall: eval/recall/${name} with ${pack}, ${rows.length} listed problems (agent turn and norm) in ${files} calls\n`);
  console.log('| rule | listed | reported | missed | recall |');
  console.log('|---|---:|---:|---:|---:|');
  const total = { listed: 0, reported: 0 };
  for (const [norm, row] of [...byNorm].sort((a, b) => b[1].listed - a[1].listed || a[0].localeCompare(b[0]))) {
    total.listed += row.listed;
    total.reported += row.reported;
    console.log(`| ${norm}${row.state ? ` (${row.state})` : ''} | ${row.listed} | ${row.reported} | ${row.listed - row.reported} | ${pct(row.reported, row.listed)} |`);
  }
  console.log(`| **all rules** | ${total.listed} | ${total.reported} | ${total.listed - total.reported} | **${pct(total.reported, total.listed)}** |`);
  const none = [...uncovered.values()].reduce((a, b) => a + b, 0);
  console.log(`\nNorms no rule covers: ${none} listed${none ? ` (${[...uncovered].map(([n, c]) => `${n} ${c}`).join(', ')})` : ''}`);
  // What the pack reports in the sample's files that the list lacks: the reader's own misses (when TRUE).
  const listed = new Set(rows.map((r) => `${r.file}:${r.line}:${r.norm}`));
  const listedCall = new Set(rows.map((r) => `${r.file}:${r.norm}`));
  const unlisted = inSample.filter((p) => !listed.has(`${p.file}:${p.line}:${p.rule}`) &&
    !(!LINE_LEVEL.has(ids.get(p.rule)?.def.kind) && listedCall.has(`${p.file}:${p.rule}`)));
  if (inSample.length) {
    const by = (v) => unlisted.filter((p) => p.verdict === v).length;
    const shown = unlisted.slice(0, 20).map((p) => `${p.file}:${p.line} ${p.rule}`).join(', ');
    console.log(`Reported in the sample's calls but not listed: ${unlisted.length} (TRUE ${by('TRUE')}, FALSE ${by('FALSE')}, UNCLEAR ${by('UNCLEAR')}, not annotated ${by('not annotated')})${unlisted.length ? `: ${shown}${unlisted.length > 20 ? ', …' : ''}` : ''}`);
  }
}
