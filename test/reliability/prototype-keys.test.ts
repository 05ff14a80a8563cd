// Reliability: `__proto__`, `constructor` and `prototype` as keys — in a transcript's front matter or header, as a
// speaker label, anywhere in a pack or config — are data like any other key: they pollute no object (the run's or
// Object.prototype) and crash nothing; a pack that cannot use one says so at its line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { Linter } from '../../src/engine/linter.js';
import { formatResults } from '../../src/report/index.js';
import { redactResult } from '../../src/report/redact.js';
import { runCli, tempDir } from '../helpers.js';

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
// A value Object.prototype must not take, a valid rule (so a rule of that name is loaded and run), a list, a role, a severity, a number.
const VALUES = ['{ polluted: yes }', '{ kind: banned, speaker: agent, phrases: [您好], message: 不要说 }', '[客服]', 'agent', 'off', '1'];

/** Where a key may stand in a pack: the lines before the hostile `KEY: VALUE` (indented to fit). */
const GREET = 'rules:\n  greet:\n    kind: required\n    speaker: agent\n    phrases: [您好]\n';
const PLACES = ['', 'speakers:\n', 'phrases:\n', 'rules:\n', GREET, 'normalize:\n', 'channels:\n', `${GREET}scorecard:\n  weights:\n`,
  `${GREET}    scope:\n`, `${GREET}    examples:\n`, `${GREET}scorecard:\n`];

/** The hostile line after `before`: inside the section it opens, or beside its last key. */
function pack(before: string, key: string, value: string): string {
  const last = before.trimEnd().split('\n').at(-1)!;
  const indent = before === '' ? 0 : last.search(/\S/) + (last.endsWith(':') ? 2 : 0);
  return `${before}${' '.repeat(indent)}${key}: ${value}\n`;
}

const BASE = `name: test
speakers:
  agent: [客服]
  customer: [客户]
`;
const CALL = '客服: 您好\n客户: 你好\n';

