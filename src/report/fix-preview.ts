// The --fix-dry-run view: what --fix would change, as a unified diff (so it also works with `patch -p0`).
import { Chalk } from 'chalk';
import type { FixPreview } from '../runner/fix-files.js';
import { terminalSafe } from './terminal-text.js';

const CONTEXT = 2;

type Edit = { op: ' ' | '-' | '+'; line: string };

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

/** Line edits from a to b: common head and tail, and a longest-common-subsequence diff of what is between. */
function lineEdits(a: string[], b: string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle: Edit[] = [];
  if (midA.length * midB.length > 4_000_000) {
    // Too large for the table: show the changed block as removed, then added.
    middle.push(...midA.map((line): Edit => ({ op: '-', line })), ...midB.map((line): Edit => ({ op: '+', line })));
  } else {
    const width = midB.length + 1;
    const common = new Uint32Array((midA.length + 1) * width);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        common[i * width + j] = midA[i] === midB[j] ? common[(i + 1) * width + j + 1] + 1 : Math.max(common[(i + 1) * width + j], common[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        middle.push({ op: ' ', line: midA[i++] });
        j++;
      } else if (j >= midB.length || (i < midA.length && common[(i + 1) * width + j] >= common[i * width + j + 1])) {
        middle.push({ op: '-', line: midA[i++] });
      } else {
        middle.push({ op: '+', line: midB[j++] });
      }
    }
  }
  return [
    ...a.slice(0, head).map((line): Edit => ({ op: ' ', line })),
    ...middle,
    ...a.slice(a.length - tail).map((line): Edit => ({ op: ' ', line })),
  ];
}

/** One file's unified diff; empty when nothing changes. */
export function unifiedDiff(preview: FixPreview, color = false): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const before = splitLines(preview.before);
  const after = splitLines(preview.after);
  const edits = lineEdits(before.lines, after.lines);
  const file = terminalSafe(preview.filePath);
  const out: string[] = [c.bold(`--- ${file}`), c.bold(`+++ ${file}`)];
  let k = 0;
  let oldLine = 1;
  let newLine = 1;
  while (k < edits.length) {
    if (edits[k].op === ' ') {
      k++;
      oldLine++;
      newLine++;
      continue;
    }
    // A hunk: CONTEXT lines before, the changes (merged while fewer than 2·CONTEXT lines apart), CONTEXT after.
    const start = Math.max(0, k - CONTEXT);
    let last = k;
    for (let i = k + 1; i < edits.length; i++) {
      if (edits[i].op !== ' ') last = i;
      else if (i - last > 2 * CONTEXT) break;
    }
    const end = Math.min(edits.length, last + 1 + CONTEXT);
    const hunk = edits.slice(start, end);
    const hunkOld = oldLine - (k - start);
    const hunkNew = newLine - (k - start);
    const oldCount = hunk.filter((e) => e.op !== '+').length;
    const newCount = hunk.filter((e) => e.op !== '-').length;
    out.push(c.cyan(`@@ -${hunkOld},${oldCount} +${hunkNew},${newCount} @@`));
    for (const e of hunk) {
      const text = `${e.op}${terminalSafe(e.line)}`;
      out.push(e.op === '-' ? c.red(text) : e.op === '+' ? c.green(text) : text);
    }
    for (const e of edits.slice(k, end)) {
      if (e.op !== '+') oldLine++;
      if (e.op !== '-') newLine++;
    }
    k = end;
  }
  if (out.length === 2) return '';
  if (before.finalNewline !== after.finalNewline) out.push('\\ No newline at end of file');
  return out.join('\n') + '\n';
}

export function formatFixPreviews(previews: readonly FixPreview[], color = false): string {
  return previews.map((p) => unifiedDiff(p, color)).filter(Boolean).join('\n');
}
