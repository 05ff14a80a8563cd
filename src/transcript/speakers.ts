// Speaker labels → roles, as the packs define them. 客戶, 客户 and ＫＦ match the same way phrases do.
import type { FoldTable } from '../text/fold-table.js';
import { normalizeString } from '../text/normalize.js';
import type { Role } from '../types.js';

/**
 * Role names speech-recognition output uses on its own (Amazon Transcribe: AGENT, CUSTOMER). A Map: the ids come from
 * the transcript, and an object's lookup of "constructor" or "__proto__" found Object's own members (a function as
 * the turn's role, no warning about the speaker).
 */
const ROLE_NAMES = new Map<string, Role>([['agent', 'agent'], ['customer', 'customer'], ['caller', 'customer']]);
const MAX_REMEMBERED = 4096;

/**
 * Labels every pack knows, so that a pack written without `speakers:` still reads ordinary transcripts and its
 * examples: a pack's own labels come first (a pack may give 坐席 another role). Simplified and Traditional forms are
 * both listed, since a pack may not fold scripts; Latin ones are compared without case.
 */
const COMMON_LABELS: readonly (readonly [string, Role])[] = [
  ['客服', 'agent'], ['坐席', 'agent'], ['agent', 'agent'],
  ['客户', 'customer'], ['客戶', 'customer'], ['顾客', 'customer'], ['顧客', 'customer'], ['customer', 'customer'],
];

export class SpeakerResolver {
  private readonly exact = new Map<string, Role>();
  /** Longest first, so that 客服代表 wins over 客服. */
  private readonly prefixes: [string, Role][];
  /** Labels seen so far → role: a transcript repeats its two or three labels on every line. */
  private readonly seen = new Map<string, Role | undefined>();

  /** `channels`: channel or speaker ids of speech-recognition output ("0", "ch_1", "spk_0") → roles. */
  constructor(labels: ReadonlyMap<string, Role>, private readonly table: FoldTable, private readonly channels: ReadonlyMap<string, Role> = new Map()) {
    for (const [label, role] of labels) this.exact.set(normalizeString(label, table), role);
    this.prefixes = [...this.exact].sort((a, b) => b[0].length - a[0].length);
  }

  /** The role of a label: an exact match, or a known label it starts with (客服小王, Agent 2). */
  resolve(label: string): Role | undefined {
    if (this.seen.has(label)) return this.seen.get(label);
    const role = this.lookup(label);
    // Bounded: an archive with endless distinct labels (names in labels) must not grow memory.
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.set(label, role);
    return role;
  }

  private lookup(label: string): Role | undefined {
    const key = normalizeString(label, this.table);
    if (!key) return undefined;
    const exact = this.exact.get(key);
    if (exact) return exact;
    for (const [prefix, role] of this.prefixes) if (key.startsWith(prefix)) return role;
    const plain = label.trim().toLowerCase();
    for (const [common, role] of COMMON_LABELS) if (plain.startsWith(common)) return role;
    return undefined;
  }

  /**
   * The role of a speaker or channel id in speech-recognition output: a pack label, an id of the `channels:`
   * map (exactly, or by its number: "ch_1" and "spk_1" find "1"), or a role name such as AGENT.
   */
  resolveSpeakerId(id: string): Role | undefined {
    const byLabel = this.resolve(id);
    if (byLabel) return byLabel;
    const channel = this.channels.get(id) ?? this.channels.get(/(\d+)$/.exec(id)?.[1].replace(/^0+(?=\d)/, '') ?? '');
    return channel ?? ROLE_NAMES.get(id.trim().toLowerCase());
  }
}
