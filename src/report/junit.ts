// JUnit XML, for CI systems that show test reports: a testsuite per transcript, a failing testcase per problem
// (warnings too, typed "warning"), an error for a file that could not be linted, one passing case for a clean file.
// Written as results arrive, so the root element carries no totals (as ESLint's junit report): each testsuite carries
// its own, and CI systems add them up.
import type { LintMessage, LintResult } from '../types.js';
import { streamingFormatter } from './formatter.js';
import { XML_DECLARATION, xmlAttribute, xmlText } from './xml.js';

function describe(m: LintMessage): string {
  const parts = [`line ${m.line}, column ${m.column}: ${m.message}`];
  if (m.excerpt) parts.push(`said: ${m.excerpt}`);
  if (m.suggestion !== undefined) parts.push(`say instead: ${m.suggestion}`);
  if (m.ruleId) parts.push(`rule: ${m.ruleId}`);
  return parts.join('\n');
}

function testcase(result: LintResult, m: LintMessage): string {
  const name = `${m.ruleId ?? 'transcript-lint'} (${m.line}:${m.column})`;
  const tag = m.fatal ? 'error' : 'failure';
  const type = m.fatal ? 'fatal' : m.severity === 2 ? 'error' : 'warning';
  return `    <testcase classname="${xmlAttribute(result.filePath)}" name="${xmlAttribute(name)}" time="0">\n` +
    `      <${tag} type="${type}" message="${xmlAttribute(m.message)}">${xmlText(describe(m))}</${tag}>\n    </testcase>`;
}

function properties(result: LintResult): string {
  const pairs: [string, string | number][] = [];
  if (result.score) pairs.push(['score', result.score.points], ['stars', result.score.stars], ['failed', String(result.score.failed)]);
  for (const [key, value] of Object.entries(result.meta ?? {})) pairs.push([`meta.${key}`, value]);
  if (!pairs.length) return '';
  return `    <properties>\n${pairs.map(([k, v]) => `      <property name="${xmlAttribute(k)}" value="${xmlAttribute(v)}"/>`).join('\n')}\n    </properties>\n`;
}

export const junit = streamingFormatter(() => ({
  start: () => `${XML_DECLARATION}\n<testsuites name="transcript-lint">\n`,
  result(result) {
    const suiteErrors = result.messages.filter((m) => m.fatal).length;
    const suiteFailures = result.messages.length - suiteErrors;
    const cases = result.messages.length
      ? result.messages.map((m) => testcase(result, m))
      : [`    <testcase classname="${xmlAttribute(result.filePath)}" name="transcript-lint" time="0"/>`];
    return `  <testsuite name="${xmlAttribute(result.filePath)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0" time="0">\n` +
      properties(result) + cases.join('\n') + '\n  </testsuite>\n';
  },
  end: () => '</testsuites>\n',
}));
