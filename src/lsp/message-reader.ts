// The server's end of the LSP base protocol (`Content-Length: N\r\n\r\n` + N bytes of JSON), read so that one bad
// message costs only itself. vscode-jsonrpc's StreamMessageReader answers nothing to a body that is not JSON (a
// client waits for ever for a request it cannot see fail), drops a message that is not a request, notification or
// response with a line in the log, and after a header block without a Content-Length reads the rest of the stream as
// headers: the server answered nothing more. Here, as JSON-RPC 2.0 asks, a body that is not JSON gets a -32700
// "Parse error" and a message that is none of the three a -32600 "Invalid Request" (with its id where it has one,
// else null); after a bad header or body the reader skips to the next `Content-Length:` and goes on from there, which
// also finds a message that a too long Content-Length swallowed — at once when the bytes reach that length, or when the
// stream has been quiet for a while short of it with a header among them. The params of the methods the server
// handles are checked too (params.ts): -32602 "Invalid params" for a request, a line in the log for a notification.
// A request after `shutdown` is answered -32600, as the LSP asks (vscode-languageserver ran it and answered null).
import { constants } from 'node:buffer';
import { AbstractMessageReader, ErrorCodes, Message, type DataCallback, type Disposable } from 'vscode-languageserver/node';
import { paramsProblem } from './params.js';

/**
 * An answer the server owes a message it could not take: written by the caller as a response — or, for a notification
 * (`id` undefined), which cannot be answered, as a line in the client's log.
 */
export interface RejectedMessage {
  id: number | string | null | undefined;
  code: number;
  message: string;
}

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** Headers are a line or two: a header block longer than this is not one. */
const MAX_HEADER_BYTES = 64 * 1024;
const MARKERS = ['Content-Length:', 'content-length:', 'CONTENT-LENGTH:'].map((m) => Buffer.from(m, 'latin1'));
const MARKER_LENGTH = MARKERS[0].length;
/**
 * The most bytes a body can have: decoded, it must fit in one string (UTF-8 takes at most 3 bytes a UTF-16 unit). A
 * longer Content-Length is refused at its header: waited for, it kept the server deaf for as long as the client wrote.
 */
const MAX_BODY_BYTES = constants.MAX_STRING_LENGTH * 3;
/** How long a body may wait for its last bytes while a header stands among those it has, before it is given up. */
export const STALLED_BODY_MS = 2000;

export class TolerantMessageReader extends AbstractMessageReader {
  /** Bytes not yet taken, from the start of a header block (or of bytes being skipped). */
  private pending: Buffer = Buffer.alloc(0);
  /** The body being read: its length and the chunks of it received so far. */
  private body: { length: number; chunks: Buffer[]; received: number } | undefined;
  /** After a bad message: bytes are dropped up to the next `Content-Length:`. */
  private skipping = false;
  private callback: DataCallback | undefined;
  private stalled: NodeJS.Timeout | undefined;
  private readonly decoder = new TextDecoder('utf-8');
  /** A shutdown request has come: any request after it is an error (LSP: only `exit` may follow). */
  private shutDown = false;

