// Lint one parsed transcript: normalize and scan it once, run every active rule over the hits, place problems.
import type { Scope, SpeakerFilter } from '../config/pack-types.js';
import { problemDraft, stableSort, type Edit, type Hit, type PhraseSelector, type ProblemDraft, type RuleContext } from '../rules/rule-kind.js';
import { foldGroups, foldRange, forEachNormalizedBatch, normalizeGroups, type NormalizedText } from '../text/normalize.js';
import { fuzzyView } from '../text/fuzzy-text.js';
import type { OnHit } from '../text/matcher.js';
import type { Fix, LintMessage, LintResult, NotEvaluatedReason, NotLinted, Span, SuppressedMessage, Transcript, Turn } from '../types.js';
import { byteArray, firstAbove, firstAtLeast, intArray, type ByteArray, type IntArray } from '../text/int-array.js';
import { textLanguage } from '../text/language.js';
import { MARK_AT, unitMarks } from '../text/text-units.js';
import type { CompiledConfig, CompiledRule, NearSelector } from './compile.js';
import type { SelectorHits } from './selector-hits.js';
import { applyDirectives, type DirectiveOptions } from './directives.js';
import { LineIndex } from './line-index.js';
import { detectScript, hasTraditional, mayChangeScript, toScript, type Script } from '../text/script.js';
import { noSpeakerMessage } from './no-speakers.js';
import { HitTable, NearIndex, overlapsAny, spanIndex, type HitList, type SpanIndex } from './spans.js';
import { breaksClause } from '../text/clause.js';
import { insideHandle } from '../text/handles.js';
import { saysSomething } from '../transcript/spoken.js';

export interface LintTranscriptOptions {
  /** Run only this rule, whatever its severity (used to check a rule's own examples). */
  onlyRule?: string;
  /** Inline `transcript-lint-disable…` comments: ignored, or unused ones reported. */
  directives?: DirectiveOptions;
  /** Work out the changes problems offer (fix, suggested edits); default true. See LinterOptions.changes. */
  changes?: boolean;
}

const ROLE_CODES: Record<Turn['role'], number> = { agent: 1, customer: 2, other: 3 };
const ANY_TURN = (): boolean => true;
/** The speaker filters, each at its slot in the Scan's and RuleRun's caches. */
const SPEAKER_SLOTS: readonly SpeakerFilter[] = ['any', 'agent', 'customer', 'other'];

/**
 * Each turn's ROLE_CODES entry (a loop: Uint8Array.from with a mapping function runs the iterator protocol). Told by
 * comparing: looked up in ROLE_CODES by the role, each turn was a megamorphic keyed load (~5 thousand instructions of
 * a generated call's ~1 million).
 */
function roleCodes(turns: readonly Turn[]): ByteArray {
  const codes = byteArray(turns.length);
  for (let i = 0; i < turns.length; i++) codes[i] = roleCode(turns[i].role);
  return codes;
}

/** A role's ROLE_CODES entry, told by comparing (see roleCodes). */
function roleCode(role: Turn['role']): number {
  return role === 'agent' ? ROLE_CODES.agent : role === 'customer' ? ROLE_CODES.customer : ROLE_CODES.other;
}

/**
 * The phrases' hits of the transcript being linted: one table per thread, cleared by each Scan (a transcript is linted
 * from its scan to its result in one call, and no two at once).
 */
const threadHits = new HitTable();

/** How much of a transcript tells the script its problems' messages are given in. */
const MESSAGE_SAMPLE = 65_536;

/** Everything found in a transcript before rules look at it: shared by all rules. */
class Scan {
  /** The hits of each phrase by its id, in scan order, and the ids that hit at all (usually a handful of hundreds). */
  readonly hits = threadHits;
  /** The script the transcript's messages are given in, told on the first message (null: none told, the pack's). */
  private messageScript: Script | null | undefined;

  /**
   * The transcript's stamp in the config's SelectorHits: which of the rules' selectors hit, gathered on first ask, and
   * again if another transcript was gathered since (the lists are the config's, one transcript's at a time: a caller
   * linting two transcripts by turns must not read one's answers for the other's).
   */
  get selectorStamp(): number {
    const { selectorHits } = this.compiled;
    if (this.stamp === undefined || !selectorHits.holds(this.stamp)) this.stamp = selectorHits.gather(this.hits.presentIds, this.hits.presentCount);
    return this.stamp;
  }
  private stamp: number | undefined;

  /** Whether the text has an @ at all: only then can a match lie inside an @handle (told on first use). */
  get mayHaveHandles(): boolean {
    // (indexOf, a native search, at a unit or so a character, where a regular expression's class took ~12; a call whose
    // units are held has the answer from one pass that told the others too, text-units.ts.)
    if (this.atSign === undefined) {
      const { text } = this.transcript;
      const marks = unitMarks(text);
      this.atSign = marks !== undefined ? (marks & MARK_AT) !== 0 : text.indexOf('@') >= 0 || text.indexOf('＠') >= 0;
    }
    return this.atSign;
  }
  private atSign: boolean | undefined;

  /**
   * Pack words in the transcript's script. Told once per file, from its first MESSAGE_SAMPLE characters (a file
   * written in one script shows it early; a long recording's whole text was a pass and an array of its Traditional
   * characters); a Simplified or undecided file keeps the pack's words as they are, so a Simplified run converts
   * nothing (the packs are written in Simplified).
   */
  say(text: string): string {
    if (this.messageScript === undefined) {
      // Words no script changes (an English pack's) need the call's script no more than a Simplified call's do.
      if (!mayChangeScript(text)) return text;
      const { text: all } = this.transcript;
      const sample = all.length > MESSAGE_SAMPLE ? all.slice(0, MESSAGE_SAMPLE) : all;
      // (Most files are Simplified: told by one quick pass over the sample, without counting.)
      this.messageScript = hasTraditional(sample) ? detectScript(sample) ?? null : null;
    }
    const script = this.messageScript;
    if (script === null || script === 'simplified') return text;
    return toScript(text, script);
  }

  /**
   * Folded text of the turns asked for, by turn index, made once for all rules: a map, as an array written at turn
   * indexes of a long call far apart falls back to a slow dictionary.
   */
  private foldedByTurn: Map<number, string> | undefined;

  /**
   * A turn's text folded like phrases are (script, width, case), punctuation kept, segments joined by "\n". Folded
   * turn by turn, not the whole file: fixes ask for the few turns with a problem, and a long call's folded copy was
   * fresh memory (page faults by the megabyte) for them.
   */
  foldedTurn(turn: Turn): string {
    // (This map and the two below are made on first use: most files need none of them, and three maps a file were
    // a tenth of what a run allocated in maps.)
    const foldedByTurn = (this.foldedByTurn ??= new Map<number, string>());
    let text = foldedByTurn.get(turn.index);
    if (text === undefined) {
      const { segments } = turn;
      const { text: source } = this.transcript;
      const { table } = this.compiled;
      text = segments.length === 1 ? foldRange(source, segments[0].start, segments[0].end, table) : segments.map((s) => foldRange(source, s.start, s.end, table)).join('\n');
      foldedByTurn.set(turn.index, text);
    }
    return text;
  }

