// transcript-lint --test-pack PACK FIXTURES...
import { formatPackTestReport, packLinterOptions, testPack } from '../../authoring/test-pack.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE } from '../exit-codes.js';
import { createLinterOrReport, type CommandContext } from './command-context.js';

export async function runTestPack(context: CommandContext, pack: string): Promise<number> {
  if (context.patterns.length === 0) {
    process.stderr.write(`transcript-lint --test-pack: name the fixture files or folders after the pack, e.g. transcript-lint --test-pack ${pack} fixtures/zh/\n`);
    return EXIT_TROUBLE;
  }
  const options = { cwd: context.cwd, encoding: context.options.encoding };
  const linter = createLinterOrReport(packLinterOptions(pack, options));
  if (!linter) return EXIT_TROUBLE;
  const report = await testPack(linter, context.patterns, options);
  process.stdout.write(formatPackTestReport(report, context.color));
  // A fixture that cannot be read, or an expectation that cannot be checked, is bad input (2), not a mismatch (1).
  if (report.unmatched.length || report.files.some((f) => f.fatal || f.errors.length)) return EXIT_TROUBLE;
  return report.failed ? EXIT_PROBLEMS : EXIT_OK;
}
