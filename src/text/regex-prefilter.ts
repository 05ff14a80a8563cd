// A cheap necessary condition for a pattern to match, read off its compiled RE2 program: characters (or pairs of
// adjacent characters) that every match must contain. A text without them cannot match, so the regex engine —
// linear, but some tens of nanoseconds a character — runs only on texts that might. Most transcripts hold none of a
// pattern's rare characters (什么？, 嗯 at the start of a turn), so most calls end after a native search for a few units.
//
// Sound by construction: the program's instructions are a graph from its start to its match instruction, and
// every path through it spells a match. A character instruction that every such path passes is mandatory; the
// character instructions that can come right before it (through empty-width steps only) make its possible left
// neighbours, unless it can be reached from the start without consuming anything. Empty-width assertions (^, $, \b)
// are taken as always passable, which only adds paths, so what is found stays necessary. One more condition is read
// off where every path passes `^` (or \A) before its first character: a match then starts at a line's start, with one
// of the characters its first instructions take (filler-start's 嗯 or 啊 opening a turn, not anywhere in it).
import { RE2JS } from 're2js';

/** The parts of an re2js 2.10 program this reads (re2js does not export its types). */
interface ProgInst {
  op: number;
  out: number;
  arg: number;
  runes: Int32Array | number[];
  matchRune(rune: number): boolean;
}
interface Prog {
  inst: ProgInst[];
  start: number;
  numLb?: number;
}

// Instruction codes of re2js 2.10 (src/Inst.js), checked against a probe program before any filter is trusted.
// Capture (3), empty-width (4) and no-op (7) steps consume nothing and lead to `out`, like any code not named here.
const ALT = 1;
const ALT_MATCH = 2;
const EMPTY_WIDTH = 4;
const FAIL = 5;
const MATCH = 6;
const RUNE = 8;
const RUNE1 = 9;
const LAST_KNOWN_OP = 11; // RUNE_ANY_NOT_NL; later codes (look-behind) make a program this does not read
/** An empty-width instruction's flags for `^` (re2js EMPTY_BEGIN_LINE, with multiline) and `^` or \A (EMPTY_BEGIN_TEXT). */
const BEGIN_LINE = 1;
const BEGIN_TEXT = 4;
const UNITS = 0x10000;

/**
 * Texts are looked at unit by unit: a set of BMP characters, one bit per UTF-16 unit (8 KB). (A byte per unit made
 * 64 KB a set, and a run that starts makes dozens of sets: megabytes of fresh memory, each costing page faults.)
 */
type UnitSet = Int32Array;
const SET_WORDS = UNITS >>> 5;

/** Whether the unit is in the set (a shift by `unit` shifts by its low five bits). */
const has = (set: UnitSet, unit: number): boolean => ((set[unit >>> 5] >>> unit) & 1) === 1;

/** One necessary condition: some unit in `second` (preceded by a unit in `first`, when given). */
interface Condition {
  first?: UnitSet;
  second: UnitSet;
  /** Rough chance that a random position passes: the filters least likely to pass are kept. */
  weight: number;
  /** `second` must stand at a line's start (the text's, or right after a line break), not anywhere. */
  lineStart?: boolean;
}

/** A condition as a text is searched for it: `second`'s units one by one when they are few (see searchable). */
interface SearchedCondition extends Condition {
  secondUnits: string[] | undefined;
}

/**
 * Up to this many units, a set is looked for by String#indexOf of each unit, which V8 runs as a native scan: over
 * 10,000 generated transcripts, 2–4× faster than reading every unit and looking it up in the set.
 */
const SEARCHED_UNITS = 16;

function searchable(condition: Condition): SearchedCondition {
  const units: string[] = [];
  for (let word = 0; word < SET_WORDS && units.length <= SEARCHED_UNITS; word++) {
    for (let bits = condition.second[word], bit = 0; bits !== 0; bits >>>= 1, bit++) {
      if (bits & 1) units.push(String.fromCharCode(word * 32 + bit));
    }
  }
  return { ...condition, secondUnits: units.length <= SEARCHED_UNITS ? units : undefined };
}

