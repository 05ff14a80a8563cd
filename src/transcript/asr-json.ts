// JSON from speech recognition. Recognized shapes:
//   Whisper / WhisperX      { "segments": [{ "start": 0.0, "end": 2.1, "text": "…", "speaker"?: "SPEAKER_00" }] }
//   Amazon Transcribe Call Analytics   { "Transcript": [{ "ParticipantRole": "AGENT", "Content": "…", "BeginOffsetMillis": 0, … }] }
//   Amazon Transcribe       { "results": { "audio_segments": [{ "transcript": "…", "start_time": "0.0", "speaker_label": "spk_0" }] } }
//   Alibaba-style dialogue  [{ "role": "坐席", "words": "…", "begin": 0, "end": 2100 }]  (milliseconds)
//   channel-numbered output { "Result": { "Sentences": [{ "ChannelId": 0, "Text": "…", "BeginTime": 0, "EndTime": 2100 }] } }
//   a plain list            [{ "speaker": "客服", "text": "…", "start": 0, "end": 2.1 }]
// Speakers resolve through the packs' labels, then the config's `channels:` map ("0", "ch_0", "spk_0"), then
// role names (AGENT, CUSTOMER). Positions point into the string literal as the file is written, escapes included.
import type { Span, Transcript } from '../types.js';
import { TranscriptBuilder } from './builder.js';
import { escapeJsonText, JsonSyntaxError, literalOffsets, parseJson, type JsonNode } from './json-source.js';
import type { SpeakerResolver } from './speakers.js';

type ObjectNode = Extract<JsonNode, { type: 'object' }>;

const TEXT_KEYS = ['text', 'content', 'transcript', 'words', 'sentence', 'utterance', 'onebest'];
const SPEAKER_KEYS = ['speaker', 'participantrole', 'role', 'speaker_label', 'speakerlabel', 'speakerid', 'speaker_id', 'spk',
  'channel', 'channelid', 'channel_id', 'channel_label', 'channellabel'];
/** Start and end keys with the factor that turns their values into seconds. */
const TIME_KEYS: [string, string, number][] = [
  ['beginoffsetmillis', 'endoffsetmillis', 0.001], ['begintime', 'endtime', 0.001], ['begin_time', 'end_time', 0.001],
  ['begin', 'end', 0.001], ['bg', 'ed', 0.001], ['start_ms', 'end_ms', 0.001],
  ['start', 'end', 1], ['start_time', 'end_time', 1], ['starttime', 'endtime', 1],
];
/** Where the segment list stands in the shapes above, tried in this order. */
const LIST_PATHS = [['segments'], ['transcript'], ['results', 'audio_segments'], ['result', 'sentences'], ['sentences'],
  ['flash_result', 'sentences'], ['dialogue'], ['dialog'], ['utterances'], ['turns'], ['conversation']];
const SHAPES = 'Whisper "segments", Amazon Transcribe "Transcript" or "audio_segments", Alibaba "Sentences" or a list of {speaker, text, start, end}';

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  return node.members.find((m) => m.key.toLowerCase() === key)?.value;
}

function firstMember(node: ObjectNode, keys: readonly string[]): JsonNode | undefined {
  for (const key of keys) {
    const value = member(node, key);
    if (value && value.type !== 'null') return value;
  }
  return undefined;
}

function isSegmentList(node: JsonNode | undefined): node is Extract<JsonNode, { type: 'array' }> {
  return node?.type === 'array' && node.items.some((item) => item.type === 'object' && firstMember(item, TEXT_KEYS)?.type === 'string');
}

/** An empty list where segments go: what a recognizer writes for a call in which nobody spoke. */
function isEmptyList(node: JsonNode | undefined): node is Extract<JsonNode, { type: 'array' }> {
  return node?.type === 'array' && node.items.length === 0;
}

function findSegmentList(root: JsonNode): Extract<JsonNode, { type: 'array' }> | undefined {
  for (const isList of [isSegmentList, isEmptyList]) {
    if (isList(root)) return root;
    for (const path of LIST_PATHS) {
      let node: JsonNode | undefined = root;
      for (const key of path) node = member(node, key);
      if (isList(node)) return node;
    }
  }
  return undefined;
}

