// What a pack author or QA analyst wants to know about a loaded rule, as plain data (for text and JSON output).
import { didYouMean } from '../config/errors.js';
import type { RuleEntry } from '../config/load.js';
import type { SeverityLevel } from '../types.js';

export type SeverityLabel = 'error' | 'warn' | 'off';

export interface RuleInfo {
  /** "pack/rule". */
  id: string;
  pack: string;
  kind: string;
  /** The severity in effect (after config and --rule overrides). */
  severity: SeverityLabel;
  message: string;
  source: string;
  description: string;
  /** Where the rule is defined. */
  file: string;
  line: number;
  column: number;
}

export function severityLabel(level: SeverityLevel): SeverityLabel {
  return level === 2 ? 'error' : level === 1 ? 'warn' : 'off';
}

export function ruleInfo(entry: RuleEntry): RuleInfo {
  const where = entry.pack.yaml.issueAt(['rules', entry.key], '', undefined, true);
  return {
    id: entry.id,
    pack: entry.pack.name,
    kind: entry.def.kind,
    severity: severityLabel(entry.severity),
    message: entry.def.message ?? '',
    source: entry.def.source ?? '',
    description: entry.def.description ?? '',
    file: where.file,
    line: where.line,
    column: where.column,
  };
}

export type RuleLookup = { rule: RuleEntry } | { error: string; hint?: string };

/** Find a rule by its id ("pack/rule") or, when no pack has another rule of that name, by its name alone. */
export function findRule(rules: readonly RuleEntry[], query: string): RuleLookup {
  const exact = rules.find((r) => r.id === query);
  if (exact) return { rule: exact };
  const byKey = rules.filter((r) => r.key === query);
  if (byKey.length === 1) return { rule: byKey[0] };
  if (byKey.length > 1) {
    return { error: `rule name "${query}" is ambiguous: ${byKey.map((r) => r.id).join(', ')}`, hint: 'give the full id, pack/rule' };
  }
  const candidates = query.includes('/') ? rules.map((r) => r.id) : rules.map((r) => r.key);
  return {
    error: `no rule "${query}"`,
    hint: didYouMean(query, candidates) ?? 'list the active rules with --list-rules',
  };
}
