#!/usr/bin/env node
// Part of `npm run build`, after the TypeScript compile: what a run would otherwise work out at every start (issue
// #14), prepared once.
// - dist/fold-units.bin: each UTF-16 unit's Simplified form, lower case and class, from which the fold tables are
//   made in a millisecond instead of tens (src/text/fold-table.ts; a run without the file works them out itself).
// - dist/automata/*.bin: the built-in packs' phrase automata, which a run of one reads instead of building it
//   (40–60 ms of each thread's start; src/text/prebuilt-automata.ts).
// - dist/phrases/*.json: the built-in packs' phrases as compiled, which a run looks up by their text instead of
//   compiling them (~20 ms of each thread's start; src/text/prebuilt-phrases.ts).
// - dist/opencc/*.utf16le: OpenCC's tables as UTF-16 text, read in a fifth of the time of opencc-js's modules the
//   first time a fix is offered in a Traditional transcript (src/text/opencc-dictionary.ts; without them, the
//   modules are read).
// - dist/cli/bundle.cjs: the command line in one file (bin/ loads it through src/cli/load-bundle.cts). Start-up is
//   mostly module loading — resolving and compiling about a hundred files of our own and their dependencies — and
//   one file cuts that. It is a CommonJS-style script, not an ES module: Node 20 can compile only a script with a
//   code cache. The library (dist/index.js) stays as compiled. The bundle stands in dist/cli/ like
//   run.js, and its `import.meta.url` is its own, so paths it takes relative to itself (../verified-packs.json,
//   ../fold-units.bin, the rule packs, the worker, package.json) point where they do from the compiled files.
//   Libraries loaded on first use (lazyModule: yaml, ajv, fast-glob, …) stay outside it and are loaded from
//   node_modules when a run needs them.
// - dist/cli/bundle.TAG.cache: V8's code cache of the bundle, taken after a warm-up lint of the fixtures, so that it
//   holds the bytecode of what a lint runs (functions are compiled lazily, on first call). V8 takes a cache only
//   under the flags it was made under: one is written under Node's defaults and one under the command line's flag,
//   each named by V8's tag of its version and flags (src/script-bundle.cts).
// - dist/build-id: a hash of the compiled code and the installed dependencies' versions, part of the --cache key.
// - dist/runner/worker-bundle.cjs and .TAG.cache: the same for a lint worker's code (src/runner/worker.ts), which each
//   thread of the pool loads (src/runner/worker-load.cts) whether the pool was started by the command line or the
//   library. It stands in dist/runner/ like worker.js; its cache is taken after it linted the fixtures through a
//   message port, as a worker does.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';

