// A YAML document that remembers where every value stands, so that validation can point at line and column.
import { readFileSync } from 'node:fs';
import type { Document, LineCounter, Node, Pair } from 'yaml';
import { lazyModule } from '../lazy-module.js';
import { ConfigError, type ConfigIssue } from './errors.js';

export type PathSegment = string | number;

const yaml = lazyModule<typeof import('yaml')>('yaml');

export class YamlFile {
  private located: { doc: Document; lines: LineCounter } | undefined;

  private constructor(
    readonly file: string,
    readonly data: unknown,
    private readonly text: string,
  ) {}

  /** Parse YAML text. Only plain data is built: no tags that construct objects, no code. */
  static parse(file: string, text: string): YamlFile {
    const { doc, lines } = locate(text);
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
    const parsed = new YamlFile(file, doc.toJS({ maxAliasCount: 100 }), text);
    parsed.located = { doc, lines };
    return parsed;
  }

  /** A file whose data is already known (a verified pack): the text is parsed only if a position is asked for. */
  static withData(file: string, text: string, data: unknown): YamlFile {
    return new YamlFile(file, data, text);
  }

  static read(file: string, displayName = file): YamlFile {
    return YamlFile.parse(displayName, YamlFile.readText(file, displayName));
  }

  static readText(file: string, displayName = file): string {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ConfigError([{ file: displayName, line: 0, column: 0, message: `cannot read file (${code ?? String(err)})`, hint: 'check the path and its permissions' }]);
    }
  }

  /** Line and column of the value at `path`, or of its key when `key` is set; falls back to the nearest parent. */
  issueAt(path: readonly PathSegment[], message: string, hint?: string, key = false): ConfigIssue {
    this.located ??= locate(this.text);
    const offset = this.offsetOf(this.located.doc, path, key);
    const pos = this.located.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col, message, hint };
  }

  private offsetOf(doc: Document, path: readonly PathSegment[], key: boolean): number {
    const { isMap, isScalar, isSeq } = yaml();
    let node: unknown = doc.contents;
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

function locate(text: string): { doc: Document; lines: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, customTags: [] }), lines };
}

function rangeStart(node: unknown): number | undefined {
  if (yaml().isPair(node)) return rangeStart(node.key);
  return (node as Node | null)?.range?.[0];
}
