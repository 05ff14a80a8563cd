// A rule's own examples are checked every time its pack loads: a wrong one stops the run at its place.
import { describe, expect, it } from 'vitest';
import { packWith, runCli, tempDir } from '../helpers.js';

const PACK = packWith(`rules:
  no-rude:
    kind: banned
    speaker: agent
    phrases: [什么事]
    message: 不可以说
    examples:
      bad:
        - "客服: 请问有什么事？"
        - "客服: 您好"
      good: ["客服: 您好", "客服: 什么事"]
`, 'demo');

describe('examples inside packs', () => {
  const cwd = tempDir({ 'demo.yaml': PACK, 'call.txt': '客服: 您好\n' });

  // Positions point at the opening quote of the offending example: the second bad one, the second good one.
  it('reports a bad example that produces no problem, and a good one that does, as FILE:LINE:COLUMN with exit 2', () => {
    const run = runCli(['--pack', './demo.yaml', 'call.txt'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe([
      'demo.yaml:14:11: this bad example of demo/no-rude produces no problem',
      '  hint: fix the rule or the example; examples are checked every time the pack loads',
      'demo.yaml:15:24: this good example of demo/no-rude produces a problem: 不可以说 「什么事」',
      '  hint: fix the rule or the example; examples are checked every time the pack loads',
      '',
    ].join('\n'));
  });

  it('stops --test-pack the same way (it loads the pack without any project config)', () => {
    const run = runCli(['--test-pack', './demo.yaml', 'call.txt'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^demo\.yaml:14:11: this bad example/);
  });
});