  /** foldedTurn of each of the turns, joined by "\n", in one string: no string per turn (a long call has a million). */
  foldedTurns(turns: readonly Turn[]): string {
    const groups: Span[][] = [];
    for (const turn of turns) groups.push(turn.segments);
    return foldGroups(this.transcript.text, groups, this.compiled.table);
  }

  /**
   * The turns of a speaker, in order, shared by every rule that asks (each rule filtering a million turns of a long
   * call for itself was a tenth of its time). Callers never change the array.
   */
  turnsOf(speaker: SpeakerFilter): Turn[] {
    if (speaker === 'any') return this.transcript.turns;
    const turnsBySpeaker = (this.turnsBySpeaker ??= new Map<SpeakerFilter, Turn[]>());
    let turns = turnsBySpeaker.get(speaker);
    if (!turns) turnsBySpeaker.set(speaker, (turns = this.transcript.turns.filter((t) => t.role === speaker)));
    return turns;
  }
  private turnsBySpeaker: Map<SpeakerFilter, Turn[]> | undefined;

  /** Each turn's ROLE_CODES entry, by turn index: keptHits compares a hit's turn's with the speaker's code. */
  get roleBytes(): ByteArray {
    return (this.roles ??= roleCodes(this.transcript.turns));
  }

  /** Whether turn `index` is the speaker's: one byte per turn, looked up for every hit of every rule. */
  spokenBy(speaker: SpeakerFilter): (index: number) => boolean {
    if (speaker === 'any') return ANY_TURN;
    const spoken = (this.spoken ??= new Array<((index: number) => boolean) | undefined>(SPEAKER_SLOTS.length));
    const slot = SPEAKER_SLOTS.indexOf(speaker);
    let test = spoken[slot];
    if (!test) {
      const code = ROLE_CODES[speaker];
      const roles = this.roleBytes;
      spoken[slot] = test = (index) => roles[index] === code;
    }
    return test;
  }
  private roles: ByteArray | undefined;
  /**
   * One test per speaker (SPEAKER_SLOTS), shared by the rules (made per rule, they were a tenth of what a small file
   * allocated): an array of four, where a map was a hash look-up per rule that asks.
   */
  private spoken: (((index: number) => boolean) | undefined)[] | undefined;

  /**
   * A scope's turns of a speaker and the test of a hit's turn, by the rule's scope slot (CompiledRule.scopeSlot) and the
   * speaker: made once a call for all rules with that scope and speaker (made per rule, they were ~1 % of a warm
   * call's CPU: the zh pack's six scoped rules take three scopes, all the agent's).
   */
  scoped(scope: Scope, scopeSlot: number, speaker: SpeakerFilter): ScopedTurns {
    const all = (this.scopedTurns ??= []);
    const at = scopeSlot * SPEAKER_SLOTS.length + SPEAKER_SLOTS.indexOf(speaker);
    // Grown one slot at a time: an array written far past its end becomes a slow dictionary.
    while (all.length <= at) all.push(undefined);
    let found = all[at];
    if (!found) all[at] = found = new ScopedTurns(turnsInScope(this, speaker, scope));
    return found;
  }
  private scopedTurns: (ScopedTurns | undefined)[] | undefined;

  /** The first start and the last end or start of any turn, in seconds: where a call's first and last seconds count from. */
  get callSpan(): { start: number; end: number } {
    if (!this.span) {
      const { turns } = this.transcript;
      // A loop, not Math.max(...spread): a long ASR transcript has more turns than a call may pass arguments.
      this.span = { start: turns.find((t) => t.start !== undefined)?.start ?? 0, end: turns.reduce((latest, t) => Math.max(latest, t.end ?? t.start ?? 0), 0) };
    }
    return this.span;
  }
  private span: { start: number; end: number } | undefined;

  /** For each turn, the start of the timed turn before it (or -∞) and of the one after it (or +∞): made once a call. */
  get timeBounds(): { earliest: Float64Array; latest: Float64Array } {
    return (this.bounds ??= timeBounds(this.transcript.turns));
  }
  private bounds: { earliest: Float64Array; latest: Float64Array } | undefined;

  /** Each turn's segments, by turn index: what is normalized and scanned, and what the language is told by. */
  readonly groups: Span[][];

  constructor(readonly compiled: CompiledConfig, readonly transcript: Transcript) {
    this.hits.clear();
    // (Loops rather than map / filter chains, here and in what runs per file: an array a builtin makes can have
    // another elements kind than one its inlined copy in optimized code makes, and the functions that later read it
    // were deoptimized for the map they had not seen and optimized again.)
    // Made at its length: grown by push, a call's fifty turns were copied into arrays of 17, 41 and 77 slots.
    const { turns } = transcript;
    const groups = new Array<Span[]>(turns.length);
    for (let i = 0; i < turns.length; i++) groups[i] = turns[i].segments;
    this.groups = groups;
    if (compiled.fuzzyMatchers.length === 0) {
      // A batch of turns at a time: no phrase matches across a turn break, so the hits (and their order) are the
      // whole text's, without a long call's normalized text and offsets in fresh memory.
      forEachNormalizedBatch(transcript.text, groups, compiled.table, (batch, firstTurn) => compiled.matcher.scanUnits(batch.units, batch.units.length, this.recorder(batch, firstTurn)));
      return;
    }
    const normalized = normalizeGroups(transcript.text, groups, compiled.table);
    compiled.matcher.scan(normalized.text, this.recorder(normalized));
    // Only when some active rule is fuzzy: one more view of the text (fillers dropped) and one more scan.
    for (const fuzzy of compiled.fuzzyMatchers) {
      const view = fuzzyView(normalized, fuzzy.fillers);
      fuzzy.scan(view, this.recorder(view));
    }
  }

  /** Turn hits in a normalized text (arriving by end position) into hits with file offsets and turns. */
  private recorder({ offsets, groupStarts }: Pick<NormalizedText, 'offsets' | 'groupStarts'>, firstTurn = 0): OnHit {
    let turn = 0;
    const { hits } = this;
    return (phrase, start, end) => {
      // Hits arrive by end position; find the turn the hit starts in.
      while (turn + 1 < groupStarts.length && groupStarts[turn + 1] <= start) turn++;
      while (turn > 0 && groupStarts[turn] > start) turn--;
      hits.push(phrase, firstTurn + turn, offsets[start], offsets[end - 1] + 1);
    };
  }
}

/** The turns a scope takes of a speaker in one call, and whether a hit's turn is among them. */
class ScopedTurns {
  /** `turns`: undefined when the scope cannot place a turn without a time (turnsInScope). */
  constructor(readonly turns: Turn[] | undefined) {}

