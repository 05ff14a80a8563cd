#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli/run.ts).
import { main } from '../dist/cli/run.js';

// A reader that stops early (`… --fix-dry-run | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`transcript-lint: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
