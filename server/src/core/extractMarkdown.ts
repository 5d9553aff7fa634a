// Markdown standard → StandardModel: front matter via YAML, measures from headings, coverage
// markers and CSF references from the text of each measure's section.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, Heading } from 'mdast';
import type { Finding, Measure, Ref, StandardModel } from './model.js';
import { LineIndex } from './text.js';
import { parseYaml, type YamlSource } from './yamlSource.js';
import { validateSchema } from './schema.js';
import { readHeader, listInsertPoint } from './frontMatterShared.js';
import { CSF_ID_PATTERN } from './csf.js';
import { csfFindings } from './extractCatalog.js';
import { HEADING_ID, REFERENCE_SHAPE } from './ids.js';
import { strengthOf } from './strength.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

export interface FrontMatter {
  source: YamlSource;
  /** Offsets of the whole block, fences included. */
  start: number;
  end: number;
  /** Offset where the closing fence starts (insertion point for new keys). */
  closeStart: number;
}

export interface MarkdownExtraction {
  frontMatter?: FrontMatter;
  findings: Finding[];
  tree: Root;
}

export function parseMarkdown(text: string, lines: LineIndex): MarkdownExtraction {
  const findings: Finding[] = [];
  const tree = parser.parse(limitNesting(text, lines, findings)) as Root;
  const first = tree.children[0];
  if (first?.type === 'yaml' && first.position?.start.offset === 0) {
    const start = 0;
    const end = first.position.end.offset ?? 0;
    const base = text.indexOf('\n') + 1;
    const closeStart = lines.lineStart(lines.positionAt(end).line);
    const source = parseYaml(text.slice(base, closeStart), base, lines);
    findings.push(...source.findings);
    return { frontMatter: { source, start, end, closeStart }, findings, tree };
  }
  if (/^---[ \t]*\r?\n/.test(text)) {
    findings.push({ code: 'syntax', range: lines.range(0, 3), message: 'unterminatedFrontMatter' });
  }
  return { findings, tree };
}

/** Deepest list or block quote nesting on one line that is parsed as such. */
export const MAX_LINE_NESTING = 32;
const CONTAINER_MARKER = /[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t\r\n]|$))/y;

/**
 * The Markdown parser takes time quadratic in the nesting opened on one line, so a 20 kB line of
 * `- - - …` holds the server for minutes. Markers past MAX_LINE_NESTING are replaced by no-break
 * spaces (one UTF-16 unit each, so every offset stays right) and read as plain text, with a
 * finding on the line.
 */
function limitNesting(text: string, lines: LineIndex, findings: Finding[]): string {
  let out: string[] | undefined;
  let last = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    const end = lines.lineEnd(line);
    let at = lines.lineStart(line);
    let depth = 0;
    for (CONTAINER_MARKER.lastIndex = at; at < end && CONTAINER_MARKER.test(text); at = CONTAINER_MARKER.lastIndex) {
      if (++depth <= MAX_LINE_NESTING) continue;
      out ??= [];
      out.push(text.slice(last, at), text.slice(at, CONTAINER_MARKER.lastIndex).replace(/[^ \t]/g, '\u00a0'));
      last = CONTAINER_MARKER.lastIndex;
    }
    if (depth > MAX_LINE_NESTING) {
      findings.push({ code: 'syntax', range: lines.range(lines.lineStart(line), end), message: 'markdownTooDeep', args: { depth, max: MAX_LINE_NESTING } });
    }
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** Kind declared in the front matter, if any. */
export function markdownKind(extraction: MarkdownExtraction): unknown {
  const value = extraction.frontMatter?.source.value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).kind : undefined;
}