  /**
   * The indexes of the turns in scope, ascending (none when the scope is undecided), made on first ask: keptHits looks
   * a hit's turn up among them by binary search, in its own loop. (Behind a closure — of another shape than the speaker
   * test's — it was a call per hit that V8 did not inline; a byte per turn of the call, zeroed per scope and speaker,
   * cost more to make than the few hits of a generated call take to look up.)
   */
  get indexes(): IntArray {
    if (!this.inScope) {
      const turns = this.turns ?? [];
      const indexes = intArray(turns.length);
      for (let i = 0; i < turns.length; i++) indexes[i] = turns[i].index;
      this.inScope = indexes;
    }
    return this.inScope;
  }
  private inScope: IntArray | undefined;
}

/** A match that fills a whole bracketed tag ([呵呵], ［抱抱］, 【赞】) is a chat platform's emoticon, not a word. */
function isEmoticonTag(text: string, start: number, end: number): boolean {
  return '[［【'.includes(text[start - 1] ?? '-') && ']］】'.includes(text[end] ?? '-');
}

function roleMatches(turn: Turn, speaker: SpeakerFilter): boolean {
  return speaker === 'any' || turn.role === speaker;
}

/**
 * The turns a rule's scope takes; undefined when a scope in seconds cannot tell whether a turn without a time is in
 * it. Such a turn was said after the timed turn before it and before the one after: it is in or out when both lie on
 * one side of the window's edge, and otherwise the rule cannot judge the call (a greeting on an untimed first line
 * would be "missing" from the first 10 seconds).
 */
function turnsInScope(scan: Scan, speaker: SpeakerFilter, scope: Scope | undefined): Turn[] | undefined {
  const own = scan.turnsOf(speaker);
  if (!scope) return own;
  const { turns } = scan.transcript;
  const counted = scope.of === 'all' ? turns : own;
  let inScope = counted;
  if (scope['first-turns']) inScope = spokenTurns(scan.transcript.text, counted, scope['first-turns'], false);
  else if (scope['last-turns']) inScope = spokenTurns(scan.transcript.text, counted, scope['last-turns'], true);
  const first = scope['first-seconds'];
  const last = scope['last-seconds'];
  if (first !== undefined || last !== undefined) {
    const { start: callStart, end: callEnd } = scan.callSpan;
    // In the window if its time lies in [from, to], for every time between the turn's bounds; out for none.
    const from = last === undefined ? -Infinity : callEnd - last;
    const to = first === undefined ? Infinity : callStart + first;
    const { earliest, latest } = scan.timeBounds;
    let undecided = false;
    inScope = inScope.filter((t) => {
      const [low, high] = t.start !== undefined ? [t.start, t.start] : [earliest[t.index], latest[t.index]];
      if (low >= from && high <= to) return true;
      if (high < from || low > to) return false;
      undecided = true;
      return false;
    });
    if (undecided) return undefined;
  }
  return scope.of === 'all' ? inScope.filter((t) => roleMatches(t, speaker)) : inScope;
}

/** The first (or last) `count` turns that say something (saysSomething); wordless ones stay in the call for timing. */
function spokenTurns(text: string, turns: readonly Turn[], count: number, fromEnd: boolean): Turn[] {
  const taken: Turn[] = [];
  for (let k = 0; k < turns.length && taken.length < count; k++) {
    const turn = turns[fromEnd ? turns.length - 1 - k : k];
    if (saysSomething(text, turn)) taken.push(turn);
  }
  return fromEnd ? taken.reverse() : taken;
}

function timeBounds(turns: readonly Turn[]): { earliest: Float64Array; latest: Float64Array } {
  const earliest = new Float64Array(turns.length);
  const latest = new Float64Array(turns.length);
  let known = -Infinity;
  for (let i = 0; i < turns.length; i++) {
    earliest[i] = known;
    if (turns[i].start !== undefined) known = turns[i].start!;
  }
  known = Infinity;
  for (let i = turns.length - 1; i >= 0; i--) {
    latest[i] = known;
    if (turns[i].start !== undefined) known = turns[i].start!;
  }
  return { earliest, latest };
}

/** The ids of a selector's phrases that hit, in the order of its list (one array of their number; none: shared). */
function presentIds(scan: Scan, selector: PhraseSelector): readonly number[] {
  return scan.compiled.selectorHits.ids(scan.selectorStamp, selector);
}

/**
 * Whether any of the triggers hit in the transcript of `stamp` (Scan.selectorStamp, taken once before the rule loop:
 * read per trigger, its getter was ~1.4 thousand instructions of a generated call). `bySpeaker`: only a hit in a turn
 * of the trigger's speaker counts (see saidBySpeaker).
 */
function anyTriggered(scan: Scan, selectorHits: SelectorHits, stamp: number, triggers: readonly PhraseSelector[], bySpeaker: boolean): boolean {
  for (let i = 0; i < triggers.length; i++) {
    if (selectorHits.hit(stamp, triggers[i]) && (!bySpeaker || saidBySpeaker(scan, selectorHits, stamp, triggers[i]))) return true;
  }
  return false;
}

/**
 * Whether one of the selector's phrases hit in a turn of its speaker: the hits a rule without a scope takes of it
 * (keptHits) are those, so a trigger said only by the other side finds nothing either. (banned-ni's 你, said by the
 * customer in nearly every generated call and by the agent in 2 %, ran the rule in 98 % of them.) A rule with a scope
 * is run whenever its trigger hits at all, as before: a scope in seconds tells the run it could not judge the call as
 * soon as a hit is looked at, whoever said it.
 */
function saidBySpeaker(scan: Scan, selectorHits: SelectorHits, stamp: number, selector: PhraseSelector): boolean {
  const { speaker } = selector;
  if (speaker === 'any') return true;
  const code = roleCode(speaker);
  const roles = scan.roleBytes;
  for (let entry = selectorHits.lastEntry(stamp, selector); entry >= 0; entry = selectorHits.entryBefore(entry)) {
    const { data, length } = scan.hits.of(selectorHits.entryId(entry, selector))!;
    for (let at = 0; at < 3 * length; at += 3) if (roles[data[at]] === code) return true;
  }
  return false;
}

/** The hit lists of a selector's phrases that hit, in the order of its list. */
function hitsOf(scan: Scan, selector: PhraseSelector): HitList[] {
  const lists: HitList[] = [];
  for (const id of presentIds(scan, selector)) lists.push(scan.hits.of(id)!);
  return lists;
}

const NO_HITS = new Int32Array(0);

/** Hits as columns of numbers (turn, start, end, phrase id), the first `length` of them in use. */
class HitColumns {
  turns = NO_HITS;
  starts = NO_HITS;
  ends = NO_HITS;
  ids = NO_HITS;
  length = 0;

  /**
   * The columns are made by `reserve` here, not where they are declared: V8 treats a field never written after its
   * object is made as a constant, and the code it optimizes for the two module-wide columns below reads their arrays
   * as constants. The first call with more hits than they held (after ~72,000 generated calls) then threw that code
   * away — ten functions of the rules' hit selection, compiled again. Written a second time here, the fields are
   * known to change from the start (100,000 files: 3.76 against 3.81 s, medians of seven interleaved runs).
   */
  constructor() {
    this.reserve(64);
  }

