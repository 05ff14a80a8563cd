import { describe, expect, it } from 'vitest';
import { renderTranscript, renderTurns, type ShownProblem } from '../../src/report/html-transcript.js';
import type { LintMessage, ShownTurn } from '../../src/types.js';

function problem(line: number, column: number, endColumn: number): ShownProblem {
  const message: LintMessage = { ruleId: 't/rule', severity: 2, message: 'm', line, column, endLine: line, endColumn };
  return { message, anchor: `p-${line}` };
}

/** The text of each line as rendered (the `tx` span's content). */
function lineTexts(html: string): string[] {
  return [...html.matchAll(/<span class="tx">(.*?)<\/span><\/div>/g)].map((m) => m[1]);
}

describe('a transcript as HTML', () => {
  const source = [
    '[00:01] 客服: 您好 <b>&"\'',
    '# transcript-lint-disable 客服: not a label',
    '客户: 😀😀 不知道',
    '',
    'no label here',
  ].join('\n');

  it('marks the label and escapes the text of lines without a problem, as of lines with one', () => {
    const rows = lineTexts(renderTranscript(source, []));
    expect(rows).toEqual([
      '[00:01] <span class="who">客服</span>: 您好 &lt;b&gt;&amp;&quot;&#39;',
      '# transcript-lint-disable 客服: not a label',
      '<span class="who">客户</span>: 😀😀 不知道',
      '&nbsp;',
      'no label here',
    ]);
    // The same lines, each with a problem that covers nothing but its last character: the same text around the mark.
    const marked = lineTexts(renderTranscript(source, [problem(1, 21, 22), problem(3, 9, 10)]));
    expect(marked[0]).toBe('[00:01] <span class="who">客服</span>: 您好 &lt;b&gt;&amp;&quot;<mark class="error" data-rule="t/rule" data-severity="error" title="m">&#39;</mark>');
    // Columns count characters, not UTF-16 units: 知 is the 9th character of line 3, after two emoji of two units each.
    expect(marked[2]).toBe('<span class="who">客户</span>: 😀😀 不<mark class="error" data-rule="t/rule" data-severity="error" title="m">知</mark>道');
  });

  it('shows turns that share one line of the file (a JSON file on one line) each with its own words and marks', () => {
    // Two turns on line 1, a problem on each, counted in characters past two emoji of two units each.
    const json = '[{"w":"😀😀您好"},{"w":"不知道"}]';
    const turns: ShownTurn[] = [
      { role: 'agent', label: '坐席', lines: [[1, 8, 12]] },
      { role: 'agent', label: '坐席', start: 5, lines: [[1, 21, 24]] },
    ];
    const rows = lineTexts(renderTurns(json, turns, [problem(1, 10, 11), problem(1, 22, 23)]));
    expect(rows).toEqual([
      '<span class="who">坐席</span>: 😀😀<mark class="error" data-rule="t/rule" data-severity="error" title="m">您</mark>好',
      '<span class="time">0:05</span> <span class="who">坐席</span>: 不<mark class="error" data-rule="t/rule" data-severity="error" title="m">知</mark>道',
    ]);
  });
});
