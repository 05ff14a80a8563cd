// Random bytes and mutated fixtures through decode → parse → lint: no exception escapes, every file finishes
// with a well-formed result. Bounded by iteration count (seeded, so a failure reproduces), never by time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../src/types.js';
import { linterFor, packWith, ROOT, seededRandom } from './helpers.js';

const ITERATIONS = 400;
const EXTENSIONS = ['.txt', '.srt', '.vtt', '.json', '.log'];

const linter = linterFor(packWith(`channels: { "0": agent, "1": customer }
phrases:
  greeting: [您好, 你好]
rules:
  greet: { kind: required, speaker: agent, phrases: greeting, scope: { first-turns: 1 } }
  greet-early: { kind: required, speaker: agent, phrases: greeting, scope: { first-seconds: 10 } }
  idk: { kind: banned, phrases: [不知道], suggest: 我帮您查一下 }
  hold: { kind: timing, measure: hold-return, hold: [稍等], max-seconds: 25 }
  quiet: { kind: timing, measure: silence, max-seconds: 5 }
  quick: { kind: timing, measure: first-response, max-seconds: 3 }
  long: { kind: timing, measure: call-length, max-minutes: 1 }
`));

const fixtures = ['fixtures/formats', 'fixtures/bad-input'].flatMap((dir) =>
  readdirSync(join(ROOT, dir)).filter((f) => !f.endsWith('.yaml')).map((f) => ({ name: f, bytes: readFileSync(join(ROOT, dir, f)) })));

function expectWellFormed(result: LintResult, name: string): void {
  expect(result.filePath).toBe(name);
  for (const m of result.messages) {
    expect(m.message).not.toMatch(/internal error/);
    expect(Number.isInteger(m.line) && m.line >= 0 && Number.isInteger(m.column) && m.column >= 0, `${name}: ${m.line}:${m.column} ${m.message}`).toBe(true);
  }
  expect(result.errorCount + result.warningCount).toBe(result.messages.length);
}

describe('fuzz: decode → parse → lint never throws', () => {
  it(`${ITERATIONS} random byte strings`, () => {
    const random = seededRandom(4);
    const alphabets = [
      () => Math.floor(random() * 256),
      () => ' \n:：[]{}",-->0123456789客服户您好不知道稍等<v>WEBVTT'.charCodeAt(Math.floor(random() * 38)) & 0xff,
      () => [0xe5, 0xae, 0xa2, 0xe6, 0x9c, 0x8d, 0x0a, 0x3a, 0x00, 0x22][Math.floor(random() * 10)],
    ];
    for (let i = 0; i < ITERATIONS; i++) {
      const next = alphabets[i % alphabets.length];
      const bytes = Uint8Array.from({ length: Math.floor(random() * 300) }, next);
      const name = `random-${i}${EXTENSIONS[i % EXTENSIONS.length]}`;
      expectWellFormed(linter.lintBytes(bytes, name), name);
    }
  });

  it(`${ITERATIONS} mutated fixtures`, () => {
    const random = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const mutations: ((b: Buffer) => Buffer)[] = [
      (b) => { const c = Buffer.from(b); for (let k = 0; k < 4; k++) c[Math.floor(random() * c.length)] = Math.floor(random() * 256); return c; },
      (b) => { const at = Math.floor(random() * b.length); return Buffer.concat([b.subarray(0, at), b.subarray(at + Math.floor(random() * 40))]); },
      (b) => { const at = Math.floor(random() * b.length); return Buffer.concat([b.subarray(0, at), b.subarray(at - 30 < 0 ? 0 : at - 30, at), b.subarray(at)]); },
      (b) => b.subarray(0, Math.floor(random() * b.length)),
      (b) => { const other = pick(fixtures).bytes; return Buffer.concat([b.subarray(0, Math.floor(random() * b.length)), other.subarray(Math.floor(random() * other.length))]); },
      (b) => { const at = Math.floor(random() * b.length); return Buffer.concat([b.subarray(0, at), Buffer.from(pick(['"', '\\', '\\u', '-->', '<v ', '\n\n', '{', ']', '00:99:00', '\0'])), b.subarray(at)]); },
    ];
    for (let i = 0; i < ITERATIONS; i++) {
      const fixture = pick(fixtures);
      let bytes: Buffer = fixture.bytes;
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) bytes = pick(mutations)(bytes);
      const name = `mutated-${i}-${fixture.name}`;
      expectWellFormed(linter.lintBytes(bytes, name), name);
    }
  });
});
