#!/usr/bin/env node
// Where a run's CPU time goes, by pipeline stage: transcript-lint over a folder in one thread under the V8 sampling
// profiler, each sample charged to the stage of the innermost frame that belongs to one. Shares of one run, so they
// hold on a busy machine better than wall times do.
// usage: node bench/stages.mjs FOLDER [MORE ARGS]      (prints a Markdown table)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Stage of a frame, by function and file (first match wins); undefined: look at the caller. */
const STAGES = [
  ['format', (fn, url) => url.includes('/dist/report/') || url.includes('/dist/cli/output') || url.includes('/node_modules/chalk/') || url.includes('/node_modules/string-width/')],
  ['place', (fn, url) => (url.includes('/dist/engine/lint-transcript.js') && (fn === 'place' || fn === 'turnAt')) || url.includes('/dist/engine/line-index.js') || url.includes('/dist/engine/directives.js')],
  ['rules', (fn, url) => url.includes('/dist/rules/') || url.includes('/node_modules/re2js/') || (url.includes('/dist/engine/lint-transcript.js') && /hits|contextFor|turnsInScope|overlapsAny|spanIndex|allowed|scoped/.test(fn))],
  // The hit recorder is an unnamed closure that the matcher calls: it falls to its caller, the scan.
  ['scan', (fn, url) => url.includes('/dist/text/matcher.js') || url.includes('/dist/text/fuzzy')],
  ['normalize', (fn, url) => url.includes('/dist/text/normalize.js')],
  ['decode', (fn, url) => url.includes('/dist/transcript/decode.js') || url.includes('/node_modules/jschardet/') || fn === 'decode'],
  ['parse', (fn, url) => url.includes('/dist/transcript/')],
  ['read', (fn, url) => /^(readFileSync|openSync|readSync|closeSync|fstatSync|tryStatSync|tryReadSync|tryCreateBuffer)$/.test(fn) || url.includes('/dist/runner/walk.js') || url.includes('/dist/runner/discover.js')],
  ['start-up', (fn, url) => url.includes('/dist/config/') || url.includes('/dist/engine/compile.js') || url.includes('/dist/text/fold-table.js') || url.includes('/node_modules/yaml/') || url.includes('/node_modules/ajv/') || url.startsWith('node:internal/modules') || fn === 'compileSourceTextModule'],
];

export function stageProfile(folder, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'transcript-lint-stages-'));
  // The compiled files, not the one-file CLI that bin/ runs: stages are told by the file a function comes from.
  const cli = new URL('../dist/cli/run.js', import.meta.url).href;
  const args = ['--no-config-lookup', '--concurrency', 'off', '-f', 'compact', folder, ...extraArgs];
  const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--input-type=module', '-e',
    `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(['node', 'transcript-lint', ...${JSON.stringify(args)}]);`],
  { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`transcript-lint failed: ${run.stderr}`);
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map();
  const classify = (id) => {
    if (stageOf.has(id)) return stageOf.get(id);
    const { functionName, url } = nodes.get(id).callFrame;
    let stage = STAGES.find(([, test]) => test(functionName, url))?.[0];
    if (!stage) {
      if (functionName === '(garbage collector)') stage = 'garbage collection';
      else if (functionName === '(idle)' || functionName === '(program)') stage = 'idle / VM';
      else stage = parent.has(id) ? classify(parent.get(id)) : 'other';
    }
    stageOf.set(id, stage);
    return stage;
  };
  const totals = new Map();
  profile.samples.forEach((id, i) => {
    const stage = classify(id);
    totals.set(stage, (totals.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [folder, ...rest] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: node bench/stages.mjs FOLDER [MORE ARGS]');
    process.exit(2);
  }
  const totals = stageProfile(folder, rest);
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log('| stage | CPU ms | share |\n|---|---|---|');
  const order = ['start-up', 'read', 'decode', 'parse', 'normalize', 'scan', 'rules', 'place', 'format', 'garbage collection', 'idle / VM', 'other'];
  for (const stage of order) if (totals.has(stage)) console.log(`| ${stage} | ${Math.round(totals.get(stage))} | ${((100 * totals.get(stage)) / sum).toFixed(1)} % |`);
  console.log(`| total | ${Math.round(sum)} | |`);
}
