// The pack-authoring commands (--list-rules, --explain, --init, --test-pack) run instead of linting.
import { EXIT_TROUBLE } from '../exit-codes.js';
import type { CommandContext } from './command-context.js';
import { runExplain } from './explain.js';
import { runInit } from './init.js';
import { runListRules } from './list-rules.js';
import { runTestPack } from './test-pack.js';

export interface AuthoringOptions {
  listRules?: boolean;
  explain?: string;
  init?: boolean;
  testPack?: string;
  stats?: boolean;
}

/** The authoring command the options ask for, or undefined for a normal lint run. */
export function authoringCommand(context: CommandContext): (() => number | Promise<number>) | undefined {
  const { options } = context;
  const chosen = [options.init && '--init', options.listRules && '--list-rules', options.explain !== undefined && '--explain', options.testPack !== undefined && '--test-pack'].filter(Boolean);
  if (chosen.length > 1) {
    return () => {
      process.stderr.write(`transcript-lint: ${chosen.join(' and ')} cannot be combined; give one of them\n`);
      return EXIT_TROUBLE;
    };
  }
  if (options.init) return () => runInit(context);
  if (options.listRules) return () => runListRules(context);
  if (options.explain !== undefined) return () => runExplain(context, options.explain!);
  if (options.testPack !== undefined) return () => runTestPack(context, options.testPack!);
  return undefined;
}