/**
 * A filter's conditions as [from, to] ranges of units: what the build records for the built-in packs' patterns
 * (dist/verified-packs/compiled.json), so that a run has their filters without compiling them (src/text/linear-regex.ts).
 */
export interface ConditionData {
  second: number[];
  first?: number[];
  weight: number;
  lineStart?: boolean;
}

export class RegexPrefilter {
  private readonly conditions: SearchedCondition[];

  /** The condition on line starts, if any, and the others (which pieces of a raw text can be checked against). */
  private readonly lineStart: Condition | undefined;
  private readonly anywhere: SearchedCondition[];

  private constructor(conditions: Condition[]) {
    this.conditions = conditions.map(searchable);
    this.lineStart = conditions.find((c) => c.lineStart);
    this.anywhere = this.conditions.filter((c) => !c.lineStart);
  }

  /** The filter whose data() this is. */
  static fromData(data: readonly ConditionData[]): RegexPrefilter | undefined {
    if (!data.length) return undefined;
    return new RegexPrefilter(data.map(({ second, first, weight, lineStart }) => ({ second: unitSet([second]), first: first && unitSet([first]), weight, lineStart })));
  }

  data(): ConditionData[] {
    return this.conditions.map(({ second, first, weight, lineStart }) => ({ second: rangesOf(second), ...(first && { first: rangesOf(first) }), weight,
      ...(lineStart && { lineStart }) }));
  }

  /** False only when no match is possible in `text`. */
  mayMatch(text: string): boolean {
    return this.conditions.every((condition) => holds(text, condition));
  }

  /**
   * False only when no match is possible in any text made of pieces of `text` folded unit by unit through `fold`,
   * joined by line breaks: the turns of a transcript, folded, checked against its raw text without folding or
   * joining them. Undefined when that cannot be told (a character the filter needs may be a line break).
   */
  mayMatchPieces(text: string, fold: Uint16Array): boolean | undefined {
    // (Where a piece starts in the raw text is not known here: a condition on line starts is left to mayMatch.)
    const { anywhere } = this;
    if (anywhere.some(({ first, second }) => has(second, LINE_BREAK) || (first !== undefined && has(first, LINE_BREAK)))) return undefined;
    let raw = this.unfolded.get(fold);
    if (!raw) this.unfolded.set(fold, (raw = anywhere.map(({ first, second, weight }) => searchable({ first: first && unfold(first, fold), second: unfold(second, fold), weight }))));
    return raw.every((condition) => holds(text, condition));
  }

  /** The conditions on raw units, by fold table: a unit is in a set when what it folds to is. */
  private readonly unfolded = new WeakMap<Uint16Array, SearchedCondition[]>();

  /**
   * When every match starts a line: whether a line of a text folded through `fold` may hold one, told from the raw
   * unit it starts with (the turns worth folding, from their raw text's first units). Undefined otherwise.
   */
  lineStartTest(fold: Uint16Array): ((unit: number) => boolean) | undefined {
    if (!this.lineStart) return undefined;
    const raw = unfold(this.lineStart.second, fold);
    return (unit) => has(raw, unit);
  }

  /** The filter for a compiled pattern (an re2js `RE2JS`), or undefined when nothing useful (or safe) is known. */
  static of(compiled: unknown): RegexPrefilter | undefined {
    const prog = programOf(compiled);
    if (!prog || !probeOk()) return undefined;
    const atStart = lineStartCondition(prog);
    const conditions = [...(atStart ? [atStart] : []), ...necessaryConditions(prog)];
    return conditions.length ? new RegexPrefilter(conditions) : undefined;
  }
}