export function parseAsrJson(text: string, speakers: SpeakerResolver): Transcript {
  const builder = new TranscriptBuilder('', speakers, true);
  const origin = { text, offsets: new Int32Array(1), escape: escapeJsonText };
  if (!text.trim()) return builder.build(origin);
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    builder.notice(2, `malformed JSON: ${err.message}`, { start: err.offset, end: err.offset }, true);
    return builder.build(origin);
  }
  const list = findSegmentList(root);
  if (!list) {
    builder.notice(2, `JSON that is not a recognized transcript; expected ${SHAPES}`, { start: root.start, end: root.start }, true);
    return builder.build(origin);
  }
  readMeta(root, list, builder);

  const parts: string[] = [];
  const offsets: number[] = [];
  let length = 0;
  let lastQuote = list.start;
  let unlabelled = 0;
  for (const item of list.items) {
    if (item.type !== 'object') continue;
    const textNode = firstMember(item, TEXT_KEYS);
    if (textNode?.type !== 'string' || !textNode.value.trim()) continue;
    if (length > 0) {
      parts.push('\n');
      offsets.push(lastQuote);
      length++;
    }
    const span: Span = { start: length, end: length + textNode.value.length };
    parts.push(textNode.value);
    literalOffsets(text, textNode, offsets);
    length += textNode.value.length;
    lastQuote = textNode.end - 1;

    const speakerNode = firstMember(item, SPEAKER_KEYS);
    const label = speakerNode && (speakerNode.type === 'string' || speakerNode.type === 'number') ? String(speakerNode.value) : '';
    if (!label) unlabelled++;
    const role = label ? builder.role(label, speakerNode!.start + (speakerNode!.type === 'string' ? 1 : 0), true) : 'other';
    const [start, end] = readTimes(item, builder);
    builder.addTurn(role, label, [span], start, end);
  }
  offsets.push(lastQuote);
  if (unlabelled) {
    builder.notice(1, `${unlabelled} of ${builder.turns.length} segments name no speaker; they count as "other" (add "speaker" to the segments, or diarize the audio)`, { start: list.start, end: list.start });
  }
  builder.text = parts.join('');
  return builder.build({ text, offsets: Int32Array.from(offsets), escape: escapeJsonText });
}

/** A segment's start and end in seconds; a value that is not a time is reported where it stands. */
function readTimes(item: ObjectNode, builder: TranscriptBuilder): [number?, number?] {
  for (const [startKey, endKey, factor] of TIME_KEYS) {
    const startNode = member(item, startKey);
    if (!startNode) continue;
    const endNode = member(item, endKey);
    const [start, end] = [startNode, endNode].map((node) => {
      if (!node || node.type === 'null') return undefined;
      const seconds = (node.type === 'number' ? node.value : node.type === 'string' && node.value.trim() ? Number(node.value) : NaN) * factor;
      if (Number.isFinite(seconds) && seconds >= 0) return seconds;
      builder.notice(2, `malformed timestamp ${node.type === 'string' ? JSON.stringify(node.value) : node.type}; "${startKey}"/"${endKey}" must be numbers of ${factor === 1 ? 'seconds' : 'milliseconds'} ≥ 0`, { start: node.start, end: node.start }, true);
      return undefined;
    });
    if (start !== undefined && end !== undefined && end < start) {
      builder.notice(1, `segment ends ("${endKey}": ${end / factor}) before it starts ("${startKey}": ${start / factor}); its end is not used`, { start: endNode!.start, end: endNode!.start });
    }
    return [start, end];
  }
  return [];
}

/** Top-level scalar fields (job name, call id, language) and a "meta"/"metadata" object: call metadata. */
function readMeta(root: JsonNode, list: JsonNode, builder: TranscriptBuilder): void {
  if (root.type !== 'object') return;
  const take = (node: ObjectNode): void => {
    for (const { key, value } of node.members) {
      // The segment list, and the whole call's text that Whisper repeats at the top, are not metadata.
      if (value === list || TEXT_KEYS.includes(key.toLowerCase())) continue;
      if ((value.type === 'string' && value.value.length <= 200) || value.type === 'number' || value.type === 'boolean') builder.setMeta(key, String(value.value));
    }
  };
  take(root);
  for (const key of ['meta', 'metadata']) {
    const nested = member(root, key);
    if (nested?.type === 'object') take(nested);
  }
}