  /** Write hit k. */
  set(k: number, turn: number, start: number, end: number, id: number): void {
    this.turns[k] = turn;
    this.starts[k] = start;
    this.ends[k] = end;
    this.ids[k] = id;
  }

  /** Room for `capacity` hits (what was in the columns is not kept). */
  reserve(capacity: number): void {
    if (capacity <= this.turns.length) return;
    const size = Math.max(capacity, 2 * this.turns.length);
    this.turns = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.ids = new Int32Array(size);
  }
}

/** A rule's candidate hits, and the same sorted: reused by every call of every rule (one thread, one call at a time). */
const candidateColumns = new HitColumns();
const sortedCandidates = new HitColumns();

/** Hit i before hit j: by start, longest first. */
function startsBefore(hits: HitColumns, i: number, j: number): number {
  return hits.starts[i] - hits.starts[j] || hits.ends[j] - hits.ends[i];
}

/** Where each run of hits in start order begins (and, after the last, where they end): sortedColumns' scratch. */
let runStarts = new Int32Array(64);

/**
 * The hits by start, longest first, ties in their order: they arrive as runs already in that order (one per phrase),
 * merged pairwise between the two columns until one is left (a comparator sort of their indexes was a twentieth of
 * taking a selector's hits). Returns whichever columns hold the result.
 */
function sortedColumns(hits: HitColumns): HitColumns {
  const n = hits.length;
  if (n <= INSERTED_HITS_MAX) return insertionSorted(hits);
  if (runStarts.length < n + 1) runStarts = new Int32Array(Math.max(n + 1, 2 * runStarts.length));
  runStarts[0] = 0;
  let runs = 1;
  for (let i = 1; i < n; i++) if (startsBefore(hits, i - 1, i) > 0) runStarts[runs++] = i;
  runStarts[runs] = n;
  let from = hits;
  let to = hits === sortedCandidates ? candidateColumns : sortedCandidates;
  while (runs > 1) {
    to.reserve(n);
    let merged = 0;
    for (let r = 0; r < runs; r += 2) {
      const left = runStarts[r];
      const middle = runStarts[r + 1];
      const right = r + 2 <= runs ? runStarts[r + 2] : middle;
      let i = left;
      let j = middle;
      let k = left;
      // On a tie the left run's hit first: the merge is stable.
      while (i < middle && j < right) copyHit(from, startsBefore(from, j, i) < 0 ? j++ : i++, to, k++);
      while (i < middle) copyHit(from, i++, to, k++);
      while (j < right) copyHit(from, j++, to, k++);
      runStarts[merged++] = left;
    }
    runStarts[merged] = n;
    runs = merged;
    to.length = n;
    [from, to] = [to, from];
  }
  return from;
}

/** Up to this many hits, sortedColumns sorts them by insertion, in place (most rules take a few per call). */
const INSERTED_HITS_MAX = 16;

/** The hits by start, longest first, ties in their order: sorted in place by insertion. */
function insertionSorted(hits: HitColumns): HitColumns {
  const { turns, starts, ends, ids } = hits;
  for (let i = 1; i < hits.length; i++) {
    const turn = turns[i];
    const start = starts[i];
    const end = ends[i];
    const id = ids[i];
    let j = i;
    // Moved past only what comes strictly after it: the sort is stable.
    for (; j > 0 && (starts[j - 1] > start || (starts[j - 1] === start && ends[j - 1] < end)); j--) {
      turns[j] = turns[j - 1];
      starts[j] = starts[j - 1];
      ends[j] = ends[j - 1];
      ids[j] = ids[j - 1];
    }
    turns[j] = turn;
    starts[j] = start;
    ends[j] = end;
    ids[j] = id;
  }
  return hits;
}

function copyHit(from: HitColumns, i: number, to: HitColumns, k: number): void {
  to.set(k, from.turns[i], from.starts[i], from.ends[i], from.ids[i]);
}

/**
 * One utterance, one hit: a phrase found inside a longer phrase of the same reference (听到了吧 inside 能听到了吧) is
 * the same words. Sorted by start, longest first, a hit is inside an earlier one exactly when it ends no later than
 * the furthest end seen so far. (Kept in place, and moved only once one has been dropped: this runs for every rule
 * and file, and most drop none.)
 */
function withoutInner(hits: HitColumns): HitColumns {
  const { turns, starts, ends, ids } = hits;
  const n = hits.length;
  let furthest = -1;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i];
    if (end <= furthest) continue;
    furthest = end;
    if (length !== i) {
      turns[length] = turns[i];
      starts[length] = starts[i];
      ends[length] = end;
      ids[length] = ids[i];
    }
    length++;
  }
  hits.length = length;
  return hits;
}

/** The `except` phrases of a rule that hit in a transcript: their lists, whether each is of words only, whose turns count. */
interface ExceptHits {
  lists: HitList[];
  /** By list: the phrase is of words only (CompiledPhrase.unbroken), so a hit across a clause's end voids nothing. */
  unbroken: boolean[];
  /** Their hits, whoever said them. */
  count: number;
  speaker: SpeakerFilter;
  /** The speaker's ROLE_CODES entry (0: any speaker). */
  code: number;
}

const NO_EXCEPT_HITS: ExceptHits = { lists: [], unbroken: [], count: 0, speaker: 'any', code: 0 };

/**
 * Up to this many pairs of a rule's candidate hits and its except hits, keptHits looks at each pair (overlapsExcept):
 * indexing the except hits (spanIndex) told every one of them whether it breaks a clause (a slice and a regular
 * expression, ~500 instructions a hit) and made its arrays, where a generated call's few pairs seldom overlap at all.
 */
const EXCEPT_PAIRS_LOOKED_AT = 64;

/**
 * Up to this many candidate hits, keptHits looks at each pair whatever the number of except hits: a pair is a few
 * comparisons, so each except hit costs the look at most this many (linear in a long call's except hits), against the
 * index's clause test of every except hit. (count-qing's 请 against its except 帮您 / 为您 / 给您 / 替您, said all
 * through an agent's turns: ~9 candidates and ~10 except hits a generated call, past 64 pairs, so every call indexed
 * them.)
 */
const EXCEPT_CANDIDATES_LOOKED_AT = 32;

/**
 * Whether [start, end) overlaps an except hit that voids it: one said by the except's speaker that, for a phrase of
 * words only, does not break a clause — overlapsAny over exceptedHits' index, without the index. (Overlap first: the
 * clause is looked at only for the except hits that overlap.)
 */
