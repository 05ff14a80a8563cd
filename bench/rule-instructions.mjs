#!/usr/bin/env node
// Instructions a generated call's rules cost, counted by valgrind (cachegrind): the first 400 calls of
// bench/corpus-calls-2000 are read beforehand, then each of the given rules is run alone (`onlyRule`) over them, FROM
// and then TO passes, in two processes; the difference over (TO − FROM) · 400 calls is a call's count (read the
// rules' own cost against a run of `__none__`, which runs no rule). The young generation is made larger than the
// passes allocate, so no scavenge lands in the counted window: with V8's default, where the scavenges fall moved the
// same build's count by ~10 K a call from one process to the next; with this, counts repeat to ~0.01 K.
// usage: node bench/rule-instructions.mjs DIST RULE[,RULE…] [FROM] [TO]   (default passes 10 and 30)
//        node bench/rule-instructions.mjs --passes N DIST RULES   (internal: one counted process)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countInstructions } from './cachegrind.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CALLS = 400;
const YOUNG = ['--max-semi-space-size=1024', '--min-semi-space-size=1024'];

async function countedProcess(passes, dist, rules) {
  const imp = (path) => import(pathToFileURL(join(dist, path)).href);
  const { Linter } = await imp('index.js');
  const { lintTranscript } = await imp('engine/lint-transcript.js');
  const { readTranscript } = await imp('transcript/index.js');
  const { compiled } = Linter.create();
  const folder = join(here, 'corpus-calls-2000');
  const calls = [];
  for (const sub of readdirSync(folder).sort()) {
    for (const name of readdirSync(join(folder, sub)).sort()) {
      if (calls.length === CALLS) break;
      const file = join(folder, sub, name);
      calls.push({ file, transcript: readTranscript(readFileSync(file), file, compiled.speakers) });
    }
  }
  let problems = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const rule of rules) for (const { file, transcript } of calls) problems += lintTranscript(compiled, transcript, file, { onlyRule: rule }).messages.length;
  }
  console.log(`problems ${problems}`);
}

function instructions(passes, dist, rules) {
  return countInstructions(['--predictable', ...YOUNG, fileURLToPath(import.meta.url), '--passes', String(passes), dist, rules]);
}

const args = process.argv.slice(2);
if (args[0] === '--passes') {
  await countedProcess(Number(args[1]), args[2], args[3].split(','));
} else {
  const [distArg, rules, from = '10', to = '30'] = args;
  if (!distArg || !rules) throw new Error('usage: node bench/rule-instructions.mjs DIST RULE[,RULE…] [FROM] [TO]');
  const dist = resolve(distArg);
  if (!existsSync(join(dist, 'index.js'))) throw new Error(`no build in ${dist}`);
  const low = instructions(Number(from), dist, rules);
  const high = instructions(Number(to), dist, rules);
  const perCall = (high - low) / ((Number(to) - Number(from)) * CALLS);
  console.log(`${rules}: ${(perCall / 1000).toFixed(2)} K instructions a call (${from} passes ${low.toLocaleString('en')}, ${to} passes ${high.toLocaleString('en')})`);
}