function untouched(): void {
  for (const key of ['polluted', 'kind', 'phrases', 'severity']) expect(Object.prototype, key).not.toHaveProperty(key);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

afterEach(() => {
  for (const key of ['polluted', 'kind', 'phrases', 'severity']) delete (Object.prototype as Record<string, unknown>)[key];
});

describe('__proto__, constructor and prototype keys', () => {
  it('in a pack, anywhere: a clear error at the line or a pack that works; nothing polluted', () => {
    const dir = tempDir();
    const failures: string[] = [];
    let loaded = 0;
    for (const place of PLACES) {
      for (const key of KEYS) {
        for (const value of VALUES) {
          // The hostile key after the base pack's own sections (a second "speakers:" would be a duplicate key).
          const text = place.startsWith('speakers:') ? BASE.replace('speakers:\n', `speakers:\n  ${key}: ${value}\n`) : BASE + pack(place, key, value);
          writeFileSync(join(dir, 'pack.yaml'), text);
          let linter: Linter;
          try {
            linter = Linter.create({ cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true });
          } catch (err) {
            if (!(err instanceof ConfigError) || !/pack\.yaml:\d+:\d+/.test(err.message)) failures.push(`${JSON.stringify(text)}: ${(err as Error).stack}`);
            continue;
          }
          try {
            const result = linter.lintText(CALL, 'call.txt');
            formatResults([result], 'stylish');
            loaded++;
          } catch (err) {
            failures.push(`${JSON.stringify(text)}: ${(err as Error).stack}`);
          }
          untouched();
        }
      }
    }
    expect(failures).toEqual([]);
    expect(loaded).toBeGreaterThan(10); // not every pack refused: rules, phrase sets and channels of those names ran
  });

  it('as the name of a phrase set a rule or an override refers to: "unknown phrase set" at its line, not a crash', () => {
    const withSets = `${BASE}phrases:\n  hello: [您好]\n`;
    for (const key of KEYS) {
      for (const [ref, text] of [
        [key, `${withSets}rules:\n  r: { kind: banned, speaker: agent, phrases: ${key}, message: m }\n`],
        [`zh-callcenter/${key}`, `${withSets}rules:\n  r: { kind: required, speaker: agent, phrases: zh-callcenter/${key}, message: m }\n`],
        [key, `${withSets}extends: zh-callcenter\nrules:\n  zh-callcenter/banned-bu-zhidao: { phrases: ${key} }\n`],
      ]) {
        const dir = tempDir({ 'pack.yaml': text });
        let error: unknown;
        try {
          Linter.create({ cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true });
        } catch (err) {
          error = err;
        }
        expect(error, text).toBeInstanceOf(ConfigError);
        expect((error as Error).message, text).toMatch(new RegExp(`:\\d+:\\d+: unknown phrase set "${ref.replace(/[$]/g, '\\$&')}"`));
      }
    }
    untouched();
  });

  it('rules named __proto__ and constructor are rules like any other', () => {
    const dir = tempDir({ 'pack.yaml': `${BASE}rules:\n${KEYS.map((key) => `  ${key}: { kind: banned, speaker: agent, phrases: [您好], message: 不要说 }\n`).join('')}` });
    const linter = Linter.create({ cwd: dir, packs: ['./pack.yaml'], noConfigLookup: true });
    expect(linter.lintText(CALL).messages.map((m) => m.ruleId)).toEqual(KEYS.map((key) => `test/${key}`).sort());
    untouched();
  });

  it('in front matter and header lines: kept as call metadata (own fields), never as a prototype', () => {
    const linter = Linter.create({ cwd: tempDir(), noConfigLookup: true, packs: [] });
    for (const key of KEYS) {
      const result = linter.lintText(`---\n${key}: { polluted: yes }\ncall_id: "42"\n---\n${key}: 您好\n客服: 您好\n客户: 你好\n`, 'call.txt');
      expect(Object.getPrototypeOf(result.meta)).toBe(Object.prototype);
      expect(Object.hasOwn(result.meta!, key), key).toBe(true);
      expect(result.meta![key]).toBe('{"polluted":"yes"}');
      expect(result.meta!.call_id).toBe('42');
      expect(JSON.parse(JSON.stringify(result)).meta[key]).toBe('{"polluted":"yes"}');
      expect(Object.hasOwn(redactResult(result).meta!, key), `--redact keeps ${key}`).toBe(true);
      untouched();
    }
  });

  it('as a speaker id of speech-recognition output: an unknown speaker, said as such, whose turns count as "other"', () => {
    // Until 2026-12-02 "constructor" and "__proto__" found Object's own members in the table of role names (AGENT,
    // CUSTOMER): the turn's role was a function or an object, no warning named the speaker, and the html report wrote
    // "function Object() { [native code] }" as the line's class.
    const linter = Linter.create({ cwd: tempDir(), noConfigLookup: true, keepSource: true });
    for (const key of KEYS) {
      const result = linter.lintText(JSON.stringify([{ speaker: '客服', text: '您好' }, { speaker: key, text: '不知道' }]), 'call.json');
      expect(formatResults([result], 'html'), key).not.toContain('native code');
      expect(result.messages.find((m) => m.message.startsWith('unknown speaker labels'))?.message, key).toContain(`unknown speaker labels: ${key};`);
      untouched();
    }
  });

  it('as the name of a transcript: its --baseline entry is recorded and hides its problems on the next run', () => {
    for (const key of KEYS) {
      const dir = tempDir({ [key]: '客服: 请讲\n客户: 查账单\n' });
      const args = [key, '--no-config-lookup', '--baseline', 'b.json', '-f', 'json'];
      expect(runCli([...args, '--baseline-update'], { cwd: dir }).status, key).toBe(0);
      const run = runCli(args, { cwd: dir });
      expect([run.status, JSON.parse(run.stdout)[0].messages], key).toEqual([0, []]);
    }
  });
});
