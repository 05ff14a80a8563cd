// The shape of a pack or config once validated against rules/transcript-lint.schema.json.
import type { NormalizeOptions } from '../text/fold-table.js';
import type { PackLanguage, Role } from '../types.js';

export type SeverityName = 'error' | 'warn' | 'off' | 0 | 1 | 2;
export type SpeakerFilter = Role | 'any';
export type PhraseRef = string | string[];
/** An entry of a named phrase set: a phrase, or every phrase of another set (`{ include: greeting }`). */
export type PhraseSetEntry = string | { include: string };
export type SpeakerPhraseRef = PhraseRef | { phrases: PhraseRef; speaker?: SpeakerFilter };
/** `near:` / `not-near:` on a rule: phrases that must (or must not) stand by a reported match, in the same turn. */
export interface NearDef {
  phrases: PhraseRef;
  /** At most this many characters between the two; without it, in the same clause (no ，。！？；, . ! ? ; : between). */
  chars?: number;
}

/**
 * `min-if:` on a count rule: the turns its minimum is due in — those saying one of the phrases or, in the object
 * form, matching an RE2 pattern (a question mark: phrases ignore punctuation, so none can name one).
 */
export type MinIfDef = PhraseRef | { phrases?: PhraseRef; pattern?: string; speaker?: SpeakerFilter; except?: PhraseRef };

export type { PackLanguage } from '../types.js';

/** What a `timing` rule measures. */
export type TimingMeasure = 'first-response' | 'reply-time' | 'hold-return' | 'silence' | 'call-length';
/** `fuzzy:` on a rule or a pack: tolerate speech-recognition noise (see docs/rule-packs.md). */
export type FuzzyDef = 'pinyin' | 'off' | { pinyin?: boolean; fillers?: string[]; 'max-edits'?: number };

export interface Scope {
  'first-turns'?: number;
  'last-turns'?: number;
  'first-seconds'?: number;
  'last-seconds'?: number;
  of?: 'speaker' | 'all';
}

/** Every field any rule kind may carry; each kind reads its own (the schema has checked which are allowed). */
export interface RuleDef {
  kind: string;
  speaker?: SpeakerFilter;
  scope?: Scope;
  severity?: SeverityName;
  message?: string;
  description?: string;
  source?: string;
  except?: SpeakerPhraseRef;
  /** One condition, or a list: `near` needs one of them to hold, `not-near` voids a match when any holds. */
  near?: NearDef | NearDef[];
  'not-near'?: NearDef | NearDef[];
  /** A match that fills a whole bracketed emoticon tag ([呵呵]) is not reported. */
  'skip-emoticons'?: boolean;
  weight?: number;
  critical?: boolean;
  examples?: { bad?: string[]; good?: string[] };
  phrases?: PhraseRef;
  all?: boolean;
  'at-least'?: number;
  suggest?: string | Record<string, string>;
  /** What a suggestion replaces: the phrase (default), its clause, its sentence from that clause on, or its turn. */
  'suggest-span'?: 'phrase' | 'clause' | 'sentence' | 'turn';
  /** Replacements certain to read right in place, applied by --fix (see src/rules/wording.ts). */
  fix?: { replace: string; with?: string; suggest?: string; span?: 'phrase' | 'clause' | 'sentence' | 'turn' }[];
  before?: SpeakerPhraseRef;
  after?: SpeakerPhraseRef;
  if?: SpeakerPhraseRef;
  then?: SpeakerPhraseRef;
  within?: number;
  steps?: SpeakerPhraseRef[];
  'require-all'?: boolean;
  min?: number;
  /** count: a speaker with fewer turns in scope than `min` needs one occurrence per turn. */
  'min-capped-by-turns'?: boolean;
  /** count: the minimum is due only in turns that say one of these; a transcript without them is not evaluated. */
  'min-if'?: MinIfDef;
  max?: number;
  pattern?: string;
  mode?: 'banned' | 'required';
  measure?: TimingMeasure;
  'max-seconds'?: number;
  'max-minutes'?: number;
  hold?: PhraseRef;
  fuzzy?: FuzzyDef;
  /** pii: which detectors run. */
  detect?: string[];
  [option: string]: unknown;
}

/** A rule of a pack loaded before, given again without `kind`: its severity and the options to change. */
export type RuleOverride = Partial<RuleDef>;

export interface PackData {
  name?: string;
  description?: string;
  /** The language of the transcripts the pack checks (zh: Han script, en: Latin script). */
  language?: PackLanguage;
  /** The words rule kinds add to messages, in the pack's language (src/rules/message-parts.ts names them). */
  'message-parts'?: Record<string, string>;
  extends?: string | string[];
  normalize?: Partial<NormalizeOptions>;
  speakers?: Partial<Record<Role, string[]>>;
  /** Channel or speaker ids of speech-recognition JSON → roles: { "0": agent, "1": customer }. */
  channels?: Record<string, Role>;
  phrases?: Record<string, PhraseSetEntry[]>;
  rules?: Record<string, RuleDef | RuleOverride | SeverityName>;
  /** The default `fuzzy:` of this pack's rules and of the rules of the packs it extends. */
  fuzzy?: FuzzyDef;
  scorecard?: ScorecardDef;
}

/** The `scorecard:` key of a pack or config. */
export interface ScorecardDef {
  stars?: number[];
  'default-weight'?: number;
  pass?: number;
  /** Rules (of this pack, or "pack/rule" of one loaded before) that fail a call outright, as `critical: true` on a rule. */
  critical?: string[];
  /** Weights of rules (of this pack, or "pack/rule" of one loaded before), as `weight:` on a rule. */
  weights?: Record<string, number>;
}
