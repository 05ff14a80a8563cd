// A YAML document that remembers where every value stands, so that validation can point at line and column.
import { formatBytes, readRegularText } from '../io/read-file.js';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { ConfigError, type ConfigIssue } from './errors.js';

/** The largest pack or config file read: packs are data written by people, not dumps. */
export const MAX_PACK_BYTES = 4 * 1024 * 1024;

/** Aliases a pack may expand: enough for shared phrase lists, far too few for exponential "billion laughs". */
const MAX_ALIAS_COUNT = 100;

function positionOf(lines: LineCounter, offset: number): { line: number; column: number } {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function unreadableStructure(file: string, err: unknown): ConfigIssue {
  const aliases = err instanceof ReferenceError || /alias/i.test(String((err as Error)?.message));
  return aliases
    ? { file, line: 0, column: 0, message: `too many YAML aliases (*name) are expanded (at most ${MAX_ALIAS_COUNT})`, hint: 'write the lists out, or extend a shared pack instead of nesting aliases' }
    : { file, line: 0, column: 0, message: 'the YAML is nested too deeply to read', hint: 'a pack needs a few levels of nesting; check for runaway [ or { brackets' };
}

export type PathSegment = string | number;

export class YamlFile {
  private constructor(
    readonly file: string,
    readonly data: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parse YAML text. Only plain data is built: no tags that construct objects, no code. */
  static parse(file: string, text: string): YamlFile {
    const lines = new LineCounter();
    let doc: Document;
    let data: unknown;
    try {
      doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, customTags: [] });
      if (!doc.errors.length) data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // Nesting thousands deep overflows the parser's stack; aliases of aliases (billion laughs) blow up on toJS.
      throw new ConfigError([unreadableStructure(file, err)]);
    }
    const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
    if (overflow) throw new ConfigError([{ ...unreadableStructure(file, overflow), ...positionOf(lines, overflow.pos[0]) }]);
    if (doc.errors.length) {
      throw new ConfigError(
        doc.errors.map((e) => {
          const pos = lines.linePos(e.pos[0]);
          const duplicate = e.code === 'DUPLICATE_KEY';
          return {
            file, line: pos.line, column: pos.col,
            message: duplicate ? 'duplicate key: each rule, phrase set and key may appear once' : `YAML syntax error: ${e.message.split('\n')[0]}`,
            hint: duplicate ? 'rename or merge the two entries' : 'check indentation and quoting around this place',
          };
        }),
      );
    }
    return new YamlFile(file, data, doc, lines);
  }

  static read(file: string, displayName = file): YamlFile {
    let text: string;
    try {
      text = readRegularText(file, { maxBytes: MAX_PACK_BYTES });
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      if (code === 'ENOTREG' || code === 'EISDIR') throw new ConfigError([{ file: displayName, line: 0, column: 0, message: `cannot read this pack: ${message}`, hint: 'a pack or config must be a regular YAML file' }]);
      if (code === 'EFBIG') throw new ConfigError([{ file: displayName, line: 0, column: 0, message: `this pack is too large: ${message}`, hint: `a pack may hold at most ${formatBytes(MAX_PACK_BYTES)}; split it into packs that extend each other` }]);
      throw new ConfigError([{ file: displayName, line: 0, column: 0, message: `cannot read file (${code ?? String(err)})`, hint: 'check the path and its permissions' }]);
    }
    return YamlFile.parse(displayName, text);
  }

  /** Line and column of the value at `path`, or of its key when `key` is set; falls back to the nearest parent. */
  issueAt(path: readonly PathSegment[], message: string, hint?: string, key = false): ConfigIssue {
    const offset = this.offsetOf(path, key);
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col, message, hint };
  }

  private offsetOf(path: readonly PathSegment[], key: boolean): number {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      let pair: Pair | undefined;
      if (isMap(node)) pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair) {
        const last = i === path.length - 1;
        if (last && key) return rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return offset;
      }
      offset = rangeStart(node) ?? offset;
    }
    return offset;
  }
}

function rangeStart(node: unknown): number | undefined {
  if (isPair(node)) return rangeStart(node.key);
  return (node as Node | null)?.range?.[0];
}
