// Find, load, merge and validate configs and packs into one resolved configuration.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_NORMALIZE, type NormalizeOptions } from '../text/fold-table.js';
import type { Role, SeverityLevel } from '../types.js';
import { ConfigError, didYouMean, type ConfigIssue } from './errors.js';
import type { PackData, PackLanguage, RuleDef, SeverityName } from './pack-types.js';
import { checkLimits, MAX_EXTENDS_DEPTH, MAX_TOTAL_PACK_TEXT } from './limits.js';
import { applyOverride } from './override.js';
import { builtinRulesDir } from './paths.js';
import { validateShape } from './validate.js';
import { examplesVerified, packHash, verifiedPackData } from './verified-packs.js';
import { YamlFile } from './yaml-file.js';
import { brokenLinkProblem, FIX_LINK, isBrokenLink } from '../io/links.js';

export const DEFAULT_PACK = 'zh-callcenter';
export const CONFIG_NAMES = ['transcript-lint.yaml', '.transcript-lint.yaml'];

export interface LoadOptions {
  cwd?: string;
  /** `-c FILE`: use this config instead of looking for one. */
  configFile?: string;
  /** `--pack NAME|PATH`, repeatable: packs on top of the config (or instead of the default pack). */
  packs?: string[];
  /** The option `packs` came from, named in their errors (default `--pack`; `--test-pack` for the pack it tests). */
  packOption?: string;
  /** `--rule 'pack/rule: off'`, repeatable. */
  rules?: string[];
  /** Skip config discovery (the library default when packs are given). */
  noConfigLookup?: boolean;
}

export interface LoadedPack {
  name: string;
  /** The file as shown to users (relative to the working folder where it lies below it). */
  file: string;
  yaml: YamlFile;
  data: PackData;
  /** The packs this one extends (those that loaded). */
  parents: LoadedPack[];
  /** sha-256 of the file's text. */
  hash: string;
}

export interface RuleEntry {
  /** "pack/rule". */
  id: string;
  key: string;
  pack: LoadedPack;
  def: RuleDef;
  severity: SeverityLevel;
  /** Set by a later pack's `scorecard:` (critical, weights): wins over the rule's own `critical:` / `weight:`. */
  critical?: boolean;
  weight?: number;
  /** Where the examples come from when a later pack's override replaced them (they are reported there). */
  examplesAt?: { pack: LoadedPack; key: string };
}

export interface ResolvedConfig {
  normalize: NormalizeOptions;
  /** Speaker label → role, from every pack (later packs win). */
  speakers: Map<string, Role>;
  /** Channel or speaker id of speech-recognition output ("0", "spk_1") → role (`channels:`; later packs win). */
  channels: Map<string, Role>;
  packs: LoadedPack[];
  /** Every rule, including those turned off (severity 0). */
  rules: RuleEntry[];
  /** The config file that was found or given, if any. */
  configFile?: string;
  /** These packs, in this order, passed every rule's examples when the tool was built: no need to check again. */
  examplesVerified: boolean;
  /** The language the loaded packs declare, when they agree on one (`language:`); transcripts in another are not linted. */
  language?: PackLanguage;
}

export function builtinPackNames(): string[] {
  return readdirSync(builtinRulesDir()).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

/**
 * The built-in packs written for `language` (their `language:` key), by name. Each pack's data is the build's
 * verified copy when the file is unchanged (no YAML parse: this runs when a warning is due, at the end of a run).
 */
export function builtinPacksFor(language: PackLanguage): string[] {
  return builtinPackNames().filter((name) => {
    const path = join(builtinRulesDir(), `${name}.yaml`);
    const text = YamlFile.readText(path, name);
    const data = (verifiedPackData(packHash(text)) ?? YamlFile.parse(name, text).data) as PackData | null;
    return data?.language === language;
  });
}

/** The nearest transcript-lint.yaml or .transcript-lint.yaml from `cwd` upward. */
export function findConfigFile(cwd: string): string | undefined {
  const nearest = configCandidates(cwd).at(-1);
  return nearest !== undefined && entryExists(nearest) ? nearest : undefined;
}

/**
 * Whether a folder holds an entry of this name: a broken symbolic link is one (existsSync follows links and says no).
 * A config that is a broken link is the config meant (a team's, on a share not mounted): loading it says so, where
 * looking past it ran with a parent folder's config or the default pack without a word.
 */
function entryExists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // a folder on the way that cannot be searched: as existsSync
  }
}

