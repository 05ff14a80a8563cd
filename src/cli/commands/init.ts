// transcript-lint --init
import { relative } from 'node:path';
import { InitError, writeStarterConfig } from '../../authoring/init-config.js';
import { EXIT_OK, EXIT_TROUBLE } from '../exit-codes.js';
import type { CommandContext } from './command-context.js';

export function runInit(context: CommandContext): number {
  try {
    const result = writeStarterConfig(context.cwd);
    process.stdout.write(`wrote ${relative(context.cwd, result.file)}: extends zh-callcenter; uncomment the examples in it to adapt it\n`);
    if (!result.schemaFound) {
      process.stdout.write(`note: ${result.schemaPath} is not there yet; editors complete and check keys once transcript-lint is installed in this project (until it is on the npm registry: npm pack in a clone of transcript-lint, then npm install --save-dev PATH/transcript-lint-0.1.0.tgz here)\n`);
    }
    return EXIT_OK;
  } catch (err) {
    if (err instanceof InitError) {
      process.stderr.write(`transcript-lint --init: ${err.message}\n`);
      return EXIT_TROUBLE;
    }
    throw err;
  }
}
