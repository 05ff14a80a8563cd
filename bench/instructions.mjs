#!/usr/bin/env node
// A warm call's cost in instructions, counted by valgrind (cachegrind), which repeats to ~0.2 % whatever else the
// machine is doing — unlike CPU time on a shared machine. Method (docs/performance.md, "Per-file CPU once warm"):
// lint 400 generated calls of one script 3 times, then 7 times, under `node --predictable` (one thread: no concurrent
// compiling or collecting); the difference over 1,600 calls is a warm call's count, since start-up, the packs' load
// and the JIT's warm-up cancel.
// usage: node bench/instructions.mjs [hans|hant] [DIST] [RUNS] [FROM-TO] (DIST: a build's dist/ folder, default this
//        one's; RUNS: count each of the two processes that many times and keep the lowest, default 1 — under load the
//        7-pass count sometimes comes out 100–200 M higher, never lower: see docs/performance.md; FROM-TO: the two
//        processes' passes, default 3-7 — the default pack's whole automaton is read in the 4th pass, so 5-13 counts
//        calls past that switch, as a long run's are)
//        node bench/instructions.mjs --passes N SCRIPT DIST (internal: one counted process)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countInstructions } from './cachegrind.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CALLS = 400;
// Traditional script shows in the generated calls' fixed wording (為您服務, 請問, 這個…).
const TRADITIONAL = /[為們這說請謝號務]/;

function calls(script) {
  const folder = join(here, 'corpus-calls-2000');
  if (!existsSync(folder)) {
    execFileSync(process.execPath, [join(here, 'generate-corpus.mjs'), folder, '2000', '7'], { stdio: 'inherit' });
  }
  const files = [];
  for (const sub of readdirSync(folder).sort()) {
    for (const name of readdirSync(join(folder, sub)).sort()) files.push(join(folder, sub, name));
  }
  const chosen = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    if (TRADITIONAL.test(bytes.toString('utf8')) === (script === 'hant')) chosen.push({ file, bytes });
    if (chosen.length === CALLS) break;
  }
  return chosen;
}

async function countedProcess(passes, script, dist) {
  const { Linter } = await import(pathToFileURL(join(dist, 'index.js')).href);
  const linter = Linter.create();
  const chosen = calls(script);
  let problems = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const { file, bytes } of chosen) problems += linter.lintBytes(bytes, file).messages.length;
  }
  console.log(`problems ${problems}`);
}

function instructions(passes, script, dist) {
  return countInstructions(['--predictable', fileURLToPath(import.meta.url), '--passes', String(passes), script, dist]);
}

const args = process.argv.slice(2);
if (args[0] === '--passes') {
  await countedProcess(Number(args[1]), args[2], args[3]);
} else {
  const script = args[0] ?? 'hans';
  if (script !== 'hans' && script !== 'hant') throw new Error('usage: node bench/instructions.mjs [hans|hant] [DIST] [RUNS] [FROM-TO]');
  const dist = resolve(args[1] ?? join(here, '..', 'dist'));
  calls(script); // generate the calls before counting
  const runs = Math.max(1, Number(args[2] ?? 1));
  const lowest = (passes) => Math.min(...Array.from({ length: runs }, () => instructions(passes, script, dist)));
  const [from, to] = (args[3] ?? '3-7').split('-').map(Number);
  if (!(from >= 1 && to > from)) throw new Error(`FROM-TO: two pass counts, the second larger (${args[3]})`);
  const low = lowest(from);
  const high = lowest(to);
  const perCall = (high - low) / ((to - from) * CALLS);
  console.log(`${script} ${dist}: ${Math.round(perCall / 1000).toLocaleString('en')} K instructions a warm call` +
    ` (${from} passes ${low.toLocaleString('en')}, ${to} passes ${high.toLocaleString('en')})`);
}
