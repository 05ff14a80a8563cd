// Chinese metadata names work wherever metadata is used: --group-by agent finds a 坐席工号 header, meta:坐席工号 is
// accepted, and the CSV's agent column is filled from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { groupKey, parseGroupBy } from '../../src/report/group-by.js';
import { runCli, tempDir } from '../helpers.js';

const call = (header: string, agentSays: string): string => `${header}\n客服: ${agentSays}\n客户: 查话费\n`;

describe('Chinese metadata names', () => {
  it('agent is whichever agent field a call has; meta:FIELD ignores case, spaces, - and _', () => {
    const of = (meta: Record<string, string>, spec: string): string | undefined => groupKey({ ...summarize('a.txt', []), meta }, parseGroupBy(spec));
    expect(of({ 坐席工号: '1032' }, 'agent')).toBe('1032');
    expect(of({ 坐席工號: '1032' }, 'agent')).toBe('1032');
    expect(of({ 'Agent ID': 'A7' }, 'agent')).toBe('A7');
    expect(of({ agent: '王芳', 坐席工号: '1032' }, 'agent')).toBe('王芳');
    expect(of({ 坐席工号: '1032' }, 'meta:坐席工号')).toBe('1032');
    expect(of({ 'Agent ID': 'A7' }, 'meta:agent_id')).toBe('A7');
    expect(of({ 通话ID: 'X1' }, 'agent')).toBeUndefined();
    expect(parseGroupBy('工号=meta:坐席工号')).toMatchObject({ kind: 'meta', key: '坐席工号', label: '工号' });
  });

  it('from the command line: --group-by agent, meta:坐席工号, and the csv agent column', () => {
    const cwd = tempDir({
      'calls/a.txt': call('坐席工号: 1032', '您好，请问有什么可以帮您？'),
      'calls/b.txt': call('坐席工号: 2048', '什么事？'),
      'calls/c.txt': call('---\n坐席工号: 2048\n---', '什么事？'),
    });
    for (const spec of ['agent', 'meta:坐席工号']) {
      const run = runCli(['calls', '--group-by', spec, '--no-config-lookup'], { cwd });
      expect(run.stderr).toBe('');
      const table = run.stdout.slice(run.stdout.indexOf('lowest average score first'));
      expect(table).toMatch(/\n\s*2048\s+2\s/);
      expect(table).toMatch(/\n\s*1032\s+1\s/);
      expect(table).not.toContain('(no ');
    }
    runCli(['calls', '-f', 'csv:r.csv', '--no-config-lookup'], { cwd });
    const rows = readFileSync(`${cwd}/r.csv`, 'utf8').split('\r\n').filter((row) => row.startsWith('calls/b.txt'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain(',2048,');
  });
});

describe('a grouping field no call has', () => {
  const calls = {
    'calls/a.txt': call('---\n坐席工号: 1032\n班组: A\n---', '您好，请问有什么可以帮您？'),
    'calls/b.txt': call('---\n坐席工号: 2048\n班组: B\n---', '什么事？'),
  };

  it('a misspelt field lists the names the calls have', () => {
    const run = runCli(['calls', '--group-by', 'agnet', '--no-config-lookup'], { cwd: tempDir(calls) });
    expect(run.stdout).toContain('(no agnet)');
    expect(run.stdout).toContain('No call has the field "agnet"; their metadata names: 坐席工号, 班组.');
  });

  it('calls without metadata are told so', () => {
    const run = runCli(['calls', '--group-by', 'agent', '--no-config-lookup'], { cwd: tempDir({ 'calls/a.txt': call('', '什么事？') }) });
    expect(run.stdout).toContain('No call has the field "agent"; they have no metadata');
  });

  it('no hint where some call has the field, nor for path: groups', () => {
    for (const spec of ['meta:班组', 'path:calls/(a)']) {
      const run = runCli(['calls', '--group-by', spec, '--no-config-lookup'], { cwd: tempDir(calls) });
      expect(run.stdout).toContain('lowest average score first');
      expect(run.stdout).not.toContain('No call has');
    }
  });
});
