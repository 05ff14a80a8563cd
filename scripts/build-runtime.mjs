#!/usr/bin/env node
// Part of `npm run build`, after the TypeScript compile: what a run would otherwise work out at every start (issue
// #14), prepared once.
// - dist/fold-units.bin: each UTF-16 unit's Simplified form, lower case and class, from which the fold tables are
//   made in a millisecond instead of tens (src/text/fold-table.ts; a run without the file works them out itself).
// - dist/opencc/*.utf16le: OpenCC's tables as UTF-16 text, read in a fifth of the time of opencc-js's modules the
//   first time a fix is offered in a Traditional transcript (src/text/opencc-dictionary.ts; without them, the
//   modules are read).
// - dist/cli/bundle.cjs: the command line in one file (bin/ loads it through src/cli/load-bundle.cts). Start-up is
//   mostly module loading — resolving and compiling about a hundred files of our own and their dependencies — and
//   one file cuts that. It is a CommonJS-style script, not an ES module: Node 20 can compile only a script with a
//   code cache. The library (dist/index.js) and the worker stay as compiled. The bundle stands in dist/cli/ like
//   run.js, and its `import.meta.url` is its own, so paths it takes relative to itself (../verified-packs.json,
//   ../fold-units.bin, the rule packs, the worker, package.json) point where they do from the compiled files.
//   Libraries loaded on first use (lazyModule: yaml, ajv, fast-glob, …) stay outside it and are loaded from
//   node_modules when a run needs them.
// - dist/cli/bundle.cache: V8's code cache of the bundle, taken after a warm-up lint of the fixtures, so that it
//   holds the bytecode of what a lint runs (functions are compiled lazily, on first call).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { writeFoldUnits } = await import('../dist/text/fold-table.js');
writeFoldUnits();
const { writeOpenccTables } = await import('../dist/text/opencc-dictionary.js');
writeOpenccTables();

const root = fileURLToPath(new URL('..', import.meta.url));
const cliDir = join(root, 'dist', 'cli');
/** Node's modules that a lint of a few files does not need: each is loaded when one of its exports is first read. */
const REQUIRED_ON_FIRST_USE = ['node:child_process', 'node:crypto', 'node:os', 'node:v8', 'node:worker_threads'];
/** Modules the command line imports only on demand (the language server, its protocol libraries). */
const onDemand = new Set();
const { outputFiles: [output] } = await build({
  absWorkingDir: root,
  entryPoints: ['dist/cli/run.js'],
  outfile: 'dist/cli/bundle.cjs',
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Whitespace and syntax only: names stay as written, for stack traces of internal errors.
  minifyWhitespace: true,
  minifySyntax: true,
  // The loader passes the bundle's import.meta (src/cli/load-bundle.cts).
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
    // What the command line imports only on demand stays out of the bundle, imported from the compiled file beside
    // it when asked for. (Only from dist/cli/, where the bundle stands: from there the relative path still holds.)
    name: 'on-demand-imports-stay-outside',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\//, namespace: 'file' }, (args) => {
        if (args.kind !== 'dynamic-import' || dirname(args.importer) !== cliDir) return undefined;
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
  if (!code.includes(call)) throw new Error(`build-runtime: the bundle has no ${call} to route through the loader`);
  code = code.replaceAll(call, `__importOutside(${JSON.stringify(path)})`);
}
// Node's modules that most runs never use are required when first used (src/cli/load-bundle.cts): only a module
// object whose exports are read later can be (esbuild's `__toESM` copies every export at once).
for (const id of REQUIRED_ON_FIRST_USE) {
  const call = `require(${JSON.stringify(id)})`;
  if (!code.includes(call)) throw new Error(`build-runtime: the bundle no longer requires ${id}; take it off REQUIRED_ON_FIRST_USE`);
  if (code.includes(`__toESM(${call}`)) throw new Error(`build-runtime: the bundle reads every export of ${id} as it loads; it cannot be required on first use`);
  code = code.replaceAll(call, `__requireOnFirstUse(${JSON.stringify(id)})`);
}
// An ASCII script is read and held as a one-byte string, in half the memory and time of a two-byte one (which one
// non-ASCII character makes of all 600 KB). esbuild escapes every other non-ASCII character, but leaves regular
// expression literals as written (/[:：]/u): each UTF-16 unit there is written as \uXXXX, which means that unit in a
// regular expression with or without the u flag (in one with it, a surrogate pair so written is one character).
// A non-ASCII character after a backslash would need its backslash dropped: there is none; the build says so if
// there ever is.
code = code.replace(/(\\*)([^\x00-\x7f])/g, (_, backslashes, unit) => {
  if (backslashes.length % 2) throw new Error(`build-runtime: the bundle escapes a non-ASCII character (\\${unit}); write it unescaped`);
  return `${backslashes}\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
});
const unsupported = /__importMeta\.(?!(?:url|filename|dirname)\b)\w+/.exec(code);
if (unsupported) throw new Error(`build-runtime: the bundle uses ${unsupported[0]}, which the loader does not give (src/cli/load-bundle.cts)`);
const { BUILD_MARK, codeCacheFile, loadBundle, BUNDLE_FILE, CODE_CACHE_FILE } = await import('../dist/cli/load-bundle.cjs');
code += `${BUILD_MARK}${createHash('sha256').update(code).digest('hex').slice(0, 16)}\n`;
rmSync(CODE_CACHE_FILE, { force: true }); // (never one of an earlier bundle beside this one)
writeFileSync(BUNDLE_FILE, code);

// The warm-up: the pack loaded and compiled, each rule kind run on good and bad transcripts, a report written.
// (Without the fixtures — not in the published package — the cache holds what the bundle compiles as it loads.)
const { cli, script } = loadBundle(null);
const fixtures = ['fixtures/zh', 'fixtures/zh-hant'].map((f) => join(root, f)).filter((f) => existsSync(f));
if (fixtures.length) {
  const scratch = mkdtempSync(join(tmpdir(), 'transcript-lint-build-'));
  try {
    await cli.main(['node', 'transcript-lint', '--no-config-lookup', '--concurrency', 'off', '-o', join(scratch, 'report.txt'), ...fixtures]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
writeFileSync(CODE_CACHE_FILE, codeCacheFile(code, script.createCachedData()));
