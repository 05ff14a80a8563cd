// Results and a format context for formatter tests, from the demo folder through the real library.
import { Linter } from '../../src/engine/linter.js';
import type { FormatContext } from '../../src/report/formatter.js';
import { ruleMetas } from '../../src/report/rule-meta.js';
import { scorecardSettings, withScore } from '../../src/report/scorecard.js';
import { lintFiles } from '../../src/runner/lint-files.js';
import type { LintResult } from '../../src/types.js';
import { demoFolder } from './demo-calls.js';

export interface Linted {
  folder: string;
  results: LintResult[];
  context: FormatContext;
}

export async function lintDemo(options: { keepSource?: boolean; extraFiles?: string[] } = {}): Promise<Linted> {
  const folder = demoFolder();
  const linter = Linter.create({ cwd: folder, keepSource: options.keepSource });
  const rules = ruleMetas(linter.compiled.config);
  const scorecard = scorecardSettings(linter.compiled.config);
  const raw = await lintFiles(['calls', ...(options.extraFiles ?? [])], { cwd: folder, keepSource: options.keepSource, allowUnmatched: false });
  const results = raw.map((r) => withScore(r, rules, scorecard));
  return { folder, results, context: { cwd: folder, color: false, rules, scorecard, version: '9.9.9', speakerRole: (l) => linter.compiled.speakers.resolve(l) } };
}
