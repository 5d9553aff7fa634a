// Quick-fixes. Every edit only inserts text or replaces exactly the flagged token, so the
// author's own words are never changed.
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import type { CatalogControl, StandardModel, InsertPoint, Locale } from '../model.js';
import type { SectorGroup } from '../analyze.js';
import { LineIndex, type Position } from '../text.js';
import { pickText } from '../messages.js';
import { csfUrl } from '../csf.js';
import { groupOf, type ServiceContext } from './context.js';
import { UI } from './ui.js';
import { measureSegment } from '../ids.js';

export function codeActions(ctx: ServiceContext, path: string, text: string, diagnostics: LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'kijun') continue;
    actions.push(...actionsFor(ctx, path, text, diagnostic));
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
  // A token never spans lines; a flagged range that does (a YAML scalar holding a lone CR, which YAML
  // reads as part of the value while editors break the line there) gets no replacement.
  const oneLine = diagnostic.range.start.line === diagnostic.range.end.line;
  if (!oneLine && diagnostic.code !== 'uncovered-control') return [];
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
    case 'unknown-csf':
      return (data.replacements ?? []).map((id, i) => replace(id, i === 0 && (data.replacements ?? []).length === 1));
    default:
      return [];
  }
}

function uncoveredActions(ctx: ServiceContext, path: string, text: string, diagnostic: LspDiagnostic, controlId: string): CodeAction[] {
  const group = groupOf(ctx.analysis, path);
  const model = ctx.analysis.files.get(path)?.model;
  const control = group?.catalog?.controls.get(controlId);
  if (!group || !control || model?.kind !== 'standard') return [];
  const ui = UI[ctx.locale];
  const uri = ctx.toUri(path);
  const lines = new LineIndex(text);
  const language = documentLanguage(text);
  const actions: CodeAction[] = [{
    title: ui.addMeasure(controlId), kind: 'quickfix', diagnostics: [diagnostic], isPreferred: true,
    edit: { changes: { [uri]: [measureEdit(model, group, control, language, lines)] } },
  }];
  if (control.exemptable && model.exemptionsInsert) {
    actions.push({
      title: ui.addExemption(controlId), kind: 'quickfix', diagnostics: [diagnostic],
      edit: { changes: { [uri]: [exemptionEdit(model.exemptionsInsert, control, language, lines.eol)] } },
    });
  }
  return actions;
}

/** The language the document is written in: Japanese as soon as it has kana or kanji. */
export function documentLanguage(text: string): Locale {
  return /[\u3040-\u30ff\u3400-\u9fff]/.test(text.slice(0, 20000)) ? 'ja' : 'en';
}

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

function measureEdit(model: StandardModel, group: SectorGroup, control: CatalogControl, language: Locale, lines: LineIndex): TextEdit {
  const id = nextMeasureId(group, measureSegment(control.function));
  const title = pickText(control.title, language);
  const statement = pickText(control.statement, language);
  const eol = lines.eol;
  if (model.format === 'yaml') {
    return insertAt(model.measuresInsert, yamlMeasure(model.measuresInsert, id, title, control, statement, eol), eol);
  }
  const depth = '#'.repeat(headingDepth(model));
  const marker = language === 'ja' ? '対応' : 'Covers';
  const related = control.csf.map((c) => `[${c.id}](${csfUrl(c.id)})`).join(', ');
  const body = [`${depth} ${id} ${title}`, '', `${marker}: ${control.id}`, '', statement];
  if (related) body.push('', `${UI[language].related}: ${related}`);
  const text = lines.text;
  const fence = openFence(text);
  // A document that ends inside a fenced code block would swallow the new heading: close the fence first.
  const lead = fence !== undefined ? `${/[\r\n]$/.test(text) ? '' : eol}${fence}${eol}${eol}`
    : text.length === 0 ? '' : text.endsWith(`${eol}${eol}`) || text.endsWith('\n\n') ? '' : /\r?\n$/.test(text) ? eol : eol + eol;
  return { range: pointRange(model.measuresInsert.position), newText: lead + body.join(eol) + eol };
}

/** The closing fence a Markdown text needs when it ends inside a fenced code block (CommonMark, top level). */
export function openFence(text: string): string | undefined {
  let open: { char: string; length: number } | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    const char = m[1][0];
    if (!open) {
      if (!(char === '`' && m[2].includes('`'))) open = { char, length: m[1].length };
    } else if (char === open.char && m[1].length >= open.length && m[2].trim() === '') {
      open = undefined;
    }
  }
  return open && open.char.repeat(open.length);
}

function headingDepth(model: StandardModel): number {
  const depths = model.measures.map((m) => m.depth).filter((d) => d > 0);
  if (depths.length === 0) return 2;
  const counts = new Map<number, number>();
  for (const d of depths) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

function yamlMeasure(point: InsertPoint, id: string, title: string, control: CatalogControl, statement: string, eol: string): string[] {
  const i = point.needsKey ? '  ' : point.indent;
  const entry = [
    `${i}- id: ${id}`,
    `${i}  title: ${JSON.stringify(title)}`,
    `${i}  covers: [${control.id}]`,
    `${i}  csf: [${control.csf.map((c) => c.id).join(', ')}]`,
    `${i}  text: ${JSON.stringify(statement)}`,
  ];
  void eol;
  return point.needsKey ? ['measures:', ...entry] : entry;
}

function exemptionEdit(point: InsertPoint, control: CatalogControl, language: Locale, eol: string): TextEdit {
  const i = point.needsKey ? '  ' : point.indent;
  // An empty rationale keeps the exemption unsound (and flagged) until the author writes one.
  const entry = [`${i}- control: ${control.id}`, `${i}  rationale: ""  # ${UI[language].rationalePlaceholder}`];
  return insertAt(point, point.needsKey ? ['exemptions:', ...entry] : entry, eol);
}

function insertAt(point: InsertPoint, lines: string[], eol: string): TextEdit {
  const text = lines.join(eol) + eol;
  return { range: pointRange(point.position), newText: point.needsLeadingNewline ? eol + text.slice(0, -eol.length) : text };
}

function pointRange(position: Position) {
  return { start: position, end: position };
}
