// What a result keeps alive (issue #14, memory): a result holds its problems, not the transcript they were found in.
// Results wait in a worker run's reorder window and are all kept by reports that need every result, so a transcript
// held by each would cost its size per file. Checked in a heap snapshot of a child process holding one result.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// A call whose complaint is answered without an apology (problems with excerpts of 13 characters or more, which V8
// would make views into the transcript), padded with a run of one character that nothing else in the process holds.
// The snapshot writes that character as \u957f; 500 of them in a row can only come from the transcript.
const PROBE = `
import { getHeapSnapshot } from 'node:v8';
const { Linter } = await import(process.argv[1]);
const linter = Linter.create({ noConfigLookup: true });
const call = () => '客服: 您好，工号一零五为您服务，请问有什么可以帮您？\\n客户: 我的宽带坏了。' + '长'.repeat(3000)
  + '\\n客户: 你们这个服务也太慢了吧，等了半天。\\n客服: 好的，明白您的意思了，我再跟您确认一下地址。\\n客户: 好吧。\\n客服: 感谢您的来电，再见！\\n';
const result = linter.lintText(call(), 'call.txt');
// A thread holds the units of the call it read last, and that call's text with them, until it reads the next one
// (src/text/text-units.ts: one call, never more, whatever the results): lint another call, as a run does.
linter.lintText('客服: 您好，请问有什么可以帮您？\\n客户: 我想查一下账单。\\n', 'next.txt');
// The last regular expression run keeps its subject (RegExp.lastMatch): run one over something else.
/x/.exec('x');
await new Promise((resolve) => setTimeout(resolve, 0));
let snapshot = '';
for await (const chunk of getHeapSnapshot()) snapshot += chunk;
const excerpts = result.messages.map((m) => m.excerpt).filter((e) => e && e.length >= 13);
console.log(JSON.stringify({ excerpts, transcriptKept: /(\\\\u957f){500}/i.test(snapshot) }));
`;

describe('a result', () => {
  it('does not keep the transcript alive through its excerpts', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(join(ROOT, 'dist', 'index.js')).href], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const { excerpts, transcriptKept } = JSON.parse(run.stdout) as { excerpts: string[]; transcriptKept: boolean };
    expect(excerpts).toContain('好的，明白您的意思了，我再跟您确认一下地址。');
    expect(transcriptKept).toBe(false);
  });
});
