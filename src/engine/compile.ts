// Compile a resolved configuration once: every phrase of every rule into one automaton, every rule into a check.
import { ConfigError, didYouMean, unknownSetHint, type ConfigIssue } from '../config/errors.js';
import { MAX_INCLUDE_DEPTH, MAX_INCLUDED_PHRASES, MAX_TOTAL_APPROXIMATE_UNITS, MAX_TOTAL_FUZZY_STATES, MAX_TOTAL_PHRASES } from '../config/limits.js';
import type { LoadedPack, ResolvedConfig, RuleEntry } from '../config/load.js';
import type { PhraseRef, PhraseSetEntry, Scope, SpeakerFilter, SpeakerPhraseRef } from '../config/pack-types.js';
import type { PathSegment } from '../config/yaml-file.js';
import { RULE_KINDS } from '../rules/index.js';
import type { Check, PhraseSelector, RuleBuilder, RuleKind } from '../rules/rule-kind.js';
import { ENGLISH_PARTS, MESSAGE_PARTS, unknownSlots, type MessagePart, type MessageParts } from '../rules/message-parts.js';
import { foldTable, type FoldTable } from '../text/fold-table.js';
import { PhraseMatcher } from '../text/matcher.js';
import { MAX_TOTAL_PROGRAM_SIZE } from '../text/linear-regex.js';
import { readPrebuiltAutomaton } from '../text/prebuilt-automata.js';
import { PrebuiltPhrases } from '../text/prebuilt-phrases.js';
import { compilePhrase, expandAlternatives, PhraseSyntaxError, type CompiledPhrase } from '../text/phrase.js';
import { SpeakerResolver } from '../transcript/speakers.js';
import type { FuzzyMatcher, FuzzySettings } from '../text/fuzzy-matcher.js';
import { FuzzyMatchers, fuzzyKey, fuzzySettingsFor } from './fuzzy.js';
import { SelectorHits } from './selector-hits.js';

export interface CompiledRule {
  entry: RuleEntry;
  kind: RuleKind;
  check: Check;
  /** Phrases whose matches void overlapping matches of this rule. */
  except?: PhraseSelector;
  /** Phrases one of which must stand by each reported match (`near:`), or none of which may (`not-near:`). */
  near?: NearSelector[];
  notNear?: NearSelector[];
  // What the engine asks of a rule for every file, read from its definition once here: definitions come in as many
  // shapes as there are rule kinds, and reading them per file kept the engine's hottest functions polymorphic.
  /** The rule's `message:`, or its id: what a problem says when its check gives no message of its own. */
  message: string;
  scope: Scope | undefined;
  /**
   * Rules whose scopes take the same turns share a slot (-1: no scope): the engine works a scope's turns out once a
   * call for all of them.
   */
  scopeSlot: number;
  /** `skip-emoticons: true`: a match that fills a bracketed tag ([呵呵]) is not reported. */
  skipEmoticons: boolean;
  /** Not evaluated on a transcript without timestamps. */
  needsTimestamps: boolean;
  /** The check's triggers (Check): read off the check once, as its kind's closures come with and without them. */
  triggers: readonly PhraseSelector[] | undefined;
  /** Its kind's everyOccurrence: the kinds are objects of as many shapes as there are kinds. */
  everyOccurrence: boolean;
}

/** A compiled `near:` / `not-near:`: the phrases, and how close (characters; undefined: the same clause). */
export interface NearSelector {
  selector: PhraseSelector;
  chars?: number;
}

/** The parts of a rule whose matches are what it reports (where a problem stands, or what it counts). */
const REPORTED_PARTS = new Set<PathSegment>(['phrases', 'after', 'if', 'hold']);

export interface CompiledConfig {
  config: ResolvedConfig;
  table: FoldTable;
  readonly matcher: PhraseMatcher;
  /** Matchers for the phrases of rules with `fuzzy:` (empty when no rule is fuzzy: the exact scan runs alone). */
  fuzzyMatchers: FuzzyMatcher[];
  /** Every phrase, exact and fuzzy, indexed by id. */
  phrases: CompiledPhrase[];
  /**
   * By phrase id, 1 where no two hits of the phrase lie one inside the other: an exact phrase without a rest (no gap,
   * no number; alternatives are phrases of their own) matches units of one length, and normalized units come from
   * ascending offsets, so its hits' starts and ends both ascend. Counting such a phrase's hits can stop at the number
   * wanted (RuleContext.countHits): none of those counted is dropped as inside another later.
   */
  unnested: Uint8Array;
  /** Which of the rules' selectors hit in a transcript, told once from its phrases that hit. */
  selectorHits: SelectorHits;
  rules: CompiledRule[];
  /** The rules' ids, in order (what disable directives name). */
  ruleIds: readonly string[];
  speakers: SpeakerResolver;
}

