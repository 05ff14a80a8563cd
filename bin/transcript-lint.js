#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli/run.ts).
import { readFileSync, statSync } from 'node:fs';

/**
 * The command line in one file (dist/cli/bundle.js, made by `npm run build`: it starts faster), unless it is missing
 * or older than the compiled code — after a bare `tsc`, the compiled files are the current ones.
 */
function cliModule() {
  const bundle = new URL('../dist/cli/bundle.js', import.meta.url);
  try {
    if (statSync(bundle).mtimeMs >= statSync(new URL('../dist/cli/run.js', import.meta.url)).mtimeMs) return bundle.href;
  } catch {
    // no bundle: the compiled files
  }
  return new URL('../dist/cli/run.js', import.meta.url).href;
}

// A reader that stops early (`… | head`) is not an error: the run stops writing and its exit status still tells
// whether what it linted until then had errors (src/cli/output.ts).
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') return;
  throw err;
});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Answered before loading the linter: scripts ask for the version often, and it needs nothing else.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { main } = await import(cliModule());
  main(process.argv).then(
    (code) => { process.exitCode = code; },
    (err) => {
      process.stderr.write(`transcript-lint: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
}