function holds(text: string, { first, second, secondUnits, lineStart }: SearchedCondition): boolean {
  if (lineStart) return atLineStart(text, second);
  if (!secondUnits) return first ? hasPair(text, first, second) : hasUnit(text, second);
  for (const unit of secondUnits) {
    if (!first) {
      if (text.includes(unit)) return true;
      continue;
    }
    for (let at = text.indexOf(unit, 1); at > 0; at = text.indexOf(unit, at + 1)) {
      if (has(first, text.charCodeAt(at - 1))) return true;
    }
  }
  return false;
}

/** Whether a unit of the set stands at the text's start or right after a line break in it. */
function atLineStart(text: string, set: UnitSet): boolean {
  if (text.length > 0 && has(set, text.charCodeAt(0))) return true;
  for (let at = text.indexOf('\n'); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) {
    if (has(set, text.charCodeAt(at + 1))) return true;
  }
  return false;
}

function hasUnit(text: string, set: UnitSet): boolean {
  for (let i = 0; i < text.length; i++) if (has(set, text.charCodeAt(i))) return true;
  return false;
}

function hasPair(text: string, first: UnitSet, second: UnitSet): boolean {
  for (let i = 1; i < text.length; i++) {
    if (has(second, text.charCodeAt(i)) && has(first, text.charCodeAt(i - 1))) return true;
  }
  return false;
}

const LINE_BREAK = 0x0a;

/** The units that fold into the set: those of the set that fold to themselves, and those that fold into it. */
function unfold(set: UnitSet, fold: Uint16Array): UnitSet {
  const out = new Int32Array(set);
  const changed = foldingUnits(fold);
  for (let i = 0; i < changed.length; i++) {
    const unit = changed[i];
    if (has(set, fold[unit])) out[unit >>> 5] |= 1 << unit;
    else out[unit >>> 5] &= ~(1 << unit);
  }
  return out;
}

const folding = new WeakMap<Uint16Array, Uint16Array>();

/** The units a fold table changes (~4,000 of 65,536): unfolding a set changes those only. */
function foldingUnits(fold: Uint16Array): Uint16Array {
  let units = folding.get(fold);
  if (!units) {
    const changed: number[] = [];
    for (let unit = 0; unit < UNITS; unit++) if (fold[unit] !== unit) changed.push(unit);
    folding.set(fold, (units = Uint16Array.from(changed)));
  }
  return units;
}

function programOf(compiled: unknown): Prog | undefined {
  const re2 = (compiled as { re2?: () => { prog?: Prog } } | undefined)?.re2?.();
  const prog = re2?.prog;
  if (!prog || !Array.isArray(prog.inst) || typeof prog.start !== 'number' || prog.numLb) return undefined;
  for (const inst of prog.inst) {
    if (!inst || typeof inst.op !== 'number' || inst.op < ALT || inst.op > LAST_KNOWN_OP || typeof inst.matchRune !== 'function') return undefined;
  }
  return prog;
}

let probe: boolean | undefined;
/** The instruction codes are as this file expects: `a|bc` compiles to the alternation and runes it should. */
function probeOk(): boolean {
  return (probe ??= probeProgram());
}

function probeProgram(): boolean {
  // ^ compiles to an empty-width step flagged as this file expects, with and without multiline.
  const anchor = (flags: number): number | undefined => {
    const prog = programOf(RE2JS.compile('^a', flags));
    const step = prog && [...reachableFromStart(prog)].map((pc) => prog.inst[pc]).find((inst) => inst.op === EMPTY_WIDTH);
    return step?.arg;
  };
  if (anchor(0) !== BEGIN_TEXT || anchor(RE2JS.MULTILINE) !== BEGIN_LINE) return false;
  const prog = programOf(RE2JS.compile('a|bc'));
  if (!prog) return false;
  const at = (pc: number): ProgInst | undefined => prog.inst[pc];
  const start = at(prog.start);
  if (start?.op !== ALT) return false;
  const [a, b] = [at(start.out), at(start.arg)];
  const c = b ? at(b.out) : undefined;
  return a?.op === RUNE1 && a.runes[0] === 0x61 && at(a.out)?.op === MATCH &&
    b?.op === RUNE1 && b.runes[0] === 0x62 && c?.op === RUNE1 && c.runes[0] === 0x63 && c.out === a.out;
}

