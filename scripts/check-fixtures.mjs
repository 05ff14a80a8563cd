#!/usr/bin/env node
// Check fixture transcripts against the problems they expect.
//
//   node scripts/check-fixtures.mjs --pack rules/zh-callcenter.yaml fixtures/zh fixtures/zh-hant
//
// A fixture states each problem it expects on a comment line of its own:
//   # expect: zh-callcenter/greet-first @3
// (rule id, then the 1-based line where the problem is reported). A file without `# expect:` must produce no
// problem at all. Every problem the linter reports (including warnings and parser notices) must be expected,
// and every expectation must be met: the comparison is of (rule, line) pairs, counted.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (!args.length || args.includes('--help')) {
  console.log('usage: node scripts/check-fixtures.mjs [--pack PACK]... FILES_OR_FOLDERS...');
  process.exit(args.length ? 0 : 2);
}
const run = spawnSync(process.execPath, [join(root, 'bin/transcript-lint.js'), '--no-config-lookup', '--format', 'json', ...args], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.status === 2 || !run.stdout.trim()) {
  process.stderr.write(run.stderr || run.stdout);
  console.error(`transcript-lint exited with ${run.status}`);
  process.exit(2);
}
const results = JSON.parse(run.stdout);
const EXPECT = /^\s*#\s*expect:\s*(\S+)\s+@(\d+)\s*$/;
let failures = 0;
let expectedTotal = 0;
for (const result of results) {
  const text = readFileSync(result.filePath, 'utf8');
  const expected = new Map();
  for (const line of text.split(/\r?\n/)) {
    const m = EXPECT.exec(line);
    if (m) {
      const key = `${m[1]} @${m[2]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
      expectedTotal++;
    }
  }
  const actual = new Map();
  for (const message of result.messages) {
    const key = `${message.ruleId ?? '(parser)'} @${message.line}`;
    actual.set(key, (actual.get(key) ?? 0) + 1);
  }
  const problems = [];
  for (const [key, n] of actual) {
    const want = expected.get(key) ?? 0;
    if (n > want) {
      const msg = result.messages.find((m) => `${m.ruleId ?? '(parser)'} @${m.line}` === key);
      problems.push(`  unexpected ${n - want}× ${key}:${msg.column} ${msg.message}`);
    }
  }
  for (const [key, n] of expected) {
    const got = actual.get(key) ?? 0;
    if (got < n) problems.push(`  missing    ${n - got}× ${key}`);
  }
  if (problems.length) {
    failures++;
    console.log(resolve(result.filePath));
    console.log(problems.join('\n'));
  }
}
console.log(`${results.length} files, ${expectedTotal} expected problems, ${failures} file(s) not as expected`);
process.exit(failures ? 1 : 0);
