// Structural validation against the JSON Schema in rules/ (the same file editors use), turned into messages
// that name the wrong key or value and suggest the right one.
import { readFileSync } from 'node:fs';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { lazyModule } from '../lazy-module.js';
import { didYouMean, type ConfigIssue } from './errors.js';
import type { PathSegment, YamlFile } from './yaml-file.js';
import { builtinRulesDir } from './paths.js';

const ajv = lazyModule<typeof import('ajv')>('ajv');
let validator: ReturnType<AjvClass['compile']> | undefined;
let validatorFactory: AjvClass | undefined;
let ruleKinds: string[] = [];
let schemaId = '';
let ruleOptionNames: string[] = [];

function compileSchema(): ReturnType<AjvClass['compile']> {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(`${builtinRulesDir()}/transcript-lint.schema.json`, 'utf8'));
  ruleKinds = schema.definitions.rule.oneOf.map((branch: { properties: { kind: { const: string } } }) => branch.properties.kind.const);
  ruleOptionNames = schema.definitions.ruleOverride.propertyNames.enum;
  schemaId = schema.$id;
  validatorFactory = new (ajv().Ajv)({ allErrors: true, discriminator: true, strict: false, verbose: true });
  validator = validatorFactory.compile(schema);
  return validator;
}

export function knownRuleKinds(): string[] {
  compileSchema();
  return ruleKinds;
}

export function validateShape(yaml: YamlFile): ConfigIssue[] {
  const validate = compileSchema();
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    return [yaml.issueAt([], 'a rule pack or config must be a mapping of keys (name, phrases, rules, …)')];
  }
  // A whole rule (with kind) under another pack's rule id: an override takes only the options to change.
  const rules = (yaml.data as { rules?: unknown }).rules;
  const copied = rules !== null && typeof rules === 'object'
    ? Object.entries(rules).filter(([key, value]) => key.includes('/') && value !== null && typeof value === 'object' && 'kind' in value).map(([key]) => key)
    : [];
  const misplaced = copied.map((key) => yaml.issueAt(['rules', key, 'kind'], `"${key}" overrides a rule of another pack: it takes no kind`,
    'give only the options to change (and severity), or write a new rule under a name of your own', true));
  if (validate(yaml.data)) return misplaced;
  const inCopied = (e: ErrorObject) => copied.some((key) => toPath(e.instancePath)[1] === key);
  return [...misplaced, ...pickErrors(validate.errors ?? [], yaml.data).filter((e) => !inCopied(e)).map((e) => describe(e, yaml))];
}

/**
 * A rule's options after a later pack's override merged into them, checked as a rule of its kind; the issues stand at
 * `at` (the override's entry) in `yaml` (the overriding pack).
 */
export function validateRuleOptions(def: unknown, yaml: YamlFile, at: PathSegment[]): ConfigIssue[] {
  compileSchema();
  const validateRule = validatorFactory!.getSchema(`${schemaId}#/definitions/rule`)!;
  if (validateRule(def)) return [];
  return pickErrors(validateRule.errors ?? [], def).map((e) => describe(e, yaml, at));
}

function toPath(pointer: string): PathSegment[] {
  return pointer.split('/').slice(1).map((s) => {
    const text = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(text) ? Number(text) : text;
  });
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment as string];
  return value;
}

/** The rule entry (a mapping under `rules:`) an error lies in, if any. */
function ruleEntryAt(data: unknown, pointer: string): Record<string, unknown> | undefined {
  const path = toPath(pointer);
  if (path[0] !== 'rules' || path.length < 2) return undefined;
  const entry = valueAt(data, path.slice(0, 2));
  return entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
}

