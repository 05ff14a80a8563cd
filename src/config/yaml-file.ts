// A YAML document that remembers where every value stands, so that validation can point at line and column.
import type { Document, LineCounter, Node, Pair, YAMLError } from 'yaml';
import { brokenLinkProblem, FIX_LINK, isBrokenLink } from '../io/links.js';
import { formatBytes, readRegularText } from '../io/read-file.js';
import { withLfBreaks } from '../text/line-breaks.js';
import { lazyModule } from '../lazy-module.js';
import { ConfigError, type ConfigIssue } from './errors.js';

/** The largest pack or config file read: packs are data written by people, not dumps. */
export const MAX_PACK_BYTES = 4 * 1024 * 1024;

/** Aliases a pack may expand: enough for shared phrase lists, far too few for exponential "billion laughs". */
const MAX_ALIAS_COUNT = 100;

function positionOf(lines: LineCounter, offset: number): { line: number; column: number } {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

const TOO_MANY_ALIASES = {
  message: `too many YAML aliases (*name) are expanded (at most ${MAX_ALIAS_COUNT})`,
  hint: 'write the lists out, or extend a shared pack instead of nesting aliases',
};

function tooDeep(file: string): ConfigIssue {
  return { file, line: 0, column: 0, message: 'the YAML is nested too deeply to read', hint: 'a pack needs a few levels of nesting; check for runaway [ or { brackets' };
}

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
    let located: { doc: Document; lines: LineCounter };
    try {
      located = locate(text);
    } catch {
      // Nesting thousands deep overflows the parser's stack.
      throw new ConfigError([tooDeep(file)]);
    }
    const { doc, lines } = located;
    const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
    if (overflow) throw new ConfigError([{ ...tooDeep(file), ...positionOf(lines, overflow.pos[0]) }]);
    if (doc.errors.length) throw new ConfigError(syntaxIssues(file, doc.errors, lines, text));
    const aliasIssue = unresolvableAlias(doc);
    if (aliasIssue) throw new ConfigError([{ file, ...positionOf(lines, aliasIssue.offset), message: aliasIssue.message, hint: aliasIssue.hint }]);
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      // Aliases of aliases (billion laughs) blow up here, before anything is expanded past the limit.
      throw new ConfigError([{ file, ...positionOf(lines, firstAliasPastLimit(text)), ...TOO_MANY_ALIASES }]);
    }
    const parsed = new YamlFile(file, data, text);
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
      return readRegularText(file, { maxBytes: MAX_PACK_BYTES });
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      if (code === 'ENOTREG' || code === 'EISDIR') throw new ConfigError([{ file: displayName, line: 0, column: 0, message: `cannot read this file: ${message}`, hint: 'a pack or config must be a regular YAML file' }]);
      if (code === 'EFBIG') throw new ConfigError([{ file: displayName, line: 0, column: 0, message: `this file is too large: ${message}`, hint: `a pack or config may hold at most ${formatBytes(MAX_PACK_BYTES)}; split a pack into packs that extend each other` }]);
      if ((code === 'ENOENT' || code === 'ELOOP') && isBrokenLink(file)) {
        throw new ConfigError([{ file: displayName, line: 0, column: 0, message: brokenLinkProblem(file), hint: FIX_LINK }]);
      }
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

/** The YAML document and its lines. A lone CR is a line break (YAML 1.2), which the yaml package reads only as LF. */
function locate(text: string): { doc: Document; lines: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  return { doc: parseDocument(withLfBreaks(text), { lineCounter: lines, uniqueKeys: true, prettyErrors: false, customTags: [], logLevel: 'error' }), lines };
}

/** An alias that cannot become data: one naming no anchor set before it, or one inside its own anchor's value (a loop). */
function unresolvableAlias(doc: Document): { offset: number; message: string; hint: string } | undefined {
  let found: { offset: number; message: string; hint: string } | undefined;
  yaml().visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      const offset = alias.range?.[0] ?? 0;
      if (!target) {
        found = { offset, message: `the alias *${alias.source} names no anchor (&${alias.source}) set before it`, hint: `put &${alias.source} on a value above this line, or write the value out here` };
      } else if (path.includes(target)) {
        found = { offset, message: `the alias *${alias.source} stands inside the value of its own anchor &${alias.source}: it would hold itself`, hint: 'write the values out; a pack is a tree, not a loop' };
      }
      return found ? yaml().visit.BREAK : undefined;
    },
  });
  return found;
}

