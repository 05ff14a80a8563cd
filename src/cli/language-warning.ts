// One warning per run for transcripts in another language than the packs': which files, and the packs to use.
import { builtinPacksFor } from '../config/load.js';
import type { Linter } from '../engine/linter.js';
import { plural } from '../report/formatter.js';
import type { LintResult } from '../types.js';

const LANGUAGE_NAMES = { zh: 'Chinese', en: 'English' } as const;

/** The files the warning names; the others are counted (an archive may hold a million of them). */
const NAMED = 3;

export class LanguageWarning {
  /** The first NAMED such files, and how many there were. */
  private readonly files: string[] = [];
  private count = 0;
  private transcript?: 'zh' | 'en';
  private packs?: 'zh' | 'en';

  /** Note a result; returns nothing (results pass through unchanged). */
  add(result: LintResult): void {
    if (result.notLinted?.reason !== 'language') return;
    if (this.count++ < NAMED) this.files.push(result.filePath);
    this.transcript ??= result.notLinted.transcript;
    this.packs ??= result.notLinted.packs;
  }

  /** The warning, or undefined when every file was in the packs' language. */
  message(linter?: Linter): string | undefined {
    const { count } = this;
    if (!count || !this.transcript || !this.packs) return undefined;
    const loaded = linter?.config.packs.filter((p) => p.data.language === this.packs).map((p) => p.name) ?? [];
    const use = builtinPacksFor(this.transcript);
    const which = count === 1 ? this.files[0] : `${plural(count, 'file')} (${this.files.join(', ')}${count > NAMED ? ', …' : ''})`;
    return `warning: ${which} ${count === 1 ? 'is' : 'are'} ${LANGUAGE_NAMES[this.transcript]} text, but ` +
      `${loaded.length === 1 ? `the pack ${loaded[0]} checks` : `the packs ${loaded.join(', ')} check`} ${LANGUAGE_NAMES[this.packs]}: ` +
      `not linted and not scored. Lint ${count === 1 ? 'it' : 'them'} with ${use.map((name) => `--pack ${name}`).join(' or ') || `a ${LANGUAGE_NAMES[this.transcript]} pack`}.`;
  }
}
