// --explain RULE: one rule in full — its phrases (phrase sets resolved), settings, description, the problems its
// own bad examples really produce, the good examples it passes, its fix entries, and the norm it comes from.
import { Chalk } from 'chalk';
import { displayWidth as stringWidth } from '../report/display-width.js';
import type { LoadedPack, RuleEntry } from '../config/load.js';
import type { PhraseRef, SpeakerFilter, SpeakerPhraseRef } from '../config/pack-types.js';
import type { Linter } from '../engine/linter.js';
import type { LintMessage } from '../types.js';
import { ruleInfo, type RuleInfo } from './rule-info.js';
import { formatTable } from '../report/text-table.js';
import { terminalSafe, terminalSafeLines } from '../report/terminal-text.js';
import { lazyModule } from '../lazy-module.js';
import { countAlternatives } from '../text/phrase.js';
import { toScript, type Script } from '../text/script.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');

/** The rule fields that name phrases; every other field except the ones shown on their own is a setting. */
const PHRASE_FIELDS = ['phrases', 'before', 'after', 'if', 'then', 'steps', 'except'] as const;
const SHOWN_APART = new Set<string>(['kind', 'severity', 'message', 'description', 'source', 'examples', ...PHRASE_FIELDS]);

export interface PhraseList {
  /** The field, e.g. "phrases", "before", "steps[2]". */
  field: string;
  /** The phrase set named, when the field names one rather than listing phrases inline. */
  set?: string;
  /** A speaker given for this part only ({ phrases, speaker }). */
  speaker?: SpeakerFilter;
  /** As written: a phrase with alternatives ({太|很}差) is shown once, as the pack has it. */
  phrases: string[];
  /** How many phrases those stand for once their alternatives are spelt out, when they have any. */
  spelledOut?: number;
}

export interface ExplainedExample {
  text: string;
  /** What the rule reports on this text (expected: some for bad examples, none for good ones). */
  problems: LintMessage[];
}

export interface Explanation extends RuleInfo {
  phrases: PhraseList[];
  settings: Record<string, unknown>;
  examples: { bad: ExplainedExample[]; good: ExplainedExample[] };
}

/** The phrases of a named set, those of the sets it includes in their place (each set once). */
function phraseSet(packs: readonly LoadedPack[], pack: LoadedPack, ref: string, seen = new Set<string>()): string[] {
  const slash = ref.indexOf('/');
  const owner = slash > 0 ? packs.find((p) => p.name === ref.slice(0, slash)) : pack;
  const name = slash > 0 ? ref.slice(slash + 1) : ref;
  const list = owner?.data.phrases && Object.hasOwn(owner.data.phrases, name) ? owner.data.phrases[name] : [];
  if (!owner || seen.has(`${owner.name}/${name}`)) return [];
  seen.add(`${owner.name}/${name}`);
  return list.flatMap((entry) => (typeof entry === 'string' ? [entry] : phraseSet(packs, owner, entry.include, seen)));
}

function phraseList(field: string, ref: SpeakerPhraseRef, packs: readonly LoadedPack[], pack: LoadedPack): PhraseList {
  if (typeof ref === 'object' && !Array.isArray(ref)) {
    return { ...phraseList(field, ref.phrases, packs, pack), ...(ref.speaker ? { speaker: ref.speaker } : {}) };
  }
  const plain: PhraseRef = ref;
  const list = typeof plain === 'string' ? { field, set: plain, phrases: phraseSet(packs, pack, plain) } : { field, phrases: plain };
  const spelledOut = list.phrases.reduce((n, phrase) => n + countAlternatives(phrase), 0);
  return spelledOut === list.phrases.length ? list : { ...list, spelledOut };
}

export function explainRule(linter: Linter, rule: RuleEntry): Explanation {
  const { packs } = linter.compiled.config;
  const phrases: PhraseList[] = [];
  for (const field of PHRASE_FIELDS) {
    const value = rule.def[field];
    if (value === undefined) continue;
    if (field === 'steps') (value as SpeakerPhraseRef[]).forEach((step, i) => phrases.push(phraseList(`steps[${i + 1}]`, step, packs, rule.pack)));
    else phrases.push(phraseList(field, value as SpeakerPhraseRef, packs, rule.pack));
  }
  const settings = Object.fromEntries(Object.entries(rule.def).filter(([key]) => !SHOWN_APART.has(key)));
  const run = (text: string): ExplainedExample => ({ text, problems: linter.problemsOfRule(rule.id, text) });
  return {
    ...ruleInfo(rule),
    phrases,
    settings,
    examples: { bad: (rule.def.examples?.bad ?? []).map(run), good: (rule.def.examples?.good ?? []).map(run) },
  };
}

/**
 * The explanation with the pack's own words (message, description) in the script of a transcript it is shown for
 * (a hover over a problem of a Traditional file); `--explain` alone keeps the pack's script. The examples stay as the
 * pack wrote them, and so do the problems the linter finds in them.
 */