/** Every place a config could be found from `cwd`, nearest first, up to the one found (all of them when none is). */
export function configCandidates(cwd: string): string[] {
  const candidates: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      candidates.push(candidate);
      if (entryExists(candidate)) return candidates;
    }
    if (dirname(dir) === dir) return candidates;
  }
}

/** The config and pack files a configuration was read from, as absolute paths; built-in packs change only with the tool. */
export function ownPackFiles(config: ResolvedConfig, cwd: string): string[] {
  return config.packs.map((p) => resolve(cwd, p.file)).filter((f) => dirname(f) !== builtinRulesDir());
}

/** Whether a pack reference (`extends:`, `--pack`) names a file rather than a built-in pack. */
export function isPackPath(reference: string): boolean {
  return /[\\/]/.test(reference) || /\.ya?ml$/i.test(reference);
}

export function toSeverity(value: SeverityName | undefined): SeverityLevel {
  if (value === undefined) return 2;
  if (typeof value === 'number') return value as SeverityLevel;
  return value === 'error' ? 2 : value === 'warn' ? 1 : 0;
}

class Loader {
  readonly packs: LoadedPack[] = [];
  private readonly byPath = new Map<string, LoadedPack>();
  readonly issues: ConfigIssue[] = [];

  constructor(private readonly cwd: string) {}

