// Quick-fixes. Every edit only inserts text or replaces exactly the flagged token, so the
// author's own words are never changed.
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import type { CatalogControl, FileAnalysis, StandardModel, InsertPoint, Locale } from '../model.js';
import type { SectorGroup } from '../analyze.js';
import { LineIndex, type Position } from '../text.js';
import { pickText } from '../messages.js';
import { csfUrl } from '../csf.js';
import { groupOf, type ServiceContext } from './context.js';
import { UI } from './ui.js';
import { scopeActions } from './scopeActions.js';
import { documentLanguage } from './documentLanguage.js';
import { measureSegment } from '../ids.js';
import { extractFile, type ExtractOptions } from '../extract.js';
import { openBlockCloser } from '../insertPoints.js';
import { replaceable } from './fixAll.js';
import { nextLabel } from '../labels.js';
import { NOT_CANCELLED, type Cancellation } from '../cancellation.js';

/** Cancelled part-way: no actions. */
export function codeActions(ctx: ServiceContext, path: string, text: string, diagnostics: LspDiagnostic[], token: Cancellation = NOT_CANCELLED): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (token.isCancellationRequested) return [];
    if (diagnostic.source !== 'kijun') continue;
    actions.push(...actionsFor(ctx, path, text, diagnostic));
    actions.push(...scopeActions(ctx, path, text, diagnostic, actions));
  }
  return actions;
}

function actionsFor(ctx: ServiceContext, path: string, text: string, diagnostic: LspDiagnostic): CodeAction[] {
  const data = (diagnostic.data ?? {}) as { control?: string; suggestion?: string; replacedBy?: string; replacements?: string[]; replacement?: string };
  const ui = UI[ctx.locale];
  const uri = ctx.toUri(path);
  const replace = (id: string, preferred: boolean): CodeAction => ({
    title: ui.replaceWith(id), kind: 'quickfix', diagnostics: [diagnostic], isPreferred: preferred,
    edit: { changes: { [uri]: [{ range: diagnostic.range, newText: id }] } },
  });
  if (diagnostic.code !== 'uncovered-control' && !replaceable(text, diagnostic)) return [];
  switch (diagnostic.code) {
    case 'uncovered-control':
      return data.control ? uncoveredActions(ctx, path, text, diagnostic, data.control) : [];
    case 'unknown-control':
    case 'unknown-sector':
      return data.suggestion ? [replace(data.suggestion, true)] : [];
    case 'outdated-baseline':
      return data.replacement ? [{ ...replace(data.replacement, false), title: ui.movePin(data.replacement) }] : [];
    case 'withdrawn-control':
      return data.replacedBy ? [replace(data.replacedBy, true)] : [];
    case 'marker-syntax':
      return data.replacement ? [replace(data.replacement, true)] : [];
    case 'orphan-marker':
      return labelHeadingActions(ctx, path, text, diagnostic);
    case 'unknown-csf':
      return (data.replacements ?? []).map((id, i) => replace(id, i === 0 && (data.replacements ?? []).length === 1));
    default:
      return [];
  }
}

/** Findings whose replacement stands in for the id they are about (`data.control`). */
function uncoveredActions(ctx: ServiceContext, path: string, text: string, diagnostic: LspDiagnostic, controlId: string): CodeAction[] {
  const group = groupOf(ctx.analysis, path);
  const model = ctx.analysis.files.get(path)?.model;
  const control = group?.catalog?.controls.get(controlId);
  if (!group || !control || model?.kind !== 'standard') return [];
  const ui = UI[ctx.locale];
  const uri = ctx.toUri(path);
  const lines = new LineIndex(text);
  const language = documentLanguage(text);
  const check = editCheck(model.format, text, lines, ctx.extract);
  const actions: CodeAction[] = [];
  const measure = model.measuresInsert && measureEdit(model, model.measuresInsert, group, control, language, lines);
  if (measure && verdict(ctx, path, text, 'measure', () => check(measure.edit, (before, after) => addsMeasure(before, after, measure.id, controlId)))) {
    actions.push({
      title: ui.addMeasure(controlId), kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true,
      edit: { changes: { [uri]: [measure.edit] } },
    });
  }
  if (control.exemptable && model.exemptionsInsert) {
    const edit = exemptionEdit(model.exemptionsInsert, control, language, lines.eol);
    if (verdict(ctx, path, text, 'exemption', () => check(edit, (before, after) => addsExemption(before, after, controlId)))) {
      actions.push({ title: ui.addExemption(controlId), kind: 'quickfix', diagnostics: [diagnostic], edit: { changes: { [uri]: [edit] } } });
    }
  }
  return actions;
}

