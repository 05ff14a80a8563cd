// The language server through a real LSP client over stdio: initialize, didOpen → publishDiagnostics at the CLI's
// positions, didChange, codeAction, hover, config discovery per workspace folder, reload on config change, exit.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities, CodeAction, Diagnostic, Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli, SPEAKERS, tempDir } from '../helpers.js';
import { CONFIG } from '../trainer-project.js';
import type { Fix } from '../../src/types.js';
import { FULL_CLIENT, LspClient, uriOf } from './lsp-client.js';

let client: LspClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

function start(cwd: string, args: string[] = []): LspClient {
  client = LspClient.start(cwd, args);
  return client;
}

/** A server whose one workspace folder is `dir`, with `dir/name` open holding `text`, and its first diagnostics. */
async function openIn(dir: string, name: string, text: string, capabilities: ClientCapabilities = FULL_CLIENT) {
  const lsp = start(dir);
  await lsp.ready([dir], capabilities);
  const file = join(dir, name);
  const uri = uriOf(file);
  await lsp.open(file, text);
  return { lsp, file, uri, published: await lsp.diagnostics(uri) };
}

/** A client that watches no files for its servers. */
const NO_WATCHING: ClientCapabilities = { ...FULL_CLIENT, workspace: { workspaceFolders: true } };

/** The CLI's JSON messages for one file, run in `cwd`. */
interface CliMessage {
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  suggestions?: { desc: string; fix: Fix }[];
}

function cliMessages(cwd: string, file: string): CliMessage[] {
  const run = runCli(['--format', 'json', file], { cwd });
  return JSON.parse(run.stdout)[0].messages;
}

/** UTF-16 units in the first `characters` code points of a line: the conversion LSP positions need. */
const units = (line: string, characters: number): number => Array.from(line).slice(0, characters).join('').length;

/** A diagnostic's text (LSP 3.18 also allows markup; this server sends text). */
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const codes = (params: PublishDiagnosticsParams): string[] => params.diagnostics.map((d) => String(d.code));

function apply(text: string, action: CodeAction, uri: string): string {
  const edits = action.edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), edits);
}

