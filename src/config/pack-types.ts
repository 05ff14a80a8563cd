// The shape of a pack or config once validated against rules/transcript-lint.schema.json.
import type { NormalizeOptions } from '../text/fold-table.js';
import type { Role } from '../types.js';

export type SeverityName = 'error' | 'warn' | 'off' | 0 | 1 | 2;
export type SpeakerFilter = Role | 'any';
export type PhraseRef = string | string[];
export type SpeakerPhraseRef = PhraseRef | { phrases: PhraseRef; speaker?: SpeakerFilter };

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
  weight?: number;
  critical?: boolean;
  examples?: { bad?: string[]; good?: string[] };
  phrases?: PhraseRef;
  all?: boolean;
  'at-least'?: number;
  suggest?: string | Record<string, string>;
  before?: SpeakerPhraseRef;
  after?: SpeakerPhraseRef;
  if?: SpeakerPhraseRef;
  then?: SpeakerPhraseRef;
  within?: number;
  steps?: SpeakerPhraseRef[];
  'require-all'?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  mode?: 'banned' | 'required';
  [option: string]: unknown;
}

export interface PackData {
  name?: string;
  description?: string;
  extends?: string | string[];
  normalize?: Partial<NormalizeOptions>;
  speakers?: Partial<Record<Role, string[]>>;
  phrases?: Record<string, string[]>;
  rules?: Record<string, RuleDef | SeverityName>;
}
