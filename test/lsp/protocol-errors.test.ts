// The server under a client that gets the protocol wrong: each bad message gets the JSON-RPC error a client can act on
// (-32700 Parse error, -32600 Invalid Request, with the request's id where it has one) and costs only itself — the
// server answers the valid requests after it. Until 2026-12-01 a body that was not JSON, a batch or a request with a
// numeric method got no answer at all (a client waited for ever on that id), and after a header block without a
// Content-Length the server answered nothing more. Raw bytes over stdio: no client library would send these.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers.js';

interface Response {
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string };
}

class RawClient {
  readonly responses: Response[] = [];
  /** What the server wrote to the client's log. */
  readonly logged: string[] = [];
  readonly exited: Promise<number | null>;
  private buffer = Buffer.alloc(0);
  private readonly waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('latin1'))![1]);
        if (this.buffer.length < end + 4 + length) break;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Response & { method?: string; params?: { message: string } };
        this.buffer = this.buffer.subarray(end + 4 + length);
        if (message.method === undefined) this.responses.push(message);
        else if (message.method === 'window/logMessage') this.logged.push(message.params!.message);
      }
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  send(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  /** A message framed right (Content-Length in UTF-8 bytes). */
  message(body: unknown): void {
    const json = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
    this.send(Buffer.concat([Buffer.from(`Content-Length: ${json.length}\r\n\r\n`, 'latin1'), json]));
  }

  /** Wait until `count` responses have come (failing after 15 s with those that did). */
  until(count: number): Promise<Response[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.responses.length} of ${count} responses: ${JSON.stringify(this.responses)}`)), 15_000);
      const check = (): void => {
        if (this.responses.length >= count) {
          clearTimeout(timer);
          resolve(this.responses.slice(0, count));
        } else this.waiters.push(check);
      };
      check();
    });
  }
}

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill();
  child = undefined;
});

function start(): RawClient {
  child = spawn(process.execPath, [BIN, '--lsp'], { cwd: tempDir(), stdio: ['pipe', 'pipe', 'pipe'] });
  return new RawClient(child);
}

const request = (id: number, method: string, params?: unknown): unknown => ({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
const INITIALIZE = request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
/** What each bad message is answered with: its error code and the id it is answered for. */
const answer = (r: Response): [number | string | null, number | undefined] => [r.id, r.error?.code];
/**
 * The answers as a client matches them: those to an id by id, those to no id (null) in the order they came. JSON-RPC
 * lets a server answer in any order; an error about a message that cannot be read is written as soon as it is read.
 */
const matched = (responses: Response[]): { byId: [number | string | null, number | undefined][]; unread: (number | undefined)[] } => ({
  byId: responses.filter((r) => r.id !== null).map(answer).sort((a, b) => Number(a[0]) - Number(b[0])),
  unread: responses.filter((r) => r.id === null).map((r) => r.error?.code),
});

describe('the language server after shutdown', () => {
  it('answers a request after shutdown with -32600 Invalid Request, and exits 0 on exit', async () => {
    const client = start();
    client.message(INITIALIZE);
    client.message({ jsonrpc: '2.0', method: 'initialized', params: {} });
    client.message(request(2, 'shutdown'));
    client.message(request(3, 'textDocument/hover', { textDocument: { uri: 'file:///a.txt' }, position: { line: 0, character: 0 } }));
    const responses = await client.until(3);
    expect(responses.map(answer).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([[1, undefined], [2, undefined], [3, -32600]]);
    expect(responses.find((r) => r.id === 3)?.error?.message).toContain('textDocument/hover after shutdown');
    client.message({ jsonrpc: '2.0', method: 'exit' });
    expect(await client.exited).toBe(0);
  });
});

describe('the language server and malformed JSON-RPC', () => {
  it('answers a body that is not JSON with -32700 and a message that is no request with -32600, and goes on', async () => {
    const lsp = start();
    lsp.message(INITIALIZE);
    lsp.message('{"jsonrpc": "2.0", "id": 2, "method": "shutdown"'); // cut short
    lsp.message(request(3, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } }));
    lsp.message('[]');
    lsp.message([request(4, 'shutdown')]);
    lsp.message({ jsonrpc: '2.0', id: 5, method: 7 });
    lsp.message('null');
    lsp.message(request(6, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } }));
    const responses = await lsp.until(8);
    expect(matched(responses)).toEqual({ byId: [[1, undefined], [3, undefined], [5, -32600], [6, undefined]], unread: [-32700, -32600, -32600, -32600] });
    const unread = responses.filter((r) => r.id === null).map((r) => r.error!.message);
    expect(unread[0]).toMatch(/^Parse error: the message is not JSON/);
    expect(unread[2]).toContain('batch');
    lsp.message(request(9, 'shutdown'));
    expect((await lsp.until(9)).slice(8).map(answer)).toEqual([[9, undefined]]);
    lsp.message({ jsonrpc: '2.0', method: 'exit' });
    expect(await lsp.exited).toBe(0);
  });

  it('after a bad header block, or a Content-Length too short or too long, answers -32700 once and reads the next message', async () => {
    const lsp = start();
    lsp.message(INITIALIZE);
    // Probes the server answers at once (a hover over no open document: null).
    const probe = (id: number): unknown => request(id, 'textDocument/hover', { textDocument: { uri: 'file:///none.txt' }, position: { line: 0, character: 0 } });
    lsp.send('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}');
    lsp.message(probe(2));
    lsp.send('Content-Length: twelve\r\n\r\n{"id":3}');
    lsp.message(probe(4));
    // A client that counts characters, not UTF-8 bytes: the length falls short inside the Chinese text.
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///call.txt', languageId: 'plaintext', version: 1, text: '客服: 您好，请问有什么可以帮您？' } } });
    lsp.send(`Content-Length: ${body.length}\r\n\r\n${body}`);
    lsp.message(probe(5));
    expect(matched(await lsp.until(7))).toEqual({ byId: [[1, undefined], [2, undefined], [4, undefined], [5, undefined]], unread: [-32700, -32700, -32700] });
    // A length too long swallows the next request; once the stream is quiet, that request is read from its header.
    lsp.send('Content-Length: 500\r\n\r\n{}');
    lsp.message(probe(6));
    const late = (await lsp.until(9)).slice(7);
    expect(matched(late)).toEqual({ byId: [[6, undefined]], unread: [-32700] });
    expect(late.find((r) => r.id === null)!.error!.message).toContain('short of its Content-Length of 500');
  });

  it('answers a Content-Length no message can have at once, also while the client keeps writing', async () => {
    const lsp = start();
    lsp.message(INITIALIZE);
    await lsp.until(1);
    // A stream that never goes quiet (an editor sends a notification every keystroke): the server waited for a quiet
    // moment to give up a body of a petabyte, and answered nothing meanwhile.
    const keystrokes = setInterval(() => lsp.message({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 0 } }), 100);
    try {
      lsp.send('Content-Length: 999999999999999\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}');
      lsp.message(request(3, 'textDocument/hover', { textDocument: { uri: 'file:///none.txt' }, position: { line: 0, character: 0 } }));
      const answered = await Promise.race([lsp.until(3), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_500))]);
      expect(answered && matched(answered.slice(1))).toEqual({ byId: [[3, undefined]], unread: [-32700] });
      expect(answered!.find((r) => r.id === null)!.error!.message).toContain('Content-Length 999999999999999 is more than a message can hold');
    } finally {
      clearInterval(keystrokes);
    }
  });

  it('answers a request whose params are wrong with -32602 naming the field, and logs a notification it drops', async () => {
    const lsp = start();
    lsp.message(request(1, 'initialize', {}));
    lsp.message(INITIALIZE);
    lsp.message(request(2, 'textDocument/hover'));
    lsp.message(request(3, 'textDocument/codeAction', { textDocument: { uri: 'file:///call.txt' }, range: { start: { line: 0, character: 0 } } }));
    // Until 2026-12-01 this text of 5 was linted and failed as "internal error … (please report it)".
    lsp.message({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///call.txt', languageId: 'plaintext', version: 1, text: 5 } } });
    lsp.message(request(4, 'textDocument/hover', { textDocument: { uri: 'file:///call.txt' }, position: { line: 0, character: 0 } }));
    const responses = await lsp.until(5);
    expect(matched(responses).byId).toEqual([[1, -32602], [1, undefined], [2, -32602], [3, -32602], [4, undefined]]);
    const said = Object.fromEntries(responses.filter((r) => r.error).map((r) => [r.id, r.error!.message]));
    expect(said).toEqual({
      1: 'Invalid params of initialize: params.capabilities must be an object',
      2: 'Invalid params of textDocument/hover: params must be an object',
      3: 'Invalid params of textDocument/codeAction: params.range.end must be an object',
    });
    expect(lsp.logged.join('\n')).toContain('Invalid params of textDocument/didOpen: params.textDocument.text must be a string; the notification was dropped');
    expect(lsp.logged.join('\n')).not.toContain('please report it');
  });
});