  constructor(private readonly input: NodeJS.ReadableStream, private readonly reject: (rejected: RejectedMessage) => void) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string): void => this.received(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('end', onClose);
        this.input.off('close', onClose);
      },
    };
  }

  /** Take a chunk of the stream: complete the body being read, then read as many messages as the bytes hold. */
  private received(chunk: Buffer): void {
    if (this.body) {
      const body = this.body;
      body.chunks.push(chunk);
      body.received += chunk.length;
      if (body.received < body.length) {
        this.watchStall();
        return;
      }
      clearTimeout(this.stalled);
      const all = Buffer.concat(body.chunks, body.received);
      this.body = undefined;
      this.pending = all.subarray(body.length);
      this.message(all.subarray(0, body.length));
    } else {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    }
    this.readPending();
  }

  private readPending(): void {
    while (this.pending.length) {
      if (this.skipping && !this.skipToMarker()) return;
      // Line breaks between messages are not worth an error.
      let start = 0;
      while (start < this.pending.length && (this.pending[start] === 0x0d || this.pending[start] === 0x0a)) start++;
      if (start) this.pending = this.pending.subarray(start);
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) this.bad(`no end of the header block in the first ${MAX_HEADER_BYTES} bytes`, 1);
        return;
      }
      const length = contentLength(this.pending.subarray(0, end).toString('latin1'));
      if (typeof length === 'string' || length > MAX_BODY_BYTES) {
        this.bad(typeof length === 'string' ? length : `Content-Length ${length} is more than a message can hold (${MAX_BODY_BYTES} bytes)`, 1);
        continue;
      }
      const bodyStart = end + HEADER_END.length;
      if (this.pending.length - bodyStart >= length) {
        const body = this.pending.subarray(bodyStart, bodyStart + length);
        this.pending = this.pending.subarray(bodyStart + length);
        this.message(body);
        continue;
      }
      const first = this.pending.subarray(bodyStart);
      this.body = { length, chunks: [first], received: first.length };
      this.pending = Buffer.alloc(0);
      this.watchStall();
      return;
    }
  }

  /** A body: parsed and checked, then handed on, or answered with an error. */
  private message(body: Buffer): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.decoder.decode(body));
    } catch (err) {
      // A Content-Length too long swallows the next message: it is read again from its header.
      this.pending = this.pending.length ? Buffer.concat([body, this.pending]) : Buffer.from(body);
      this.bad(`the message is not JSON (${(err as Error).message})`, 0);
      return;
    }
    const message = parsed as Message;
    if (Message.isRequest(message) && this.shutDown) {
      this.reject({ id: message.id, code: ErrorCodes.InvalidRequest, message: `Invalid Request: ${message.method} after shutdown; only the exit notification may follow` });
      return;
    }
    if (Message.isRequest(message) && message.method === 'shutdown') this.shutDown = true;
    if (Message.isRequest(message) || Message.isNotification(message)) {
      const wrong = paramsProblem(message.method, message.params);
      if (wrong === undefined) this.callback?.(message);
      else this.reject({ id: Message.isRequest(message) ? message.id : undefined, code: ErrorCodes.InvalidParams, message: `Invalid params of ${message.method}: ${wrong}` });
      return;
    }
    if (Message.isResponse(message)) {
      this.callback?.(message);
      return;
    }
    const id = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { id?: unknown }).id : undefined;
    this.reject({
      id: typeof id === 'number' || typeof id === 'string' ? id : null,
      code: ErrorCodes.InvalidRequest,
      message: `Invalid Request: ${Array.isArray(parsed) ? 'a batch (an array of messages) is not part of the Language Server Protocol; send each message on its own' : 'a message must be an object with a "method" string (and an "id" number or string for a request), or a response with "result" or "error"'}`,
    });
  }

  /**
   * A body still short of its Content-Length when the stream goes quiet, with a header among its bytes, was given a
   * length too long and swallowed the next message: it is given up and read again from that header. (A body without
   * a header in it just waits: a slow client is not a bad one.)
   */
  private watchStall(): void {
    clearTimeout(this.stalled);
    this.stalled = setTimeout(() => {
      const body = this.body;
      if (!body) return;
      const received = Buffer.concat(body.chunks, body.received);
      if (!MARKERS.some((m) => received.indexOf(m, 1) > 0)) return;
      this.body = undefined;
      this.pending = received;
      this.bad(`the message ended ${body.length - body.received} bytes short of its Content-Length of ${body.length}`, 1);
      this.readPending();
    }, STALLED_BODY_MS);
    this.stalled.unref();
  }

  /** Answer a message that could not be read, and skip to the next header from `from` bytes into the pending ones. */
  private bad(what: string, from: number): void {
    this.reject({ id: null, code: ErrorCodes.ParseError, message: `Parse error: ${what}; messages are "Content-Length: N" and a blank line, then N bytes of JSON` });
    this.pending = this.pending.subarray(Math.min(from, this.pending.length));
    this.skipping = true;
  }

  /** Drop bytes up to the next `Content-Length:`; false when none has come yet (the last bytes are kept: half a marker). */
  private skipToMarker(): boolean {
    const found = MARKERS.map((m) => this.pending.indexOf(m)).filter((i) => i >= 0);
    if (found.length) {
      this.pending = this.pending.subarray(Math.min(...found));
      this.skipping = false;
      return true;
    }
    this.pending = Buffer.from(this.pending.subarray(Math.max(0, this.pending.length - MARKER_LENGTH + 1)));
    return false;
  }
}

/** The Content-Length of a header block, or what is wrong with the block. */
function contentLength(headers: string): number | string {
  let length: number | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `the header line ${JSON.stringify(line.slice(0, 80))} is not "Name: value"`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a number of bytes`;
    length = Number(value);
  }
  return length ?? 'a header block without Content-Length';
}
