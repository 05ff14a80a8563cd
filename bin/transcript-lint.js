#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli/run.ts).
import { main } from '../dist/cli/run.js';

// A reader that stops early (`… | head`) is not an error: the run stops writing and its exit status still tells
// whether what it linted until then had errors (src/cli/output.ts).
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') return;
  throw err;
});

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`transcript-lint: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
