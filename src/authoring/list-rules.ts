// --list-rules: every rule of the loaded configuration with its kind, severity in effect, message and source.
import type { ResolvedConfig } from '../config/load.js';
import { plural } from '../report/formatter.js';
import { ruleInfo, type RuleInfo } from './rule-info.js';
import { formatTable } from '../report/text-table.js';
import { terminalSafe } from '../report/terminal-text.js';

export function listRules(config: ResolvedConfig): RuleInfo[] {
  return config.rules.map(ruleInfo);
}

/** An aligned table (Chinese counts two columns); long messages are cut — --explain shows them whole. */
export function formatRuleList(rules: readonly RuleInfo[]): string {
  const header = ['rule', 'kind', 'severity', 'message', 'source'];
  const rows = rules.map((r) => [r.id, r.kind, r.severity, r.message, r.source]);
  const lines = formatTable([header, ...rows], [{}, {}, {}, { maxWidth: 60 }, {}]);
  const off = rules.filter((r) => r.severity === 'off').length;
  const packs = [...new Set(rules.map((r) => r.pack))];
  lines.push('', `${plural(rules.length, 'rule')} (${off} off) from ${packs.length === 1 ? 'pack' : 'packs'} ${terminalSafe(packs.join(', ')) || '(none)'}`);
  return `${lines.join('\n')}\n`;
}

export function formatRuleListJson(rules: readonly RuleInfo[]): string {
  return `${JSON.stringify(rules, null, 2)}\n`;
}