/**
 * Whether the document takes a new measure (or exemption) where its insertion point says. Every
 * uncovered control of a document gets the same kind of edit at the same place, differing only in
 * generated, escaped text, so the first control's edit is checked and the verdict holds for the
 * others; it is kept for the last document because editors ask again and again on the same text,
 * and each check reads the document twice.
 */
function verdict(ctx: ServiceContext, path: string, text: string, kind: 'measure' | 'exemption', check: () => boolean): boolean {
  if (lastVerdicts?.analysis !== ctx.analysis || lastVerdicts.path !== path || lastVerdicts.text !== text) {
    lastVerdicts = { analysis: ctx.analysis, path, text, byKind: new Map() };
  }
  let ok = lastVerdicts.byKind.get(kind);
  if (ok === undefined) {
    ok = check();
    lastVerdicts.byKind.set(kind, ok);
  }
  return ok;
}

/** openBlockCloser of the last document: one scan for all the controls it lacks. */
function closerOf(text: string): string | undefined {
  if (lastCloser?.text !== text) lastCloser = { text, closer: openBlockCloser(text) };
  return lastCloser.closer;
}

let lastCloser: { text: string; closer: string | undefined } | undefined;

let lastVerdicts: { analysis: ServiceContext['analysis']; path: string; text: string; byKind: Map<string, boolean> } | undefined;

/**
 * Reads the document again with an edit applied: the edit is offered only when the document
 * still reads (no new syntax or schema finding) and changed exactly as the action says. Whatever
 * shape the author's text has, a fix that would corrupt it is not offered.
 */
function editCheck(format: StandardModel['format'], text: string, lines: LineIndex, options?: ExtractOptions): (edit: TextEdit, expected: (before: StandardModel, after: StandardModel) => boolean) => boolean {
  const name = format === 'markdown' ? 'quick-fix.md' : 'quick-fix.yaml';
  let before: FileAnalysis | undefined;
  return (edit, expected) => {
    before ??= extractFile(name, text, 'standard', undefined, options);
    const start = lines.offsetAt(edit.range.start);
    const after = extractFile(name, text.slice(0, start) + edit.newText + text.slice(lines.offsetAt(edit.range.end)), 'standard', undefined, options);
    const problems = (a: FileAnalysis) => a.findings.filter((f) => f.code === 'syntax' || f.code === 'schema').length;
    return before.model?.kind === 'standard' && after.model?.kind === 'standard' && problems(after) <= problems(before) && expected(before.model, after.model);
  };
}

function measureKeys(model: StandardModel): string[] {
  return model.measures.map((m) => `${m.id} ${m.covers.map((c) => c.id).join(',')}`);
}

function addsMeasure(before: StandardModel, after: StandardModel, id: string, controlId: string): boolean {
  const added = after.measures[after.measures.length - 1];
  return added?.id === id && added.covers.some((c) => c.id === controlId)
    && JSON.stringify(measureKeys(after).slice(0, -1)) === JSON.stringify(measureKeys(before))
    && JSON.stringify(after.exemptions.map((e) => e.control?.id)) === JSON.stringify(before.exemptions.map((e) => e.control?.id));
}

function addsExemption(before: StandardModel, after: StandardModel, controlId: string): boolean {
  const controls = (m: StandardModel) => m.exemptions.map((e) => e.control?.id ?? '').sort();
  return JSON.stringify(controls(after)) === JSON.stringify([...controls(before), controlId].sort())
    && JSON.stringify(measureKeys(after)) === JSON.stringify(measureKeys(before));
}

export { documentLanguage } from './documentLanguage.js';