function overlapsExcept(except: ExceptHits, scan: Scan, start: number, end: number): boolean {
  const { lists, unbroken, code } = except;
  for (let l = 0; l < lists.length; l++) {
    const { data } = lists[l];
    const last = 3 * lists[l].length;
    for (let at = 0; at < last; at += 3) {
      const exceptStart = data[at + 1];
      const exceptEnd = data[at + 2];
      if (exceptStart >= end || exceptEnd <= start) continue;
      if (code !== 0 && scan.roleBytes[data[at]] !== code) continue;
      if (!unbroken[l] || !breaksClause(scan.transcript.text, exceptStart, exceptEnd)) return true;
    }
  }
  return false;
}

/**
 * A hit as `RuleRun.hits` gives it, lent from this thread's pool (`lendHit`). A rule reads its hits only while its
 * check runs — every rule kind copies what it keeps of one (turn, span, phrase) into its drafts — so the objects are
 * handed out again to the next rule, and the next file: a generated call's rules made ~5 KB of them, an eighth of all
 * the call allocated. A class, so that every hit has one shape whether or not its phrase was written with
 * alternatives.
 */
class LentHit implements Hit {
  turn = 0;
  start = 0;
  end = 0;
  phrase = '';
  written: string | undefined = undefined;
}

/** The hits lent so far; those past HIT_POOL_MAX are made afresh, so that one long call does not keep millions. */
const hitPool: LentHit[] = [];
const HIT_POOL_MAX = 1024;
/** How many of the pool's hits the running rule holds: the next one lent is hitPool[hitsLent]. */
let hitsLent = 0;

function lendHit(turn: number, start: number, end: number, phrase: string, written: string | undefined): Hit {
  let hit: LentHit;
  if (hitsLent < hitPool.length) hit = hitPool[hitsLent++];
  else {
    hit = new LentHit();
    if (hitPool.length < HIT_POOL_MAX) {
      hitPool.push(hit);
      hitsLent++;
    }
  }
  hit.turn = turn;
  hit.start = start;
  hit.end = end;
  hit.phrase = phrase;
  hit.written = written;
  return hit;
}

/**
 * What one rule sees of one transcript. A class, with what it works out made on first use: a run makes one per file
 * and points it at each rule in turn (`reset`), and most rules find none of their phrases and ask for little. (One
 * per rule and file was ~2 KB of a generated call's allocations.) It never outlives the rule's check: rules read it
 * while they run and return drafts of numbers and strings.
 */
class RuleRun implements RuleContext {
  readonly transcript: Transcript;
  /** Why the rule could not judge something (the first reason given); undefined: it judged everything. */
  unjudged: NotEvaluatedReason | undefined;
  /** Its scope in seconds cannot place a turn without a time: what the rule found is not reported. */
  scopeUndecided = false;
  private scope: Scope | undefined;
  private excepted: SpanIndex | undefined;
  /** The sense tests (senseHolds) are ready for this rule: its near / not-near lists indexed. */
  private senseReady = false;
  private nearLists: NearIndex[] | undefined;
  private notNearLists: NearIndex[] | undefined;

  constructor(private readonly scan: Scan, private rule: CompiledRule, readonly lineOf: (offset: number) => number,
    readonly changesWanted: boolean) {
    this.transcript = scan.transcript;
    this.scope = rule.scope;
    hitsLent = 0;
  }

  /** Point the run at the transcript's next rule: what it worked out for the last one is forgotten, its hits taken back. */
  reset(rule: CompiledRule): void {
    this.rule = rule;
    this.scope = rule.scope;
    this.unjudged = undefined;
    this.scopeUndecided = false;
    this.excepted = undefined;
    this.senseReady = false;
    this.nearLists = undefined;
    this.notNearLists = undefined;
    this.exceptFound = undefined;
    hitsLent = 0;
  }

  turnsInScope(speaker: SpeakerFilter): Turn[] {
    if (!this.scope) return this.scan.turnsOf(speaker); // shared by all rules without a scope
    return this.scoped(this.scope, speaker).turns ?? [];
  }

  /** The scope's turns of the speaker, shared with the call's other rules of that scope; tells the rule when undecided. */
  private scoped(scope: Scope, speaker: SpeakerFilter): ScopedTurns {
    const scoped = this.scan.scoped(scope, this.rule.scopeSlot, speaker);
    if (!scoped.turns) {
      this.scopeUndecided = true;
      this.unjudged ??= 'no-timestamps';
    }
    return scoped;
  }

  turnsOf(speaker: SpeakerFilter): Turn[] {
    return this.scan.turnsOf(speaker);
  }

  foldedText(turn: Turn): string {
    return this.scan.foldedTurn(turn);
  }

  foldedTexts(turns: readonly Turn[]): string {
    return this.scan.foldedTurns(turns);
  }

  notEvaluated(reason: NotEvaluatedReason): void {
    this.unjudged ??= reason;
  }

  say(text: string): string {
    return this.scan.say(text);
  }

  hits(selector: PhraseSelector): Hit[] {
    const kept = this.keptHits(selector);
    const { phrases } = this.scan.compiled;
    const { turns, starts, ends, ids, length } = kept;
    // Made at its length (grown from [] by push, an array reserves 17 slots at its first hit).
    const hits = new Array<Hit>(length);
    for (let i = 0; i < length; i++) {
      const phrase = phrases[ids[i]];
      hits[i] = lendHit(turns[i], starts[i], ends[i], phrase.source, phrase.written);
    }
    return hits;
  }

  countHits(selector: PhraseSelector, enough = Infinity): number {
    return this.keptHits(selector, enough).length;
  }