  display(path: string): string {
    const rel = relative(this.cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  }

  /** Resolve `extends:` / `--pack` names: a built-in pack name, or a path relative to `baseDir`. */
  resolveReference(reference: string, baseDir: string): string | { error: string; hint?: string } {
    if (/^[a-z][a-z\d+.-]+:\/\//i.test(reference)) {
      // (It was looked for as a path under the working folder: "looked for calls/https:/example.com/team.yaml".)
      return { error: `pack "${reference}" is a URL; packs are read from disk, never fetched`, hint: `download it and extend the file by its path (extends: ./${reference.replace(/[?#].*$/, '').split('/').pop() || 'pack.yaml'})` };
    }
    if (isPackPath(reference)) {
      // Only YAML files named so are read as packs: a config found in an archive's folder could extend any file the
      // run may read (/proc, an .env file, a token) and have its errors quote what it holds.
      if (!/\.ya?ml$/i.test(reference)) {
        return { error: `pack file "${reference}" is not a .yaml or .yml file: packs are YAML files named so, and nothing else is read as one`, hint: 'rename the pack to end in .yaml' };
      }
      const path = resolve(baseDir, reference);
      if (existsSync(path)) return path;
      // A link to a share that is not mounted is what was meant, not a typo: said as the config and the ignore file say it.
      if (isBrokenLink(path)) return { error: `pack file "${reference}": ${brokenLinkProblem(path)}`, hint: FIX_LINK };
      return { error: `pack file "${reference}" not found`, hint: `looked for ${this.display(path)}` };
    }
    const builtin = join(builtinRulesDir(), `${reference}.yaml`);
    if (existsSync(builtin)) return builtin;
    const names = builtinPackNames();
    return { error: `unknown pack "${reference}"`, hint: didYouMean(reference, names) ?? `built-in packs: ${names.join(', ')}; a path to your own pack must end in .yaml` };
  }

  /** Characters of the packs and config read so far, against MAX_TOTAL_PACK_TEXT. */
  private textRead = 0;

  /** `from`: where the pack was named (an extends entry, or the --pack option), for a breach of the total. */
  load(path: string, chain: string[] = [], from?: () => ConfigIssue): LoadedPack | undefined {
    const known = this.byPath.get(path);
    if (known) return known;
    if (chain.includes(path)) {
      this.issues.push({ file: this.display(path), line: 0, column: 0, message: `packs extend each other in a loop: ${[...chain, path].map((p) => this.display(p)).join(' → ')}`, hint: 'remove one of the extends' });
      return undefined;
    }
    if (this.textRead > MAX_TOTAL_PACK_TEXT) return undefined; // said once, at the pack that passed it
    const text = YamlFile.readText(path, this.display(path));
    this.textRead += text.length;
    if (this.textRead > MAX_TOTAL_PACK_TEXT) {
      const where = from?.() ?? { file: this.display(path), line: 0, column: 0 };
      this.issues.push({ ...where, message: `the packs and config come to more than ${MAX_TOTAL_PACK_TEXT.toLocaleString('en')} characters in all, with ${this.display(path)}`,
        hint: 'every pack is read and held whole by each thread that lints: extend fewer packs, or split the phrase lists a run needs from those it does not' });
      return undefined;
    }
    const hash = packHash(text);
    const verified = verifiedPackData(hash);
    const yaml = verified === undefined ? YamlFile.parse(this.display(path), text) : YamlFile.withData(this.display(path), text, verified);
    const shapeIssues = verified === undefined ? [...validateShape(yaml), ...checkLimits(yaml)] : [];
    if (shapeIssues.length) {
      this.issues.push(...shapeIssues);
      return undefined;
    }
    const data = yaml.data as PackData;
    const parents = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
    const loadedParents: LoadedPack[] = [];
    parents.forEach((reference, i) => {
      const at = Array.isArray(data.extends) ? ['extends', i] : ['extends'];
      const resolved = this.resolveReference(reference, dirname(path));
      if (typeof resolved !== 'string') {
        this.issues.push(yaml.issueAt(at, resolved.error, resolved.hint));
        return;
      }
      // A loop is reported where it closes: at the extends entry that leads back.
      const route = [...chain, path];
      if (route.includes(resolved)) {
        this.issues.push(yaml.issueAt(at, `packs extend each other in a loop: ${[...route, resolved].map((p) => this.display(p)).join(' → ')}`, 'remove one of the extends'));
        return;
      }
      if (route.length >= MAX_EXTENDS_DEPTH) {
        this.issues.push(yaml.issueAt(at, `packs extend one another more than ${MAX_EXTENDS_DEPTH} deep, from ${this.display(route[0])}`,
          'extend several packs from one (extends: [./a.yaml, ./b.yaml]) rather than each from the next'));
        return;
      }
      const parent = this.load(resolved, route, () => yaml.issueAt(at, ''));
      if (parent) loadedParents.push(parent);
    });
    const name = data.name ?? 'config';
    const twin = this.packs.find((p) => p.name === name);
    if (twin) {
      this.issues.push(yaml.issueAt(['name'], `pack name "${name}" is already used by ${twin.file}`, 'give each pack its own name: rule ids are name/rule'));
      return undefined;
    }
    const pack: LoadedPack = { name, file: yaml.file, yaml, data, parents: loadedParents, hash };
    this.packs.push(pack);
    this.byPath.set(path, pack);
    return pack;
  }
}

export function loadConfig(options: LoadOptions = {}): ResolvedConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  const loader = new Loader(cwd);
  let configFile: string | undefined;
  if (options.configFile) {
    configFile = resolve(cwd, options.configFile);
    if (!entryExists(configFile)) {
      throw new ConfigError([{ file: options.configFile, line: 0, column: 0, message: 'config file not found', hint: 'check the path given to -c' }]);
    }
  } else if (!options.noConfigLookup) {
    configFile = findConfigFile(cwd);
  }
  // A copy: the default pack added below must not stay in the caller's options for the next load.
  const packReferences = [...(options.packs ?? [])];
  if (!configFile && packReferences.length === 0) packReferences.push(DEFAULT_PACK);
  for (const reference of packReferences) {
    const resolved = loader.resolveReference(reference, cwd);
    if (typeof resolved === 'string') loader.load(resolved, [], () => ({ file: `${options.packOption ?? '--pack'} ${reference}`, line: 0, column: 0, message: '' }));
    else loader.issues.push({ file: `${options.packOption ?? '--pack'} ${reference}`, line: 0, column: 0, message: resolved.error, hint: resolved.hint });
  }
  if (configFile) loader.load(configFile);
  if (loader.issues.length) throw new ConfigError(loader.issues);