export function extractMarkdownStandard(text: string, lines: LineIndex, extraction: MarkdownExtraction): { model: StandardModel; findings: Finding[] } {
  const findings: Finding[] = [];
  const fm = extraction.frontMatter;
  if (fm && fm.source.doc && fm.source.doc.errors.length === 0) findings.push(...validateSchema('frontMatter', fm.source));
  const unterminated = extraction.findings.some((f) => f.message === 'unterminatedFrontMatter');
  if (!fm && !unterminated) findings.push({ code: 'schema', range: lines.range(0, 0), message: 'missingFrontMatter' });
  const header = fm ? readHeader(fm.source) : { level: 1, exemptions: [] };
  const bodyStart = fm ? fm.end : 0;
  const skip = skippedRanges(extraction.tree);
  const measures = findMeasures(text, extraction.tree, lines);
  attachMarkers(text, bodyStart, measures, skip, lines);
  attachCsfRefs(text, measures, skip, lines, findings);
  const model: StandardModel = {
    kind: 'standard',
    format: 'markdown',
    ...header,
    measures: measures.map((m) => m.measure),
    headerRange: lines.range(fm?.start ?? 0, fm?.end ?? 0),
    measuresInsert: endInsertPoint(text, lines),
    exemptionsInsert: fm ? listInsertPoint(fm.source, 'exemptions', fm.closeStart) : undefined,
  };
  return { model, findings };
}

interface Section {
  measure: Measure;
  start: number;
  end: number;
  /** Index of the enclosing measure section, or -1. */
  parent: number;
}

function findMeasures(text: string, tree: Root, lines: LineIndex): Section[] {
  const headings = tree.children.filter((n): n is Heading => n.type === 'heading');
  const ends = sectionEnds(headings, text.length);
  const sections: Section[] = [];
  headings.forEach((heading, i) => {
    const start = heading.position?.start.offset ?? 0;
    const label = plainText(heading).trim();
    const match = HEADING_ID.exec(label);
    if (!match) return;
    const id = match[0];
    const idStart = text.indexOf(id, start);
    sections.push({
      start,
      end: ends[i],
      parent: -1,
      measure: {
        id,
        range: lines.range(idStart, idStart + id.length),
        title: label.slice(id.length).replace(/^[\s:：.．、,，-]+/, '').trim(),
        sectionRange: lines.range(start, trimEnd(text, ends[i])),
        covers: [],
        csf: [],
        depth: heading.depth,
        strength: { strength: 'required', source: 'default' },
      },
    });
  });
  linkParents(sections);
  sections.forEach((section, i) => {
    // A measure's own words: its section up to the first nested measure.
    const next = sections[i + 1];
    const end = next && next.parent === i ? next.start : section.end;
    section.measure.strength = strengthOf(text.slice(section.start, end));
  });
  return sections;
}

function linkParents(sections: Section[]): void {
  const open: number[] = [];
  sections.forEach((section, i) => {
    while (open.length > 0 && sections[open[open.length - 1]].end <= section.start) open.pop();
    section.parent = open.length > 0 ? open[open.length - 1] : -1;
    open.push(i);
  });
}