  /**
   * The hits `hits` gives, as numbers in reused typed arrays (valid until the next call): objects are made only for
   * what a rule takes, and a count takes none (a long call has a million hits of 您 to count).
   */
  private keptHits(selector: PhraseSelector, enough = Infinity): HitColumns {
    const { scan } = this;
    const found = presentIds(scan, selector);
    const kept = candidateColumns;
    kept.length = 0;
    if (found.length === 0) return kept;
    // A count wanted only up to `enough` (countHits) stops at that many hits kept so far when none of them can be
    // dropped later as inside another: the first one (sorted, some hit always stays), or any number of one phrase
    // whose hits never nest (CompiledConfig.unnested). count-nin's min 2 took ~33 hits of 您 a generated call.
    const stopAt = enough <= 1 || (found.length === 1 && scan.compiled.unnested[found[0]] === 1) ? enough : Infinity;
    // Whether a hit's turn counts: with a scope, it is among the scope's turns of the speaker (`scopeTurns`, by binary
    // search); without, its byte in `turnBytes` (the turns' role codes) is the speaker's, `turnCode`; neither set: any
    // turn does. Tested here, where a closure (of two shapes, the speaker's and a scope's) was a call a hit.
    const { speaker } = selector;
    let scopeTurns: IntArray | undefined;
    let turnBytes: ByteArray | undefined;
    let turnCode = 0;
    if (this.scope) scopeTurns = this.scoped(this.scope, speaker).indexes;
    else if (speaker !== 'any') {
      turnBytes = scan.roleBytes;
      turnCode = roleCode(speaker);
    }
    // The except index and the sense test are made once a hit has passed the tests before them: a rule's phrases
    // are often said only by the other speaker (an agent's rule meeting the customer's 您好), and then neither is
    // needed.
    let except: ExceptHits | undefined;
    let exceptIndex: SpanIndex | undefined;
    let anyExcept = false;
    let senseTold = false;
    let testSense = false;
    const { hits } = scan;
    let candidates = 0;
    for (let f = 0; f < found.length; f++) candidates += hits.of(found[f])!.length;
    kept.reserve(candidates);
    // The hits of each phrase in the selector's order, filtered straight into the columns. The lists' triples and the
    // columns are read and written as local arrays: through HitList's and HitColumns' methods, each access loaded the
    // object's field again and checked its map (~150 instructions a candidate hit in all).
    const { turns, starts, ends, ids } = kept;
    let n = 0;
    // Whether the hits so far are by start, longest first (told as they come, not in a pass after; a few are kept so).
    let ordered = true;
    for (let f = 0; f < found.length; f++) {
      const id = found[f];
      const list = hits.of(id)!;
      const { data } = list;
      const last = 3 * list.length;
      for (let at = 0; at < last; at += 3) {
        const turn = data[at];
        const start = data[at + 1];
        const end = data[at + 2];
        if (turnBytes !== undefined && turnBytes[turn] !== turnCode) continue;
        if (scopeTurns !== undefined) {
          const k = firstAtLeast(scopeTurns, turn);
          if (k === scopeTurns.length || scopeTurns[k] !== turn) continue;
        }
        if (except === undefined) {
          except = this.exceptHits();
          anyExcept = except.count > 0;
          // Many candidates and pairs: the except hits indexed once for the rule (binary searches).
          if (anyExcept && candidates > EXCEPT_CANDIDATES_LOOKED_AT && except.count * candidates > EXCEPT_PAIRS_LOOKED_AT) exceptIndex = this.exceptedHits();
        }
        if (anyExcept && (exceptIndex !== undefined ? overlapsAny(exceptIndex, start, end) : overlapsExcept(except, scan, start, end))) continue;
        if (!senseTold) {
          senseTold = true;
          testSense = this.testsSense(selector);
        }
        if (testSense && !this.senseHolds(turn, start, end)) continue;
        let j = n;
        if (n > 0 && (starts[n - 1] > start || (starts[n - 1] === start && ends[n - 1] < end))) {
          // Out of order: the first few hits (what most rules keep) are put in place by insertion as they come —
          // moved past only what comes strictly after them, so ties keep their order, as sortedColumns' stable sort
          // would (a call of it was ~2 thousand instructions for the 2–6 hits it mostly sorted); past them, all are
          // sorted at the end (stably: what was put in place keeps its ties' order).
          if (n < INSERTED_HITS_MAX) {
            for (; j > 0 && (starts[j - 1] > start || (starts[j - 1] === start && ends[j - 1] < end)); j--) {
              turns[j] = turns[j - 1];
              starts[j] = starts[j - 1];
              ends[j] = ends[j - 1];
              ids[j] = ids[j - 1];
            }
          } else {
            ordered = false;
          }
        }
        turns[j] = turn;
        starts[j] = start;
        ends[j] = end;
        ids[j] = id;
        if (++n >= stopAt) {
          kept.length = n;
          return kept;
        }
      }
    }
    kept.length = n;
    // By start, longest first. Hits usually arrive in that order already (one phrase's hits by position): a
    // stable sort would leave them as they are, so it is skipped.
    return withoutInner(ordered ? kept : sortedColumns(kept));
  }

  /**
   * The rule's `except` phrases that hit, found on first use: most rules find none of their phrases and never need
   * them, and most rules' excepts hit nowhere in most files.
   */
  private exceptHits(): ExceptHits {
    if (!this.exceptFound) {
      const { rule, scan } = this;
      // (Most rules have no `except`.)
      if (!rule.except) return (this.exceptFound = NO_EXCEPT_HITS);
      const ids = presentIds(scan, rule.except);
      if (ids.length === 0) return (this.exceptFound = NO_EXCEPT_HITS);
      const { phrases } = scan.compiled;
      const lists: HitList[] = [];
      const unbroken: boolean[] = [];
      let count = 0;
      for (let i = 0; i < ids.length; i++) {
        const list = scan.hits.of(ids[i])!;
        lists.push(list);
        unbroken.push(phrases[ids[i]].unbroken);
        count += list.length;
      }
      const speaker = rule.except.speaker ?? 'any';
      this.exceptFound = { lists, unbroken, count, speaker, code: speaker === 'any' ? 0 : ROLE_CODES[speaker] };
    }
    return this.exceptFound;
  }
  private exceptFound: ExceptHits | undefined;

  /**
   * Hits of the rule's `except` phrases indexed, made on first use, for a rule whose hits and except hits make many
   * pairs (see overlapsExcept). Phrases match across punctuation (speech recognition scatters it), but an `except`
   * phrase of words only voids only words said together: 「不知道您的」 is the polite question 「不知道您的订单号是多少？」,
   * not 「我不知道，您的宽带要等通知。」.
   */
  private exceptedHits(): SpanIndex {
    if (!this.excepted) {
      const { lists, unbroken, speaker } = this.exceptHits();
      const { text } = this.transcript;
      this.excepted = spanIndex(lists, this.scan.spokenBy(speaker), (list, start, end) => !unbroken[list] || !breaksClause(text, start, end));
    }
    return this.excepted;
  }

  /**
   * near / not-near: the word's sense, told by what stands by it (稍等 … 处理结果 is not a hold). Whether the hits of
   * the selector are to be tested (senseHolds): the rule's lists are indexed once per rule and transcript, on first use.
   * (Methods and fields of the run, not a closure made per rule that tests: with the lists' closure, ~1.6 KB of a
   * generated call's allocations.)
   */
  private testsSense(selector: PhraseSelector): boolean {
    const { rule } = this;
    // Words inside an @handle (@小镇不知道的事) are a name, never what the speaker says: no rule reports them.
    if (!selector.reported || (!rule.near && !rule.notNear && !rule.skipEmoticons && !this.scan.mayHaveHandles)) return false;
    if (!this.senseReady) {
      this.senseReady = true;
      this.nearLists = this.nearIndexes(rule.near);
      this.notNearLists = this.nearIndexes(rule.notNear);
    }
    return true;
  }

  /** Each list of `near:` / `not-near:` indexed (a rule may give several, each with its own window). */
  private nearIndexes(list: NearSelector[] | undefined): NearIndex[] | undefined {
    if (!list) return undefined;
    const indexes: NearIndex[] = [];
    // A list none of whose phrases hit stands by nothing: it is left out (near: no list stands by → not reported, as
    // before; not-near: nothing to stand by).
    for (const def of list) {
      const lists = hitsOf(this.scan, def.selector);
      if (lists.length > 0) indexes.push(new NearIndex(lists, def, this.transcript.text));
    }
    return indexes;
  }

