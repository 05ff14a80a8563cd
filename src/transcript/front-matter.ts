// Call metadata at the top of a transcript: YAML front matter between "---" lines, or header lines such as
// "通话ID: 2024…" / "Agent ID: 1032" before the first turn. It ends up in Transcript.meta and in the results.
import { lazyModule } from '../lazy-module.js';
import type { TranscriptBuilder } from './builder.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');

/** Header keys that hold call metadata, not a speaker (compared without case, spaces, "-" and "_"). */
const META_KEYS = new Set([
  'callid', 'call', 'calldate', 'calltime', 'date', 'time', 'datetime', 'duration', 'agentid', 'agentname', 'agentno',
  'customerid', 'queue', 'skill', 'skillgroup', 'channel', 'recordingid', 'recording', 'language', 'ticket', 'ticketid',
  '通话id', '通话编号', '通话日期', '通话时间', '通话时长', '录音编号', '录音id', '工号', '坐席工号', '客服工号', '坐席id',
  '坐席姓名', '客服姓名', '客户编号', '客户id', '日期', '时间', '时长', '技能组', '队列', '工单号', '來電時間', '通話編號',
  '通話日期', '通話時間', '錄音編號', '坐席工號', '客服工號', '客戶編號', '日期時間',
]);

/** A metadata name as people vary it: without case, spaces, "-" and "_" (Agent ID = agent_id = agentid). */
function metaName(key: string): string {
  return key.toLowerCase().replace(/[\s_-]/g, '');
}

/** Labels asked about before (a call asks about its first label, most often 客服 or 客户 again): metaName is a regexp. */
const metaLabels = new Map<string, boolean>();
/** Labels remembered at most: an archive of endless distinct labels (names in labels) must not grow memory. */
const REMEMBERED_LABELS = 1024;

export function isMetaKey(label: string): boolean {
  let meta = metaLabels.get(label);
  if (meta === undefined) {
    if (metaLabels.size >= REMEMBERED_LABELS) metaLabels.clear();
    metaLabels.set(label, (meta = META_KEYS.has(metaName(label))));
  }
  return meta;
}

/** The names under which calls carry the agent who took them, in order of preference. */
const AGENT_KEYS = ['agent', 'agentid', 'agentno', '坐席工号', '坐席工號', '客服工号', '客服工號', '工号', '工號', '坐席id', 'agentname', '坐席姓名', '客服姓名'];

/**
 * A field of a call's metadata by name, however the transcript spells it (`坐席工号`, `Agent ID`, `agent_id`); the
 * name `agent` finds whichever agent field the call has. Undefined when the call has none, or it is empty.
 */
export function metaField(meta: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!meta) return undefined;
  // Own fields only: meta:constructor or meta:toString must not reach Object.prototype.
  const own = Object.hasOwn(meta, name) ? (meta[name] as unknown) : undefined;
  if (typeof own === 'string' && own) return own;
  if (typeof own === 'number') return String(own);
  const byName = new Map(Object.entries(meta).map(([key, value]) => [metaName(key), value]));
  const wanted = metaName(name);
  for (const key of wanted === 'agent' ? AGENT_KEYS : [wanted]) {
    const value = byName.get(key);
    if (value) return value;
  }
  return undefined;
}

/** Read front matter into builder.meta; returns the offset where the transcript proper starts. */
export function readFrontMatter(text: string, builder: TranscriptBuilder): number {
  // (Nearly no transcript has front matter: a look at its first units spares the regular expression.)
  const open = text.startsWith('---') ? /^---[ \t]*\r?\n/.exec(text) : null;
  if (!open) return 0;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) {
    builder.notice(1, 'front matter opened with "---" is never closed; add a "---" line after the metadata', { start: 0, end: 3 });
    return 0;
  }
  const body = rest.slice(0, end.index);
  let data: unknown;
  try {
    // As yaml.parse, but its warnings (a tag it does not know) are said here, at their place, instead of printed by
    // Node as process warnings that name no file.
    // (logLevel: a key that is a list or a mapping was a process warning too; it is said and left out below.)
    const { isCollection, isMap, parseDocument, visit } = yaml();
    const doc = parseDocument(body, { logLevel: 'error' });
    if (doc.errors.length) throw doc.errors[0];
    // An alias inside its own anchor's value would make data that holds itself, which no field can be written from.
    visit(doc, {
      Alias(_key, alias, path) {
        const target = alias.resolve(doc);
        if (target && path.includes(target)) throw new Error(`the alias *${alias.source} stands inside the value of its own anchor`);
      },
    });
    if (isMap(doc.contents)) {
      doc.contents.items = doc.contents.items.filter(({ key }) => {
        if (!isCollection(key)) return true;
        const [start, end] = key.range ?? [0, 0];
        builder.notice(1, 'front matter: a key that is a list or a mapping is no metadata field; write a plain key such as "agent:"',
          { start: open[0].length + start, end: open[0].length + end });
        return false;
      });
    }
    for (const warning of doc.warnings) {
      const at = open[0].length + warning.pos[0];
      const tag = warning.code === 'TAG_RESOLVE_FAILED' ? /^!\S*/.exec(body.slice(warning.pos[0]))?.[0] : undefined;
      const what = tag ? `the YAML tag ${tag} is not one transcript-lint reads; its value is taken as text (remove the tag)` : warning.message.split('\n')[0];
      builder.notice(1, `front matter: ${what}`, { start: at, end: open[0].length + warning.pos[1] });
    }
    data = doc.toJS();
  } catch (err) {
    builder.notice(1, `front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); call metadata ignored`, { start: 0, end: 3 });
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (value !== null && value !== undefined) builder.setMeta(key, value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
  }
  return open[0].length + end.index + end[0].length;
}
