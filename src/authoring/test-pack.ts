// --test-pack: lint fixture transcripts with one pack alone and compare what is reported with what each fixture
// expects in its "# expect:" comments (see expectations.ts).
import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import type { Linter, LinterOptions } from '../engine/linter.js';
import { plural } from '../report/formatter.js';
import { discoverFiles, displayPath } from '../runner/discover.js';
import { decode } from '../transcript/decode.js';
import type { LintMessage } from '../types.js';
import { compareProblems, readExpectations, type Expectation, type ExpectationError } from './expectations.js';
import { formatTable } from '../report/text-table.js';
import { terminalSafe } from '../report/terminal-text.js';

export interface TestPackOptions {
  cwd?: string;
  encoding?: string;
}

export interface FixtureResult {
  file: string;
  passed: boolean;
  expected: number;
  missing: Expectation[];
  unexpected: LintMessage[];
  /** "# expect:" lines that could not be checked. */
  errors: ExpectationError[];
  /** The file could not be read or decoded. */
  fatal?: string;
}

export interface PackTestReport {
  /** The ids of the rules the pack loaded (with the packs it extends). */
  ruleIds: string[];
  /** Rules that are off in the pack: an expectation naming one can never be met. */
  offRuleIds: string[];
  files: FixtureResult[];
  /** Patterns that matched no fixture. */
  unmatched: { pattern: string; reason: string }[];
  passed: number;
  failed: number;
}

/** The linter for testing a pack: the pack alone, no project config, so fixtures test the pack as published. */
export function packLinterOptions(pack: string, options: TestPackOptions = {}): LinterOptions {
  return { cwd: options.cwd, packs: [pack], packOption: '--test-pack', noConfigLookup: true, encoding: options.encoding };
}

/** Run every fixture the patterns name through `linter` (see packLinterOptions) and compare with its expectations. */
export async function testPack(linter: Linter, patterns: string[], options: TestPackOptions = {}): Promise<PackTestReport> {
  const cwd = options.cwd ?? process.cwd();
  const rules = linter.compiled.config.rules;
  const ruleIds = rules.map((r) => r.id);
  const { files, unmatched } = await discoverFiles(patterns, { cwd });
  const results = files.map((path) => testFixture(linter, path, displayPath(path, cwd), ruleIds, options.encoding));
  const passed = results.filter((r) => r.passed).length;
  return {
    ruleIds,
    offRuleIds: rules.filter((r) => r.severity === 0).map((r) => r.id),
    files: results,
    unmatched,
    passed,
    failed: results.length - passed,
  };
}

function testFixture(linter: Linter, path: string, file: string, ruleIds: string[], encoding?: string): FixtureResult {
  const result = linter.lintFile(path, file);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) return { file, passed: false, expected: 0, missing: [], unexpected: [], errors: [], fatal: fatal.message };
  const { expectations, errors } = readExpectations(decode(readFileSync(path), encoding).text, ruleIds);
  const { missing, unexpected } = compareProblems(expectations, result.messages);
  const passed = missing.length === 0 && unexpected.length === 0 && errors.length === 0;
  return { file, passed, expected: expectations.length, missing, unexpected, errors };
}

/** Per fixture ✔ or ✖ with its mismatches, then "N files, M passed, K failed". */
export function formatPackTestReport(report: PackTestReport, color = false): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const off = new Set(report.offRuleIds);
  const out: string[] = [];
  // File names and messages are data: their control characters are shown as escapes (tables escape their own cells).
  for (const { pattern, reason } of report.unmatched) out.push(`${c.red('✖')} ${terminalSafe(`${pattern}: ${reason}`)}`);
  for (const fixture of report.files) {
    const file = terminalSafe(fixture.file);
    out.push(fixture.passed ? `${c.green('✔')} ${file}` : `${c.red('✖')} ${file}`);
    if (fixture.fatal) out.push(`    cannot lint: ${terminalSafe(fixture.fatal)}`);
    const rows: string[][] = [
      ...fixture.missing.map((e) => [
        'missing',
        `${e.ruleId}${e.line === undefined ? '' : ` @${e.line}`}`,
        `expected on line ${e.at}${off.has(e.ruleId) ? ' (this rule is off in the pack)' : ''}`,
      ]),
      ...fixture.unexpected.map((m) => ['unexpected', `${m.ruleId ?? '(transcript)'} @${m.line}:${m.column}`, m.message]),
    ];
    out.push(...formatTable(rows, [], '    '));
    for (const error of fixture.errors) {
      out.push(`    ${file}:${error.at}: ${terminalSafe(error.message)}${error.hint ? `\n      hint: ${terminalSafe(error.hint)}` : ''}`);
    }
  }
  const total = report.files.length;
  const summary = `${plural(total, 'file')}, ${report.passed} passed, ${report.failed} failed`;
  out.push('', report.failed || report.unmatched.length ? c.red.bold(summary) : c.green.bold(summary));
  return `${out.join('\n')}\n`;
}