/** A section ends where the next heading of the same or a higher level starts. */
function sectionEnds(headings: Heading[], textEnd: number): number[] {
  const ends = new Array<number>(headings.length).fill(textEnd);
  const open: number[] = [];
  headings.forEach((heading, i) => {
    while (open.length > 0 && headings[open[open.length - 1]].depth >= heading.depth) {
      ends[open.pop() as number] = heading.position?.start.offset ?? textEnd;
    }
    open.push(i);
  });
  return ends;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function plainText(heading: Heading): string {
  let text = '';
  preorder(heading, (node) => {
    if ('value' in node && typeof node.value === 'string') text += node.value;
    return true;
  });
  return text;
}

/** Code blocks and inline code: ids written there are quoted, not meant. */
function skippedRanges(tree: Root): [number, number][] {
  const out: [number, number][] = [];
  preorder(tree, (node) => {
    if (node.type !== 'code' && node.type !== 'inlineCode') return true;
    out.push([node.position?.start.offset ?? 0, node.position?.end.offset ?? 0]);
    return false;
  });
  return out;
}

/**
 * Visits nodes in document order; `visit` returns false to skip a node's children. Iterative,
 * because lists and block quotes nest as deep as the author types (`- - - …` 10,000 times) and
 * a recursive walk overflows the stack.
 */
function preorder(root: Root | Heading, visit: (node: Root | RootContent) => boolean): void {
  const stack: (Root | RootContent)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Root | RootContent;
    if (!visit(node) || !('children' in node)) continue;
    const children = node.children as RootContent[];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Ranges are in document order and do not overlap, so a binary search finds the candidate. */
function isSkipped(offset: number, skip: [number, number][]): boolean {
  const i = lastStartingAtOrBefore(skip, offset, (r) => r[0]);
  return i >= 0 && offset < skip[i][1];
}

/** The innermost measure section containing an offset. */
function sectionAt(sections: Section[], offset: number): Section | undefined {
  let i = lastStartingAtOrBefore(sections, offset, (s) => s.start);
  while (i >= 0 && offset >= sections[i].end) i = sections[i].parent;
  return i >= 0 ? sections[i] : undefined;
}

function lastStartingAtOrBefore<T>(items: T[], offset: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (startOf(items[mid]) <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

const MARKER_LINE = /^[ \t]*(?:[-*+>][ \t]*)*(?:\*\*|__)?(covers|対応)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?/i;
const MARKER_COMMENT = /<!--[ \t]*(?:covers|対応)[ \t]*[:：]([\s\S]*?)-->/gi;

function attachMarkers(text: string, bodyStart: number, sections: Section[], skip: [number, number][], lines: LineIndex): void {
  if (sections.length === 0) return;
  const first = lines.positionAt(Math.max(bodyStart, sections[0].start)).line;
  for (let line = first; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const match = MARKER_LINE.exec(text.slice(start, end));
    if (!match || isSkipped(start + match.index, skip)) continue;
    const section = sectionAt(sections, start);
    if (section) section.measure.covers.push(...markerIds(text, start + match[0].length, end, lines));
  }
  MARKER_COMMENT.lastIndex = bodyStart;
  for (let m = MARKER_COMMENT.exec(text); m; m = MARKER_COMMENT.exec(text)) {
    if (isSkipped(m.index, skip)) continue;
    const section = sectionAt(sections, m.index);
    const idsStart = m.index + m[0].length - 3 - m[1].length;
    if (section) section.measure.covers.push(...markerIds(text, idsStart, idsStart + m[1].length, lines));
  }
}

/** Ids after a marker key, separated by `,` `、` `，` or spaces; stops at the first non-id word. */
export function markerIds(text: string, start: number, end: number, lines: LineIndex): Ref[] {
  const refs: Ref[] = [];
  const token = /[^\s,、，]+/g;
  const slice = text.slice(start, end);
  for (let m = token.exec(slice); m; m = token.exec(slice)) {
    const word = m[0].replace(/[.。;；:：*_]+$/, '');
    if (!REFERENCE_SHAPE.test(word)) break;
    const s = start + m.index;
    refs.push({ id: word, range: lines.range(s, s + word.length) });
  }
  return refs;
}

function attachCsfRefs(text: string, sections: Section[], skip: [number, number][], lines: LineIndex, findings: Finding[]): void {
  for (const section of sections) {
    const pattern = new RegExp(CSF_ID_PATTERN.source, 'g');
    const slice = text.slice(section.start, section.end);
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      const offset = section.start + m.index;
      if (isSkipped(offset, skip) || sectionAt(sections, offset) !== section) continue;
      section.measure.csf.push({ id: m[0], range: lines.range(offset, offset + m[0].length) });
    }
    findings.push(...csfFindings(section.measure.csf));
  }
}

function endInsertPoint(text: string, lines: LineIndex): StandardModel['measuresInsert'] {
  const position = lines.positionAt(text.length);
  return { position, indent: '', needsKey: false, needsLeadingNewline: position.character > 0 };
}
