import { describe, expect, it } from 'vitest';
import { compareProblems, readExpectations } from '../../src/authoring/expectations.js';
import type { LintMessage } from '../../src/types.js';
import { GREET_RULE, packWith, runCli, tempDir } from '../helpers.js';

const IDS = ['demo/no-rude', 'demo/greet'];

function problem(ruleId: string | null, line: number): LintMessage {
  return { ruleId, severity: 2, message: 'm', line, column: 1 };
}

describe('readExpectations', () => {
  it('reads "# expect: PACK/RULE @LINE" comments, @LINE optional', () => {
    const text = '客服: 什么事\n# expect: demo/no-rude @1\n  #expect:demo/greet\r\n# expect: demo/no-rude   @12  \n';
    expect(readExpectations(text, IDS)).toEqual({
      expectations: [
        { ruleId: 'demo/no-rude', line: 1, at: 2 },
        { ruleId: 'demo/greet', line: undefined, at: 3 },
        { ruleId: 'demo/no-rude', line: 12, at: 4 },
      ],
      errors: [],
    });
  });

  it('reports lines it cannot read and rules the pack does not have, with a hint', () => {
    const text = '# expect: demo/no-rude line 3\n# expect:\n# expect: no-rude\n# expect: demo/gret @2\n# expect: demo/greet @0\n';
    expect(readExpectations(text, IDS).errors).toEqual([
      { at: 1, message: 'cannot read "# expect: demo/no-rude line 3"', hint: 'write one expected problem per line: "# expect: pack/rule @LINE" (@LINE optional)' },
      { at: 2, message: 'cannot read "# expect:"', hint: 'write one expected problem per line: "# expect: pack/rule @LINE" (@LINE optional)' },
      { at: 3, message: 'no rule "no-rude" in the tested pack', hint: 'write the full rule id: "demo/no-rude"' },
      { at: 4, message: 'no rule "demo/gret" in the tested pack', hint: 'did you mean "demo/greet"?' },
      { at: 5, message: 'cannot read "# expect: demo/greet @0"', hint: 'write one expected problem per line: "# expect: pack/rule @LINE" (@LINE optional)' },
    ]);
    // Nothing near: the hint lists the tested pack's rules (--list-rules alone lists the project config's).
    expect(readExpectations('# expect: other/thing\n', IDS).errors).toEqual([
      { at: 1, message: 'no rule "other/thing" in the tested pack', hint: "list the tested pack's rules: transcript-lint --no-config-lookup --pack PACK --list-rules" },
    ]);
  });
});

describe('compareProblems', () => {
  it('pairs one problem with each expectation, line-bound ones first', () => {
    const expectations = [
      { ruleId: 'demo/no-rude', at: 5 },
      { ruleId: 'demo/no-rude', line: 2, at: 6 },
    ];
    // The "anywhere" expectation must not take the problem on line 2 that the other one needs.
    expect(compareProblems(expectations, [problem('demo/no-rude', 2), problem('demo/no-rude', 3)])).toEqual({ missing: [], unexpected: [] });
  });

  it('reports expected problems not found and problems not expected, including transcript notices', () => {
    const expectations = [{ ruleId: 'demo/no-rude', line: 1, at: 4 }, { ruleId: 'demo/greet', at: 5 }];
    const found = [problem('demo/no-rude', 2), problem(null, 3)];
    expect(compareProblems(expectations, found)).toEqual({ missing: expectations, unexpected: found });
  });
});

const PACK = packWith(`rules:
${GREET_RULE}  no-rude:
    kind: banned
    speaker: agent
    phrases: [什么事]
    message: 不可以说
  retired:
    kind: banned
    phrases: [喂]
    severity: off
`, 'demo');

