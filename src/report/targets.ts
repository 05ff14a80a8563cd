// Where each report goes: `-f stylish -f json:report.json -f html:report.html` writes the console report and two
// files in one run. A format without a file goes to -o FILE if given, else to standard output; only one may.
import { folderSlash } from '../io/write-error.js';
import { FORMATTERS } from './index.js';

export interface ReportTarget {
  format: string;
  /** undefined: standard output. */
  file?: string;
}

export class ReportTargetError extends Error {}

export function parseReportTargets(specs: readonly string[], outputFile?: string): ReportTarget[] {
  const targets = (specs.length ? specs : ['stylish']).map((spec): ReportTarget => {
    const colon = spec.indexOf(':');
    const format = colon < 0 ? spec : spec.slice(0, colon);
    const file = colon < 0 ? outputFile : spec.slice(colon + 1);
    if (!FORMATTERS.has(format)) {
      throw new ReportTargetError(`unknown format "${format}"; formats: ${[...FORMATTERS.keys()].join(', ')}`);
    }
    const named = colon < 0 ? `-o ${file || '""'}` : `-f ${spec}`;
    if (file === '') throw new ReportTargetError(colon < 0 ? `${named}: name a file, e.g. -o report.${format}` : `${named}: name the file after the colon, e.g. -f ${format}:report.${format}`);
    const slash = folderSlash(file);
    if (slash) throw new ReportTargetError(`${named}: a path ending in "${slash}" names a folder; name a file in it, e.g. ${colon < 0 ? '-o ' : `-f ${format}:`}${file}report.${format}`);
    return { format, file };
  });
  if (outputFile !== undefined && !targets.some((t) => t.file === outputFile)) {
    throw new ReportTargetError(`-o ${outputFile}: every -f names a file of its own, so no report would go there; leave out -o, or add the format it is for without a file (-f stylish -o ${outputFile})`);
  }
  targets.forEach((target, i) => {
    const twin = targets.slice(0, i).find((t) => t.file === target.file);
    if (!twin) return;
    const where = target.file === undefined ? 'standard output' : target.file;
    throw new ReportTargetError(`${twin.format} and ${target.format} would both go to ${where}; give each report a file of its own, e.g. -f ${target.format}:report.${target.format}`);
  });
  return targets;
}

/** The extensions of the files a report of each format is written to, which no transcript has (.txt .srt .vtt .json). */
const REPORT_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  html: ['.html', '.htm'], sarif: ['.sarif'], junit: ['.xml'], checkstyle: ['.xml'], csv: ['.csv'],
};

/**
 * A report's file given as a path to lint (`-f html report.html`, the colon forgotten): the report would go to
 * standard output and the file be read as a transcript. The message to refuse the run with, or undefined.
 */
export function reportFileNamedAsPath(targets: readonly ReportTarget[], paths: readonly string[]): string | undefined {
  for (const { format, file } of targets) {
    if (file !== undefined) continue;
    const path = paths.find((p) => REPORT_EXTENSIONS[format]?.some((ext) => p.toLowerCase().endsWith(ext)));
    if (path !== undefined) {
      return `${path} looks like the ${format} report's file, not a transcript: -f ${format} sends the report to standard output and reads ${path} as a transcript to lint; write -f ${format}:${path} to put the report there`;
    }
  }
  return undefined;
}

/**
 * Formats written for people at a console, which a --summary or --stats may follow on standard output. Not
 * compact: editors' problem matchers and grep read it line by line.
 */
export const CONSOLE_FORMATS: ReadonlySet<string> = new Set(['stylish']);