/**
 * The work of a compile, counted where a test asks for it (test/config/phrase-set-include.test.ts,
 * test/reliability/pack-limits.test.ts): a set included thousands of times costs its phrases once, not once an include,
 * and a pack past a cap is refused having done no more than the cap allows. Counted, not timed.
 */
export interface CompileWork {
  /** Phrases compiled (the packs' phrases, each once per fuzzy setting). */
  phrasesCompiled: number;
  /** Phrase ids copied from included sets into the sets that include them. */
  copiedIds: number;
  /** States of the automata of phrases matched by sound when the compile ended (refused or not). */
  fuzzyStates: number;
}

export function compileConfig(config: ResolvedConfig, work?: CompileWork): CompiledConfig {
  const table = foldTable(config.normalize);
  const phrases: CompiledPhrase[] = [];
  const phraseIdBySource = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  const packsByName = new Map(config.packs.map((p) => [p.name, p]));
  const fuzzy = new FuzzyMatchers(table);
  /** Set once phrases passed MAX_TOTAL_PHRASES (said once, where it happened). */
  let phrasesOverTotal = false;
  /** Set once the phrases matched with edits passed MAX_TOTAL_APPROXIMATE_UNITS (said once, where it happened). */
  let approximateOverTotal = false;
  /**
   * Set once the automata of phrases matched by sound passed MAX_TOTAL_FUZZY_STATES (said once, where it happened):
   * the run is refused, and no more is built into them.
   */
  let fuzzyOverTotal = false;
  const exactPhrases: CompiledPhrase[] = [];
  // The built-in packs' phrases as the build compiled them, looked up by their text (others are compiled here).
  const prebuilt = PrebuiltPhrases.read(config.packs.map((pack) => pack.name), config.normalize);

  const compileList = (list: readonly PhraseSetEntry[], pack: LoadedPack, path: PathSegment[], fuzzySettings?: FuzzySettings): number[] => {
    // In the order first met, each once: a Set, as a set may include a set of thousands of phrases thousands of times.
    const ids = new Set<number>();
    /** The sets included so far (a set's ids are one array, compiled once): a set included again adds nothing. */
    const includedSets = new Set<readonly number[]>();
    list.forEach((source, i) => {
      if (typeof source !== 'string') {
        const includePath = [...path, i, 'include'];
        const included = resolveSet(source.include, pack, includePath, fuzzySettings);
        if (includedSets.has(included)) return;
        includedSets.add(included);
        if (includedPhrases <= MAX_INCLUDED_PHRASES) {
          includedPhrases += included.length;
          if (includedPhrases > MAX_INCLUDED_PHRASES) {
            issues.push(pack.yaml.issueAt(includePath, `the phrase sets' includes come to more than ${MAX_INCLUDED_PHRASES.toLocaleString('en')} phrases in all`,
              'include a large set in fewer sets, or let the rules name it directly'));
          }
        }
        if (includedPhrases > MAX_INCLUDED_PHRASES) return;
        if (work) work.copiedIds += included.length;
        for (const id of included) ids.add(id);
        return;
      }
      // A phrase with alternatives ({太|很}) is the phrases they stand for, each compiled as if written out.
      let texts: string[];
      try {
        texts = expandAlternatives(source);
      } catch (err) {
        if (!(err instanceof PhraseSyntaxError)) throw err;
        issues.push(pack.yaml.issueAt([...path, i], err.message, err.hint));
        return;
      }
      const written = texts.length === 1 && texts[0] === source ? undefined : source;
      for (const text of texts) {
        // A phrase used by an exact and a fuzzy rule is compiled once for each.
        const key = fuzzySettings ? `${fuzzyKey(fuzzySettings)}\u0000${text}` : text;
        let id = phraseIdBySource.get(key);
        if (id === undefined) {
          if (phrases.length >= MAX_TOTAL_PHRASES) {
            if (!phrasesOverTotal) {
              phrasesOverTotal = true;
              issues.push(pack.yaml.issueAt([...path, i], `the packs hold more than ${MAX_TOTAL_PHRASES.toLocaleString('en')} phrases in all`,
                'every phrase is compiled into the matcher of each thread that lints: extend fewer packs, write fewer alternatives, or match variants with one phrase ({*} placeholders) or one pattern'));
            }
            return;
          }
          try {
            const phrase = prebuilt?.phrase(phrases.length, text, written) ?? compilePhrase(phrases.length, text, table, written);
            if (work) work.phrasesCompiled++;
            // A phrase that fuzzy matching cannot take (it starts with a filler) stays exact.
            if (!fuzzySettings || fuzzyOverTotal || !fuzzy.matcherFor(fuzzySettings).add(phrase, fuzzySettings)) exactPhrases.push(phrase);
            else if (fuzzy.states > MAX_TOTAL_FUZZY_STATES) {
              fuzzyOverTotal = true;
              issues.push(pack.yaml.issueAt([...path, i], `the packs' phrases matched by sound make an automaton of more than ${MAX_TOTAL_FUZZY_STATES.toLocaleString('en')} states`,
                'a phrase is held once per reading of its first characters (up to 64 times): set fuzzy: off on the rules with long lists, or keep fuzzy matching for the wordings a recognizer garbles'));
            } else if (!approximateOverTotal && fuzzySettings.maxEdits > 0 && fuzzy.approximateUnits > MAX_TOTAL_APPROXIMATE_UNITS) {
              approximateOverTotal = true;
              issues.push(pack.yaml.issueAt([...path, i], `the packs' phrases matched with max-edits come to more than ${MAX_TOTAL_APPROXIMATE_UNITS.toLocaleString('en')} characters in all`,
                'each costs every Latin character of a turn a pass of its length (any number of exact phrases is one pass): keep max-edits for the few wordings a recognizer garbles, or set fuzzy: { max-edits: 0 } on the rules with long lists'));
            }
            phrases.push(phrase);
            id = phrase.id;
            phraseIdBySource.set(key, id);
          } catch (err) {
            if (!(err instanceof PhraseSyntaxError)) throw err;
            issues.push(pack.yaml.issueAt([...path, i], err.message, err.hint));
            // One error for the written phrase: its other phrases would most likely fail alike.
            return;
          }
        }
        ids.add(id);
      }
    });
    return [...ids];
  };

  /** Each named set's ids, compiled once per fuzzy setting (a set included by many others is not compiled again). */
  const setIds = new Map<string, number[]>();
  /** The sets being compiled, outermost first: one that includes itself, through others or not, is a loop. */
  const including: string[] = [];
  /** The phrases includes have brought into sets so far (each set expanded once), against MAX_INCLUDED_PHRASES. */
  let includedPhrases = 0;

  const resolveSet = (ref: string, pack: LoadedPack, path: PathSegment[], fuzzySettings?: FuzzySettings): number[] => {
    const slash = ref.indexOf('/');
    const owner = slash > 0 ? packsByName.get(ref.slice(0, slash)) : pack;
    const setName = slash > 0 ? ref.slice(slash + 1) : ref;
    // Own sets only: a set named "constructor" or "__proto__" must not find Object.prototype's.
    const sets = owner?.data.phrases;
    const list = sets && Object.hasOwn(sets, setName) ? sets[setName] : undefined;
    if (!owner || !list) {
      const known = config.packs.flatMap((p) => Object.keys(p.data.phrases ?? {}).map((n) => (p === pack ? n : `${p.name}/${n}`)));
      issues.push(pack.yaml.issueAt(path, `unknown phrase set "${ref}"`, unknownSetHint(ref, known)));
      return [];
    }
    const name = `${owner.name}/${setName}`;
    const key = fuzzySettings ? `${fuzzyKey(fuzzySettings)}\u0000${name}` : name;
    const compiled = setIds.get(key);
    if (compiled) return compiled;
    if (including.includes(name)) {
      issues.push(pack.yaml.issueAt(path, `phrase sets include each other in a loop: ${[...including.slice(including.indexOf(name)), name].join(' → ')}`,
        'remove one of the includes'));
      return [];
    }
    if (including.length >= MAX_INCLUDE_DEPTH) {
      issues.push(pack.yaml.issueAt(path, `phrase sets include one another more than ${MAX_INCLUDE_DEPTH} deep, from ${including[0]}`,
        'include several sets in one (a: [{ include: b }, { include: c }]) rather than each in the next'));
      return [];
    }
    including.push(name);
    const ids = compileList(list, owner, ['phrases', setName], fuzzySettings);
    including.pop();
    setIds.set(key, ids);
    return ids;
  };

  const resolveRef = (ref: PhraseRef, pack: LoadedPack, path: PathSegment[], fuzzySettings?: FuzzySettings): number[] =>
    (Array.isArray(ref) ? compileList(ref, pack, path, fuzzySettings) : resolveSet(ref, pack, path, fuzzySettings));

  const rules: CompiledRule[] = [];
  const scopeSlots = new Map<string, number>();
  /** Every phrase selector of the rules, at its slot. */
  const selectors: PhraseSelector[] = [];
  /** The steps of the packs' patterns so far, against MAX_TOTAL_PROGRAM_SIZE (once past it, no longer counted). */
  let patternSteps = 0;
  // Each pack's message parts: those of the packs it extends (in order), then its own.
  const partsOf = new Map<LoadedPack, MessageParts>();
  const packParts = (pack: LoadedPack): MessageParts => {
    let parts = partsOf.get(pack);
    if (parts) return parts;
    parts = { ...ENGLISH_PARTS };
    for (const parent of pack.parents) Object.assign(parts, packParts(parent));
    for (const [name, template] of Object.entries(pack.data['message-parts'] ?? {})) {
      // (The schema has checked the names.)
      const unknown = unknownSlots(name as MessagePart, template);
      if (unknown.length) {
        const slots = MESSAGE_PARTS[name as MessagePart].slots.map((slot) => `{${slot}}`);
        issues.push(pack.yaml.issueAt(['message-parts', name], `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')} in ${name}`, slots.length ? `${name} fills ${slots.join(', ')}` : `${name} fills no placeholder`));
      }
      parts[name as MessagePart] = template;
    }
    partsOf.set(pack, parts);
    return parts;
  };
  for (const pack of config.packs) packParts(pack);
  for (const entry of config.rules) {
    const kind = RULE_KINDS.get(entry.def.kind);
    const rulePath: PathSegment[] = ['rules', entry.key];
    if (!kind) {
      issues.push(entry.pack.yaml.issueAt([...rulePath, 'kind'], `unknown rule kind "${entry.def.kind}"`, didYouMean(entry.def.kind, RULE_KINDS.keys())));
      continue;
    }
    const ruleSpeaker: SpeakerFilter = entry.def.speaker ?? 'any';
    const fuzzySettings = fuzzySettingsFor(entry, config.packs);
    const builder: RuleBuilder = {
      def: entry.def,
      path: rulePath,
      table,
      phrases: (ref, path, speaker = ruleSpeaker) => {
        const selector: PhraseSelector = {
          phraseIds: resolveRef(ref, entry.pack, [...rulePath, ...path], fuzzySettings),
          speaker,
          slot: selectors.length,
          reported: REPORTED_PARTS.has(path[0]),
        };
        selectors.push(selector);
        return selector;
      },
      speakerPhrases: (ref, path) => builder.phrases(...withSpeaker(ref, path, ruleSpeaker)),
      error: (path, message, hint) => issues.push(entry.pack.yaml.issueAt([...rulePath, ...path], message, hint)),
      part: (name) => packParts(entry.pack)[name],
      patternSteps: (path, steps) => {
        if (steps === undefined || patternSteps > MAX_TOTAL_PROGRAM_SIZE) return;
        patternSteps += steps;
        if (patternSteps <= MAX_TOTAL_PROGRAM_SIZE) return;
        issues.push(entry.pack.yaml.issueAt([...rulePath, ...path],
          `the packs' patterns spell out to more than ${MAX_TOTAL_PROGRAM_SIZE.toLocaleString('en')} steps in all (this one, of ${steps.toLocaleString('en')}, brings them to ${patternSteps.toLocaleString('en')})`,
          'each pattern costs every character of the turns it runs on up to its steps: match fixed wordings with phrases (any number of them is one pass), drop patterns, or use smaller counts {n}'));
      },
    };
    const check = kind.compile(builder);
    const except = entry.def.except === undefined ? undefined : builder.phrases(...withSpeaker(entry.def.except, ['except'], 'any'));
    const nearOf = (key: 'near' | 'not-near'): NearSelector[] | undefined => {
      const def = entry.def[key];
      if (!def) return undefined;
      const path = (i: number): PathSegment[] => (Array.isArray(def) ? [key, i, 'phrases'] : [key, 'phrases']);
      return (Array.isArray(def) ? def : [def]).map((one, i) => ({ selector: builder.phrases(one.phrases, path(i), 'any'), chars: one.chars }));
    };
    const { scope } = entry.def;
    rules.push({
      entry, kind, check, except, near: nearOf('near'), notNear: nearOf('not-near'),
      message: entry.def.message ?? entry.id,
      scope,
      scopeSlot: scope ? slotOf(scopeSlots, scopeKey(scope)) : -1,
      skipEmoticons: entry.def['skip-emoticons'] === true,
      needsTimestamps: Boolean(kind.needsTimestamps || scope?.['first-seconds'] !== undefined || scope?.['last-seconds'] !== undefined),
      triggers: check.triggers,
      everyOccurrence: kind.everyOccurrence === true,
    });
  }
  if (work) work.fuzzyStates = fuzzy.states;
  if (issues.length) throw new ConfigError(issues);
  // The automaton is made on the first scan: a rerun whose files are all cached, or --list-rules, never needs it. The
  // built-in packs' are read from the build's files: first the start form, the whole one once a run has scanned enough
  // to gain from it.
  const prebuiltMatcher = (): PhraseMatcher => {
    const anchors = exactPhrases.map((phrase) => phrase.anchor);
    const start = readPrebuiltAutomaton(anchors, undefined, 'start');
    return start ? new PhraseMatcher(exactPhrases, start, () => readPrebuiltAutomaton(anchors)) : new PhraseMatcher(exactPhrases, readPrebuiltAutomaton(anchors));
  };
  const unnested = new Uint8Array(phrases.length);
  for (const phrase of exactPhrases) if (phrase.rest.length === 0) unnested[phrase.id] = 1;
  return new Compiled(config, table, prebuiltMatcher, fuzzy.seal(), phrases, unnested, new SelectorHits(phrases.length, selectors), rules,
    new SpeakerResolver(config.speakers, table, config.channels));
}

