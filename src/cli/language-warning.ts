// One warning per run for transcripts in another language than the packs': which files, and the packs to use.
import { builtinPacksFor } from '../config/load.js';
import type { Linter } from '../engine/linter.js';
import { plural } from '../report/formatter.js';
import type { LintResult } from '../types.js';

const LANGUAGE_NAMES = { zh: 'Chinese', en: 'English' } as const;

export class LanguageWarning {
  private readonly files: string[] = [];
  private transcript?: 'zh' | 'en';
  private packs?: 'zh' | 'en';

  /** Note a result; returns nothing (results pass through unchanged). */
  add(result: LintResult): void {
    if (result.notLinted?.reason !== 'language') return;
    this.files.push(result.filePath);
    this.transcript ??= result.notLinted.transcript;
    this.packs ??= result.notLinted.packs;
  }

  /** The warning, or undefined when every file was in the packs' language. */
  message(linter?: Linter): string | undefined {
    if (!this.files.length || !this.transcript || !this.packs) return undefined;
    const loaded = linter?.compiled.config.packs.filter((p) => p.data.language === this.packs).map((p) => p.name) ?? [];
    const use = builtinPacksFor(this.transcript);
    const which = this.files.length === 1 ? this.files[0] : `${plural(this.files.length, 'file')} (${this.files.slice(0, 3).join(', ')}${this.files.length > 3 ? ', …' : ''})`;
    return `warning: ${which} ${this.files.length === 1 ? 'is' : 'are'} ${LANGUAGE_NAMES[this.transcript]} text, but ` +
      `${loaded.length === 1 ? `the pack ${loaded[0]} checks` : `the packs ${loaded.join(', ')} check`} ${LANGUAGE_NAMES[this.packs]}: ` +
      `not linted and not scored. Lint ${this.files.length === 1 ? 'it' : 'them'} with ${use.map((name) => `--pack ${name}`).join(' or ') || `a ${LANGUAGE_NAMES[this.transcript]} pack`}.`;
  }
}