/** ajv reports every branch of every anyOf/oneOf; keep the errors of the branch the author meant. */
function pickErrors(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const kept = errors.filter((e) => {
    // The only `not` (an override has no kind) is said by validateShape itself; of anything else it is noise.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'not') return false;
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') return false; // repeated by its propertyNames error
    const value = valueAt(data, toPath(e.instancePath));
    // A rule entry is a severity, a rule object (with kind) or an override of options (without): report against the
    // form that was written.
    if (e.schemaPath === '#/definitions/severity/enum' && value !== null && typeof value === 'object') return false;
    // A mapping where a word or a mapping may stand (fuzzy: { … }) is told what is wrong inside it, not that it is
    // not one of the words ("[object Object]" is not a valid fuzzy).
    if (e.keyword === 'enum' && value !== null && typeof value === 'object' && errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`))) return false;
    const entry = ruleEntryAt(data, e.instancePath);
    if (entry !== undefined) {
      const fromOverride = e.schemaPath.startsWith('#/definitions/ruleOverride/');
      if ('kind' in entry ? fromOverride : !fromOverride) return false;
    }
    if (e.keyword === 'type') {
      const expected = String(e.params.type);
      const isArray = Array.isArray(value);
      // A value written as a list gets list errors, not "must be string" from the other branch, and vice versa.
      // A scalar that misses an enum (fuzzy: sound) gets the enum error, not "must be a mapping" from the other form.
      if (!isArray && typeof value !== 'object' && errors.some((o) => o.instancePath === e.instancePath && o.keyword === 'enum')) return false;
      if (isArray && expected !== 'array' && errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'type' && o.keyword !== 'oneOf' && o.keyword !== 'anyOf')) return false;
    }
    return true;
  });
  const result = kept.length ? kept : errors.slice(0, 1);
  // One message per place and kind of mistake.
  const seen = new Set<string>();
  return result.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(error: ErrorObject, yaml: YamlFile, at: PathSegment[] = []): ConfigIssue {
  const path = [...at, ...toPath(error.instancePath)];
  const where = path.length ? path.join('.') : 'the top level';
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      return yaml.issueAt([...path, key], `unknown key "${key}" in ${where}`,
        didYouMean(key, allowed) ?? (allowed.length ? `allowed keys here: ${allowed.join(', ')}` : undefined), true);
    }
    case 'discriminator': {
      if (error.params.error === 'mapping') {
        const kind = String(error.params.tagValue);
        return yaml.issueAt([...path, 'kind'], `unknown rule kind "${kind}"`,
          didYouMean(kind, ruleKinds) ?? `kinds: ${ruleKinds.join(', ')}`);
      }
      return yaml.issueAt(path, `rule "${where}" has no kind`, `add "kind:" with one of ${ruleKinds.join(', ')}`);
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).filter((v) => typeof v === 'string') as string[];
      const value = String(error.data);
      const last = path[path.length - 1];
      // An item of a list is named after its list ("card" is not a valid detect).
      const named = typeof last === 'number' ? path[path.length - 2] : last;
      const what = last === 'severity' || path[0] === 'rules' && path.length === 2 ? 'severity' : String(named);
      return yaml.issueAt(path, `"${value}" is not a valid ${what}`, colonHint(error.data) ?? didYouMean(value, allowed) ?? `use one of: ${allowed.join(', ')}`);
    }
    case 'propertyNames': {
      const key = String(error.params.propertyName);
      if (path.length === 1 && path[0] === 'phrases') return phraseSetNameIssue(key, yaml);
      return yaml.issueAt([...path, key], `"${key}" is not an option a rule can override in ${where}`,
        didYouMean(key, ruleOptionNames) ?? (key === 'kind' ? 'an override keeps the kind of the rule it overrides' : `options: ${ruleOptionNames.join(', ')}`), true);
    }
    case 'minProperties':
      return yaml.issueAt(path, `${where} overrides nothing`, 'give a severity (pack/rule: warn) or the options to change');
    case 'required':
      return yaml.issueAt(path, `${where} is missing "${String(error.params.missingProperty)}"`, `add "${String(error.params.missingProperty)}:"`, true);
    case 'type':
      return yaml.issueAt(path, `${where} must be ${article(String(error.params.type))}`, colonHint(error.data));
    case 'const':
      return yaml.issueAt(path, `${where} must be "${String(error.params.allowedValue)}"`);
    case 'pattern':
      return yaml.issueAt(path, `"${String(error.data)}" is not a valid ${String(path[path.length - 1])}`,
        'use lower-case letters, digits, dots, dashes and underscores');
    default:
      return yaml.issueAt(path, `${where} ${error.message ?? 'is not valid'}`);
  }
}

/** A phrase set's name that cannot be one: most often another pack's set, which a config meant to add phrases to. */
function phraseSetNameIssue(key: string, yaml: YamlFile): ConfigIssue {
  const slash = key.lastIndexOf('/');
  if (slash <= 0) return yaml.issueAt(['phrases', key], `"${key}" is not a valid phrase-set name`, 'use letters, digits, Chinese characters, dots, dashes and underscores', true);
  const own = `my-${key.slice(slash + 1)}`;
  const given = valueAt(yaml.data, ['phrases', key]);
  const example = Array.isArray(given) && typeof given[0] === 'string' ? given[0] : '新的说法';
  return yaml.issueAt(['phrases', key], `phrases: "${key}" is a set of another pack, which a config or pack cannot change`,
    `make a set of your own that includes it, e.g. ${own}: [${example}, { include: ${key} }], and give it to the rule that should use it: ${key.slice(0, slash)}/RULE: { phrases: ${own} }`, true);
}

/** `key:value` without a space after the colon is one word to YAML, where a mapping was meant. */
function colonHint(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^([^\s:]+):(\S.*)$/.exec(value) : null;
  if (!m || /^[a-z][a-z0-9+.-]*:\/\//i.test(value as string)) return undefined;
  return `YAML reads "${value as string}" as one word: put a space after the colon ("${m[1]}: ${m[2]}")`;
}

function article(type: string): string {
  return { array: 'a list', object: 'a mapping', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' }[type] ?? type;
}
