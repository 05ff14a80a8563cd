// A cheap necessary condition for a pattern to match, read off its compiled RE2 program: characters (or pairs of
// adjacent characters) that every match must contain. A text without them cannot match, so the regex engine —
// linear, but some tens of nanoseconds a character — runs only on texts that might. Most transcripts hold none of a
// pattern's rare characters (什么？, 嗯 at the start of a turn), so most calls end after one table look-up per unit.
//
// Sound by construction: the program's instructions are a graph from its start to its match instruction, and
// every path through it spells a match. A character instruction that every such path passes is mandatory; the
// character instructions that can come right before it (through empty-width steps only) make its possible left
// neighbours, unless it can be reached from the start without consuming anything. Empty-width assertions (^, $, \b)
// are taken as always passable, which only adds paths, so what is found stays necessary.
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
const FAIL = 5;
const MATCH = 6;
const RUNE = 8;
const RUNE1 = 9;
const LAST_KNOWN_OP = 11; // RUNE_ANY_NOT_NL; later codes (look-behind) make a program this does not read
const UNITS = 0x10000;

/** Texts are looked at unit by unit: a set of BMP characters, one byte per UTF-16 unit. */
type UnitSet = Uint8Array;

/** One necessary condition: some unit in `second` (preceded by a unit in `first`, when given). */
interface Condition {
  first?: UnitSet;
  second: UnitSet;
  /** Rough chance that a random position passes: the filters least likely to pass are kept. */
  weight: number;
}

export class RegexPrefilter {
  private constructor(private readonly conditions: Condition[]) {}

  /** False only when no match is possible in `text`. */
  mayMatch(text: string): boolean {
    for (const { first, second } of this.conditions) {
      if (!(first ? hasPair(text, first, second) : hasUnit(text, second))) return false;
    }
    return true;
  }

  /** The filter for a compiled pattern (an re2js `RE2JS`), or undefined when nothing useful (or safe) is known. */
  static of(compiled: unknown): RegexPrefilter | undefined {
    const prog = programOf(compiled);
    if (!prog || !probeOk()) return undefined;
    const conditions = necessaryConditions(prog);
    return conditions.length ? new RegexPrefilter(conditions) : undefined;
  }
}

function hasUnit(text: string, set: UnitSet): boolean {
  for (let i = 0; i < text.length; i++) if (set[text.charCodeAt(i)] === 1) return true;
  return false;
}

function hasPair(text: string, first: UnitSet, second: UnitSet): boolean {
  for (let i = 1; i < text.length; i++) {
    if (second[text.charCodeAt(i)] === 1 && first[text.charCodeAt(i - 1)] === 1) return true;
  }
  return false;
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

/** Instructions reachable from `from` through steps that consume nothing (the character instructions met stop it). */
function emptyClosure(prog: Prog, from: number): Set<number> {
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length) {
    const pc = stack.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const inst = prog.inst[pc];
    if (!consumes(inst)) stack.push(...successors(inst));
  }
  return seen;
}

/**
 * The BMP units a character instruction matches, or undefined when it also matches characters outside the BMP
 * (two units each: a unit set cannot tell them). Case-folded single runes fold within their plane.
 */
function unitSet(inst: ProgInst): UnitSet | undefined {
  if (inst.op !== RUNE && inst.op !== RUNE1) return undefined; // any character
  const runes = inst.runes;
  if (runes.length === 0) return undefined;
  if (runes.length === 1 ? runes[0] >= UNITS : runes[runes.length - 1] >= UNITS) return undefined;
  const set = new Uint8Array(UNITS);
  for (let unit = 0; unit < UNITS; unit++) if (inst.matchRune(unit)) set[unit] = 1;
  return set;
}

function union(sets: UnitSet[]): UnitSet {
  const out = new Uint8Array(UNITS);
  for (const set of sets) for (let unit = 0; unit < UNITS; unit++) out[unit] |= set[unit];
  return out;
}

const size = (set: UnitSet): number => set.reduce((n, bit) => n + bit, 0);

/** At most this many conditions are checked per text: each is one pass over it. */
const MAX_CONDITIONS = 2;

function necessaryConditions(prog: Prog): Condition[] {
  const reachable = emptyClosureAll(prog);
  const fromStart = emptyClosure(prog, prog.start);
  const found: Condition[] = [];
  for (let pc = 0; pc < prog.inst.length; pc++) {
    const inst = prog.inst[pc];
    if (!consumes(inst) || !reachable.has(pc) || matchReachable(prog, pc)) continue; // not on every path
    const second = unitSet(inst);
    if (!second) continue;
    const secondSize = size(second);
    const alone: Condition = { second, weight: secondSize / UNITS };
    if (fromStart.has(pc)) {
      found.push(alone); // may be the first character of a match: no left neighbour is known
      continue;
    }
    const before: UnitSet[] = [];
    let usable = true;
    for (let p = 0; p < prog.inst.length && usable; p++) {
      const pred = prog.inst[p];
      if (!consumes(pred) || !reachable.has(p) || !emptyClosure(prog, pred.out).has(pc)) continue;
      const set = unitSet(pred);
      if (set) before.push(set);
      else usable = false;
    }
    if (usable && before.length) {
      const first = union(before);
      found.push({ first, second, weight: (size(first) / UNITS) * alone.weight }); // implies `alone`
    } else {
      found.push(alone);
    }
  }
  return found.sort((a, b) => a.weight - b.weight).slice(0, MAX_CONDITIONS);
}

/** Every instruction reachable from the start at all. */
function emptyClosureAll(prog: Prog): Set<number> {
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