export function explanationInScript(e: Explanation, script: Script | undefined): Explanation {
  if (script === undefined || script === 'simplified') return e;
  return { ...e, message: e.message && toScript(e.message, script), description: e.description && toScript(e.description, script) };
}

/** Display columns taken by the first `characters` code points of `line`. */
function widthBefore(line: string, characters: number): number {
  return stringWidth(Array.from(line).slice(0, characters).join(''));
}

/** An example transcript with line numbers, each problem underlined below its line. */
function renderExample(example: ExplainedExample, c: InstanceType<typeof Chalk>): string[] {
  const lines = example.text.replace(/\n$/, '').split('\n').map(terminalSafe);
  const numberWidth = String(lines.length).length;
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(`    ${c.dim(String(i + 1).padStart(numberWidth))} │ ${line}`);
    for (const problem of example.problems.filter((p) => p.line === i + 1)) {
      const start = widthBefore(line, problem.column - 1);
      const sameLine = problem.endLine === problem.line && problem.endColumn !== undefined;
      const length = sameLine ? Math.max(1, widthBefore(line, problem.endColumn! - 1) - start) : 1;
      const suggestion = problem.suggestion && !problem.message.includes(problem.suggestion) ? ` → ${problem.suggestion}` : '';
      const note = terminalSafe(`${problem.line}:${problem.column} ${problem.message}${suggestion}`);
      out.push(`    ${' '.repeat(numberWidth)} │ ${' '.repeat(start)}${c.red(`${'^'.repeat(length)} ${note}`)}`);
    }
  });
  return out;
}

/** A setting on one line: YAML's flow style, never folded (a fold's line break was shown as a visible \\n). */
function inline(value: unknown): string {
  return typeof value === 'string' ? value : yaml().stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

/** A setting's rows: a list of mappings (fix: entries) one item a row, under its key; anything else one row. */
function settingRows(key: string, value: unknown): string[][] {
  if (!Array.isArray(value) || !value.some((item) => typeof item === 'object' && item !== null)) return [[`${key}:`, inline(value)]];
  return value.map((item, i) => [i === 0 ? `${key}:` : '', `- ${inline(item)}`]);
}

/** The rule as a page for the terminal: what comes from the pack is data, its control characters shown as escapes. */
export function formatExplanation(e: Explanation, color = false): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [`${c.bold(terminalSafe(e.id))}  ${c.dim(`${e.kind}, ${e.severity}`)}`];
  if (e.message) out.push(terminalSafe(e.message));
  if (e.description) out.push('', terminalSafeLines(e.description.trimEnd()));
  if (e.phrases.length) {
    out.push('', c.bold('Phrases'));
    const rows = e.phrases.map((p) => [
      `${p.field}${p.set ? ` (${p.set})` : ''}${p.speaker ? ` [${p.speaker}]` : ''}:`,
      `${p.phrases.join(', ')}${p.spelledOut === undefined ? '' : c.dim(` (${p.spelledOut.toLocaleString('en')} phrases with the alternatives spelt out)`)}`,
    ]);
    out.push(...formatTable(rows, [], '  '));
  }
  // The fix entries are what --fix writes, not settings of what the rule finds: shown apart, under their own name
  // (the good examples below are not fixes, only texts the rule passes).
  const settings = Object.entries(e.settings).filter(([key]) => key !== 'fix');
  if (settings.length) {
    out.push('', c.bold('Settings'));
    out.push(...formatTable(settings.flatMap(([key, value]) => settingRows(key, value)), [], '  '));
  }
  const fixes = e.settings.fix;
  if (Array.isArray(fixes) && fixes.length) {
    out.push('', c.bold('Fix entries (what --fix writes in place of the problem)'));
    out.push(...fixes.map((entry) => `  - ${terminalSafe(inline(entry))}`));
  }
  if (e.examples.bad.length === 0 && e.examples.good.length === 0) {
    out.push('', c.dim('No examples: add "examples: { bad: [...], good: [...] }" to the rule to show (and check) what it catches.'));
  }
  e.examples.bad.forEach((example, i) => {
    out.push('', c.bold(e.examples.bad.length > 1 ? `Example violation ${i + 1}` : 'Example violation'), ...renderExample(example, c));
  });
  e.examples.good.forEach((example, i) => {
    out.push('', c.bold(e.examples.good.length > 1 ? `Good example ${i + 1}` : 'Good example'), ...renderExample(example, c));
  });
  out.push('');
  out.push(`Source:     ${e.source ? terminalSafe(e.source) : c.dim('(none given; add "source:" naming the document and section)')}`);
  out.push(`Defined in: ${terminalSafe(e.file)}:${e.line}:${e.column}`);
  return `${out.join('\n')}\n`;
}
