// The built-in packs pass their own fixture transcripts (fixtures/<folder>, "# expect:" comments): what
// `transcript-lint --test-pack` checks, run in-process so that the whole corpus stays cheap.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPackTestReport, packLinterOptions, testPack } from '../../src/authoring/test-pack.js';
import { Linter } from '../../src/engine/linter.js';
import { ROOT } from '../helpers.js';

const FIXTURES: Record<string, string[]> = {
  'zh-callcenter': ['fixtures/zh', 'fixtures/zh-hant'],
  'en-callcenter': ['fixtures/en'],
  'zh-chat': ['fixtures/zh-chat'],
  'en-chat': ['fixtures/en-chat'],
};

describe('built-in packs against their fixtures', () => {
  for (const [pack, folders] of Object.entries(FIXTURES)) {
    const present = folders.filter((folder) => existsSync(join(ROOT, folder)));
    it.skipIf(!existsSync(join(ROOT, 'rules', `${pack}.yaml`)) || present.length === 0)(`${pack}: ${present.join(', ')}`, async () => {
      const linter = Linter.create(packLinterOptions(pack, { cwd: ROOT }));
      const report = await testPack(linter, present, { cwd: ROOT });
      expect(report.files.length).toBeGreaterThan(0);
      // On failure, the same text --test-pack prints.
      expect(report.failed, formatPackTestReport(report).split('\n').filter((line) => !line.startsWith('✔')).join('\n')).toBe(0);
      expect(report.unmatched).toEqual([]);
    });
  }
});
