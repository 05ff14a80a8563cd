#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli/run.ts).
import { readFileSync } from 'node:fs';

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
  const { main } = await import('../dist/cli/run.js');
  main(process.argv).then(
    (code) => { process.exitCode = code; },
    (err) => {
      process.stderr.write(`transcript-lint: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
}
