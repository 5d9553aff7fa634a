// A measure's own words, for the engine: its heading and body as the author wrote them, minus
// what is not prose: coverage markers, ids, link targets, YAML keys. Computed from the file's text
// and the model's ranges, so the extractor needs no change and models stay small.
import type { Measure, StandardModel } from '../model.js';
import { LineIndex } from '../text.js';
import { CSF_ID_PATTERN } from '../csf.js';

export interface MeasureTextOptions {
  /** Keep the CSF ids the measure cites (they are part of its text); off for a bench of prose alone. */
  keepCsf?: boolean;
}

/** The text of every measure of a standard, by measure (same order as the model). */
export function measureTexts(model: StandardModel, text: string, options: MeasureTextOptions = {}): string[] {
  const lines = new LineIndex(text);
  const starts = model.measures.map((m) => lines.offsetAt(m.sectionRange.start)).sort((a, b) => a - b);
  return model.measures.map((m) => measureText(m, lines, starts, model.format, options));
}

function measureText(measure: Measure, lines: LineIndex, starts: number[], format: 'markdown' | 'yaml', options: MeasureTextOptions): string {
  const start = lines.offsetAt(measure.sectionRange.start);
  let end = lines.offsetAt(measure.sectionRange.end);
  // A measure nested in this one's section (a sub-heading with its own id) has its own text.
  for (const s of starts) if (s > start && s < end) end = s;
  if (measure.covers.length === 0) return clean(lines.text.slice(start, end), measure.id, format, options);
  const markerLines = new Set(measure.covers.map((r) => r.range.start.line));
  const first = measure.sectionRange.start.line;
  const last = lines.positionAt(end).line;
  const kept: string[] = [];
  for (let line = first; line <= last; line++) {
    if (markerLines.has(line)) continue;
    const from = Math.max(start, lines.lineStart(line));
    const to = Math.min(end, lines.lineEnd(line));
    if (to > from) kept.push(lines.text.slice(from, to));
  }
  return clean(kept.join('\n'), measure.id, format, options);
}

/** Ids shaped like controls or measures (`BL-PR-01`), but not the tail of a CSF id (`PR.AA-03`). */
const ID_TOKEN = /(?<![A-Za-z0-9_.-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![A-Za-z0-9_-])/g;

function clean(raw: string, measureId: string, format: 'markdown' | 'yaml', options: MeasureTextOptions): string {
  let s = raw;
  if (format === 'yaml') s = s.replace(/^[ \t]*(?:-[ \t]+)?[A-Za-z][\w-]*:[ \t]*(?:[|>][-+]?)?/gm, ' ');
  if (measureId && s.includes(measureId)) s = s.split(measureId).join(' ');
  // Each pattern only runs when its marker is there: this reads every measure of every standard.
  if (s.includes('](')) s = s.replace(/\]\([^)\s]*\)/g, ']');
  if (s.includes('<!--')) s = s.replace(/<!--[\s\S]*?-->/g, ' ');
  if (s.includes('http')) s = s.replace(/https?:\/\/\S+/g, ' ');
  if (options.keepCsf === false) s = s.replace(new RegExp(CSF_ID_PATTERN.source, 'g'), ' ');
  return /[A-Z]/.test(s) ? s.replace(ID_TOKEN, ' ') : s;
}
