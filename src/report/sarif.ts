// SARIF 2.1.0, for code-scanning and code-review tools: one run, every active rule described (message, norm
// source, kind, scorecard weight), one result per problem. Columns count characters (code points), which SARIF
// lets a run declare with columnKind. Files that could not be linted become tool notifications.
// Written as results arrive (flat memory over an archive): the run's results come before its invocation, whose
// success and notifications are known only at the end.
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invocation, Notification, PhysicalLocation, ReportingDescriptor, Result, Run } from 'sarif';
import type { LintMessage, LintResult } from '../types.js';
import { streamingFormatter } from './formatter.js';
import type { RuleMeta } from './rule-meta.js';

const LEVELS = ['none', 'warning', 'error'] as const;

/**
 * A display path as a relative URI: each segment percent-encoded whole (encodeURI left # and ? as they are, which a
 * URI reads as a fragment and a query), and a backslash a separator only where it is one (on POSIX it is part of a name).
 */
function artifactUri(filePath: string): string {
  const portable = sep === '\\' ? filePath.replace(/\\/g, '/') : filePath;
  return portable.split('/').map(encodeURIComponent).join('/');
}

function describeRule(rule: RuleMeta): ReportingDescriptor {
  const descriptor: ReportingDescriptor = {
    id: rule.id,
    name: rule.id.slice(rule.id.indexOf('/') + 1),
    shortDescription: { text: rule.message ?? rule.id },
    defaultConfiguration: { level: LEVELS[rule.severity], enabled: rule.severity > 0 },
    properties: { kind: rule.kind, critical: rule.critical, tags: ['transcript', rule.kind] },
  };
  if (rule.description) descriptor.fullDescription = { text: rule.description };
  if (rule.source) {
    descriptor.help = { text: `Norm: ${rule.source}` };
    descriptor.properties!.source = rule.source;
  }
  if (rule.weight !== undefined) descriptor.properties!.weight = rule.weight;
  return descriptor;
}

function location(result: LintResult, m: LintMessage): PhysicalLocation {
  const physical: PhysicalLocation = { artifactLocation: { uri: artifactUri(result.filePath), uriBaseId: '%SRCROOT%' } };
  if (m.line > 0) {
    physical.region = { startLine: m.line, startColumn: m.column };
    if (m.endLine !== undefined && m.endColumn !== undefined) Object.assign(physical.region, { endLine: m.endLine, endColumn: m.endColumn });
    if (m.excerpt) physical.region.snippet = { text: m.excerpt };
  }
  return physical;
}

/** The SARIF results of one file's problems; problems of no rule (a file not linted) go to `notifications`. */
function sarifResults(result: LintResult, indexById: ReadonlyMap<string, number>, notifications: Notification[]): Result[] {
  const entries: Result[] = [];
  for (const m of result.messages) {
    const where = location(result, m);
    if (m.ruleId === null) {
      notifications.push({ level: m.severity === 2 ? 'error' : 'warning', message: { text: m.message }, locations: [{ physicalLocation: where }] });
      continue;
    }
    const entry: Result = { ruleId: m.ruleId, level: LEVELS[m.severity], message: { text: m.message }, locations: [{ physicalLocation: where }] };
    const ruleIndex = indexById.get(m.ruleId);
    if (ruleIndex !== undefined) entry.ruleIndex = ruleIndex;
    const properties: Record<string, string> = {};
    if (m.speaker) properties.speaker = m.speaker;
    if (m.suggestion !== undefined) properties.suggestion = m.suggestion;
    if (Object.keys(properties).length) entry.properties = properties;
    // Proposed changes: the fix (applied by --fix) first, then the suggestions. A change may reach beyond the
    // problem (a whole clause), so it is placed by offset into the file rather than by the problem's region.
    const changes = [...(m.fix ? [{ desc: m.suggestion ?? m.fix.text, fix: m.fix }] : []), ...(m.suggestions ?? [])];
    if (changes.length && where.artifactLocation) {
      entry.fixes = changes.map(({ desc, fix }) => ({
        description: { text: desc },
        artifactChanges: [{ artifactLocation: where.artifactLocation!, replacements: [{ deletedRegion: { charOffset: fix.range[0], charLength: fix.range[1] - fix.range[0] }, insertedContent: { text: fix.text } }] }],
      }));
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * `value` as JSON.stringify(…, null, 2) writes it `depth` levels down: written inside `depth` arrays, whose brackets
 * and the indent before it are then cut off, rather than each line indented by a regular expression afterwards: a
 * cached rerun over the 100,000 generated calls took 0.78 against 0.85 s (nine interleaved pairs), the report the same.
 */
function indented(value: unknown, depth: number): string {
  let nested = value;
  for (let i = 0; i < depth; i++) nested = [nested];
  // Before the value: "[\n", "  [\n", … and 2·depth spaces; after it: "\n", 2·k spaces and "]" for each level k.
  const text = JSON.stringify(nested, null, 2);
  return text.slice(depth * depth + 3 * depth, text.length - depth * depth - depth);
}

// The log as JSON.stringify(log, null, 2) would write it, the run's keys in this order.
export const sarif = Object.assign(streamingFormatter((context) => {
  const rules = (context.rules ?? []).filter((r) => r.severity > 0);
  const indexById = new Map(rules.map((r, i) => [r.id, i]));
  const notifications: Notification[] = [];
  let successful = true;
  let written = 0;
  let files = 0;
  return {
    start() {
      const head: Omit<Run, 'results' | 'invocations'> = {
        tool: { driver: { name: 'transcript-lint', informationUri: 'https://www.npmjs.com/package/transcript-lint', rules: rules.map(describeRule) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'unicodeCodePoints',
      };
      if (context.version) head.tool.driver.version = context.version;
      let text = '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n';
      for (const [key, value] of Object.entries(head)) text += `      ${JSON.stringify(key)}: ${indented(value, 3)},\n`;
      return `${text}      "results": [`;
    },
    result(result) {
      files++;
      if (result.fatalErrorCount > 0) successful = false;
      let text = '';
      for (const entry of sarifResults(result, indexById, notifications)) text += `${written++ ? ',' : ''}\n        ${indented(entry, 4)}`;
      return text;
    },
    end() {
      // A run stopped before its last file did not complete: a scanner must not take the files it never linted as clean.
      const stopped = context.stopped?.();
      if (stopped) notifications.push({ level: 'error', message: { text: `stopped by ${stopped} after ${files} ${files === 1 ? 'file' : 'files'}: the files after them were not linted` } });
      const invocations: Invocation[] = [{ executionSuccessful: successful && !stopped, toolExecutionNotifications: notifications }];
      return `${written ? '\n      ' : ''}],\n      "invocations": ${indented(invocations, 3)}\n    }\n  ]\n}\n`;
    },
  };
}), { showsScores: false });
