// Lint one parsed transcript: normalize and scan it once, run every active rule over the hits, place problems.
import type { Scope, SpeakerFilter } from '../config/pack-types.js';
import type { Hit, PhraseSelector, ProblemDraft, RuleContext } from '../rules/rule-kind.js';
import { foldString, normalizeGroups } from '../text/normalize.js';
import type { LintMessage, LintResult, Transcript, Turn } from '../types.js';
import type { CompiledConfig, CompiledRule } from './compile.js';
import { LineIndex } from './line-index.js';

export interface LintTranscriptOptions {
  /** Run only this rule, whatever its severity (used to check a rule's own examples). */
  onlyRule?: string;
}

/** Everything found in a transcript before rules look at it: shared by all rules. */
class Scan {
  readonly hitsByPhrase: Hit[][] = [];
  /** Ids of the phrases that hit at all: usually a handful of the hundreds a pack has. */
  readonly present: number[] = [];
  /** Folded text of each turn, made once for all pattern rules. */
  readonly folded = new Map<number, string>();
  private foldedWhole: string | undefined;

  /** The whole file folded unit by unit (offsets unchanged), for slicing turns out of. */
  foldedText(): string {
    return (this.foldedWhole ??= foldString(this.transcript.text, this.compiled.table));
  }

  constructor(readonly compiled: CompiledConfig, readonly transcript: Transcript) {
    const normalized = normalizeGroups(transcript.text, transcript.turns.map((t) => t.segments), compiled.table);
    const { offsets, groupStarts } = normalized;
    let turn = 0;
    compiled.matcher.scan(normalized.text, (hit) => {
      // Hits arrive by end position; find the turn the hit starts in.
      while (turn + 1 < groupStarts.length && groupStarts[turn + 1] <= hit.start) turn++;
      while (turn > 0 && groupStarts[turn] > hit.start) turn--;
      let list = this.hitsByPhrase[hit.phrase];
      if (!list) {
        list = this.hitsByPhrase[hit.phrase] = [];
        this.present.push(hit.phrase);
      }
      list.push({
        turn,
        start: offsets[hit.start],
        end: offsets[hit.end - 1] + 1,
        phrase: compiled.phrases[hit.phrase].source,
      });
    });
  }
}

function roleMatches(turn: Turn, speaker: SpeakerFilter): boolean {
  return speaker === 'any' || turn.role === speaker;
}

function turnsInScope(turns: Turn[], speaker: SpeakerFilter, scope: Scope | undefined): Turn[] {
  const own = turns.filter((t) => roleMatches(t, speaker));
  if (!scope) return own;
  const counted = scope.of === 'all' ? turns : own;
  let inScope = counted;
  if (scope['first-turns']) inScope = counted.slice(0, scope['first-turns']);
  else if (scope['last-turns']) inScope = counted.slice(-scope['last-turns']);
  const callStart = turns.find((t) => t.start !== undefined)?.start ?? 0;
  const callEnd = Math.max(0, ...turns.map((t) => t.end ?? t.start ?? 0));
  if (scope['first-seconds'] !== undefined) inScope = inScope.filter((t) => t.start !== undefined && t.start - callStart <= scope['first-seconds']!);
  if (scope['last-seconds'] !== undefined) inScope = inScope.filter((t) => t.start !== undefined && callEnd - t.start <= scope['last-seconds']!);
  return scope.of === 'all' ? inScope.filter((t) => roleMatches(t, speaker)) : inScope;
}

/** Where each phrase id stands in a selector's list, made once per selector. */
const selectorPositions = new WeakMap<PhraseSelector, Map<number, number>>();

/**
 * The hits of a selector's phrases, in the order of its list (ties between phrases keep that order). Walks whichever
 * is shorter: the selector's phrases, or the phrases that hit in this transcript.
 */
function hitsOf(scan: Scan, selector: PhraseSelector): Hit[] {
  const out: Hit[] = [];
  const ids = selector.phraseIds;
  if (scan.present.length === 0) return out;
  if (scan.present.length < ids.length) {
    let positions = selectorPositions.get(selector);
    if (!positions) selectorPositions.set(selector, (positions = new Map(ids.map((id, i) => [id, i]))));
    const found = scan.present.filter((id) => positions.has(id));
    if (found.length > 1) found.sort((a, b) => positions.get(a)! - positions.get(b)!);
    for (const id of found) for (const hit of scan.hitsByPhrase[id]) out.push(hit);
    return out;
  }
  for (const id of ids) {
    const list = scan.hitsByPhrase[id];
    if (list) for (const hit of list) out.push(hit);
  }
  return out;
}

