// JSON with positions: every value remembers where it stands in the file, so that problems in speech-recognition
// output point at the text inside its string literal. Syntax errors carry the offset of the mistake.

export type JsonNode =
  | { type: 'object'; start: number; members: JsonMember[] }
  | { type: 'array'; start: number; items: JsonNode[] }
  /** `start`: the opening quote; `end`: one past the closing quote. */
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number'; start: number; end: number; value: number }
  | { type: 'boolean'; start: number; value: boolean }
  | { type: 'null'; start: number; value: null };

export interface JsonMember {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Deeper nesting than any transcript needs is refused instead of overflowing the stack. */
const MAX_DEPTH = 256;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJson(text: string): JsonNode {
  let at = 0;
  const fail = (message: string, offset = at): never => {
    throw new JsonSyntaxError(message, offset);
  };
  const describe = (offset: number): string => (offset >= text.length ? 'the end of the file' : `"${String.fromCodePoint(text.codePointAt(offset)!)}"`);
  const space = (): void => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 10 || c === 13 || c === 9) at++;
      else break;
    }
  };
  const expect = (ch: string, what: string): void => {
    space();
    if (text[at] !== ch) fail(`expected ${what} but found ${describe(at)}`);
    at++;
  };

  const string = (): JsonNode => {
    const start = at++;
    let value = '';
    let chunk = at;
    while (true) {
      if (at >= text.length) fail('unterminated string: a closing quote (") is missing', start);
      const c = text.charCodeAt(at);
      if (c === 34) break;
      if (c < 0x20) fail('a line break or control character inside a string; write it as \\n (or remove it)');
      if (c !== 92) {
        at++;
        continue;
      }
      value += text.slice(chunk, at);
      const e = text[at + 1];
      if (e === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hexadecimal digits');
        value += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        at += 2;
      } else {
        fail(`unknown escape "\\${e ?? ''}" in a string`);
      }
      chunk = at;
    }
    value += text.slice(chunk, at);
    at++;
    return { type: 'string', start, end: at, value };
  };

  /** The members of an object or the items of an array, from the opening brace or bracket to `close`. */
  const sequence = (close: string, closing: string, item: () => void): void => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ',') fail(`expected a comma (,) or ${closing} but found ${describe(at)}`);
      at++;
    }
  };

  const value = (depth: number): JsonNode => {
    space();
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    const start = at;
    const c = text[at];
    if (c === '"') return string();
    if (c === '{') {
      const members: JsonMember[] = [];
      sequence('}', 'a closing brace (})', () => {
        space();
        if (text[at] !== '"') fail(`expected a property name in double quotes but found ${describe(at)}`);
        const key = string() as { value: string; start: number };
        expect(':', 'a colon (:) after the property name');
        members.push({ key: key.value, keyStart: key.start, value: value(depth + 1) });
      });
      return { type: 'object', start, members };
    }
    if (c === '[') {
      const items: JsonNode[] = [];
      sequence(']', 'a closing bracket (])', () => items.push(value(depth + 1)));
      return { type: 'array', start, items };
    }
    for (const [word, node] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return node === null ? { type: 'null', start, value: null } : { type: 'boolean', start, value: node };
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      return { type: 'number', start, end: at, value: Number(number[0]) };
    }
    return fail(`expected a value but found ${describe(at)}`);
  };

  const root = value(0);
  space();
  if (at < text.length) fail(`unexpected ${describe(at)} after the end of the JSON value`);
  return root;
}

/**
 * Append to `out`, for each UTF-16 unit of a string literal's value, the offset in `text` where it is written
 * (an escape takes several characters; the unit after the last one is the closing quote).
 */
export function literalOffsets(text: string, node: { start: number; end: number; value: string }, out: number[]): void {
  for (let at = node.start + 1; at < node.end - 1; ) {
    out.push(at);
    if (text.charCodeAt(at) !== 92) at++;
    else at += text[at + 1] === 'u' ? 6 : 2;
  }
}

/** Escape text for a JSON string literal (for fixes written into a JSON transcript). */
export function escapeJsonText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