const { writeFoldUnits } = await import('../dist/text/fold-table.js');
writeFoldUnits();
const { writeOpenccTables } = await import('../dist/text/opencc-dictionary.js');
writeOpenccTables();
// dist/automata/: each built-in pack's phrase automaton as a run of that pack alone makes it (src/text/prebuilt-automata.ts).
// dist/phrases/: each built-in pack's phrases as compiled (src/text/prebuilt-phrases.ts), compiled here without them.
{
  const { AUTOMATA_FOLDER, writePrebuiltAutomata } = await import('../dist/text/prebuilt-automata.js');
  const { PHRASES_FOLDER, writePrebuiltPhrases } = await import('../dist/text/prebuilt-phrases.js');
  const { loadConfig, builtinPackNames } = await import('../dist/config/load.js');
  const { compileConfig } = await import('../dist/engine/compile.js');
  rmSync(AUTOMATA_FOLDER, { recursive: true, force: true });
  rmSync(PHRASES_FOLDER, { recursive: true, force: true });
  for (const pack of builtinPackNames()) {
    const compiled = compileConfig(loadConfig({ packs: [pack], noConfigLookup: true }));
    writePrebuiltAutomata(compiled.matcher.phrases.map((phrase) => phrase.anchor));
    writePrebuiltPhrases(pack, compiled.config.normalize, compiled.phrases);
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

// dist/build-id: which build made a cached result (src/runner/build-id.ts), from the compiled code and the
// dependencies as installed.
const { computeBuildId } = await import('../dist/runner/build-id.js');
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const installed = Object.fromEntries(Object.keys(dependencies).map((name) => {
  const manifest = join(root, 'node_modules', name, 'package.json');
  return [name, existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : dependencies[name]];
}));
writeFileSync(join(root, 'dist', 'build-id'), `${computeBuildId(join(root, 'dist'), installed)}\n`);
const { BUILD_MARK, COMMAND_LINE_V8_FLAG, cacheFileOf, codeCacheFile } = await import('../dist/script-bundle.cjs');

/**
 * The entry `entry` (a compiled file) with all it imports in one CommonJS-style script, in ASCII, its last line
 * naming its build. `requiredOnFirstUse`: Node's modules that a lint of a few files does not need; each is loaded
 * when one of its exports is first read (src/script-bundle.cts).
 */
async function bundle(entry, outfile, requiredOnFirstUse) {
  const entryDir = dirname(join(root, entry));
  /** Modules the entry imports only on demand (the command line's language server, its protocol libraries). */
  const onDemand = new Set();
  const { outputFiles: [output] } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Whitespace and syntax only: names stay as written, for stack traces of internal errors.
    minifyWhitespace: true,
    minifySyntax: true,
    // The loader passes the bundle's import.meta (src/script-bundle.cts).
    define: { 'import.meta': '__importMeta' },
    plugins: [{
      // chalk works out a default color level from the terminal as it loads (loading node:tty, node:os and through
      // them node:net, ~10 ms). Every Chalk this tool makes is given its level (src/report/, src/authoring/), so the
      // bundle's chalk is built without that default: it answers "no colors" if ever asked.
      name: 'chalk-without-color-detection',
      setup(builder) {
        builder.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-color-detection' }));
        builder.onLoad({ filter: /.*/, namespace: 'no-color-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
      },
    }, {
      // What the entry imports only on demand stays out of the bundle, imported from the compiled file beside it
      // when asked for. (Only from the entry's folder, where the bundle stands: from there the relative path holds.)
      name: 'on-demand-imports-stay-outside',
      setup(builder) {
        builder.onResolve({ filter: /^\.\.?\//, namespace: 'file' }, (args) => {
          if (args.kind !== 'dynamic-import' || dirname(args.importer) !== entryDir) return undefined;
          onDemand.add(args.path);
          return { path: args.path, external: true };
        });
      },
    }],
    logLevel: 'warning',
  });

  // A script has no dynamic import() of its own (not without an experimental flag in Node 20): the loader passes one.
  let code = output.text;
  for (const path of onDemand) {
    const call = `import(${JSON.stringify(path)})`;
    if (!code.includes(call)) throw new Error(`build-runtime: the bundle of ${entry} has no ${call} to route through the loader`);
    code = code.replaceAll(call, `__importOutside(${JSON.stringify(path)})`);
  }
  // Node's modules that most runs never use are required when first used: only a module object whose exports are
  // read later can be (esbuild's `__toESM` copies every export at once).
  for (const id of requiredOnFirstUse) {
    const call = `require(${JSON.stringify(id)})`;
    if (!code.includes(call)) throw new Error(`build-runtime: the bundle of ${entry} no longer requires ${id}; take it off its list`);
    if (code.includes(`__toESM(${call}`)) throw new Error(`build-runtime: the bundle of ${entry} reads every export of ${id} as it loads; it cannot be required on first use`);
    code = code.replaceAll(call, `__requireOnFirstUse(${JSON.stringify(id)})`);
  }
  // An ASCII script is read and held as a one-byte string, in half the memory and time of a two-byte one (which one
  // non-ASCII character makes of all 600 KB). esbuild escapes every other non-ASCII character, but leaves regular
  // expression literals as written (/[:：]/u): each UTF-16 unit there is written as \uXXXX, which means that unit in a
  // regular expression with or without the u flag (in one with it, a surrogate pair so written is one character).
  // A non-ASCII character after a backslash would need its backslash dropped: there is none; the build says so if
  // there ever is.
  code = code.replace(/(\\*)([^\x00-\x7f])/g, (_, backslashes, unit) => {
    if (backslashes.length % 2) throw new Error(`build-runtime: the bundle of ${entry} escapes a non-ASCII character (\\${unit}); write it unescaped`);
    return `${backslashes}\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  const unsupported = /__importMeta\.(?!(?:url|filename|dirname)\b)\w+/.exec(code);
  if (unsupported) throw new Error(`build-runtime: the bundle of ${entry} uses ${unsupported[0]}, which the loader does not give (src/script-bundle.cts)`);
  return `${code}${BUILD_MARK}${createHash('sha256').update(code).digest('hex').slice(0, 16)}\n`;
}

/**
 * Write a bundle, and (after `warmUp` has run it) its code caches: under Node's default V8 flags and under the command
 * line's (V8 stamps a cache with the flags in force as it is made). Never a cache of an earlier bundle beside it.
 */
async function writeBundle(files, code, load, warmUp) {
  const dir = dirname(files.cacheStem);
  const name = basename(files.cacheStem);
  for (const file of readdirSync(dir)) if (file.startsWith(`${name}.`) && file.endsWith('.cache')) rmSync(join(dir, file));
  writeFileSync(files.bundle, code);
  const loaded = load(null);
  await warmUp(loaded.exports);
  for (const flag of [COMMAND_LINE_V8_FLAG.unset, COMMAND_LINE_V8_FLAG.set]) {
    setFlagsFromString(flag);
    writeFileSync(cacheFileOf(files), codeCacheFile(code, loaded.script.createCachedData()));
  }
  setFlagsFromString(COMMAND_LINE_V8_FLAG.unset);
}

// The warm-ups: the pack loaded and compiled, each rule kind run on good and bad transcripts (and for the command
// line, a report written). Without the fixtures — not in the published package — a cache holds what its bundle
// compiles as it loads.
const fixtures = ['fixtures/zh', 'fixtures/zh-hant'].map((f) => join(root, f)).filter((f) => existsSync(f));

const { CLI_BUNDLE, loadBundle } = await import('../dist/cli/load-bundle.cjs');
const cliCode = await bundle('dist/cli/run.js', CLI_BUNDLE.bundle, ['node:child_process', 'node:crypto', 'node:os', 'node:v8', 'node:worker_threads']);
await writeBundle(CLI_BUNDLE, cliCode, (cache) => {
  const { cli, script } = loadBundle(cache);
  return { exports: cli, script };
}, async (cli) => {
  if (!fixtures.length) return;
  const scratch = mkdtempSync(join(tmpdir(), 'transcript-lint-build-'));
  try {
    await cli.main(['node', 'transcript-lint', '--no-config-lookup', '--concurrency', 'off', '-o', join(scratch, 'report.txt'), ...fixtures]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

// The worker lints the fixtures as the pool would have it: one batch through a message port.
const { WORKER_BUNDLE, loadWorkerBundle } = await import('../dist/runner/worker-load.cjs');
const { encodeTasks } = await import('../dist/runner/batch-codec.js');
const workerCode = await bundle('dist/runner/worker.js', WORKER_BUNDLE.bundle, ['node:crypto', 'node:v8']);
await writeBundle(WORKER_BUNDLE, workerCode, loadWorkerBundle, async (worker) => {
  const tasks = fixtures.flatMap((dir) => readdirSync(dir).sort().map((name) => ({ path: join(dir, name), display: name })));
  if (!tasks.length) return;
  const { port1, port2 } = new MessageChannel();
  worker.serveLintBatches(port2, { linterOptions: { cwd: root, noConfigLookup: true }, progress: new SharedArrayBuffer(8) });
  const replied = new Promise((resolve) => port1.once('message', resolve));
  port1.postMessage(encodeTasks(0, tasks));
  const { outcomes } = await replied;
  port1.close();
  if (outcomes.length !== tasks.length) throw new Error('build-runtime: the worker\'s warm-up lint answered for other files');
});
