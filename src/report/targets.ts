// Where each report goes: `-f stylish -f json:report.json -f html:report.html` writes the console report and two
// files in one run. A format without a file goes to -o FILE if given, else to standard output; only one may.
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
    if (file === '') throw new ReportTargetError(`-f ${spec}: name the file after the colon, e.g. -f ${format}:report.${format}`);
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

/**
 * Formats written for people at a console, which a --summary or --stats may follow on standard output. Not
 * compact: editors' problem matchers and grep read it line by line.
 */
export const CONSOLE_FORMATS: ReadonlySet<string> = new Set(['stylish']);
