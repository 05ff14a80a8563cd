// --group-by: which group a call belongs to — a metadata field (agent, team, …) or a capture from its path.
import { LinearRegex } from '../text/linear-regex.js';
import { metaField } from '../transcript/front-matter.js';
import type { LintResult } from '../types.js';

export type GroupBy =
  | { kind: 'meta'; key: string; label: string }
  | { kind: 'path'; pattern: LinearRegex; label: string };

export class GroupByError extends Error {}

/**
 * `agent` (the call's agent field: agent, Agent ID, 坐席工号, …), `meta:KEY`, or `path:REGEX` (the first capture group, or the whole match); a
 * `NAME=` prefix names the groups in reports (`agent=path:calls/([^/]+)/`).
 */
export function parseGroupBy(spec: string): GroupBy {
  const named = /^([^\s=:]+)=(.*)$/su.exec(spec);
  const rule = named ? named[2] : spec;
  if (rule.startsWith('path:')) {
    const source = rule.slice('path:'.length);
    if (!source) throw new GroupByError('--group-by path: needs a regular expression, e.g. --group-by "path:calls/([^/]+)/"');
    try {
      return { kind: 'path', pattern: new LinearRegex(source), label: named?.[1] ?? 'group' };
    } catch (err) {
      throw new GroupByError(`--group-by ${spec}: not a valid regular expression (${(err as Error).message}); RE2 syntax, e.g. "path:calls/([^/]+)/"`);
    }
  }
  const key = rule.startsWith('meta:') ? rule.slice('meta:'.length) : rule;
  // Metadata names are whatever the transcripts use: 坐席工号, Agent ID, team.
  if (!/^[\p{L}\p{N}_.-]+$/u.test(key)) throw new GroupByError(`--group-by ${spec}: expected agent, meta:FIELD or path:REGEX`);
  return { kind: 'meta', key, label: named?.[1] ?? key };
}

export function groupKey(result: LintResult, groupBy: GroupBy): string | undefined {
  if (groupBy.kind === 'meta') return metaField(result.meta, groupBy.key);
  const match = groupBy.pattern.exec(result.filePath.replace(/\\/g, '/'));
  if (!match) return undefined;
  return match.group?.text ?? match.text;
}
