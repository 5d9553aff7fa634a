// Markdown standard → StandardModel: front matter via YAML, measures from headings, coverage
// markers and CSF references from the text of each measure's section.
import type { Finding, Measure, Ref, StandardModel } from './model.js';
import { LineIndex } from './text.js';
import { parseYaml, rangeAt, type YamlSource } from './yamlSource.js';
import { validateSchema } from './schema.js';
import { readHeader, listInsertPoint } from './frontMatterShared.js';
import { markdownMeasuresInsert } from './insertPoints.js';
import { CSF_ID_PATTERN } from './csf.js';
import { csfFindings } from './extractCatalog.js';
import { readMarkerTokens } from './markers.js';
import { DEFAULT_LABEL_FORMS, labelProblemMessage, matchLabel, parseLabelForms, widthFold, type LabelForm } from './labels.js';
import { applyMeasureFacts } from './measureFacts.js';
import { scanMarkdown, type Layout, type LayoutHeading } from './markdownBlocks.js';
import { append } from './arrays.js';

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
  layout: Layout;
}

/** `scan` is the block scanner; the differential test passes the remark-based oracle instead. */
export function parseMarkdown(text: string, lines: LineIndex, scan: (text: string) => Layout = scanMarkdown): MarkdownExtraction {
  const findings: Finding[] = [];
  const layout = scan(limitNesting(text, lines, findings));
  if (layout.frontMatter) {
    const start = 0;
    const end = layout.frontMatter.end;
    const base = text.indexOf('\n') + 1;
    const closeStart = lines.lineStart(lines.positionAt(end).line);
    const source = parseYaml(text.slice(base, closeStart), base, lines);
    append(findings, source.findings);
    return { frontMatter: { source, start, end, closeStart }, findings, layout };
  }
  if (/^---[ \t]*\r?\n/.test(text)) {
    findings.push({ code: 'syntax', range: lines.range(0, 3), message: 'unterminatedFrontMatter' });
  }
  return { findings, layout };
}

/** Deepest list or block quote nesting on one line that is parsed as such. */
export const MAX_LINE_NESTING = 32;
const CONTAINER_MARKER = /[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t\r\n]|$))/y;

/**
 * remark, the reference the scanner is held to, takes time quadratic in the nesting opened on one
 * line (a 20 kB line of `- - - …` held the server for minutes), and the container stack of the
 * scanner grows with it. Markers past MAX_LINE_NESTING are replaced by no-break
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

export interface MarkdownOptions {
  /** `measureLabels` of kijun.yaml; the front matter's own list wins. */
  measureLabels?: readonly string[];
}

export function extractMarkdownStandard(text: string, lines: LineIndex, extraction: MarkdownExtraction, options: MarkdownOptions = {}): { model: StandardModel; findings: Finding[] } {
  const findings: Finding[] = [];
  const fm = extraction.frontMatter;
  if (fm && fm.source.doc && fm.source.doc.errors.length === 0) append(findings, validateSchema('frontMatter', fm.source));
  const unterminated = extraction.findings.some((f) => f.message === 'unterminatedFrontMatter');
  if (!fm && !unterminated) findings.push({ code: 'schema', range: lines.range(0, 0), message: 'missingFrontMatter' });
  const header = fm ? readHeader(fm.source) : { level: 1, exemptions: [] };
  const forms = (fm ? frontMatterLabelForms(fm.source, findings) : undefined)
    ?? (options.measureLabels ? parseLabelForms(options.measureLabels).forms : DEFAULT_LABEL_FORMS);
  const bodyStart = fm ? fm.end : 0;
  const layout = extraction.layout;
  const measures = findMeasures(text, layout.headings, lines, forms);
  const markers = { sections: measures, headings: layout.headings, skip: layout.skip, nested: layout.nested, lines, findings };
  attachMarkerLines(text, bodyStart, markers);
  attachMarkerComments(text, layout.comments, markers);
  attachCsfRefs(text, measures, layout.skip, lines, findings);
  const model: StandardModel = {
    kind: 'standard',
    format: 'markdown',
    ...header,
    measures: measures.map((m) => m.measure),
    headerRange: lines.range(fm?.start ?? 0, fm?.end ?? 0),
    measuresInsert: markdownMeasuresInsert(text, lines),
    exemptionsInsert: fm ? listInsertPoint(fm.source, 'exemptions', fm.closeStart) : undefined,
  };
  return { model, findings };
}

/** The front matter's `measureLabels`, when it has one; unusable patterns are located findings. */
function frontMatterLabelForms(source: YamlSource, findings: Finding[]): LabelForm[] | undefined {
  const value = source.value && typeof source.value === 'object' ? (source.value as Record<string, unknown>).measureLabels : undefined;
  if (!Array.isArray(value)) return undefined;
  const { forms, problems } = parseLabelForms(value);
  for (const p of problems) {
    findings.push({ code: 'schema', range: rangeAt(source, ['measureLabels', p.index]), ...labelProblemMessage(p, String(value[p.index])) });
  }
  return forms;
}

interface Section {
  measure: Measure;
  start: number;
  end: number;
  /** Index of the enclosing measure section, or -1. */
  parent: number;
}