  const rules = collectRules(loader.packs, loader.issues);
  applyCommandLineRules(rules, options.rules ?? [], loader.issues);
  if (loader.issues.length) throw new ConfigError(loader.issues);

  const normalize: NormalizeOptions = { ...DEFAULT_NORMALIZE };
  const speakers = new Map<string, Role>();
  const channels = new Map<string, Role>();
  for (const pack of loader.packs) {
    for (const [channel, role] of Object.entries(pack.data.channels ?? {})) channels.set(channel, role);
    Object.assign(normalize, pack.data.normalize ?? {});
    for (const [role, labels] of Object.entries(pack.data.speakers ?? {}) as [Role, string[]][]) {
      for (const label of labels) speakers.set(label, role);
    }
  }
  const languages = new Set(loader.packs.map((p) => p.data.language).filter((l): l is PackLanguage => l !== undefined));
  const language = languages.size === 1 ? [...languages][0] : undefined;
  const examplesChecked = examplesVerified(loader.packs.map((p) => p.hash));
  return { normalize, speakers, channels, packs: loader.packs, rules, configFile: configFile && loader.display(configFile), examplesVerified: examplesChecked, language };
}

function collectRules(packs: LoadedPack[], issues: ConfigIssue[]): RuleEntry[] {
  const rules: RuleEntry[] = [];
  const byId = new Map<string, RuleEntry>();
  // Every rule any pack in play defines, by name: a name without its pack stands for another pack's rule only when
  // no other pack defines one of that name (loaded before or after).
  const definedAs = new Map<string, string[]>();
  for (const pack of packs) {
    for (const [key, value] of Object.entries(pack.data.rules ?? {})) {
      if (typeof value === 'object' && 'kind' in value && !key.includes('/')) definedAs.set(key, [...(definedAs.get(key) ?? []), `${pack.name}/${key}`]);
    }
  }
  for (const pack of packs) {
    for (const [key, value] of Object.entries(pack.data.rules ?? {})) {
      if (typeof value === 'object' && 'kind' in value) {
        if (key.includes('/')) {
          issues.push(pack.yaml.issueAt(['rules', key], `rule name "${key}" may not contain "/"`, 'a "pack/rule" key overrides another pack\'s rule: its severity ("zh-callcenter/greet-first: warn") or options without kind ("zh-callcenter/greet-first: { except: [您好像] }")', true));
          continue;
        }
        const def = value as RuleDef;
        const entry: RuleEntry = { id: `${pack.name}/${key}`, key, pack, def, severity: toSeverity(def.severity) };
        rules.push(entry);
        byId.set(entry.id, entry);
        continue;
      }
      // An override of a rule loaded earlier ("pack/rule: warn", "pack/rule: { within: 3 }"), of one of this pack's
      // own, or of the one rule of that name another pack defines ("filler-start: off", as --rule takes it).
      const found = ruleNamed(key, pack, byId, definedAs);
      if ('error' in found) {
        issues.push(pack.yaml.issueAt(['rules', key], found.error,
          found.hint ?? (typeof value === 'object' ? 'a new rule needs "kind:"; list the active rules with --list-rules' : 'list the active rules with --list-rules'), true));
        continue;
      }
      const target = found.rule;
      if (typeof value !== 'object') {
        target.severity = toSeverity(value);
        continue;
      }
      const { severity, ...options } = value;
      const problems = Object.keys(options).length ? applyOverride(target, options, pack, key) : [];
      issues.push(...problems);
      if (!problems.length && severity !== undefined) target.severity = toSeverity(severity);
    }
    applyScorecardMarks(pack, byId, definedAs, issues);
  }
  return rules;
}

