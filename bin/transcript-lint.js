#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli/run.ts).
import { main } from '../dist/cli/run.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`transcript-lint: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