describe('--test-pack', () => {
  const passing = {
    'demo.yaml': PACK,
    'fixtures/good/clean.txt': '客服: 您好，请问有什么可以帮您？\n客户: 查账单\n',
    'fixtures/good/rude.txt': '# expect: demo/greet @2\n客服: 什么事？\n# expect: demo/no-rude @2\n客户: 查账单\n',
    'fixtures/good/anywhere.txt': '客服: 您好\n客服: 什么事\n客服: 什么事\n# expect: demo/no-rude\n# expect: demo/no-rude @2\n',
  };

  it('passes when every fixture produces exactly the problems it expects', () => {
    const run = runCli(['--test-pack', './demo.yaml', 'fixtures/good'], { cwd: tempDir(passing) });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe([
      '✔ fixtures/good/anywhere.txt',
      '✔ fixtures/good/clean.txt',
      '✔ fixtures/good/rude.txt',
      '',
      '3 files, 3 passed, 0 failed',
      '',
    ].join('\n'));
    expect(run.status).toBe(0);
  });

  it('reports every missing and unexpected problem per file and exits 1', () => {
    const cwd = tempDir({
      ...passing,
      'fixtures/bad/silent.txt': '客服: 您好\n# expect: demo/no-rude @1\n# expect: demo/retired\n',
      'fixtures/bad/noisy.txt': '客服: 什么事\n客户: 喂？\n',
      'fixtures/bad/wrong-line.txt': '客服: 您好\n客服: 什么事\n# expect: demo/no-rude @3\n',
    });
    const run = runCli(['--test-pack', './demo.yaml', 'fixtures/good/clean.txt', 'fixtures/bad'], { cwd });
    expect(run.stdout).toBe([
      '✖ fixtures/bad/noisy.txt',
      '    unexpected  demo/greet @1:5    开场须先问候',
      '    unexpected  demo/no-rude @1:5  不可以说 「什么事」',
      '✖ fixtures/bad/silent.txt',
      '    missing  demo/no-rude @1  expected on line 2',
      '    missing  demo/retired     expected on line 3 (this rule is off in the pack)',
      '✖ fixtures/bad/wrong-line.txt',
      '    missing     demo/no-rude @3    expected on line 3',
      '    unexpected  demo/no-rude @2:5  不可以说 「什么事」',
      '✔ fixtures/good/clean.txt',
      '',
      '4 files, 1 passed, 3 failed',
      '',
    ].join('\n'));
    expect(run.status).toBe(1);
  });

  it('tests the pack alone: a project config in the folder changes nothing', () => {
    const cwd = tempDir({ ...passing, 'transcript-lint.yaml': 'extends: [./demo.yaml]\nrules:\n  demo/no-rude: off\n' });
    expect(runCli(['--test-pack', './demo.yaml', 'fixtures/good'], { cwd }).status).toBe(0);
  });

  it('exits 2 for expectations it cannot check, missing fixtures, no fixtures given, or a broken pack', () => {
    const cwd = tempDir({ ...passing, 'fixtures/typo.txt': '客服: 您好\n# expect: demo/no-rud @1\n', 'broken.yaml': 'name: [x]\n' });
    const typo = runCli(['--test-pack', './demo.yaml', 'fixtures/typo.txt'], { cwd });
    expect(typo.status).toBe(2);
    expect(typo.stdout).toContain('✖ fixtures/typo.txt\n    fixtures/typo.txt:2: no rule "demo/no-rud" in the tested pack\n      hint: did you mean "demo/no-rude"?\n');
    const missing = runCli(['--test-pack', './demo.yaml', 'fixtures/nowhere'], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain('✖ fixtures/nowhere: no such file or folder');
    const none = runCli(['--test-pack', './demo.yaml'], { cwd });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('name the fixture files or folders after the pack');
    const broken = runCli(['--test-pack', './broken.yaml', 'fixtures/good'], { cwd });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.yaml:1:7: /);
    // A pack that is not there is named with the option the user gave (it said "--pack ./nowhere.yaml").
    const absent = runCli(['--test-pack', './nowhere.yaml', 'fixtures/good'], { cwd });
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(/^--test-pack \.\/nowhere\.yaml: pack file "\.\/nowhere\.yaml" not found\n/);
  });
});