function contextFor(scan: Scan, rule: CompiledRule): RuleContext {
  const { transcript } = scan;
  const scope = rule.entry.def.scope;
  const scopeCache = new Map<SpeakerFilter, Turn[]>();
  const scoped = (speaker: SpeakerFilter): Turn[] => {
    let turns = scopeCache.get(speaker);
    if (!turns) scopeCache.set(speaker, (turns = turnsInScope(transcript.turns, speaker, scope)));
    return turns;
  };
  const rawHits = (selector: PhraseSelector): Hit[] => hitsOf(scan, selector);
  let excepted: Hit[] | undefined;
  const exceptedHits = (): Hit[] => {
    if (!excepted) {
      const exceptSpeaker = rule.except?.speaker ?? 'any';
      excepted = rule.except ? rawHits(rule.except).filter((hit) => roleMatches(transcript.turns[hit.turn], exceptSpeaker)) : [];
    }
    return excepted;
  };
  const allowedTurns = new Map<SpeakerFilter, Set<number>>();
  return {
    transcript,
    turnsInScope: scoped,
    foldedText(turn) {
      let text = scan.folded.get(turn.index);
      if (text === undefined) {
        const whole = scan.foldedText();
        text = turn.segments.map((s) => whole.slice(s.start, s.end)).join('\n');
        scan.folded.set(turn.index, text);
      }
      return text;
    },
    hits(selector) {
      const raw = rawHits(selector);
      if (raw.length === 0) return raw;
      let allowed = allowedTurns.get(selector.speaker);
      if (!allowed) allowedTurns.set(selector.speaker, (allowed = new Set(scoped(selector.speaker).map((t) => t.index))));
      const except = exceptedHits();
      const kept = raw
        .filter((hit) => allowed.has(hit.turn) && !except.some((e) => e.start < hit.end && hit.start < e.end))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      // One utterance, one hit: a phrase found inside a longer phrase of the same reference (听到了吧 inside
      // 能听到了吧) is the same words.
      return kept.filter((hit, i) => !kept.some((other, j) => j !== i && other.start <= hit.start && other.end >= hit.end && (other.end - other.start > hit.end - hit.start || j < i)));
    },
  };
}

export function lintTranscript(compiled: CompiledConfig, transcript: Transcript, filePath: string, options: LintTranscriptOptions = {}): LintResult {
  const scan = new Scan(compiled, transcript);
  const lines = new LineIndex(transcript.text);
  const messages: LintMessage[] = [];
  const place = (draft: ProblemDraft, rule: CompiledRule | null, severity: 1 | 2, message: string): LintMessage => {
    const from = lines.position(draft.start);
    const to = lines.position(Math.max(draft.start, draft.end));
    const turn = transcript.turns.find((t) => t.segments.some((s) => s.start <= draft.start && draft.start <= s.end));
    const result: LintMessage = {
      ruleId: rule ? rule.entry.id : null,
      severity,
      message,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
    };
    if (draft.end > draft.start) result.excerpt = transcript.text.slice(draft.start, draft.end);
    if (turn) result.speaker = turn.role;
    if (draft.suggestion !== undefined) result.suggestion = draft.suggestion;
    if (draft.replacement !== undefined) result.fix = { range: [draft.start, draft.end], text: draft.replacement };
    return result;
  };

  for (const notice of transcript.notices) {
    const message = place(notice.span, null, notice.severity, notice.message);
    if (notice.fatal) message.fatal = true;
    messages.push(message);
  }
  for (const rule of compiled.rules) {
    const only = options.onlyRule !== undefined;
    if (only ? rule.entry.id !== options.onlyRule : rule.entry.severity === 0) continue;
    const severity = (rule.entry.severity || 2) as 1 | 2;
    const fallback = rule.entry.def.message ?? rule.entry.id;
    for (const draft of rule.check(contextFor(scan, rule))) messages.push(place(draft, rule, severity, draft.message ?? fallback));
  }
  messages.sort((a, b) => a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId)));
  return summarize(filePath, messages, transcript.meta);
}

export function summarize(filePath: string, messages: LintMessage[], meta?: Record<string, string>): LintResult {
  const result: LintResult = {
    filePath,
    messages,
    suppressedMessages: [],
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
  return result;
}