// Each test starts a server (and some the CLI): seconds each on a busy two-core machine.
describe('transcript-lint --lsp', { timeout: 120_000 }, () => {
  it('answers initialize with what it serves, and exits 0 after shutdown and exit', async () => {
    const dir = tempDir();
    const lsp = start(dir);
    const result = await lsp.initialize([dir]);
    expect(result.serverInfo?.name).toBe('transcript-lint');
    expect(result.capabilities.positionEncoding).toBe('utf-16');
    expect(result.capabilities.hoverProvider).toBe(true);
    expect(result.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.transcript-lint'] });
    await lsp.connection.sendNotification('initialized', {});
    expect(await lsp.shutdown()).toBe(0);
  });

  it('publishes a CR-only or mixed document\'s problems where its LF twin has them (a lone "\\r" ends a line, as in LSP)', async () => {
    const text = '客服: 喂，什么事？\n客户: 账单不对\n客服: 这个我不知道\n客服: 再见\n';
    const dir = tempDir();
    const ranges = async (name: string, body: string) => {
      const lsp = start(dir);
      await lsp.ready([dir]);
      const uri = uriOf(join(dir, name));
      await lsp.open(join(dir, name), body);
      const published = await lsp.diagnostics(uri);
      lsp.kill();
      return published.diagnostics.map((d) => [d.code, d.range]);
    };
    const lf = await ranges('lf.txt', text);
    expect(new Set(lf.map(([, range]) => (range as { start: { line: number } }).start.line)).size).toBeGreaterThan(2);
    expect(await ranges('cr.txt', text.replace(/\n/g, '\r'))).toEqual(lf);
    let i = 0;
    expect(await ranges('mixed.txt', text.replace(/\n/g, () => ['\r', '\r\n', '\n'][i++ % 3]))).toEqual(lf);
  });

  it('publishes on open the CLI\'s problems at the CLI\'s places, in UTF-16 columns past astral characters and CJK', async () => {
    // 😀 and 𠮷 are one character for the CLI and two UTF-16 units for the editor; 喂 and ， one of each.
    const text = '客服: 😀😀喂，什么事？\n客户: 𠮷野家的账单\n客服: 这个我不知道\r\n客服: 再见\n';
    const dir = tempDir({ 'call.txt': text });
    const { published } = await openIn(dir, 'call.txt', text);
    expect(published.version).toBe(1);

    const expected = cliMessages(dir, 'call.txt');
    expect(expected.length).toBeGreaterThan(3);
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    expect(published.diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range }))).toEqual(
      expected.map((m) => ({
        code: m.ruleId,
        severity: m.severity === 2 ? 1 : 2,
        range: {
          start: { line: m.line - 1, character: units(lines[m.line - 1], m.column - 1) },
          end: { line: m.endLine - 1, character: units(lines[m.endLine - 1], m.endColumn - 1) },
        },
      })),
    );
    // The same, spelled out for one problem: 什么事 is column 9 for the CLI and character 10 for the editor.
    const cli = expected.find((m) => m.ruleId === 'zh-callcenter/banned-shenme-shi')!;
    expect([cli.line, cli.column, cli.endColumn]).toEqual([1, 9, 12]);
    const lsp什么事 = published.diagnostics.find((d) => d.code === 'zh-callcenter/banned-shenme-shi')!;
    expect(lsp什么事.range).toEqual({ start: { line: 0, character: 10 }, end: { line: 0, character: 13 } });
    expect(lsp什么事.source).toBe('transcript-lint');
    expect(lsp什么事.codeDescription?.href).toMatch(/^file:.*zh-callcenter\.yaml#L\d+$/);
  });

  it('re-lints on didChange (incremental) and publishes for the new version', async () => {
    const text = '客服: 您好，什么事？\n';
    const { lsp, uri, published } = await openIn(tempDir({ 'transcript-lint.yaml': CONFIG }), 'script.txt', text);
    expect(codes(published)).toEqual(['t/what']);
    // Replace 什么事 (characters 7–10 of line 0) by 请问有什么可以帮您, then break the greeting.
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } }, text: '请问有什么可以帮您' }],
    });
    const second = await lsp.diagnostics(uri, (p) => p.version === 2);
    expect(second.diagnostics).toEqual([]);
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 6 } }, text: '喂' }],
    });
    expect(codes(await lsp.diagnostics(uri, (p) => p.version === 3))).toEqual(['t/greet']);
  });

  it('offers as code actions the CLI\'s fix and suggestions, a disable comment, and fix-all; the disable comment silences the problem', async () => {
    const text = '客服: 您好，什么事？\n客户: 账单不对\n客服: 这个不知道。\n';
    const dir = tempDir({ 'transcript-lint.yaml': CONFIG, 'script.txt': text });
    const { lsp, uri, published } = await openIn(dir, 'script.txt', text);
    const idk = published.diagnostics.find((d) => d.code === 't/idk')!;
    expect(idk.range).toEqual({ start: { line: 2, character: 6 }, end: { line: 2, character: 9 } });

    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } },
      context: { diagnostics: [idk] },
    })) as CodeAction[];
    // The changes offered are the CLI's: its fix (preferred), then each suggestion that is not the same change.
    const cli = cliMessages(dir, 'script.txt');
    const message = cli.find((m) => m.ruleId === 't/idk')!;
    const same = (a: Fix, b: Fix): boolean => a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;
    const offered = [...(message.fix ? [message.fix] : []), ...(message.suggestions ?? []).map((s) => s.fix).filter((f) => !message.fix || !same(f, message.fix))];
    expect(offered.length).toBeGreaterThan(0);
    const document = TextDocument.create(uri, 'plaintext', 1, text);
    const changes = actions.filter((a) => /^(Replace|Insert|Suggestion)/.test(a.title));
    expect(changes.map((a) => [a.kind, a.isPreferred, a.edit?.changes?.[uri]])).toEqual(
      offered.map((f, i) => ['quickfix', i === 0 && message.fix !== undefined, [{ range: { start: document.positionAt(f.range[0]), end: document.positionAt(f.range[1]) }, newText: f.text }]]),
    );
    const [fix] = changes;
    expect(fix.title).toMatch(/^Replace 「(这个)?不知道」 with 「(这个)?我先帮您咨询一下」 \(t\/idk\)$/);
    expect(fix.diagnostics?.[0].code).toBe('t/idk');
    expect(apply(text, fix, uri)).toBe('客服: 您好，什么事？\n客户: 账单不对\n客服: 这个我先帮您咨询一下。\n');
    for (const suggestion of changes.slice(1)) expect(suggestion.title).toMatch(/^Suggestion: replace 「.+」 with 「.+」 \(t\/idk\)$/);

    const disable = actions.find((a) => a.title === 'Disable t/idk for this line')!;
    const all = actions.at(-1)!;
    expect(all.title).toBe(`Fix all auto-fixable problems (${cli.filter((m) => m.fix).length})`);
    expect(all.kind).toBe('source.fixAll.transcript-lint');
    expect(apply(text, all, uri)).toBe('客服: 您好，请问有什么可以帮您？\n客户: 账单不对\n客服: 这个我先帮您咨询一下。\n');
    expect(actions).toHaveLength(changes.length + 2);

    const disabled = apply(text, disable, uri);
    expect(disabled).toBe('客服: 您好，什么事？\n客户: 账单不对\n客服: 这个不知道。  # transcript-lint-disable-line t/idk\n');
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: disabled }] });
    expect(codes(await lsp.diagnostics(uri, (p) => p.version === 2))).toEqual(['t/what']);

    // A client asking only for fix-all gets only that.
    const only = (await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(only.map((a) => a.kind)).toEqual(['source.fixAll.transcript-lint']);
  });

  it('offers as preferred only a fix --fix would write, and fix-all writes what --fix writes (喂，什么事？: 什么事 alone made a new problem)', async () => {
    // Until 2026-12-02 the preferred quick fix for 什么事 wrote 喂，请问有什么可以帮您？ — asking before greeting, which
    // --fix refuses — and fix-all applied it: the editor wrote what --fix does not (您好，请问有什么可以帮您？).
    const text = '客服: 喂，什么事？\n客户: 我家宽带上不了网。\n';
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [zh-callcenter]\n', 'script.txt': text });
    const { lsp, uri, published } = await openIn(dir, 'script.txt', text);
    const at = (code: string) => published.diagnostics.find((d) => d.code === code)!;
    const ask = async (d: Diagnostic) => (await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const what = (await ask(at('zh-callcenter/banned-shenme-shi'))).filter((a) => a.diagnostics?.[0]?.code === 'zh-callcenter/banned-shenme-shi' && a.edit && !a.title.startsWith('Disable'));
    expect(what.map((a) => a.isPreferred)).toEqual([false]);
    expect(what[0].title).toMatch(/^Suggestion: replace 「什么事？」 with 「请问有什么可以帮您？」 \(zh-callcenter\/banned-shenme-shi\) — --fix leaves this: it would make a new problem: zh-callcenter\/greet-before-asking/);
    const actions = await ask(at('zh-callcenter/banned-wei-tingbujian'));
    const wei = actions.find((a) => a.diagnostics?.[0]?.code === 'zh-callcenter/banned-wei-tingbujian' && a.isPreferred)!;
    expect(apply(text, wei, uri)).toBe('客服: 什么事？\n客户: 我家宽带上不了网。\n');
    const all = actions.find((a) => a.kind === 'source.fixAll.transcript-lint')!;
    runCli(['--fix', 'script.txt'], { cwd: dir });
    expect(apply(text, all, uri)).toBe(readFileSync(join(dir, 'script.txt'), 'utf8'));
    expect(apply(text, all, uri)).toBe('客服: 您好，请问有什么可以帮您？\n客户: 我家宽带上不了网。\n');
    expect(all.title).toBe('Fix all auto-fixable problems (2)');
  });

  it('answers a code action or a hover asked between an edit and its lint from no lint of older text (it offered the old fix at the old offsets, writing into the words the edit had moved there)', async () => {
    const text = '客服: 您好，什么事？\n客户: 账单不对\n客服: 这个不知道。\n';
    const dir = tempDir({ 'transcript-lint.yaml': CONFIG, 'script.txt': text });
    const { lsp, uri } = await openIn(dir, 'script.txt', text);
    const lines = await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } }, context: { diagnostics: [] },
    }) as CodeAction[];
    expect(lines.some((a) => a.title.startsWith('Replace'))).toBe(true);
    // The customer's line grows: the old fix's offsets now fall inside the agent's last line, two characters early.
    const edited = '客服: 您好，什么事？\n客户: 账单不对不对\n客服: 这个不知道。\n';
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 8 }, end: { line: 1, character: 8 } }, text: '不对' }],
    });
    const [actions, over] = await Promise.all([
      lsp.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } }, context: { diagnostics: [] },
      }) as Promise<CodeAction[]>,
      lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 7 } }) as Promise<Hover | null>,
    ]);
    // Whatever is offered, applied to the text the editor now has, must be what the fix means there.
    for (const action of actions.filter((a) => a.title.startsWith('Replace'))) {
      expect(apply(edited, action, uri)).toBe('客服: 您好，什么事？\n客户: 账单不对不对\n客服: 这个我先帮您咨询一下。\n');
    }
    expect(JSON.stringify(over)).toContain('t/idk');
    const after = await lsp.diagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.find((d) => d.code === 't/idk')?.range).toEqual({ start: { line: 2, character: 6 }, end: { line: 2, character: 9 } });
  });

  it('shows on hover the rule as --explain prints it, with its source and where it is defined', async () => {
    const text = '客服: 您好，请问有什么可以帮您？\n客户: 账单不对\n客服: 这个我不知道\n客服: 感谢您的来电，再见\n';
    const dir = tempDir();
    const { lsp, uri, published } = await openIn(dir, 'call.txt', text);
    const idk = published.diagnostics.find((d) => d.code === 'zh-callcenter/banned-bu-zhidao')!;
    const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: idk.range.start })) as Hover;
    const contents = hover.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    const explain = runCli(['--explain', 'zh-callcenter/banned-bu-zhidao'], { cwd: dir });
    expect(explain.status).toBe(0);
    expect(contents.value).toContain(explain.stdout.trimEnd());
    expect(contents.value).toMatch(/Source: +\S/);
    expect(contents.value).toMatch(/\]\(file:.*zh-callcenter\.yaml#L\d+\)/);
    expect(hover.range).toEqual(idk.range);

    // Nothing to say where there is no problem.
    const nowhere = await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    expect(nowhere).toBeNull();

    // A client that reads only plain text gets the same explanation as plain text.
    const plain = start(dir);
    await plain.ready([dir], { ...FULL_CLIENT, textDocument: { ...FULL_CLIENT.textDocument, hover: { contentFormat: ['plaintext'] } } });
    await plain.open(join(dir, 'call.txt'), text);
    await plain.diagnostics(uri);
    const plainHover = (await plain.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: idk.range.start })) as Hover;
    expect(plainHover.contents).toEqual({ kind: 'plaintext', value: explain.stdout.trimEnd() });
    plain.kill();
  });

  it('shows on hover a phrase with alternatives as written, with the count of phrases it stands for', async () => {
    const config = `name: t\n${SPEAKERS}rules:\n  rude:\n    kind: banned\n    speaker: agent\n    phrases: ["{你|您}什么事", "{不|没}知道"]\n    message: 不可以说\n`;
    const dir = tempDir({ 'transcript-lint.yaml': config });
    const { lsp, uri, published } = await openIn(dir, 'call.txt', '客服: 您好\n客服: 您什麼事？\n');
    const rude = published.diagnostics.find((d) => d.code === 't/rude')!;
    expect(rude.range.start).toEqual({ line: 1, character: 4 });
    const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: rude.range.start })) as Hover;
    expect((hover.contents as MarkupContent).value).toContain('phrases:  {你|您}什么事, {不|没}知道 (4 phrases with the alternatives spelt out)');
    lsp.kill();
  });

  it('hover over a problem of a Traditional call: the rule in its script, as --explain RULE FILE prints it', async () => {
    const text = '客服: 您好，請問有什麼可以幫您？\n客戶: 帳單不對\n客服: 這個我不知道\n客服: 感謝您的來電，再見\n';
    const dir = tempDir({ 'call.txt': text });
    const { lsp, uri, published } = await openIn(dir, 'call.txt', text);
    const idk = published.diagnostics.find((d) => d.code === 'zh-callcenter/banned-bu-zhidao')!;
    expect(idk.message).toMatch(/^任何時候不得講「不知道」，應婉轉回答/);
    const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: idk.range.start })) as Hover;
    const explain = runCli(['--explain', 'zh-callcenter/banned-bu-zhidao', 'call.txt'], { cwd: dir });
    expect(explain.stdout).toContain('\n任何時候不得講「不知道」，應婉轉回答\n');
    expect((hover.contents as MarkupContent).value).toContain(explain.stdout.trimEnd());
    lsp.kill();
  });

  it('finds the config per workspace folder, as the CLI run in that folder does', async () => {
    const text = '客服: 喂，什么事？\n';
    const withConfig = tempDir({ 'transcript-lint.yaml': CONFIG, 'calls/a.txt': text });
    const builtIn = tempDir({ 'b.txt': text });
    const lsp = start(ROOT);
    await lsp.ready([withConfig, builtIn]);
    await lsp.open(join(withConfig, 'calls/a.txt'), text);
    await lsp.open(join(builtIn, 'b.txt'), text);
    const inConfigured = await lsp.diagnostics(uriOf(join(withConfig, 'calls/a.txt')));
    const inBuiltIn = await lsp.diagnostics(uriOf(join(builtIn, 'b.txt')));
    expect(codes(inConfigured)).toEqual(cliMessages(withConfig, 'calls/a.txt').map((m) => m.ruleId));
    expect(codes(inConfigured)).toEqual(['t/greet', 't/what']);
    expect(codes(inBuiltIn)).toEqual(cliMessages(builtIn, 'b.txt').map((m) => m.ruleId));
    expect(codes(inBuiltIn).every((c) => c.startsWith('zh-callcenter/'))).toBe(true);
  });

  it('works in the folder a document belongs to, also after workspace folders are added', async () => {
    // drafts/ is ignored by the project folder's ignore file, which only a run in the project folder reads.
    const project = tempDir({ 'transcript-lint.yaml': CONFIG, '.transcript-lintignore': 'drafts/\n' });
    const file = join(project, 'drafts/a.txt');
    const uri = uriOf(file);
    const lsp = start(ROOT);
    await lsp.ready([]);
    await lsp.open(file, '客服: 喂，什么事？\n');
    // Outside every workspace folder the document's own folder is the working folder: the config is found
    // upward, the ignore file of the project folder is not read.
    expect(codes(await lsp.diagnostics(uri))).toEqual(['t/greet', 't/what']);
    const count = lsp.publishedCount(uri);
    await lsp.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(project), name: 'project' }], removed: [] } });
    expect((await lsp.diagnostics(uri, () => true, count)).diagnostics).toEqual([]);
  });

  it('respects inline disable comments and the folder\'s .transcript-lintignore', async () => {
    const dir = tempDir({ 'transcript-lint.yaml': CONFIG, '.transcript-lintignore': 'drafts/\n' });
    const lsp = start(dir);
    await lsp.ready([dir]);
    const text = '客服: 您好，什么事？\n客服: 不知道 # transcript-lint-disable-line idk -- 反面示范\n# transcript-lint-disable-next-line what\n客服: 什么事\n';
    await lsp.open(join(dir, 'script.txt'), text);
    expect(codes(await lsp.diagnostics(uriOf(join(dir, 'script.txt'))))).toEqual(['t/what']);
    await lsp.open(join(dir, 'drafts/x.txt'), text);
    expect((await lsp.diagnostics(uriOf(join(dir, 'drafts/x.txt')))).diagnostics).toEqual([]);
  });

  it('lints by their text documents whose file: URI is no path here (another host, an encoded slash), or that is no URI at all, as untitled ones', async () => {
    const dir = tempDir({ 'transcript-lint.yaml': CONFIG });
    const lsp = start(dir);
    await lsp.ready([dir]);
    // A client that sends a bare name or an empty URI got no diagnostics, and "internal error (please report it)" in its log.
    for (const uri of ['file://server/share/call.txt', 'file:///calls/a%2Fb.txt', 'call.txt', '']) {
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '客服: 喂，什么事？\n' } });
      expect(codes(await lsp.diagnostics(uri, () => true, 0, 5_000))).toEqual(['t/greet', 't/what']);
    }
  });

  it('reloads when the client reports a changed pack (workspace/didChangeWatchedFiles) and publishes again', async () => {
    const dir = tempDir({ 'transcript-lint.yaml': CONFIG });
    const { lsp, uri, published } = await openIn(dir, 'script.txt', '客服: 喂，什么事？\n');
    expect(codes(published)).toEqual(['t/greet', 't/what']);
    // The server asked the client to watch configs and packs.
    await expect.poll(() => lsp.registrations.map((r) => r.method)).toContain('workspace/didChangeWatchedFiles');
    const count = lsp.publishedCount(uri);
    writeFileSync(join(dir, 'transcript-lint.yaml'), CONFIG.replace('message: 开场须先问候', 'message: 开场须先问候\n    severity: off'));
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, 'transcript-lint.yaml')), type: 2 }] });
    expect(codes(await lsp.diagnostics(uri, () => true, count))).toEqual(['t/what']);
  });

  it('watches the packs itself for a client that does not, shows a broken pack\'s problems in the pack, and recovers', async () => {
    const pack = `name: own\n${SPEAKERS}rules:\n  what:\n    kind: banned\n    phrases: [什么事]\n    message: 不可以说\n`;
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [./packs/own.yaml]\n', 'packs/own.yaml': pack });
    const packUri = uriOf(join(dir, 'packs/own.yaml'));
    const { lsp, uri, published } = await openIn(dir, 'script.txt', '客服: 什么事\n', NO_WATCHING);
    expect(codes(published)).toEqual(['own/what']);
    expect(lsp.registrations).toEqual([]);

    let count = lsp.publishedCount(uri);
    writeFileSync(join(dir, 'packs/own.yaml'), pack.replace('kind: banned', 'kind: baned'));
    const notLoading = (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => messageOf(d).includes('cannot load'));
    const broken = await lsp.diagnostics(uri, notLoading, count);
    expect(broken.diagnostics).toHaveLength(1);
    expect(broken.diagnostics[0].message).toMatch(/cannot load its configuration.*packs\/own\.yaml:7:11: .*baned/);
    const inPack = await lsp.diagnostics(packUri);
    expect(inPack.diagnostics[0].range.start).toEqual({ line: 6, character: 10 });
    expect(inPack.diagnostics[0].message).toMatch(/banned/);

    count = lsp.publishedCount(uri);
    const packCount = lsp.publishedCount(packUri);
    writeFileSync(join(dir, 'packs/own.yaml'), pack.replace('message: 不可以说', 'message: 换个说法'));
    const fixed = await lsp.diagnostics(uri, (p) => !notLoading(p), count);
    expect(fixed.diagnostics.map((d) => d.message)).toEqual(['换个说法 「什么事」']);
    // Cleared in the pack (this waits for a publish with nothing in it, and fails when none comes).
    await lsp.diagnostics(packUri, (p) => p.diagnostics.length === 0, packCount);
  });

  it('picks up a config created after start (nearest transcript-lint.yaml)', async () => {
    const dir = tempDir();
    const { lsp, uri, published } = await openIn(dir, 'script.txt', '客服: 喂，什么事？\n', NO_WATCHING);
    expect(codes(published).every((c) => c.startsWith('zh-callcenter/'))).toBe(true);
    const count = lsp.publishedCount(uri);
    writeFileSync(join(dir, 'transcript-lint.yaml'), CONFIG);
    expect(codes(await lsp.diagnostics(uri, () => true, count))).toEqual(['t/greet', 't/what']);
  });

  it('takes -c, --pack and --rule from its command line, paths from where it was started', async () => {
    const dir = tempDir({ 'packs/own.yaml': `name: own\n${SPEAKERS}rules:\n  what:\n    kind: banned\n    phrases: [什么事]\n    message: 不可以说\n` });
    const work = join(dir, 'work');
    mkdirSync(work);
    const lsp = start(dir, ['--pack', 'packs/own.yaml', '--rule', 'own/what: warn']);
    await lsp.ready([work]);
    await lsp.open(join(work, 'a.txt'), '客服: 什么事\n');
    const published = await lsp.diagnostics(uriOf(join(work, 'a.txt')));
    expect(published.diagnostics.map((d: Diagnostic) => [d.code, d.severity])).toEqual([['own/what', 2]]);
  });

  it('keeps to --max-file-size as the CLI does: a document over it is said so, not linted (a 100 MB one took 20 s a keystroke)', async () => {
    const dir = tempDir({ 'transcript-lint.yaml': CONFIG });
    const lsp = start(dir, ['--max-file-size', '1K']);
    await lsp.ready([dir]);
    const file = join(dir, 'long.txt');
    const uri = uriOf(file);
    await lsp.open(file, '客服: 您好，什么事？\n'.repeat(100));
    const published = await lsp.diagnostics(uri);
    expect(published.diagnostics.map((d: Diagnostic) => [messageOf(d), d.severity, d.range.start])).toEqual([
      ['the document is larger than 1.0 KiB (2.9 KiB): skipped; raise --max-file-size to lint it (in the server\'s arguments)', 1, { line: 0, character: 0 }],
    ]);
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '客服: 您好，什么事？\n' }] });
    expect(codes(await lsp.diagnostics(uri, (p) => p.version === 2))).toEqual(['t/what']);
  });

  it('refuses file arguments, and a lint run does not load the protocol library', () => {
    const run = runCli(['--lsp', 'a.txt']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--lsp .* do not also name files/);
    const probe = (module: string): string =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `import { createRequire } from 'node:module'; await import(${JSON.stringify(module)}); console.log(Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('vscode-languageserver')));`], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    expect(probe('./dist/cli/run.js')).toBe('false');
    expect(probe('./dist/lsp/server.js')).toBe('true');
  });
});