/** The next id in the sector's scheme: most common prefix, the control's function, next number. */
export function nextMeasureId(group: SectorGroup, fn: string): string {
  const counts = new Map<string, number>();
  let max = 0;
  for (const id of group.measures.keys()) {
    const m = /^([A-Z][A-Z0-9]*)-([A-Z]{2})-(\d+)$/.exec(id);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  const prefix = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? group.sector.replace(/[^a-z]/gi, '').slice(0, 2).toUpperCase();
  for (const id of group.measures.keys()) {
    const m = new RegExp(`^${prefix}-${fn}-(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  const make = (k: number) => `${prefix}-${fn}-${String(k).padStart(2, '0')}`;
  while (group.measures.has(make(n))) n++;
  return make(n);
}

function measureEdit(model: StandardModel, point: InsertPoint, group: SectorGroup, control: CatalogControl, language: Locale, lines: LineIndex): { id: string; edit: TextEdit } {
  // A standard numbered by article or clause gets its next number (第13条 after 第12条), not an id.
  const id = nextLabel(model.measures.map((m) => m.id), group.measures.keys()) ?? nextMeasureId(group, measureSegment(control.function));
  // One line: a catalog title with a line break would otherwise end the heading early.
  const title = pickText(control.title, language).replace(/[\r\n\u2028\u2029]+/g, ' ');
  const statement = pickText(control.statement, language);
  const eol = lines.eol;
  if (model.format === 'yaml') {
    const fields = [`id: ${id}`, `title: ${JSON.stringify(title)}`, `covers: [${control.id}]`, `csf: [${control.csf.map((c) => c.id).join(', ')}]`, `text: ${JSON.stringify(statement)}`];
    return { id, edit: point.flow ? flowAt(point, fields) : insertAt(point, blockEntry(point, 'measures', fields), eol) };
  }
  const depth = '#'.repeat(headingDepth(model));
  const marker = language === 'ja' ? '対応' : 'Covers';
  const related = control.csf.map((c) => `[${c.id}](${csfUrl(c.id)})`).join(', ');
  const body = [`${depth} ${id} ${title}`, '', `${marker}: ${control.id}`, '', statement];
  if (related) body.push('', `${UI[language].related}: ${related}`);
  const text = lines.text;
  const closer = closerOf(text);
  // A document that ends inside a fenced code block or an HTML block (an unclosed `<!--`, `<pre>`,
  // `<script>`…) would swallow the new heading: close the block first.
  const lead = closer !== undefined ? `${/[\r\n]$/.test(text) || text.length === 0 ? '' : eol}${closer}${eol}${eol}`
    : text.length === 0 ? '' : text.endsWith(`${eol}${eol}`) || text.endsWith('\n\n') ? '' : /\r?\n$/.test(text) ? eol : eol + eol;
  return { id, edit: { range: pointRange(point.position), newText: lead + body.join(eol) + eol } };
}

/** An orphan marker under a heading without a label: give the heading the standard's next label. */
function labelHeadingActions(ctx: ServiceContext, path: string, text: string, diagnostic: LspDiagnostic): CodeAction[] {
  const data = (diagnostic.data ?? {}) as { headingLine?: number; labelAt?: number };
  const model = ctx.analysis.files.get(path)?.model;
  if (data.headingLine === undefined || data.labelAt === undefined || model?.kind !== 'standard' || model.format !== 'markdown') return [];
  const label = nextLabel(model.measures.map((m) => m.id), groupOf(ctx.analysis, path)?.measures.keys());
  if (!label) return [];
  const lines = new LineIndex(text);
  const at = { line: data.headingLine, character: data.labelAt };
  const edit: TextEdit = { range: pointRange(at), newText: `${label} ` };
  const becomesMeasure = (before: StandardModel, after: StandardModel) =>
    after.measures.length === before.measures.length + 1 && after.measures.some((m) => m.id === label && m.covers.length > 0);
  if (!editCheck('markdown', text, lines, ctx.extract)(edit, becomesMeasure)) return [];
  return [{ title: UI[ctx.locale].labelHeading(label), kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [ctx.toUri(path)]: [edit] } } }];
}

function headingDepth(model: StandardModel): number {
  const depths = model.measures.map((m) => m.depth).filter((d) => d > 0);
  if (depths.length === 0) return 2;
  const counts = new Map<number, number>();
  for (const d of depths) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/** A block list entry (`- key: value` lines), with the list's key when the list does not exist yet. */
function blockEntry(point: InsertPoint, key: string, fields: string[]): string[] {
  const i = point.needsKey ? '  ' : point.indent;
  const entry = fields.map((f, k) => `${i}${k === 0 ? '- ' : '  '}${f}`);
  return point.needsKey ? [`${key}:`, ...entry] : entry;
}

/** A flow list entry (`{ key: value, … }`), after a comma unless it is the list's first. */
function flowAt(point: InsertPoint, fields: string[]): TextEdit {
  return { range: pointRange(point.position), newText: `${point.flow === 'next' ? ', ' : ''}{ ${fields.join(', ')} }` };
}

function exemptionEdit(point: InsertPoint, control: CatalogControl, language: Locale, eol: string): TextEdit {
  // An empty rationale keeps the exemption unsound (and flagged) until the author writes one.
  if (point.flow) return flowAt(point, [`control: ${control.id}`, 'rationale: ""']);
  const entry = blockEntry(point, 'exemptions', [`control: ${control.id}`, 'rationale: ""']);
  entry[entry.length - 1] += `  # ${UI[language].rationalePlaceholder}`;
  return insertAt(point, entry, eol);
}

function insertAt(point: InsertPoint, lines: string[], eol: string): TextEdit {
  const text = lines.join(eol) + eol;
  return { range: pointRange(point.position), newText: point.needsLeadingNewline ? eol + text.slice(0, -eol.length) : text };
}

function pointRange(position: Position) {
  return { start: position, end: position };
}