  /** Whether a hit keeps its sense (testsSense said the selector's hits are tested, and prepared the lists). */
  private senseHolds(turn: number, start: number, end: number): boolean {
    const { text } = this.transcript;
    const { nearLists, notNearLists } = this;
    return !(this.rule.skipEmoticons && isEmoticonTag(text, start, end)) && !(this.scan.mayHaveHandles && insideHandle(text, start)) &&
      (!nearLists || anyStandsBy(nearLists, turn, start, end)) && (!notNearLists || !anyStandsBy(notNearLists, turn, start, end));
  }
}

/**
 * The text of a slice as a string of its own. V8 makes a slice of 13 characters or more a view into the string it was
 * cut from, so an excerpt would keep its whole transcript alive for as long as its result lives: while results wait
 * for their turn in a run with workers (they then survived the main thread's scavenges and made V8 double its young
 * generation), and in every report that keeps all results (--summary, --stats, several formats). Joined to one
 * character, the slice is copied when sliced again; what stays alive is that copy.
 */
function detached(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** Whether a hit of one of the lists stands by the hit (a loop: `some` with an arrow made a closure per hit). */
function anyStandsBy(lists: readonly NearIndex[], turn: number, start: number, end: number): boolean {
  for (let i = 0; i < lists.length; i++) if (lists[i].standsBy(turn, start, end)) return true;
  return false;
}

export function lintTranscript(compiled: CompiledConfig, transcript: Transcript, filePath: string, options: LintTranscriptOptions = {}): LintResult {
  const scan = new Scan(compiled, transcript);
  const { origin } = transcript;
  const lines = new LineIndex(origin?.text ?? transcript.text);
  // Offsets of the transcript's text → offsets of the file as the user opens it (they differ for JSON).
  const inFile = (offset: number): number => (origin ? origin.offsets[Math.min(offset, origin.offsets.length - 1)] : offset);
  const messages: LintMessage[] = [];
  // Segment starts in text order, to find the turn a problem stands in by binary search.
  let segmentIndex: SegmentIndex | undefined;
  let placed = 0;
  const turnAt = (offset: number): Turn | undefined => {
    // The first few problems of a file (most files have one or two) look through the segments: building the index
    // (three arrays of every segment) cost more than that.
    if (++placed <= LOOKED_THROUGH) return turnLookedThrough(transcript.turns, offset);
    return turnIndexed((segmentIndex ??= indexSegments(transcript.turns)), transcript.turns, offset);
  };
  // Changes are written into the file as the user opens it (JSON: escaped inside its string literal).
  const change = (edit: Edit): Fix => ({ range: [inFile(edit.start), inFile(edit.end)], text: origin ? origin.escape(edit.text) : edit.text });
  const place = (draft: ProblemDraft, rule: CompiledRule | null, severity: 1 | 2, message: string, spanInFile = false): LintMessage => {
    const start = spanInFile ? draft.start : inFile(draft.start);
    const end = spanInFile ? Math.max(draft.start, draft.end) : inFile(Math.max(draft.start, draft.end));
    const from = lines.position(start);
    const to = lines.position(end);
    const turn = turnAt(draft.start);
    const result: LintMessage = {
      ruleId: rule ? rule.entry.id : null,
      severity,
      message,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
    };
    if (spanInFile) return result;
    if (draft.end > draft.start) result.excerpt = detached(transcript.text.slice(draft.start, draft.end));
    if (turn) result.speaker = turn.role;
    if (draft.suggestion !== undefined) result.suggestion = draft.suggestion;
    if (draft.fix) result.fix = change(draft.fix);
    if (draft.suggestions?.length) result.suggestions = draft.suggestions.map((s) => ({ desc: s.desc, fix: change(s) }));
    return result;
  };

  const lineOf = (offset: number): number => lines.position(inFile(offset)).line;
  const notLinted = whyNotLinted(compiled, transcript, scan.groups);
  // Words said, none by a known speaker (no label, or labels no pack knows): a file that could not be linted, not a
  // clean one — a fatal error (exit 2), where a warning let a nightly run count it as linted. (A file with nothing said,
  // empty or a silent call, keeps its warning.)
  const noSpeakers = notLinted?.reason === 'no-turns' && transcript.turns.length > 0 && !transcript.notices.some((n) => n.fatal);
  // In another language, the notices (speaker labels the packs do not know) are the same mismatch: the run warns once.
  // Without a known speaker, the error names the unknown labels: no warning that their turns "count as other".
  const notices = notLinted?.reason === 'language' ? transcript.notices.filter((n) => n.fatal)
    : noSpeakers ? transcript.notices.filter((n) => !n.unknownLabels) : transcript.notices;
  for (const notice of notices) {
    const message = place(problemDraft(notice.span.start, notice.span.end), null, notice.severity, notice.message, notice.inOrigin);
    if (notice.fatal) message.fatal = true;
    messages.push(message);
  }
  if (noSpeakers) {
    const first = transcript.turns[0].segments[0];
    const message = place(problemDraft(first?.start ?? 0, first?.end ?? 0), null, 2, noSpeakerMessage(transcript, filePath, compiled.config.speakers));
    message.fatal = true;
    messages.push(message);
  }
  // Rules that need timestamps are not evaluated on a transcript without any: reported, never silently passed.
  const timed = transcript.turns.some((t) => t.start !== undefined);
  let notEvaluated: Record<string, NotEvaluatedReason> | undefined;
  // A file without turns (empty, or unusable) gets only its notices: no rule can say anything true about it; nor does
  // a transcript in another language than the packs', where every rule would report the same misses.
  const rules = notLinted ? [] : compiled.rules;
  const changesWanted = options.changes !== false;
  // Which selectors hit, gathered before the loop (rules run in it ask the scan again: nothing gathers in between).
  const { selectorHits } = compiled;
  const stamp = rules.length > 0 ? scan.selectorStamp : 0;
  let run: RuleRun | undefined;
  for (const rule of rules) {
    const only = options.onlyRule !== undefined;
    if (only ? rule.entry.id !== options.onlyRule : rule.entry.severity === 0) continue;
    if (!timed && rule.needsTimestamps) {
      (notEvaluated ??= {})[rule.entry.id] = 'no-timestamps';
      continue;
    }
    if (rule.triggers && !anyTriggered(scan, selectorHits, stamp, rule.triggers, rule.scope === undefined)) continue;
    const severity = (rule.entry.severity || 2) as 1 | 2;
    if (run === undefined) run = new RuleRun(scan, rule, lineOf, changesWanted);
    else run.reset(rule);
    const drafts = rule.check(run);
    if (run.unjudged) (notEvaluated ??= {})[rule.entry.id] = run.unjudged;
    if (run.scopeUndecided || drafts.length === 0) continue;
    // The rule's message in the transcript's script, told only when a draft has none of its own (no closure per
    // rule and file: most find nothing).
    const fallback = fallbackMessage(scan, rule, drafts);
    if (rule.everyOccurrence) {
      for (const draft of drafts) messages.push(place(draft, rule, severity, draft.message ?? fallback));
      continue;
    }
    // One problem per rule per line: two trigger words in one turn are one finding, not two. Their fixes become
    // one edit (the text between them kept), so --fix still mends the whole line in one pass.
    // A joined problem is placed once, when all its drafts are in: placed at each join, a line with thousands of them
    // (a recording transcribed as one line) copied its growing excerpt each time, the square of the line in all.
    const onLine = new Map<number, { draft: ProblemDraft; index: number; joined: boolean }>();
    for (const draft of drafts) {
      const line = lines.position(inFile(draft.start)).line;
      const kept = onLine.get(line);
      if (!kept) {
        onLine.set(line, { draft, index: messages.push(place(draft, rule, severity, draft.message ?? fallback)) - 1, joined: false });
        continue;
      }
      const first = kept.draft;
      // Words on the line that no change mends (a curse, 你妹) do not hold back the change of the words after them
      // (你们 → 您 later on the line): the problem carries it, as it would once a first fix had been applied.
      if (!first.fix && !first.suggestions && (draft.fix || draft.suggestions)) {
        kept.draft = problemDraft(first.start, first.end, first.message, { suggestion: first.suggestion, fix: draft.fix, suggestions: draft.suggestions });
        kept.joined = true;
        continue;
      }
      // Two fixes of one clause or sentence are the same edit: the first stands for both.
      if (!first.fix || !draft.fix || draft.fix.start < first.fix.end) continue;
      const fix = { start: first.fix.start, end: draft.fix.end, text: first.fix.text + transcript.text.slice(first.fix.end, draft.fix.start) + draft.fix.text };
      kept.draft = problemDraft(first.start, draft.end, first.message, { suggestion: first.suggestion, fix, suggestions: first.suggestions });
      kept.joined = true;
    }
    for (const { draft, index, joined } of onLine.values()) if (joined) messages[index] = place(draft, rule, severity, draft.message ?? fallback);
  }
  const { messages: kept, suppressed } = applyDirectives(transcript, lines, inFile, messages, compiled.ruleIds, options.directives);
  kept.sort((a, b) => a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId)));
  const result = summarize(filePath, kept, transcript.meta, notEvaluated, suppressed);
  if (notLinted) result.notLinted = notLinted;
  return result;
}

