#!/usr/bin/env node
// The phrase scan's time a character by the step table's size, with the cache as a run leaves it (docs/performance.md,
// "The step table's size against the cache"). One process: the default pack's matcher is given, round by round
// (interleaved, the order reversed every other round), the rows of automata built with table limits 1<<16 … 1<<21 —
// the same nodes, only how many of them have a row differs — and only its scanUnits is timed:
//   lint (default): each call linted whole (Linter.lintBytes) between scans, so the rest of a call's work has run;
//   flush:KB        the calls' recorded normalized units scanned alone (a no-op onHit) with KB of other memory read
//                   before each scan (flush:0: back to back, the table as warm as it gets);
//   chains          as lint, the whole table, one chain of steps against two (docs/performance.md, "Two chains of
//                   steps at once"): the third argument then lists the lengths from which a text is scanned by two
//                   chains (PhraseMatcher's twoChainsFrom), `off` for never.
// usage: node bench/scan-table.mjs [lint|flush:KB|chains] [ROUNDS] [LIMITS e.g. 16,19,21 | FROM e.g. off,64] [FOLDER] [DIST]
//        (FOLDER: folders of calls, default bench/corpus-calls-2000; DIST: a build's dist/, default this one's)
// It reaches into PhraseMatcher's private useRows, whole and twoChainsFrom (src/text/matcher.ts): keep them in step.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [mode = 'lint', roundsArg = '15', limitsArg, folderArg, distArg] = process.argv.slice(2);
if (mode !== 'lint' && mode !== 'chains' && !/^flush:\d+$/.test(mode)) throw new Error('usage: node bench/scan-table.mjs [lint|flush:KB|chains] [ROUNDS] [LIMITS|FROM] [FOLDER] [DIST]');
const rounds = Number(roundsArg);
const chains = mode === 'chains';
// The variants compared: table limits (log 2), or with `chains` the lengths from which two chains scan (`off`: never).
const limits = (limitsArg ?? (chains ? 'off,64' : '16,17,18,19,20,21')).split(',');
const folder = resolve(folderArg ?? join(here, 'corpus-calls-2000'));
const dist = resolve(distArg ?? join(here, '..', 'dist'));
if (!existsSync(folder)) throw new Error(`no calls in ${folder} (node bench/generate-corpus.mjs ${folder} 2000 7)`);
const { Linter } = await import(pathToFileURL(join(dist, 'index.js')).href);
const M = await import(pathToFileURL(join(dist, 'text', 'matcher.js')).href);

const files = [];
for (const sub of readdirSync(folder).sort()) {
  for (const name of readdirSync(join(folder, sub)).sort()) files.push({ file: join(folder, sub, name), bytes: readFileSync(join(folder, sub, name)) });
}

// One warm pass finds the matcher with the most phrases (the default pack's) and records what it scans.
const scanUnits = M.PhraseMatcher.prototype.scanUnits;
let target;
const recorded = [];
M.PhraseMatcher.prototype.scanUnits = function (units, length, onHit) {
  if (!target || this.phrases.length > target.phrases.length) target = this;
  if (this === target) recorded.push(units.slice(0, length));
  return scanUnits.call(this, units, length, onHit);
};
const linter = Linter.create();
for (const { file, bytes } of files) linter.lintBytes(bytes, file);
const calls = recorded.filter((units) => units.length > 0).slice(-files.length);
const anchors = target.phrases.map((phrase) => phrase.anchor);
const whole = chains ? M.buildAutomaton(anchors) : undefined; // one table for all variants of `chains`
const automata = new Map(limits.map((limit) => [limit, whole ?? M.buildAutomaton(anchors, 2 ** Number(limit))]));
const label = (limit) => (!chains ? `1<<${limit}` : limit === 'off' ? 'one chain' : `two chains from ${limit} units`);
console.log(`${target.phrases.length} phrases, ${target.fail.length} nodes, ${target.columns} columns; ${mode}`);
for (const [limit, a] of automata) console.log(`  ${label(limit)}: ${a.tableNodes} nodes with a row, ${Math.round(a.step.byteLength / 1024)} KB`);

let ns = 0n;
let chars = 0;
M.PhraseMatcher.prototype.scanUnits = function (units, length, onHit) {
  if (this !== target) return scanUnits.call(this, units, length, onHit);
  const t = process.hrtime.bigint();
  scanUnits.call(this, units, length, onHit);
  ns += process.hrtime.bigint() - t;
  chars += length;
};
target.whole = undefined; // no switch to the whole table in between
const flushKB = mode.startsWith('flush:') ? Number(mode.slice(6)) : 0;
const other = new Int32Array(flushKB * 256);
let sink = 0;
const noHit = () => { sink++; };
const perChar = new Map(limits.map((limit) => [limit, []]));
for (let round = -2; round < rounds; round++) {
  const order = round % 2 ? [...limits].reverse() : limits;
  for (const limit of order) {
    target.useRows(automata.get(limit));
    if (chains) target.twoChainsFrom = limit === 'off' ? Infinity : Number(limit);
    ns = 0n;
    chars = 0;
    if (!mode.startsWith('flush:')) for (const { file, bytes } of files) linter.lintBytes(bytes, file);
    else {
      for (const units of calls) {
        for (let j = 0; j < other.length; j += 16) sink += other[j]++; // a line of 64 bytes each
        target.scanUnits(units, units.length, noHit);
      }
    }
    if (round >= 0) perChar.get(limit).push(Number(ns) / chars);
  }
}
if (sink < 0) throw new Error('unreachable'); // sink read: the flush and the no-op hits are not dropped
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${calls.length} calls, ${chars} characters a round, ${rounds} rounds (ns a character: median, lowest–highest)`);
for (const limit of limits) {
  const xs = perChar.get(limit);
  console.log(`  ${label(limit)}: ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}); ${(median(xs) * chars / calls.length / 1000).toFixed(2)} µs a call`);
}
