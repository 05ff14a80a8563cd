// A later pack or config giving some options of a rule loaded before ("zh-callcenter/apology-after-complaint:
// { within: 3 }"): the rule keeps its id, its pack and its other options; the merged rule must be valid for its kind.
import { unknownSetHint, type ConfigIssue } from './errors.js';
import type { LoadedPack, RuleEntry } from './load.js';
import type { NearDef, RuleDef, RuleOverride, SpeakerPhraseRef } from './pack-types.js';
import { validateRuleOptions } from './validate.js';
import { packVerified } from './verified-packs.js';

/** Options that change how a rule reads, not what it finds: the rule's own examples still hold after them. */
const WORDING = new Set(['message', 'description', 'source', 'weight', 'critical']);
/** Options whose value names phrase sets (or is an object or list of objects that does). */
const PHRASE_OPTIONS = ['phrases', 'except', 'before', 'after', 'if', 'then', 'hold', 'steps', 'near', 'not-near'] as const;

/**
 * Merge `options` (from `pack`, under `rules: { <key>: … }`, its severity taken out) into `target`. Phrase-set names are looked up in the
 * overriding pack first, then in the rule's own; the rule's examples are dropped when the override changes what it
 * finds, unless the override brings its own (they are then checked, and reported, in the overriding pack).
 * Returns the issues; on any, the rule is left as it was.
 */
export function applyOverride(target: RuleEntry, options: RuleOverride, pack: LoadedPack, key: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const qualify = (ref: string, path: (string | number)[]): string => {
    if (ref.includes('/')) return ref;
    // Own sets only (a set named "constructor" is not Object.prototype's).
    if (Object.hasOwn(pack.data.phrases ?? {}, ref)) return `${pack.name}/${ref}`;
    if (Object.hasOwn(target.pack.data.phrases ?? {}, ref)) return `${target.pack.name}/${ref}`;
    const known = [...Object.keys(pack.data.phrases ?? {}), ...Object.keys(target.pack.data.phrases ?? {})];
    issues.push(pack.yaml.issueAt(['rules', key, ...path], `unknown phrase set "${ref}"`, unknownSetHint(ref, known)));
    return ref;
  };
  const qualifyRef = (ref: SpeakerPhraseRef, path: (string | number)[]): SpeakerPhraseRef => {
    if (typeof ref === 'string') return qualify(ref, path);
    if (Array.isArray(ref)) return ref;
    return typeof ref.phrases === 'string' ? { ...ref, phrases: qualify(ref.phrases, [...path, 'phrases']) } : ref;
  };
  const merged: RuleDef = { ...target.def, ...options };
  for (const name of PHRASE_OPTIONS) {
    const value = options[name];
    if (value === undefined) continue;
    if (name === 'steps') merged.steps = (value as SpeakerPhraseRef[]).map((step, i) => qualifyRef(step, [name, i]));
    else if (name === 'near' || name === 'not-near') {
      const one = (def: NearDef, path: (string | number)[]): NearDef => ({ ...def, phrases: qualifyRef(def.phrases, [...path, 'phrases']) as NearDef['phrases'] });
      merged[name] = Array.isArray(value) ? (value as NearDef[]).map((def, i) => one(def, [name, i])) : one(value as NearDef, [name]);
    } else Object.assign(merged, { [name]: qualifyRef(value as SpeakerPhraseRef, [name]) });
  }
  const changesMatching = Object.keys(options).some((option) => !WORDING.has(option) && option !== 'examples');
  if (changesMatching && !options.examples) delete merged.examples;
  // A built-in pack whose bytes passed this check at build time (scripts/verify-packs.mjs) is not checked again.
  if (!packVerified(pack.hash)) issues.push(...validateRuleOptions(merged, pack.yaml, ['rules', key]));
  if (issues.length) return issues;
  target.def = merged;
  if (options.examples) target.examplesAt = { pack, key };
  return issues;
}