/** The rule's message in the transcript's script where a draft has no message of its own (else the pack's, unused). */
function fallbackMessage(scan: Scan, rule: CompiledRule, drafts: readonly ProblemDraft[]): string {
  for (let i = 0; i < drafts.length; i++) if (drafts[i].message === undefined) return scan.say(rule.message);
  return rule.message;
}

/** How many problems of a file turnLookedThrough places before the segments are indexed. */
const LOOKED_THROUGH = 4;

/**
 * The turn whose segment holds `offset`: the last segment starting at or before it, by start (ties: the last in turn
 * order), if the offset lies within it. Without an index: a look at every segment, as turnIndexed would find it.
 */
export function turnLookedThrough(turns: readonly Turn[], offset: number): Turn | undefined {
  let found: Turn | undefined;
  let foundStart = -1;
  let foundEnd = -1;
  for (let t = 0; t < turns.length; t++) {
    const { segments } = turns[t];
    for (let k = 0; k < segments.length; k++) {
      const { start, end } = segments[k];
      if (start <= offset && start >= foundStart) {
        found = turns[t];
        foundStart = start;
        foundEnd = end;
      }
    }
  }
  return found && offset <= foundEnd ? found : undefined;
}

/** turnLookedThrough's answer from the index of the segments. */
export function turnIndexed({ starts, ends, turnOf }: SegmentIndex, turns: readonly Turn[], offset: number): Turn | undefined {
  const last = firstAbove(starts, offset) - 1; // the last segment starting by the offset
  return last >= 0 && offset <= ends[last] ? turns[turnOf[last]] : undefined;
}

/** Every segment of every turn, by start (ties in turn order): typed arrays, as a long call has a million. */
export interface SegmentIndex {
  starts: IntArray;
  ends: IntArray;
  /** Position of the segment's turn in the transcript's turns. */
  turnOf: IntArray;
}

export function indexSegments(turns: readonly Turn[]): SegmentIndex {
  let count = 0;
  for (const turn of turns) count += turn.segments.length;
  const starts = intArray(count);
  const ends = intArray(count);
  const turnOf = intArray(count);
  let sorted = true;
  let n = 0;
  turns.forEach((turn, t) => {
    for (const segment of turn.segments) {
      if (n > 0 && segment.start < starts[n - 1]) sorted = false;
      starts[n] = segment.start;
      ends[n] = segment.end;
      turnOf[n++] = t;
    }
  });
  if (sorted) return { starts, ends, turnOf };
  // Formats whose turns are not in text order (a JSON file listing channels one after the other): a stable sort,
  // into arrays made by intArray like the sorted case's.
  const order: number[] = [];
  for (let i = 0; i < count; i++) order.push(i);
  stableSort(order, (a, b) => starts[a] - starts[b]);
  const index = { starts: intArray(count), ends: intArray(count), turnOf: intArray(count) };
  order.forEach((from, k) => {
    index.starts[k] = starts[from];
    index.ends[k] = ends[from];
    index.turnOf[k] = turnOf[from];
  });
  return index;
}

/** `groups`: each turn's segments (the Scan's, made once: a long call has a million). */
function whyNotLinted(compiled: CompiledConfig, transcript: Transcript, groups: readonly Span[][]): NotLinted | undefined {
  // The language first: in another language the speaker labels are usually unknown to the packs as well.
  const packs = compiled.config.language;
  if (packs) {
    const language = textLanguage(transcript.text, groups, packs);
    if (language) return { reason: 'language', transcript: language, packs };
  }
  // Rules judge what an agent said to a customer: a file with neither (empty, or no known speaker label) is unusable.
  if (!transcript.turns.some((t) => t.role === 'agent' || t.role === 'customer')) return { reason: 'no-turns' };
  return undefined;
}

/** A result of these messages; `notEvaluated`: the rules that could not judge the file, and why. */
export function summarize(filePath: string, messages: LintMessage[], meta?: Record<string, string>, notEvaluated?: Record<string, NotEvaluatedReason>, suppressed: SuppressedMessage[] = []): LintResult {
  const result: LintResult = {
    filePath,
    messages,
    suppressedMessages: suppressed,
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
  for (const m of messages) {
    if (m.severity === 2) result.errorCount++;
    else result.warningCount++;
    if (m.fatal) result.fatalErrorCount++;
    if (m.fix && m.severity === 2) result.fixableErrorCount++;
    if (m.fix && m.severity === 1) result.fixableWarningCount++;
  }
  if (meta && Object.keys(meta).length) result.meta = meta;
  if (notEvaluated) {
    result.notEvaluated = Object.keys(notEvaluated);
    result.notEvaluatedReasons = notEvaluated;
  }
  return result;
}
