// What a Markdown measure says about itself on lines of its own: where it applies
// (`Scope:` / `適用範囲:`), when it takes effect (`Effective:` / `施行:`), and its strength
// (its wording, a `Strength:` line, or the heading of the section it stands in).
//
// The Markdown extractor calls `applyMeasureFacts` once per measure with the measure's own text
// (its section up to the first nested measure); YAML measures use `yamlMeasureFacts`.
import type { LocatedScope, Measure, WrittenDate } from './model.js';
import type { LineIndex } from './text.js';
import { strengthOf, headingStrength, type StrengthContext, type StrengthInfo } from './strength.js';
import { SCOPE_LINE, readScopeLine, readYamlScope } from './scope.js';
import { readDate } from './dates.js';
import type { YamlSource } from './yamlSource.js';
import { scalarSourceRange } from './yamlSource.js';

/** Scope and date are set only when written (so models compare equal after a JSON round trip). */
export interface MeasureFacts {
  strength: StrengthInfo;
  scope?: LocatedScope;
  effective?: WrittenDate;
}

export const EFFECTIVE_LINE = /^[ \t]*(?:[-*+][ \t]*)*(?:\*\*|__)?(effective|施行日?)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FACT_KEY = /scope|適用範囲|effective|施行/i;

/**
 * Facts of one measure. `own` is the measure's own text, which starts at offset `start` of the
 * document that `lines` indexes; `context` is the strength its section heading gives (see
 * `strengthContext`).
 */
export function measureFacts(own: string, start: number, lines: LineIndex, context?: StrengthContext): MeasureFacts {
  const facts: MeasureFacts = { strength: strengthOf(own, undefined, context) };
  // Most measures have neither line: skip the line-by-line reading.
  if (!FACT_KEY.test(own)) return facts;
  let scope: LocatedScope | undefined;
  let effective: WrittenDate | undefined;
  let fence: string | undefined;
  let at = 0;
  for (const line of own.split(/(?<=\r\n|\r(?!\n)|\n)/)) {
    const lineStart = start + at;
    at += line.length;
    const content = line.replace(/\r?\n$|\r$/, '');
    const f = FENCE.exec(content);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    const s = SCOPE_LINE.exec(content);
    if (s) {
      const read = readScopeLine(lines.text, lineStart + s[0].length, lineStart + content.length, lines);
      scope = scope ? merged(scope, read) : read;
      continue;
    }
    const e = EFFECTIVE_LINE.exec(content);
    if (e && !effective) effective = writtenDate(lines, lineStart + e[0].length, content.slice(e[0].length));
  }
  if (scope) facts.scope = scope;
  if (effective) facts.effective = effective;
  return facts;
}

function merged(a: LocatedScope, b: LocatedScope): LocatedScope {
  const out: LocatedScope = { entries: [...a.entries, ...b.entries], range: a.range };
  const problems = [...(a.problems ?? []), ...(b.problems ?? [])];
  if (problems.length > 0) out.problems = problems;
  return out;
}

/**
 * Sets a Markdown measure's strength, scope and effective date from its own text (offsets
 * `start`..`end` of the document). Problems are kept on the model and reported by the analysis.
 */
export function applyMeasureFacts(measure: Measure, text: string, start: number, end: number, lines: LineIndex): void {
  const facts = measureFacts(text.slice(start, end), start, lines, strengthContext(text, start));
  measure.strength = facts.strength;
  if (facts.scope) measure.scope = facts.scope;
  if (facts.effective) measure.effective = facts.effective;
}

/** The date at the start of `value` (which starts at `offset`); `problem` says when it is not one. */
export function writtenDate(lines: LineIndex, offset: number, value: string): WrittenDate {
  // Emphasis marks become spaces of the same length, so offsets stay right.
  const cleaned = value.replace(/\*\*|__/g, '  ');
  const token = /^[^\s(（]+/.exec(cleaned.trimStart());
  const lead = cleaned.length - cleaned.trimStart().length;
  const written = token?.[0].replace(/[。.、,]+$/, '') ?? '';
  const range = lines.range(offset + lead, offset + lead + Math.max(written.length, 0));
  const read = readDate(written);
  return read.ok ? { date: read.date, text: written, range } : { date: '', text: written, range, problem: read.reason };
}

/** A YAML measure's scope and effective date (`scope:`, `effective:`), and its strength. */
export function yamlMeasureFacts(source: YamlSource, path: (string | number)[], raw: Record<string, unknown>, declared?: string): MeasureFacts {
  const facts: MeasureFacts = { strength: strengthOf(typeof raw.text === 'string' ? raw.text : '', declared) };
  const scope = readYamlScope(source, [...path, 'scope']);
  const effective = yamlDate(source, [...path, 'effective'], raw.effective);
  if (scope) facts.scope = scope;
  if (effective) facts.effective = effective;
  return facts;
}

/** A date-valued YAML key (`effective:` of a standard or measure), as written. */
export function yamlDate(source: YamlSource, path: (string | number)[], value: unknown): WrittenDate | undefined {
  if (typeof value !== 'string') return undefined;
  const span = scalarSourceRange(source, path);
  if (!span) return undefined;
  const raw = source.lines.text.slice(span.start, span.end);
  const quoted = /^["']/.test(raw) ? 1 : 0;
  const range = source.lines.range(span.start + quoted, span.end - quoted);
  const read = readDate(value);
  return read.ok ? { date: read.date, text: value, range } : { date: '', text: value, range, problem: read.reason };
}

// Headings of the last text seen, so that a document's measures share one scan.
let headingCache: { text: string; headings: HeadingLine[] } | undefined;

interface HeadingLine {
  offset: number;
  /** End of the heading's line. */
  end: number;
  depth: number;
  text: string;
}

/**
 * The strength the section a measure stands in gives it: the nearest enclosing heading (of a
 * lower depth than the measure's own heading at `sectionStart`) whose words set a strength, such
 * as 【対応が望ましい事項】, 推奨事項 or "Recommended practices".
 */
export function strengthContext(text: string, sectionStart: number): StrengthContext | undefined {
  const headings = headingLines(text);
  let i = lastAtOrBefore(headings, sectionStart);
  if (i < 0) return undefined;
  const own = sectionStart < headings[i].end;
  let depth = own ? headings[i].depth : 7;
  if (own) i--;
  for (; i >= 0 && depth > 1; i--) {
    const h = headings[i];
    if (h.depth >= depth) continue;
    depth = h.depth;
    const strength = headingStrength(h.text);
    if (strength) return { strength, heading: h.text };
  }
  return undefined;
}

function headingLines(text: string): HeadingLine[] {
  if (headingCache?.text === text) return headingCache.headings;
  const headings: HeadingLine[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (const line of text.split(/(?<=\r\n|\r(?!\n)|\n)/)) {
    const content = line.replace(/\r?\n$|\r$/, '');
    const f = FENCE.exec(content);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
    } else if (f) fence = f[1];
    else {
      const h = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(content);
      if (h) headings.push({ offset, end: offset + content.length, depth: h[1].length, text: (h[2] ?? '').replace(/[*_`]/g, '').trim() });
    }
    offset += line.length;
  }
  headingCache = { text, headings };
  return headings;
}

function lastAtOrBefore(headings: HeadingLine[], offset: number): number {
  let low = 0;
  let high = headings.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (headings[mid].offset <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
