#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli/run.ts). It is CommonJS (bin/package.json): Node starts
// a CommonJS file ~15 ms faster than a module, which is most of what `--version` costs beyond Node itself.
'use strict';
const { readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Answered before loading the linter, and written without making `process.stdout` (a stream costs a few ms):
  // scripts ask for the version often, and it needs nothing else.
  const line = `${JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version}\n`;
  try {
    writeSync(1, line);
  } catch (err) {
    // EPIPE: the reader left, as below. Anything else (EAGAIN on a non-blocking pipe): let the stream retry.
    if (err.code !== 'EPIPE') process.stdout.write(line);
  }
} else {
  // V8 moves objects made where earlier ones lived long straight to its old generation ("pretenuring"). The walk of a
  // large archive teaches it that, and the per-file objects made at the same places afterwards filled the old
  // generation instead of dying young: over 1,000,000 files 468 MB were promoted in the first 15 s (8 MB over 100,000), and the run
  // peaked at twice what 100,000 files take. (Set before the bundle is compiled: its code cache, and its workers', are
  // made under this flag too, src/script-bundle.cts.)
  require('node:v8').setFlagsFromString(require('../dist/script-bundle.cjs').COMMAND_LINE_V8_FLAG.set);
  // A reader that stops early (`… | head`) is not an error: the run stops writing and its exit status still tells
  // whether what it linted until then had errors (src/cli/output.ts).
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') return;
    throw err;
  });
  // The command line in one file with its code cache (made by `npm run build`: it starts faster), or the compiled
  // files when it is missing or older than them (src/cli/load-bundle.cts).
  // Once its output is written, the run leaves without tearing down V8's heap (src/cli/leave.ts).
  require('../dist/cli/load-bundle.cjs').loadCli()
    .then(({ main, leaveWhenIdle }) => main(process.argv).then((code) => leaveWhenIdle(code)))
    .catch((err) => {
      process.stderr.write(`transcript-lint: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    });
}