function successors(inst: ProgInst): number[] {
  switch (inst.op) {
    case ALT:
    case ALT_MATCH: return [inst.out, inst.arg];
    case MATCH:
    case FAIL: return [];
    default: return [inst.out];
  }
}

const consumes = (inst: ProgInst): boolean => inst.op >= RUNE;

/** Whether a match instruction can be reached from the start without passing `avoid`. */
function matchReachable(prog: Prog, avoid: number): boolean {
  const seen = new Uint8Array(prog.inst.length);
  const stack = [prog.start];
  while (stack.length) {
    const pc = stack.pop()!;
    if (pc === avoid || seen[pc]) continue;
    seen[pc] = 1;
    const inst = prog.inst[pc];
    if (inst.op === MATCH) return true;
    stack.push(...successors(inst));
  }
  return false;
}

/** The character instructions reachable from `from` through steps that consume nothing. */
function nextConsuming(prog: Prog, from: number): Set<number> {
  return new Set(reachedWithoutCharacter(prog, from).filter((pc) => consumes(prog.inst[pc])));
}

/**
 * The steps reached from `from` before any character is taken (those that take one included), stopping at `^` and
 * \A when asked.
 */
function reachedWithoutCharacter(prog: Prog, from: number, stopAtAnchors = false): number[] {
  const seen = new Uint8Array(prog.inst.length);
  const reached: number[] = [];
  const stack = [from];
  while (stack.length) {
    const pc = stack.pop()!;
    if (seen[pc]) continue;
    seen[pc] = 1;
    const inst = prog.inst[pc];
    if (stopAtAnchors && inst.op === EMPTY_WIDTH && (inst.arg & (BEGIN_LINE | BEGIN_TEXT)) !== 0) continue;
    reached.push(pc);
    if (!consumes(inst)) stack.push(...successors(inst));
  }
  return reached;
}

/** The case-fold orbit of a rune (K k K, S s ſ), from the engine's own folding, for each rune once per process. */
const orbits = new Map<number, number[]>();
function orbitOf(inst: ProgInst, rune: number): number[] {
  let orbit = orbits.get(rune);
  if (!orbit) {
    // An ASCII letter's orbit holds its other case and at most the Kelvin sign or the long s; others are looked
    // for among all BMP units (a pattern has few such letters, and the orbit is kept).
    const candidates = rune < 0x80 ? [rune, rune ^ 0x20, 0x212a, 0x017f] : Array.from({ length: UNITS }, (_, unit) => unit);
    orbit = candidates.filter((unit) => inst.matchRune(unit));
    orbits.set(rune, orbit);
  }
  return orbit;
}

const FOLD_CASE = 1; // re2js RE2Flags.FOLD_CASE, in a single-rune instruction's arg

/**
 * The BMP units a character instruction matches, as [from, to] pairs, or undefined when it also matches characters
 * outside the BMP (two units each: a unit set cannot tell them) or any character.
 */
function unitRanges(inst: ProgInst): number[] | undefined {
  if (inst.op !== RUNE && inst.op !== RUNE1) return undefined;
  const { runes } = inst;
  if (runes.length === 1) {
    if (runes[0] >= UNITS) return undefined;
    // Case-folded letters fold within their plane.
    return (inst.arg & FOLD_CASE) === 0 ? [runes[0], runes[0]] : orbitOf(inst, runes[0]).flatMap((unit) => [unit, unit]);
  }
  if (runes.length === 0 || runes.length % 2 !== 0 || runes[runes.length - 1] >= UNITS) return undefined;
  return Array.from(runes);
}

/** The unit set of these lists of ranges. */
function unitSet(rangeLists: number[][]): UnitSet {
  const set = new Int32Array(SET_WORDS);
  for (const ranges of rangeLists) {
    for (let i = 0; i < ranges.length; i += 2) {
      for (let unit = ranges[i]; unit <= ranges[i + 1];) {
        // Whole words at a time where the range covers them (\p{Han} is tens of thousands of units).
        if ((unit & 31) === 0 && unit + 31 <= ranges[i + 1]) {
          set[unit >>> 5] = -1;
          unit += 32;
        } else set[unit >>> 5] |= 1 << unit++;
      }
    }
  }
  return set;
}

