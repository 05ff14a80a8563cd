#!/usr/bin/env node
// The benchmark, in one run: transcript-lint with the built-in pack against `rg -F -f <the pack's literal phrases>`
// and against just reading every file (`cat` to /dev/null), over the same generated corpus; then peak memory at a
// tenth of the corpus, and a second run with --cache over unchanged files. Prints ratios, files/s, MB/s, peak memory.
// usage: npm run bench [-- FILES]        (default 100000; the corpus is generated once under bench/corpus-FILES/)
// Not part of `npm test`: it takes minutes and measures this machine, not correctness.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = Number(process.argv[2] ?? process.env.BENCH_FILES ?? 100_000);
const corpus = join(root, 'bench', `corpus-${files}`);
const work = join(tmpdir(), `transcript-lint-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

function sh(command, options = {}) {
  const run = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (run.status !== 0 && !options.allowFailure) {
    process.stderr.write(run.stderr);
    throw new Error(`failed: ${command}`);
  }
  return run;
}

// Tools: ripgrep and GNU time (for peak memory) from Debian's packages; the built linter.
sh('bash scripts/install-system-deps.sh ripgrep time', { stdio: 'inherit' });
for (const tool of ['rg', '/usr/bin/time']) {
  if (sh(`command -v ${tool}`, { allowFailure: true }).status !== 0) {
    console.error(`bench: ${tool} is missing; install the Debian packages ripgrep and time`);
    process.exit(2);
  }
}
if (!existsSync(join(root, 'dist', 'index.js'))) sh('npm run build');

if (!existsSync(join(corpus, '.complete'))) {
  rmSync(corpus, { recursive: true, force: true });
  sh(`node bench/generate-corpus.mjs ${JSON.stringify(corpus)} ${files}`, { stdio: 'inherit' });
  writeFileSync(join(corpus, '.complete'), '');
}
const folders = readdirSync(corpus).filter((f) => f.startsWith('batch-')).sort();
let bytes = 0;
for (const folder of folders) for (const f of readdirSync(join(corpus, folder))) bytes += statSync(join(corpus, folder, f)).size;

// The pack's literal phrases, for ripgrep: a phrase with placeholders ({*}, {n}) is written as its anchor literal.
const { Linter } = await import(join(root, 'dist', 'index.js'));
const phrases = [...new Set(Linter.create({ noConfigLookup: true }).compiled.phrases.map((p) => (/\{[^{}]*\}/.test(p.source) ? p.anchor : p.source)))];
const phraseFile = join(work, 'phrases.txt');
writeFileSync(phraseFile, phrases.join('\n') + '\n');

/** Run under GNU time: wall seconds and peak resident memory (MB) of the process tree's largest process. */
function measure(label, command) {
  const report = join(work, 'time.txt');
  sh(`/usr/bin/time -v -o ${report} bash -c ${JSON.stringify(command)} > /dev/null`, { allowFailure: true });
  const text = sh(`cat ${report}`).stdout;
  const clock = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(text);
  const wall = Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const peakMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)[1]) / 1024;
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(text)[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(text)[1]);
  return { label, wall, cpu, peakMb };
}

const lint = `node ${join(root, 'bin', 'transcript-lint.js')} --no-config-lookup -f compact`;
const tenth = folders.slice(0, Math.max(1, Math.round(folders.length / 10))).map((f) => join(corpus, f)).join(' ');
const cacheFile = join(work, 'cache');

console.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times on a busy machine grow; cpu times less so)`);
console.log(`corpus: ${files} transcripts, ${(bytes / 1e6).toFixed(1)} MB, ${folders.length} folders; ${cpus().length} cores; ${phrases.length} literal phrases`);
measure('warm-up', `find ${corpus} -name '*.txt' -print0 | xargs -0 cat`); // page cache, as a nightly job after the day's writes
const rows = [
  measure('cat (read floor)', `find ${corpus} -name '*.txt' -print0 | xargs -0 cat`),
  measure('rg -F -f phrases', `rg -c -F -f ${phraseFile} ${corpus}`),
  measure('transcript-lint', `${lint} ${corpus}`),
];
const [floor, rg, ours] = rows;
const small = measure('transcript-lint, a tenth', `${lint} ${tenth}`);
rmSync(cacheFile, { force: true });
const cold = measure('--cache, first run', `${lint} --cache --cache-location ${cacheFile} ${corpus}`);
const warm = measure('--cache, unchanged', `${lint} --cache --cache-location ${cacheFile} ${corpus}`);
const cacheMb = statSync(cacheFile).size / 1e6;
// The same pair over a tenth: peak memory with --cache must not grow with the number of files either.
const smallCacheFile = join(work, 'cache-tenth');
measure('--cache, a tenth, first', `${lint} --cache --cache-location ${smallCacheFile} ${tenth}`);
const smallWarm = measure('--cache, a tenth, unchanged', `${lint} --cache --cache-location ${smallCacheFile} ${tenth}`);

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('', 24)}${pad('wall s', 9)}${pad('cpu s', 9)}${pad('files/s', 10)}${pad('MB/s', 9)}peak MB`);
for (const r of [...rows, small, cold, warm, smallWarm]) {
  const n = r === small || r === smallWarm ? Math.round(files / folders.length) * Math.max(1, Math.round(folders.length / 10)) : files;
  const mb = r === small || r === smallWarm ? (bytes * n) / files / 1e6 : bytes / 1e6;
  console.log(`${pad(r.label, 24)}${pad(r.wall.toFixed(2), 9)}${pad(r.cpu.toFixed(2), 9)}${pad(Math.round(n / r.wall), 10)}${pad((mb / r.wall).toFixed(1), 9)}${r.peakMb.toFixed(0)}`);
}
const ratio = (a, b) => (a / b).toFixed(2);
console.log(`
transcript-lint / rg              ${ratio(ours.wall, rg.wall)}×   (target ≤ 3; cpu ${ratio(ours.cpu, rg.cpu)}×)
transcript-lint / cat             ${ratio(ours.wall, floor.wall)}×   (target ≤ 4; cpu ${ratio(ours.cpu, floor.cpu)}×)
peak memory, all / a tenth        ${ratio(ours.peakMb, small.peakMb)}×   (target ≤ 1.3)
  the same with --cache, unchanged ${ratio(warm.peakMb, smallWarm.peakMb)}×   (target ≤ 1.3)
--cache unchanged / cold run      ${ratio(warm.wall, ours.wall)}×   (target < 0.10; cpu ${ratio(warm.cpu, ours.cpu)}×; / first --cache run ${ratio(warm.wall, cold.wall)}×)
cache file                        ${cacheMb.toFixed(0)} MB for ${files} files
load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
rmSync(work, { recursive: true, force: true });