/**
 * The rule a key of `pack` names: `pack/rule`; a rule of the pack's own by its name; or, by its name alone, the one
 * rule of that name the packs in play define (`filler-start: off` in a config over zh-callcenter, as `--rule
 * filler-start=off` takes it). A name two packs define is ambiguous: the error lists the ids to write instead.
 * `verb`: what the key does to the rule, for the error ("override", "grade").
 */
function ruleNamed(key: string, pack: LoadedPack, byId: Map<string, RuleEntry>, definedAs: Map<string, string[]>, verb = 'override'):
  { rule: RuleEntry } | { error: string; hint?: string } {
  const id = key.includes('/') ? key : `${pack.name}/${key}`;
  const own = byId.get(id);
  if (own) return { rule: own };
  if (!key.includes('/')) {
    const ids = definedAs.get(key) ?? [];
    if (ids.length > 1) {
      return { error: `rule name "${key}" is ambiguous: ${ids.join(', ')}`, hint: `give the full id, pack/rule: ${ids.map((i) => `"${i}"`).join(' or ')}` };
    }
    const other = ids.length === 1 ? byId.get(ids[0]) : undefined;
    if (other) return { rule: other };
  }
  return { error: `no rule "${id}" to ${verb}`, hint: didYouMean(id, byId.keys()) };
}

/** A pack's `scorecard: { critical: [...], weights: {...} }`: marks on its own rules or on those of packs loaded before. */
function applyScorecardMarks(pack: LoadedPack, byId: Map<string, RuleEntry>, definedAs: Map<string, string[]>, issues: ConfigIssue[]): void {
  const find = (key: string, path: (string | number)[]): RuleEntry | undefined => {
    const found = ruleNamed(key, pack, byId, definedAs, 'grade');
    if ('rule' in found) return found.rule;
    issues.push(pack.yaml.issueAt(path, found.error, found.hint ?? 'list the active rules with --list-rules'));
    return undefined;
  };
  const { critical = [], weights = {} } = pack.data.scorecard ?? {};
  critical.forEach((key, i) => {
    const target = find(key, ['scorecard', 'critical', i]);
    if (target) target.critical = true;
  });
  for (const [key, weight] of Object.entries(weights)) {
    const target = find(key, ['scorecard', 'weights', key]);
    if (target) target.weight = weight;
  }
}

function applyCommandLineRules(rules: RuleEntry[], specs: string[], issues: ConfigIssue[]): void {
  for (const spec of specs) {
    const m = /^\s*([^:=\s]+)\s*[:=]\s*(\S+)\s*$/.exec(spec);
    const level = m?.[2] as SeverityName | undefined;
    if (!m || !['error', 'warn', 'off', '0', '1', '2'].includes(String(level))) {
      issues.push({ file: `--rule ${spec}`, line: 0, column: 0, message: 'cannot read this rule setting', hint: "write it as 'pack/rule: error|warn|off'" });
      continue;
    }
    const named = rules.filter((r) => r.key === m[1]);
    if (!rules.some((r) => r.id === m[1]) && named.length > 1) {
      const ids = named.map((r) => r.id);
      issues.push({ file: `--rule ${spec}`, line: 0, column: 0, message: `rule name "${m[1]}" is ambiguous: ${ids.join(', ')}`, hint: `give the full id, pack/rule: ${ids.map((i) => `"${i}"`).join(' or ')}` });
      continue;
    }
    const target = rules.find((r) => r.id === m[1]) ?? named.at(0);
    if (!target) {
      issues.push({ file: `--rule ${spec}`, line: 0, column: 0, message: `no rule "${m[1]}"`, hint: didYouMean(m[1], rules.map((r) => r.id)) ?? 'list the active rules with --list-rules' });
      continue;
    }
    target.severity = toSeverity(/^\d$/.test(String(level)) ? (Number(level) as SeverityName) : level);
  }
}
