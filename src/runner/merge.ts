// --merge: combine the json or jsonl reports of several shards into the results of one run over all their files —
// same order, same totals, same exit status. A result that appears in several reports (a shard run twice) counts once.
import { readRegularText } from '../io/read-file.js';
import type { LintMessage, LintResult } from '../types.js';
import { comparePaths } from './sorted-paths.js';

export class MergeError extends Error {}

/** Results from a report file written with --format json (an array) or --format jsonl (one result per line). */
export function readReport(file: string): LintResult[] {
  let text: string;
  try {
    text = readRegularText(file);
  } catch (err) {
    throw new MergeError(`${file}: cannot read this report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new MergeError(`${file}: not valid JSON (${(err as Error).message}); merge reads reports written with --format json or --format jsonl`);
    }
    if (!Array.isArray(data)) throw new MergeError(`${file}: expected an array of results`);
    return data.map((item, i) => checkResult(item, file, `result ${i + 1}`));
  }
  const results: LintResult[] = [];
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    if (!line.trim()) continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      throw new MergeError(`${file}:${lineNumber}: not a JSON result; merge reads reports written with --format json or --format jsonl`);
    }
    results.push(checkResult(item, file, `line ${lineNumber}`));
  }
  return results;
}

function checkResult(item: unknown, file: string, where: string): LintResult {
  const r = item as Partial<LintResult> | null;
  const counts = [r?.errorCount, r?.warningCount, r?.fatalErrorCount, r?.fixableErrorCount, r?.fixableWarningCount];
  if (!r || typeof r !== 'object' || typeof r.filePath !== 'string' || !Array.isArray(r.messages) || counts.some((n) => typeof n !== 'number')) {
    throw new MergeError(`${file}: ${where} is not a transcript-lint result (filePath, messages, errorCount, … expected)`);
  }
  // Formatters read every message's fields: a hand-edited or truncated report is refused here, not met as a crash.
  r.messages.forEach((m: unknown, i) => {
    const message = m as Partial<LintMessage> | null;
    const valid = message !== null && typeof message === 'object' && typeof message.message === 'string' && (message.severity === 1 || message.severity === 2)
      && typeof message.line === 'number' && typeof message.column === 'number' && (message.ruleId === null || typeof message.ruleId === 'string');
    if (!valid) throw new MergeError(`${file}: ${where}, message ${i + 1} is not a transcript-lint message (message, severity 1 or 2, line, column, ruleId expected); regenerate the report with --format json or jsonl`);
  });
  return r as LintResult;
}

/** All results of the reports, deduplicated by file and in the order one run over all files would give. */
export function mergeReports(files: string[], notice: (message: string) => void = () => {}): LintResult[] {
  const byPath = new Map<string, LintResult>();
  for (const file of files) {
    for (const result of readReport(file)) {
      const known = byPath.get(result.filePath);
      if (known && JSON.stringify(known) !== JSON.stringify(result)) {
        notice(`${result.filePath} appears in several reports with different results; keeping the first (from an earlier report)`);
      }
      if (!known) byPath.set(result.filePath, result);
    }
  }
  return [...byPath.values()].sort((a, b) => comparePaths(a.filePath, b.filePath));
}
