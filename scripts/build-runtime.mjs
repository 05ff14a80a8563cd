#!/usr/bin/env node
// Part of `npm run build`, after the TypeScript compile: what a run would otherwise work out at every start (issue
// #14), prepared once.
// - dist/fold-units.bin: each UTF-16 unit's Simplified form, lower case and class, from which the fold tables are
//   made in a millisecond instead of tens (src/text/fold-table.ts; a run without the file works them out itself).
// - dist/cli/bundle.js: the command line in one file (bin/ loads it). Start-up is mostly module loading —
//   resolving and compiling about a hundred files of our own and their dependencies — and one file cuts that. The
//   library (dist/index.js) and the worker stay as compiled. The bundle stands in dist/cli/ like run.js, so paths it
//   takes relative to itself (../verified-packs.json, ../fold-units.bin, the rule packs, the worker, package.json)
//   point where they do from the compiled files. Libraries loaded on first use (lazyModule: yaml, ajv, fast-glob,
//   …) stay outside it and are loaded from node_modules when a run needs them.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { writeFoldUnits } = await import('../dist/text/fold-table.js');
writeFoldUnits();

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['dist/cli/run.js'],
  outfile: 'dist/cli/bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Whitespace and syntax only: names stay as written, for stack traces of internal errors.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [{
    // What the command line imports only on demand (the language server, its protocol libraries) stays out of the
    // bundle, imported from the compiled file beside it when asked for.
    name: 'on-demand-imports-stay-outside',
    setup(builder) {
      // (Only from dist/cli/, where the bundle stands: from there the relative path still holds.)
      builder.onResolve({ filter: /^\.\.?\//, namespace: 'file' }, (args) =>
        args.kind === 'dynamic-import' && dirname(args.importer) === join(root, 'dist', 'cli') ? { path: args.path, external: true } : undefined);
    },
  }],
  // CommonJS dependencies inside an ES module bundle call require() for Node's own modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
