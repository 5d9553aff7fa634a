// A parsed OSCAL document with source positions, whatever it was written in. JSON and XML are
// parsed into the same JSON-shaped value (the OSCAL JSON model) plus a tree of offsets, so that
// schema errors (JSON pointers) and model ranges map back to lines and columns in either form.
import type { Finding } from '../model.js';
import type { LineIndex, Range } from '../text.js';
import type { PathSegment } from '../yamlSource.js';

/** Offsets of one value of the document, and of the key (or element name) that holds it. */
export interface PosNode {
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
  /** Members of an object (by key) or items of an array. */
  children?: Map<string, PosNode> | PosNode[];
}

export type OscalFormat = 'json' | 'xml' | 'yaml';

export interface OscalSource {
  format: OscalFormat;
  /** The document as the OSCAL JSON model; undefined when it could not be read at all. */
  value: unknown;
  /** Syntax findings; when there are any, `value` is undefined. */
  findings: Finding[];
  lines: LineIndex;
  /** XML only: the namespace of the root element. */
  rootNamespace?: string;
  rangeAt(path: readonly PathSegment[], which?: 'value' | 'key'): Range;
}

/** Builds `rangeAt` over a PosNode tree, with the fallbacks of yamlSource.rangeAt. */
export function treeRanges(root: PosNode | undefined, lines: LineIndex): OscalSource['rangeAt'] {
  return (path, which = 'value') => {
    if (!root) return lines.range(0, 0);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const next = child(node, path[i]);
      if (!next) {
        // The deepest existing ancestor: its key when it has one, else its first line.
        if (node.keyStart !== undefined && node !== root) return lines.range(node.keyStart, node.keyEnd ?? node.keyStart);
        return firstLine(lines, node.start, node.end);
      }
      node = next;
    }
    if (which === 'key') return node.keyStart !== undefined ? lines.range(node.keyStart, node.keyEnd ?? node.keyStart) : firstLine(lines, node.start, node.end);
    return lines.range(node.start, node.end);
  };
}

function child(node: PosNode, segment: PathSegment): PosNode | undefined {
  const c = node.children;
  if (!c) return undefined;
  if (Array.isArray(c)) return typeof segment === 'number' ? c[segment] : undefined;
  return c.get(String(segment));
}

function firstLine(lines: LineIndex, start: number, end: number): Range {
  const s = lines.positionAt(start);
  const lineEnd = lines.lineEnd(s.line);
  return lines.range(start, Math.min(end, Math.max(lineEnd, start)));
}
