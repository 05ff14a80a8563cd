// What reports say about each rule: its message, where the norm comes from, its kind and scorecard weight.
import type { ResolvedConfig } from '../config/load.js';
import type { SeverityLevel } from '../types.js';

export interface RuleMeta {
  /** "pack/rule". */
  id: string;
  kind: string;
  /** As configured after overrides; 0 = off. */
  severity: SeverityLevel;
  message?: string;
  description?: string;
  /** Where the norm comes from (document and section). */
  source?: string;
  /** Scorecard weight as written in the pack (or set by a later pack's `scorecard.weights`); the default weight applies when absent. */
  weight?: number;
  critical: boolean;
}

export function ruleMetas(config: ResolvedConfig): RuleMeta[] {
  return config.rules.map(({ id, def, severity, critical, weight }) => {
    const meta: RuleMeta = { id, kind: def.kind, severity, critical: (critical ?? def.critical) === true };
    if (def.message !== undefined) meta.message = def.message;
    if (def.description !== undefined) meta.description = def.description;
    if (def.source !== undefined) meta.source = def.source;
    if ((weight ?? def.weight) !== undefined) meta.weight = weight ?? def.weight;
    return meta;
  });
}
