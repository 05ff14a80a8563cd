// Where each turn's words stand in the file as the user opens it, by line and column: what a report needs to show
// a transcript as turns (speaker, time, words) when the file is not one turn per line (SRT, WebVTT, JSON).
import type { ShownTurn, Transcript } from '../types.js';
import { LineIndex } from './line-index.js';

export function shownTurns(transcript: Transcript): ShownTurn[] {
  const { origin } = transcript;
  const lines = new LineIndex(origin?.text ?? transcript.text);
  const inFile = (offset: number): number => (origin ? origin.offsets[Math.min(offset, origin.offsets.length - 1)] : offset);
  return transcript.turns.map((turn) => {
    const ranges: ShownTurn['lines'] = [];
    for (const segment of turn.segments) {
      const from = lines.position(inFile(segment.start));
      const to = lines.position(inFile(Math.max(segment.start, segment.end)));
      // A segment is one line of the transcript; in the file it may still run over several (a JSON string with \n).
      for (let line = from.line; line <= to.line; line++) {
        const end = line === to.line ? to.column : Array.from(lines.lineText(line)).length + 1;
        ranges.push([line, line === from.line ? from.column : 1, end]);
      }
    }
    const shown: ShownTurn = { role: turn.role, label: turn.label, lines: ranges };
    if (turn.start !== undefined) shown.start = turn.start;
    return shown;
  });
}