/**
 * Where the expansion of aliases passes the limit: the yaml package says only that it did. Keeping the first k aliases
 * (the rest read as null) passes the limit from some k on, as more aliases only add expansions; alias k is named.
 */
function firstAliasPastLimit(text: string): number {
  const { Scalar, visit } = yaml();
  const aliasesKept = (k: number): { doc: Document; last: number } => {
    const { doc } = locate(text);
    let seen = 0;
    let last = 0;
    visit(doc, {
      Alias(_key, alias) {
        seen++;
        if (seen <= k) {
          last = alias.range?.[0] ?? last;
          return undefined;
        }
        return new Scalar(null);
      },
    });
    return { doc, last };
  };
  const passes = (k: number): boolean => {
    try {
      aliasesKept(k).doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      return false;
    } catch {
      return true;
    }
  };
  let total = 0;
  visit(locate(text).doc, { Alias: () => void total++ });
  let [low, high] = [0, total];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (passes(mid)) high = mid;
    else low = mid + 1;
  }
  return aliasesKept(low).last;
}

function rangeStart(node: unknown): number | undefined {
  if (yaml().isPair(node)) return rangeStart(node.key);
  return (node as Node | null)?.range?.[0];
}

/** What a YAML parser error means for someone writing a pack, by the parser's error code. */
const SYNTAX_MESSAGES: Partial<Record<YAMLError['code'], [message: string, hint: string]>> = {
  BAD_INDENT: ['the indentation here does not line up', 'keys of one mapping, and items of one list, start in the same column'],
  BLOCK_AS_IMPLICIT_KEY: ['the indentation here does not line up', 'a "- item" line belongs under a key, indented like the other items of its list'],
  MULTILINE_IMPLICIT_KEY: ['the indentation here does not line up', 'each "key: value" starts on its own line, in the column of its sibling keys'],
  MISSING_CHAR: ['something is not closed here', 'close every [ with ], { with } and quote with the same quote'],
  TAB_AS_INDENT: ['a tab indents this line', 'indent with spaces only'],
  BAD_SCALAR_START: ['this value starts with a character YAML reserves', 'quote the value ("@…", "`…", "%…")'],
  UNEXPECTED_TOKEN: ['YAML cannot read this', 'check the indentation and quoting around this place'],
  MULTIPLE_DOCS: ['a second YAML document starts here ("---"); a pack or config is one document', 'remove the "---" line, and move what follows it into the mapping above'],
};

/**
 * A phrase placeholder ({*}, {*25}, {n}, {太|很}) written outside quotes on the line of a syntax error: YAML reads its { as the
 * start of a mapping (phrases: [什么{*}事] is "something is not closed"), so the phrase must be quoted.
 */
function unquotedPlaceholder(text: string, lines: LineCounter, line: number): string | undefined {
  const start = lines.lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = lines.lineStarts[line] ?? text.length;
  const unquoted = text.slice(start, end).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '');
  return /\{(?:\*\d*|n|[^{}]*\|[^{}]*)\}/.test(unquoted) ? 'quote a phrase that holds a placeholder: ["什么{*}事"] (YAML reads an unquoted { as the start of a mapping)' : undefined;
}

/**
 * One mistake in a YAML file confuses the parser about everything after it, so only the first syntax error is
 * reported (with its line and column and our reading of it); duplicate keys are independent and all reported.
 */
function syntaxIssues(file: string, errors: readonly YAMLError[], lines: LineCounter, text: string): ConfigIssue[] {
  const at = (e: YAMLError): { line: number; column: number } => {
    const pos = lines.linePos(e.pos[0]);
    return { line: pos.line, column: pos.col };
  };
  const syntax = errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (syntax.length) {
    const first = syntax.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    // Compact mappings: "key: value" followed by a line indented deeper, which YAML reads as the value going on.
    const nested = /Nested mappings are not allowed in compact mappings/.test(first.message);
    const [message, hint] = nested
      ? ['the next line is indented deeper than this key, as if it belonged to its value', 'indent the next line like this key, or move this value onto its own lines']
      : SYNTAX_MESSAGES[first.code] ?? ['YAML cannot read this', 'check the indentation and quoting around this place'];
    const where = at(first);
    return [{ file, ...where, message: `YAML syntax error: ${message}`, hint: unquotedPlaceholder(text, lines, where.line) ?? hint }];
  }
  return errors.map((e) => ({ file, ...at(e), message: 'duplicate key: each rule, phrase set and key may appear once', hint: 'rename or merge the two entries' }));
}
