// A transcript whose turns all belong to no known speaker (no label, or labels no pack knows): no rule can say
// anything true about it, and a run that passed it with a warning counted it as linted and clean. It is a file that
// could not be linted: one fatal error, saying what its first lines look like and what to do.
import type { Role, Transcript } from '../types.js';

/** How many turns the message shows, and how much of each. */
const SHOWN_TURNS = 2;
const SHOWN_CHARACTERS = 24;

/** The first `count` labels of a role in the config (pack order), as a transcript writes them. */
function labelsOf(speakers: ReadonlyMap<string, Role>, role: Role, count: number): string[] {
  const labels: string[] = [];
  for (const [label, r] of speakers) if (r === role && labels.length < count) labels.push(label);
  return labels;
}

/** Text cut (by code point) to a short quote. */
function cut(words: string): string {
  const chars = Array.from(words.replace(/\s+/g, ' ').trim());
  return chars.length > SHOWN_CHARACTERS ? `${chars.slice(0, SHOWN_CHARACTERS).join('')}…` : chars.join('');
}

/** The start of a turn's words. */
function quote(transcript: Transcript, turnIndex: number): string {
  const turn = transcript.turns[turnIndex];
  return cut(turn.segments.map((s) => transcript.text.slice(s.start, s.end)).join(' '));
}

/** The first lines that say something, as the file has them (lines without a label run on into one turn). */
function firstLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.slice(0, 4096).split('\n')) {
    if (lines.length === SHOWN_TURNS) break;
    if (line.trim()) lines.push(`"${cut(line)}"`);
  }
  return lines;
}

/**
 * The error for a transcript with turns, none of them an agent's or a customer's. `format`: by the file's name (JSON
 * and subtitle cues name speakers their own way).
 */
export function noSpeakerMessage(transcript: Transcript, filePath: string, speakers: ReadonlyMap<string, Role>): string {
  const cues = /\.(?:json|srt|vtt)$/i.test(filePath);
  const shown = cues ? transcript.turns.slice(0, SHOWN_TURNS).map((turn, i) => (turn.label ? `"${turn.label}: ${quote(transcript, i)}"` : `"${quote(transcript, i)}"`)) : firstLines(transcript.text);
  const labelled = transcript.turns.slice(0, SHOWN_TURNS).some((turn) => turn.label);
  const agent = labelsOf(speakers, 'agent', 2);
  const customer = labelsOf(speakers, 'customer', 2);
  const known = [...agent, ...customer].map((l) => `"${l}:"`).join(', ') || '"客服:", "客户:", "Agent:", "Customer:"';
  // With labels of its own, the map to write names them (which is the agent's only the reader knows).
  const own = [...new Set(transcript.turns.slice(0, 50).map((t) => t.label).filter((l) => l))];
  const map = own.length >= 2 ? `speakers: { agent: [${own[0]}], customer: [${own[1]}] }` : `speakers: { agent: [${own[0] ?? agent[0] ?? '客服'}], customer: [${customer[0] ?? '客户'}] }`;
  const lower = filePath.toLowerCase();
  const head = 'no speaker label recognised, so nothing was linted';
  if (lower.endsWith('.json')) {
    const ids = 'map the speaker or channel ids to roles in a config, e.g. channels: { "0": agent, "1": customer } ' +
      '(ch_1, spk_1 and SPEAKER_01 all find "1"), or name the labels under "speakers:"';
    return labelled
      ? `${head}: its segments name speakers no pack knows (${shown.join(', ')}); ${ids}`
      : `${head}: its segments name no speaker (${shown.join(', ')}); give each segment its speaker (diarize the audio: WhisperX's "speaker", a channel id), then ${ids}`;
  }
  if (lower.endsWith('.srt') || lower.endsWith('.vtt')) {
    return `${head}: its cues ${labelled ? 'start with labels no pack knows' : 'start with no speaker label'} (${shown.join(', ')}); ` +
      `start each cue's text with a label such as ${known} (in WebVTT also a <v ${agent[0] ?? '客服'}> voice tag), or name your labels under "speakers:" in a config (${map})`;
  }
  return `${head}: its first lines ${labelled ? 'start with labels no pack knows' : 'have no "label:" before the words'} (${shown.join(', ')}); ` +
    `start each turn with a label such as ${known} (a timestamp may come first: [00:01:05] ${agent[0] ?? '客服'}:), or name your labels under "speakers:" in a config (${map})`;
}