/** A unit set as [from, to] ranges. */
function rangesOf(set: UnitSet): number[] {
  const ranges: number[] = [];
  for (let unit = 0; unit < UNITS; unit++) {
    if (!has(set, unit)) continue;
    const from = unit;
    while (unit + 1 < UNITS && has(set, unit + 1)) unit++;
    ranges.push(from, unit);
  }
  return ranges;
}

/**
 * Where every path from the start passes `^` or \A before its first character, and no path matches empty: the
 * units a match can begin with, at a line's start. Undefined otherwise (or when a first character may be any).
 */
function lineStartCondition(prog: Prog): Condition | undefined {
  const anchored = reachedWithoutCharacter(prog, prog.start, true).map((pc) => prog.inst[pc]);
  if (anchored.some((inst) => consumes(inst) || inst.op === MATCH)) return undefined;
  const reached = reachedWithoutCharacter(prog, prog.start).map((pc) => prog.inst[pc]);
  if (reached.some((inst) => inst.op === MATCH)) return undefined;
  const ranges: number[][] = [];
  for (const inst of reached) {
    if (!consumes(inst)) continue;
    const units = unitRanges(inst);
    if (!units) return undefined;
    ranges.push(units);
  }
  return { second: unitSet(ranges), weight: 0, lineStart: true };
}

/** At most this many conditions are checked per text: each is one pass over it. */
const MAX_CONDITIONS = 2;
/** Programs larger than this get no filter: working it out is quadratic in their size. */
const MAX_INSTRUCTIONS = 1000;

function necessaryConditions(prog: Prog): Condition[] {
  const count = prog.inst.length;
  if (count > MAX_INSTRUCTIONS) return [];
  const reachable = reachableFromStart(prog);
  const fromStart = nextConsuming(prog, prog.start);
  // For each character instruction, those that can follow it directly.
  const following = new Map<number, Set<number>>();
  for (const pc of reachable) if (consumes(prog.inst[pc])) following.set(pc, nextConsuming(prog, prog.inst[pc].out));
  // Candidates first, weighed by the size of their ranges; unit sets are made only for those kept.
  const candidates: { second: number[]; first?: number[][]; weight: number }[] = [];
  for (const [pc] of following) {
    if (matchReachable(prog, pc)) continue; // not on every path
    const second = unitRanges(prog.inst[pc]);
    if (!second) continue;
    const alone = rangeSize(second) / UNITS;
    // A character that may be the first of a match has no known left neighbour.
    let first: number[][] | undefined = fromStart.has(pc) ? undefined : [];
    for (const [p, next] of following) {
      if (!first || !next.has(pc)) continue;
      const before = unitRanges(prog.inst[p]);
      if (before) first.push(before);
      else first = undefined;
    }
    if (first?.length) candidates.push({ second, first, weight: (first.reduce((n, r) => n + rangeSize(r), 0) / UNITS) * alone });
    else candidates.push({ second, weight: alone });
  }
  return candidates.sort((a, b) => a.weight - b.weight).slice(0, MAX_CONDITIONS)
    .map(({ second, first, weight }) => ({ second: unitSet([second]), first: first && unitSet(first), weight }));
}

function rangeSize(ranges: number[]): number {
  let size = 0;
  for (let i = 0; i < ranges.length; i += 2) size += ranges[i + 1] - ranges[i] + 1;
  return size;
}

/** Every instruction reachable from the start at all. */
function reachableFromStart(prog: Prog): Set<number> {
  const seen = new Set<number>();
  const stack = [prog.start];
  while (stack.length) {
    const pc = stack.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    stack.push(...successors(prog.inst[pc]));
  }
  return seen;
}
