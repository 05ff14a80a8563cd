// The registry of rule kinds: one file each.
import { banned } from './banned.js';
import { count } from './count.js';
import { follow } from './follow.js';
import { order } from './order.js';
import { pattern } from './pattern.js';
import { pii } from './pii.js';
import { required } from './required.js';
import type { RuleKind } from './rule-kind.js';
import { sequence } from './sequence.js';
import { timing } from './timing.js';

export const RULE_KINDS: ReadonlyMap<string, RuleKind> = new Map(
  [required, banned, order, follow, sequence, count, pattern, pii, timing].map((kind) => [kind.kind, kind]),
);
