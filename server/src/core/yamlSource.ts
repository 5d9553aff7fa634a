// YAML parsing with source positions. Front matter is parsed on its own and shifted by the
// offset where it starts, so every range points into the original file.
import { parseDocument, isMap, isSeq, isScalar, isPair, isNode, type Document, type Node, type Pair, type ErrorCode } from 'yaml';
import type { Finding } from './model.js';
import type { MessageId } from './messages.js';
import type { LineIndex, Range } from './text.js';

export type PathSegment = string | number;

export interface YamlSource {
  doc: Document.Parsed | undefined;
  value: unknown;
  findings: Finding[];
  /** Offset of the YAML text inside the file. */
  base: number;
  lines: LineIndex;
}

const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, base: number, lines: LineIndex): YamlSource {
  const source: YamlSource = { doc: undefined, value: undefined, findings: [], base, lines };
  let doc: Document.Parsed;
  try {
    // logLevel 'error': the yaml package would otherwise print warnings about workspace content to stderr.
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  } catch (err) {
    // yaml < 2.8.3 threw RangeError on deep nesting; keep the guard for any other engine fault.
    source.findings.push(syntaxFinding(lines.range(base, base + Math.min(text.length, 1)), errorText(err)));
    return source;
  }
  source.doc = doc;
  for (const error of doc.errors) {
    // An error at the very end (an unclosed bracket) reads better on the last written character.
    const start = Math.min(error.pos[0], lastContentOffset(text));
    const end = Math.max(error.pos[1], start + 1);
    const range = lines.range(base + start, base + Math.max(end, start + 1));
    const id: (typeof YAML_ERRORS)[ErrorCode] | undefined = YAML_ERRORS[error.code];
    source.findings.push(id ? { code: 'syntax', range, message: id } : syntaxFinding(range, firstLine(error.message)));
  }
  if (doc.errors.length > 0) return source;
  try {
    source.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const isAliasBomb = /alias/i.test(errorText(err));
    const range = lines.range(base, base + Math.min(text.length, 1));
    source.findings.push(isAliasBomb ? { code: 'syntax', range, message: 'tooManyAliases' } : syntaxFinding(range, errorText(err)));
  }
  return source;
}

/** Kijun's own wording for each error kind of the yaml package; `syntax` (English detail) otherwise. */
const YAML_ERRORS = {
  ALIAS_PROPS: 'yamlAliasProps',
  BAD_ALIAS: 'yamlBadAlias',
  BAD_DIRECTIVE: 'yamlBadDirective',
  BAD_DQ_ESCAPE: 'yamlBadDqEscape',
  BAD_INDENT: 'yamlBadIndent',
  BAD_PROP_ORDER: 'yamlBadPropOrder',
  BAD_SCALAR_START: 'yamlBadScalarStart',
  BLOCK_AS_IMPLICIT_KEY: 'yamlBlockAsImplicitKey',
  BLOCK_IN_FLOW: 'yamlBlockInFlow',
  DUPLICATE_KEY: 'yamlDuplicateKey',
  IMPOSSIBLE: 'yamlImpossible',
  KEY_OVER_1024_CHARS: 'yamlKeyOver1024Chars',
  MISSING_CHAR: 'yamlMissingChar',
  MULTILINE_IMPLICIT_KEY: 'yamlMultilineImplicitKey',
  MULTIPLE_ANCHORS: 'yamlMultipleAnchors',
  MULTIPLE_DOCS: 'yamlMultipleDocs',
  MULTIPLE_TAGS: 'yamlMultipleTags',
  NON_STRING_KEY: 'yamlNonStringKey',
  RESOURCE_EXHAUSTION: 'yamlResourceExhaustion',
  TAB_AS_INDENT: 'yamlTabAsIndent',
  TAG_RESOLVE_FAILED: 'yamlTagResolveFailed',
  UNEXPECTED_TOKEN: 'yamlUnexpectedToken',
  BAD_COLLECTION_TYPE: 'yamlBadCollectionType',
} as const satisfies Record<ErrorCode, MessageId>;

function lastContentOffset(text: string): number {
  let i = text.length;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return Math.max(0, i - 1);
}

function syntaxFinding(range: Range, detail: string): Finding {
  return { code: 'syntax', range, message: 'syntax', args: { detail } };
}

function errorText(err: unknown): string {
  return firstLine(err instanceof Error ? err.message : String(err));
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0].trim();
}

/** The node at a path, or the deepest existing ancestor. */
export function nodeAt(source: YamlSource, path: readonly PathSegment[]): { node: Node | undefined; pair?: Pair; exact: boolean } {
  let node: unknown = source.doc?.contents ?? undefined;
  let pair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    let next: unknown;
    let nextPair: Pair | undefined;
    if (isMap(node)) {
      nextPair = node.items.find((p) => isScalar(p.key) ? String(p.key.value) === String(segment) : false);
      next = nextPair?.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!isNode(next)) {
      return { node: isNode(node) ? node : undefined, pair: nextPair ?? pair, exact: false };
    }
    node = next;
    pair = nextPair;
  }
  return { node: isNode(node) ? node : undefined, pair, exact: true };
}

/** Range of the value at a path (or of its key when asked), falling back to the nearest ancestor. */
export function rangeAt(source: YamlSource, path: readonly PathSegment[], which: 'value' | 'key' = 'value'): Range {
  const { node, pair, exact } = nodeAt(source, path);
  if (which === 'key' && exact && pair && isNode(pair.key) && pair.key.range) return nodeRange(source, pair.key);
  if (exact && node?.range) return nodeRange(source, node);
  if (pair && isNode(pair.key) && pair.key.range) return nodeRange(source, pair.key);
  if (node?.range) return firstLineOf(source, nodeRange(source, node));
  return source.lines.range(source.base, source.base);
}

/** Range of a map key itself. */
export function keyRange(source: YamlSource, path: readonly PathSegment[], key: string): Range | undefined {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isNode(pair.key) ? nodeRange(source, pair.key) : undefined;
}

export function nodeRange(source: YamlSource, node: Node): Range {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  return source.lines.range(source.base + start, source.base + valueEnd);
}

function firstLineOf(source: YamlSource, range: Range): Range {
  if (range.start.line === range.end.line) return range;
  const end = source.lines.lineEnd(range.start.line);
  return { start: range.start, end: source.lines.positionAt(end) };
}

/** Offset just after the value of a top-level key, or undefined when absent. */
export function topLevelPair(source: YamlSource, key: string): Pair | undefined {
  const contents = source.doc?.contents;
  if (!isMap(contents)) return undefined;
  return contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function isPairNode(value: unknown): value is Pair {
  return isPair(value);
}

/** Offsets of a scalar's source text (quotes and block indicators included), when the path names one exactly. */
export function scalarSourceRange(source: YamlSource, path: (string | number)[]): { start: number; end: number } | undefined {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isScalar(node) || !node.range) return undefined;
  return { start: source.base + node.range[0], end: source.base + node.range[1] };
}
