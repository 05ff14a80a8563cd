// The README's shell examples, from the first command to the last, run as written against fixtures/ (in a sandbox
// copy). The blocks are read from the README at test time, so sections added later are covered too. Set-up
// commands (npm …) are left to CI itself and to test/distribution/npm-pack.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, onPath, runCommand, sandbox, shellCommands, type Command } from './code-blocks.js';

/** What the README says a command does, where that is not "exit 0 or 1" (problems found is exit 1). */
function expectedStatus(command: string): number[] {
  if (/fixtures\/bad-input/.test(command)) return [2];
  // GNU parallel exits with the number of shards that failed, and a shard with problems exits 1; the --merge
  // after it gives the run's status.
  if (/^parallel\s/.test(command)) return [0, 1, 2, 3, 4];
  return [0, 1];
}

const commands: Command[] = codeBlocks('README.md').filter((b) => b.lang === 'sh' || b.lang === 'bash' || b.lang === 'shell').flatMap((block) => {
  // Each block starts in the sandbox's root; a `cd` carries over to the block's later commands.
  const list = shellCommands(block);
  return list.map((c, i) => ({ ...c, block: block.line, first: i === 0 }));
});

describe("README's shell examples", () => {
  it('the README has shell examples to run', () => {
    expect(commands.length).toBeGreaterThan(10);
  });

  it('each runs as written, with the exit status the README states', () => {
    const { cwd: root, env } = sandbox();
    let cwd = root;
    const failures: string[] = [];
    // A block whose scheduler is missing is skipped from there on: its later lines use what the scheduler made.
    let skippingBlock = false;
    for (const command of commands as (Command & { first: boolean })[]) {
      if (command.first) {
        cwd = root;
        skippingBlock = false;
      }
      if (skippingBlock) continue;
      // Set-up steps (npm install, npm link) are left out; what follows them on the line still runs.
      const text = command.text.replace(/^(npm\s[^&]*&&\s*)+/, '');
      if (/^npm\s/.test(text)) continue;
      // Commands for a Kubernetes cluster need one; test/runner/shard-parallel.test.ts runs the Job's shell line.
      if (/\bkubectl\b/.test(text)) continue;
      const cd = /^cd\s+(\S+)$/.exec(text);
      if (cd) {
        cwd = join(cwd, cd[1]);
        continue;
      }
      if (/^parallel\s/.test(text) && !onPath('parallel')) {
        console.warn(`${command.where}: skipped with the rest of its block, GNU parallel is not installed (scripts/install-system-deps.sh installs it)`);
        skippingBlock = true;
        continue;
      }
      const watching = /\s--watch\b/.test(text);
      // Long enough to start on a loaded machine; it is stopped with Ctrl-C (SIGINT).
      const run = runCommand(text, cwd, env, watching ? 30 : 300);
      if (watching) {
        // --watch runs until stopped: it must have drawn a report and be watching when stopped.
        if (!/watching/.test(run.output) || run.status === 2) failures.push(`${command.where}: ${text}\n  exit ${run.status}, not watching\n${run.output.slice(0, 2000)}`);
        continue;
      }
      if (!expectedStatus(text).includes(run.status ?? -1)) {
        failures.push(`${command.where}: ${text}\n  exit ${run.status}, expected ${expectedStatus(text).join(' or ')}\n${run.output.slice(0, 2000)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);
});

describe("the README's sample output", () => {
  // A text block that starts with "$ transcript-lint …" shows what that command prints: its lines, with "…" for
  // lines left out, must be lines of the real output in that order (the sample had gone stale: problems on other
  // lines, "5 problems are fixable" where the run said 4).
  const samples = codeBlocks('README.md').filter((b) => b.lang === 'text' && /^\$ transcript-lint\s/.test(b.text));

  it('there is one', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  for (const sample of samples) {
    it(`README.md:${sample.line} is what the command prints`, () => {
      const { cwd, env } = sandbox();
      const [command, ...shown] = sample.text.split('\n');
      const run = runCommand(command.slice(2), cwd, env);
      const printed = run.output.split('\n').map((line) => line.trimEnd());
      let at = 0;
      const missing: string[] = [];
      for (const line of shown.map((l) => l.trimEnd()).filter((l) => l.trim() && l.trim() !== '…')) {
        const found = printed.indexOf(line, at);
        if (found < 0) missing.push(line);
        else at = found + 1;
      }
      expect(missing, run.output).toEqual([]);
    }, 60_000);
  }
});