function findMeasures(text: string, headings: LayoutHeading[], lines: LineIndex, forms: readonly LabelForm[]): Section[] {
  const ends = sectionEnds(headings, text.length);
  const sections: Section[] = [];
  headings.forEach((heading, i) => {
    const start = heading.start;
    const plain = heading.text;
    const found = matchLabel(plain, forms);
    if (!found) return;
    const idStart = locateLabel(text, start, heading.end, plain.slice(found.start, found.end));
    sections.push({
      start,
      end: ends[i],
      parent: -1,
      measure: {
        id: found.label,
        range: lines.range(idStart, idStart + (found.end - found.start)),
        title: plain.slice(found.end).replace(/^[\s:：.．、,，\-－]+/, '').trim(),
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
    applyMeasureFacts(section.measure, text, section.start, end, lines);
  });
  return sections;
}

/** Where the label's text sits in the heading's source (emphasis marks may precede it). */
function locateLabel(text: string, start: number, end: number, written: string): number {
  const at = widthFold(text.slice(start, end)).indexOf(widthFold(written));
  return at >= 0 ? start + at : start;
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
function sectionEnds(headings: LayoutHeading[], textEnd: number): number[] {
  const ends = new Array<number>(headings.length).fill(textEnd);
  const open: number[] = [];
  headings.forEach((heading, i) => {
    while (open.length > 0 && headings[open[open.length - 1]].depth >= heading.depth) {
      ends[open.pop() as number] = heading.start;
    }
    open.push(i);
  });
  return ends;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
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

interface MarkerContext {
  sections: Section[];
  headings: LayoutHeading[];
  skip: [number, number][];
  nested: [number, number][];
  lines: LineIndex;
  findings: Finding[];
}

/** `Covers:` / `対応:` at the start of a line, after list markers and emphasis; the line is width-folded first. */
const MARKER_LINE = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:\*\*|__)?(?:covers|対応)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?/i;
const COMMENT_KEY = /^[ \t]*(?:covers|対応)[ \t]*[:：]/i;

function attachMarkerLines(text: string, bodyStart: number, ctx: MarkerContext): void {
  const first = ctx.lines.positionAt(bodyStart).line + (bodyStart > 0 ? 1 : 0);
  for (let line = first; line < ctx.lines.lineCount; line++) {
    const start = ctx.lines.lineStart(line);
    const end = ctx.lines.lineEnd(line);
    const match = MARKER_LINE.exec(widthFold(text.slice(start, end)));
    if (!match || isSkipped(start + match[0].length - 1, ctx.skip)) continue;
    credit(text, start, start + match[0].length, end, ctx);
  }
}

/**
 * `<!-- covers: … -->`: each comment is read once from its opening to its own closing, so an
 * unclosed `<!--` costs one scan of its node, never a scan to the end of the file per opening.
 */
function attachMarkerComments(text: string, comments: Layout['comments'], ctx: MarkerContext): void {
  for (const node of comments) {
    for (let open = node.value.indexOf('<!--'); open >= 0; ) {
      const close = node.value.indexOf('-->', open + 4);
      if (close < 0) break;
      const body = widthFold(node.value.slice(open + 4, close));
      const key = COMMENT_KEY.exec(body);
      if (key) {
        const idsStart = node.start + open + 4 + key[0].length;
        credit(text, node.start + open, idsStart, node.start + close, ctx);
      }
      open = node.value.indexOf('<!--', close + 3);
    }
  }
}

/** Gives a marker's ids to the measure whose section holds it, or reports it as an orphan. */
function credit(text: string, markerStart: number, idsStart: number, idsEnd: number, ctx: MarkerContext): void {
  const { refs, problems } = readMarkerTokens(text, idsStart, idsEnd, ctx.lines);
  append(ctx.findings, problems);
  const nested = isSkipped(markerStart, ctx.nested);
  const section = nested ? undefined : sectionAt(ctx.sections, markerStart);
  if (section) {
    section.measure.covers.push(...refs);
    return;
  }
  ctx.findings.push({
    code: 'orphan-marker',
    range: ctx.lines.range(markerStart, Math.max(idsEnd, idsStart)),
    message: nested ? 'orphanMarkerNested' : 'orphanMarker',
    args: { ids: refs.map((r) => r.id).join(', ') || '-' },
    // A heading in a list item cannot become a measure, so there is none to label.
    data: nested ? undefined : orphanData(text, markerStart, ctx),
  });
}

/**
 * For the "add a label to the heading" fix: the top-level heading the orphan sits under, found by
 * a binary search of the layout's headings (a scan back per orphan was quadratic in a file of
 * orphan markers).
 */
function orphanData(text: string, offset: number, ctx: MarkerContext): Record<string, unknown> | undefined {
  const i = lastStartingAtOrBefore(ctx.headings, offset, (h) => h.start);
  if (i < 0) return undefined;
  const line = ctx.lines.positionAt(ctx.headings[i].start).line;
  const lead = /^ {0,3}(?:#{1,6}[ \t]+)?/.exec(text.slice(ctx.lines.lineStart(line), ctx.lines.lineEnd(line)));
  return { headingLine: line, labelAt: lead ? lead[0].length : 0 };
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
    append(findings, csfFindings(section.measure.csf));
  }
}
