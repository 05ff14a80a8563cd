// Which rules match fuzzily, and with what: a rule's own `fuzzy:`, else its pack's, else that of the nearest
// pack or config that extends its pack. Rules without any stay on the exact automaton, which then runs alone.
import type { LoadedPack, RuleEntry } from '../config/load.js';
import type { FuzzyDef } from '../config/pack-types.js';
import type { FoldTable } from '../text/fold-table.js';
import { FuzzyMatcher, type FuzzySettings } from '../text/fuzzy-matcher.js';
import { DEFAULT_FILLERS, FillerSet } from '../text/fuzzy-text.js';

export function toFuzzySettings(def: FuzzyDef | undefined): FuzzySettings | undefined {
  if (def === undefined || def === 'off') return undefined;
  if (def === 'pinyin') return { pinyin: true, fillers: DEFAULT_FILLERS, maxEdits: 0 };
  return { pinyin: def.pinyin ?? true, fillers: def.fillers ?? DEFAULT_FILLERS, maxEdits: def['max-edits'] ?? 0 };
}

/** The `fuzzy:` a pack gives its rules: its own, or inherited from the nearest pack that extends it. */
function packFuzzy(pack: LoadedPack, packs: readonly LoadedPack[], seen = new Set<LoadedPack>()): FuzzyDef | undefined {
  if (pack.data.fuzzy !== undefined) return pack.data.fuzzy;
  seen.add(pack);
  // The last-loaded extender is the outermost config: it has the last word, as with severities.
  for (const child of [...packs].reverse()) {
    if (seen.has(child) || !child.parents.includes(pack)) continue;
    const inherited = packFuzzy(child, packs, seen);
    if (inherited !== undefined) return inherited;
  }
  return undefined;
}

export function fuzzySettingsFor(entry: RuleEntry, packs: readonly LoadedPack[]): FuzzySettings | undefined {
  return toFuzzySettings(entry.def.fuzzy ?? packFuzzy(entry.pack, packs));
}

export function fuzzyKey(settings: FuzzySettings): string {
  return `${settings.pinyin ? 'p' : '-'}${settings.maxEdits}|${[...settings.fillers].sort().join('\u0001')}`;
}

/** One fuzzy matcher per distinct filler list (one fuzzy view of the text each); usually there is one. */
export class FuzzyMatchers {
  private readonly byFillers = new Map<string, FuzzyMatcher>();

  constructor(private readonly table: FoldTable) {}

  matcherFor(settings: FuzzySettings): FuzzyMatcher {
    const fillers = new FillerSet(settings.fillers, this.table);
    let matcher = this.byFillers.get(fillers.key);
    if (!matcher) this.byFillers.set(fillers.key, (matcher = new FuzzyMatcher(fillers)));
    return matcher;
  }

  /** Characters of the phrases matched with edits, in every matcher (see MAX_TOTAL_APPROXIMATE_UNITS). */
  get approximateUnits(): number {
    return this.total((matcher) => matcher.approximateUnits);
  }

  /** States of every matcher's automaton (see MAX_TOTAL_FUZZY_STATES). */
  get states(): number {
    return this.total((matcher) => matcher.states);
  }

  private total(of: (matcher: FuzzyMatcher) => number): number {
    let sum = 0;
    for (const matcher of this.byFillers.values()) sum += of(matcher);
    return sum;
  }

  seal(): FuzzyMatcher[] {
    return [...this.byFillers.values()].map((matcher) => matcher.seal());
  }
}
