// A loaded, compiled and self-checked configuration, ready to lint any number of transcripts.
import { readFileSync } from 'node:fs';
import { ConfigError, type ConfigIssue } from '../config/errors.js';
import { loadConfig, type LoadOptions } from '../config/load.js';
import { parseTranscript, readTranscript } from '../transcript/index.js';
import { DecodeError } from '../transcript/decode.js';
import type { LintMessage, LintResult } from '../types.js';
import { compileConfig, type CompiledConfig } from './compile.js';
import { lintTranscript, summarize } from './lint-transcript.js';

export interface LinterOptions extends LoadOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: string;
  /** Skip checking the rules' own examples (they are checked by default, as prh checks its specs). */
  skipExamples?: boolean;
}

export class Linter {
  private constructor(readonly compiled: CompiledConfig, private readonly options: LinterOptions) {}

  /** Load the config (discovery, extends, overrides), compile it, and check each rule's examples. */
  static create(options: LinterOptions = {}): Linter {
    const linter = new Linter(compileConfig(loadConfig(options)), options);
    if (!options.skipExamples) linter.checkExamples();
    return linter;
  }

  lintText(text: string, filePath = '<text>'): LintResult {
    return lintTranscript(this.compiled, parseTranscript(text, filePath, this.compiled.speakers), filePath);
  }

  /** Lint a file; a file that cannot be read or decoded yields a result with one fatal message. */
  lintFile(path: string, displayPath = path): LintResult {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      return fatalResult(displayPath, describeReadError(err as NodeJS.ErrnoException));
    }
    return this.lintBytes(bytes, displayPath);
  }

  /** Lint a file's bytes (already read); text that cannot be decoded yields a result with one fatal message. */
  lintBytes(bytes: Uint8Array, displayPath: string): LintResult {
    try {
      const transcript = readTranscript(bytes, displayPath, this.compiled.speakers, this.options.encoding);
      return lintTranscript(this.compiled, transcript, displayPath);
    } catch (err) {
      if (err instanceof DecodeError) return fatalResult(displayPath, err.message);
      throw err;
    }
  }

  /** The problems one rule finds in a text, whatever its severity: how examples are checked and shown (--explain). */
  problemsOfRule(ruleId: string, text: string, filePath = '<example>'): LintMessage[] {
    const transcript = parseTranscript(text, filePath, this.compiled.speakers);
    return lintTranscript(this.compiled, transcript, filePath, { onlyRule: ruleId }).messages.filter((m) => m.ruleId === ruleId);
  }

  private checkExamples(): void {
    const issues: ConfigIssue[] = [];
    for (const rule of this.compiled.rules) {
      const { examples } = rule.entry.def;
      if (!examples) continue;
      const check = (list: string[] | undefined, expectProblem: boolean, key: 'bad' | 'good'): void => {
        list?.forEach((example, i) => {
          const found = this.problemsOfRule(rule.entry.id, example);
          if (found.length > 0 !== expectProblem) {
            issues.push(rule.entry.pack.yaml.issueAt(['rules', rule.entry.key, 'examples', key, i],
              expectProblem ? `this bad example of ${rule.entry.id} produces no problem` : `this good example of ${rule.entry.id} produces a problem: ${found[0].message}`,
              'fix the rule or the example; examples are checked every time the pack loads'));
          }
        });
      };
      check(examples.bad, true, 'bad');
      check(examples.good, false, 'good');
    }
    if (issues.length) throw new ConfigError(issues);
  }
}

export function fatalResult(filePath: string, message: string, line = 0, column = 0): LintResult {
  const fatal: LintMessage = { ruleId: null, severity: 2, fatal: true, message, line, column };
  return summarize(filePath, [fatal]);
}

export function describeReadError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT': return 'file not found (or a broken symbolic link); check the path';
    case 'EACCES':
    case 'EPERM': return 'permission denied; make the file readable for this user';
    case 'EISDIR': return 'is a folder, not a transcript';
    default: return `cannot read file: ${err.message}`;
  }
}
