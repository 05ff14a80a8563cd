// Compile a resolved configuration once: every phrase of every rule into one automaton, every rule into a check.
import { ConfigError, didYouMean, type ConfigIssue } from '../config/errors.js';
import type { LoadedPack, ResolvedConfig, RuleEntry } from '../config/load.js';
import type { PhraseRef, SpeakerFilter, SpeakerPhraseRef } from '../config/pack-types.js';
import type { PathSegment } from '../config/yaml-file.js';
import { RULE_KINDS } from '../rules/index.js';
import type { Check, PhraseSelector, RuleBuilder, RuleKind } from '../rules/rule-kind.js';
import { foldTable, type FoldTable } from '../text/fold-table.js';
import { PhraseMatcher } from '../text/matcher.js';
import { compilePhrase, PhraseSyntaxError, type CompiledPhrase } from '../text/phrase.js';
import { SpeakerResolver } from '../transcript/speakers.js';

export interface CompiledRule {
  entry: RuleEntry;
  kind: RuleKind;
  check: Check;
  /** Phrases whose matches void overlapping matches of this rule. */
  except?: PhraseSelector;
}

export interface CompiledConfig {
  config: ResolvedConfig;
  table: FoldTable;
  matcher: PhraseMatcher;
  phrases: CompiledPhrase[];
  rules: CompiledRule[];
  speakers: SpeakerResolver;
}

export function compileConfig(config: ResolvedConfig): CompiledConfig {
  const table = foldTable(config.normalize);
  const phrases: CompiledPhrase[] = [];
  const phraseIdBySource = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  const packsByName = new Map(config.packs.map((p) => [p.name, p]));

  const compileList = (list: string[], pack: LoadedPack, path: PathSegment[]): number[] => {
    const ids: number[] = [];
    list.forEach((source, i) => {
      let id = phraseIdBySource.get(source);
      if (id === undefined) {
        try {
          const phrase = compilePhrase(phrases.length, source, table);
          phrases.push(phrase);
          id = phrase.id;
          phraseIdBySource.set(source, id);
        } catch (err) {
          if (!(err instanceof PhraseSyntaxError)) throw err;
          issues.push(pack.yaml.issueAt([...path, i], err.message));
          return;
        }
      }
      if (!ids.includes(id)) ids.push(id);
    });
    return ids;
  };

  const resolveRef = (ref: PhraseRef, pack: LoadedPack, path: PathSegment[]): number[] => {
    if (Array.isArray(ref)) return compileList(ref, pack, path);
    const slash = ref.indexOf('/');
    const owner = slash > 0 ? packsByName.get(ref.slice(0, slash)) : pack;
    const setName = slash > 0 ? ref.slice(slash + 1) : ref;
    const list = owner?.data.phrases?.[setName];
    if (!owner || !list) {
      const known = config.packs.flatMap((p) => Object.keys(p.data.phrases ?? {}).map((n) => (p === pack ? n : `${p.name}/${n}`)));
      issues.push(pack.yaml.issueAt(path, `unknown phrase set "${ref}"`,
        didYouMean(ref, known) ?? `define it under "phrases:" or write the phrases as a list: [${ref}]`));
      return [];
    }
    return compileList(list, owner, ['phrases', setName]);
  };

  const rules: CompiledRule[] = [];
  for (const entry of config.rules) {
    const kind = RULE_KINDS.get(entry.def.kind);
    const rulePath: PathSegment[] = ['rules', entry.key];
    if (!kind) {
      issues.push(entry.pack.yaml.issueAt([...rulePath, 'kind'], `unknown rule kind "${entry.def.kind}"`, didYouMean(entry.def.kind, RULE_KINDS.keys())));
      continue;
    }
    const ruleSpeaker: SpeakerFilter = entry.def.speaker ?? 'any';
    const builder: RuleBuilder = {
      def: entry.def,
      path: rulePath,
      table,
      phrases: (ref, path, speaker = ruleSpeaker) => ({ phraseIds: resolveRef(ref, entry.pack, [...rulePath, ...path]), speaker }),
      speakerPhrases: (ref: SpeakerPhraseRef, path) =>
        typeof ref === 'object' && !Array.isArray(ref)
          ? { phraseIds: resolveRef(ref.phrases, entry.pack, [...rulePath, ...path, 'phrases']), speaker: ref.speaker ?? ruleSpeaker }
          : { phraseIds: resolveRef(ref, entry.pack, [...rulePath, ...path]), speaker: ruleSpeaker },
      error: (path, message, hint) => issues.push(entry.pack.yaml.issueAt([...rulePath, ...path], message, hint)),
    };
    const check = kind.compile(builder);
    const exceptRef = entry.def.except;
    const except = exceptRef === undefined ? undefined
      : typeof exceptRef === 'object' && !Array.isArray(exceptRef)
        ? builder.phrases(exceptRef.phrases, ['except', 'phrases'], exceptRef.speaker ?? 'any')
        : builder.phrases(exceptRef, ['except'], 'any');
    rules.push({ entry, kind, check, except });
  }
  if (issues.length) throw new ConfigError(issues);
  return {
    config,
    table,
    matcher: new PhraseMatcher(phrases),
    phrases,
    rules,
    speakers: new SpeakerResolver(config.speakers, table),
  };
}