/**
 * A compiled config: a class, so that it has a map of its own. (An object literal with the matcher's getter was made
 * in dictionary mode, and every read of its fields in the per-file code was a call of V8's LoadIC, ~5 thousand
 * instructions of a generated call.)
 */
class Compiled implements CompiledConfig {
  readonly ruleIds: readonly string[];
  private builtMatcher: PhraseMatcher | undefined;

  constructor(public config: ResolvedConfig, public table: FoldTable, private readonly makeMatcher: () => PhraseMatcher,
    public fuzzyMatchers: FuzzyMatcher[], public phrases: CompiledPhrase[], public unnested: Uint8Array, public selectorHits: SelectorHits,
    public rules: CompiledRule[], public speakers: SpeakerResolver) {
    this.ruleIds = rules.map((rule) => rule.entry.id);
  }

  get matcher(): PhraseMatcher {
    return (this.builtMatcher ??= this.makeMatcher());
  }
}

/** `{ phrases, speaker }` or a plain reference → the reference, where it stands, and whose words count. */
function withSpeaker(ref: SpeakerPhraseRef, path: PathSegment[], fallback: SpeakerFilter): [PhraseRef, PathSegment[], SpeakerFilter] {
  return typeof ref === 'object' && !Array.isArray(ref) ? [ref.phrases, [...path, 'phrases'], ref.speaker ?? fallback] : [ref, path, fallback];
}

/** What a scope takes, as a string: two scopes with the same key take the same turns (`of` is 'speaker' by default). */
export function scopeKey(scope: Scope): string {
  return [scope.of ?? 'speaker', scope['first-turns'], scope['last-turns'], scope['first-seconds'], scope['last-seconds']].join('/');
}

function slotOf(slots: Map<string, number>, key: string): number {
  let slot = slots.get(key);
  if (slot === undefined) slots.set(key, (slot = slots.size));
  return slot;
}
