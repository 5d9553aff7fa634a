// The mapping assistant in the editor: code actions that add a suggested control to a measure's
// coverage marker, "covered by" actions on an uncovered control, the suggestions in a measure's
// hover, and the best candidate measure of each uncovered control in the coverage view. A
// suggestion is only ever applied by the author's choice: no action here is marked preferred (so
// no "fix all" or fix-on-save applies one), and every edit only inserts text.
import type { CodeAction, Diagnostic as LspDiagnostic, Hover, TextEdit } from 'vscode-languageserver-types';
import type { Measure, StandardModel } from '../model.js';
import type { SectorGroup } from '../analyze.js';
import { LineIndex, type Position, type Range } from '../text.js';
import { pickText } from '../messages.js';
import { catalogIndex, roundScore, sharedWords, type CatalogIndex } from '../suggest/engine.js';
import { groupSites, scoredMeasures, sectorControls, topControls, topMeasures, type TextOf } from '../suggest/workspace.js';
import { groupOf, type ServiceContext } from './context.js';
import { coverageViewText, type CoverageView, type Located } from './coverageView.js';
import { documentLanguage } from './codeActions.js';
import { localeTexts } from '../texts.js';
import { NOT_CANCELLED, type Cancellation } from '../cancellation.js';

/** How many suggestions an editor shows at once. */
const EDITOR_TOP = 3;

const LABELS = localeTexts('suggestActions', {
  markCovering: (id: string, title: string) => `${id}「${title}」に対応するとマークする`,
  coveredBy: (measure: string, title: string) => `${measure}「${title}」で対応済みとする`,
  heading: '対応候補(本文の類似度による。採否は作成者が判断)',
  shared: '共通語',
}, {
  markCovering: (id: string, title: string) => `Mark as covering ${id} 「${title}」`,
  coveredBy: (measure: string, title: string) => `Covered by ${measure} 「${title}」`,
  heading: 'Suggested controls (by text similarity; the author decides)',
  shared: 'shared',
});

interface Context {
  group: SectorGroup;
  index: CatalogIndex;
}

function contextOf(ctx: ServiceContext, path: string): Context | undefined {
  const group = groupOf(ctx.analysis, path);
  if (!group?.catalog) return undefined;
  return { group, index: catalogIndex(group.catalog.model) };
}

/**
 * Paths whose text the actions at `range` may need, so the host reads no more than that: every file
 * of the sector for an uncovered control, the file itself on a measure heading, else none.
 */
export function suggestPaths(ctx: ServiceContext, path: string, range: Range, diagnostics: LspDiagnostic[]): string[] {
  if (diagnostics.some((d) => d.source === 'kijun' && d.code === 'uncovered-control')) return groupOf(ctx.analysis, path)?.paths ?? [];
  return measureAtHeading(ctx, path, range.start.line) ? [path] : [];
}

/** Paths whose text the coverage view's candidates need: the files of sectors with an uncovered control. */
export function candidatePaths(ctx: ServiceContext): string[] {
  return ctx.analysis.groups.filter((g) => g.catalog && g.controls.some((c) => c.state === 'uncovered')).flatMap((g) => g.paths);
}

/** Code actions for the mapping assistant, to be listed before the checker's own quick-fixes. */
export function suggestActions(ctx: ServiceContext, path: string, text: string, range: Range, diagnostics: LspDiagnostic[], textOf: TextOf): CodeAction[] {
  return guarded(() => assistantActions(ctx, path, text, range, diagnostics, textOf), []);
}

/** The assistant is an extra: a failure in it must not take the checker's own fixes or hover down with it. */
function guarded<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}

function assistantActions(ctx: ServiceContext, path: string, text: string, range: Range, diagnostics: LspDiagnostic[], textOf: TextOf): CodeAction[] {
  const c = contextOf(ctx, path);
  if (!c) return [];
  const actions = headingActions(ctx, c, path, text, range, textOf);
  for (const d of diagnostics) {
    const control = (d.data as { control?: string } | undefined)?.control;
    if (d.source === 'kijun' && d.code === 'uncovered-control' && control) actions.push(...coveredByActions(ctx, c, control, d, textOf));
  }
  return actions;
}

function measureAtHeading(ctx: ServiceContext, path: string, line: number): { model: StandardModel; measure: Measure; k: number } | undefined {
  const model = ctx.analysis.files.get(path)?.model;
  if (model?.kind !== 'standard') return undefined;
  const k = model.measures.findIndex((m) => m.range.start.line === line);
  return k < 0 ? undefined : { model, measure: model.measures[k], k };
}

function headingActions(ctx: ServiceContext, c: Context, path: string, text: string, range: Range, textOf: TextOf): CodeAction[] {
  const found = measureAtHeading(ctx, path, range.start.line);
  const file = ctx.analysis.files.get(path);
  if (!found || !file || c.group.measures.get(found.measure.id)?.measure !== found.measure) return [];
  const scored = scoredMeasures(file, c.index, (p) => (p === path ? text : textOf(p)));
  if (!scored) return [];
  const exclude = new Set(found.measure.covers.map((r) => r.id));
  const top = topControls(c.index, scored[found.k].scores, sectorControls(c.group, c.index), exclude, EDITOR_TOP);
  const ui = LABELS[ctx.locale];
  const uri = ctx.toUri(path);
  return top.flatMap((s) => {
    const edit = coverEdit(found.model, found.measure, text, s.control);
    const control = c.group.catalog!.controls.get(s.control)!;
    return edit ? [{ title: ui.markCovering(s.control, pickText(control.title, ctx.locale)), kind: 'quickfix', edit: { changes: { [uri]: [edit] } } }] : [];
  });
}

function coveredByActions(ctx: ServiceContext, c: Context, controlId: string, diagnostic: LspDiagnostic, textOf: TextOf): CodeAction[] {
  const i = c.index.controls.findIndex((x) => x.id === controlId);
  if (i < 0) return [];
  const sites = groupSites(ctx.analysis, c.group, c.index, textOf);
  const ui = LABELS[ctx.locale];
  return topMeasures(sites, i, EDITOR_TOP).flatMap((candidate) => {
    const model = ctx.analysis.files.get(candidate.site.path)?.model;
    const text = textOf(candidate.site.path);
    if (model?.kind !== 'standard' || text === undefined) return [];
    const edit = coverEdit(model, candidate.site.measure, text, controlId);
    const m = candidate.site.measure;
    return edit ? [{ title: ui.coveredBy(m.id, m.title), kind: 'quickfix', diagnostics: [diagnostic], edit: { changes: { [ctx.toUri(candidate.site.path)]: [edit] } } }] : [];
  });
}

/**
 * The insertion that makes a measure name one more control: after the last id of its marker, or
 * a new marker line right after its heading (Markdown) or its `id:` line (YAML). Undefined when
 * there is no safe place (a YAML flow mapping).
 */
export function coverEdit(model: StandardModel, measure: Measure, text: string, controlId: string): TextEdit | undefined {
  const lines = new LineIndex(text);
  const eol = lines.eol;
  const last = [...measure.covers].sort((a, b) => a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character).pop();
  if (last) {
    const lineText = text.slice(lines.lineStart(last.range.end.line), lines.lineEnd(last.range.end.line));
    const before = lineText.slice(0, last.range.start.character);
    if (model.format === 'yaml' && /^\s*-\s*$/.test(before)) {
      return insert({ line: last.range.end.line, character: lineText.length }, `${eol}${before}${controlId}`);
    }
    return insert(last.range.end, `${lineText.includes('、') ? '、' : ', '}${controlId}`);
  }
  const line = measure.range.start.line;
  const lineText = text.slice(lines.lineStart(line), lines.lineEnd(line));
  const end = { line, character: lineText.length };
  if (model.format === 'yaml') {
    const m = /^(\s*)(-\s+)?id\s*:/.exec(lineText);
    if (!m) return undefined;
    return insert(end, `${eol}${m[1]}${m[2] ? ' '.repeat(m[2].length) : ''}covers: [${controlId}]`);
  }
  const marker = documentLanguage(text) === 'ja' ? '対応' : 'Covers';
  return insert(end, `${eol}${eol}${marker}: ${controlId}`);
}

function insert(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/** The measure hover, with the controls its text suggests and the words they share. */
export function suggestHover(ctx: ServiceContext, path: string, position: Position, text: string | undefined, base: Hover | null, textOf: TextOf): Hover | null {
  return guarded(() => hoverWithSuggestions(ctx, path, position, text, base, textOf), base);
}

function hoverWithSuggestions(ctx: ServiceContext, path: string, position: Position, text: string | undefined, base: Hover | null, textOf: TextOf): Hover | null {
  if (!base || text === undefined) return base;
  const found = measureAtHeading(ctx, path, position.line);
  const c = contextOf(ctx, path);
  const file = ctx.analysis.files.get(path);
  if (!found || !c || !file || !positionIn(position, found.measure.range)) return base;
  const scored = scoredMeasures(file, c.index, (p) => (p === path ? text : textOf(p)));
  if (!scored) return base;
  const exclude = new Set(found.measure.covers.map((r) => r.id));
  const top = topControls(c.index, scored[found.k].scores, sectorControls(c.group, c.index), exclude, EDITOR_TOP);
  if (top.length === 0) return base;
  const ui = LABELS[ctx.locale];
  const lines = top.map((s) => {
    const control = c.group.catalog!.controls.get(s.control)!;
    const shared = sharedWords(c.index, scored[found.k].text, s.control, 4);
    return `- **${s.control}** ${escapeMd(pickText(control.title, ctx.locale))} — ${roundScore(s.score).toFixed(2)}${shared.length ? ` (${ui.shared}: ${shared.map(escapeMd).join(', ')})` : ''}`;
  });
  const value = typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value : '';
  return { ...base, contents: { kind: 'markdown', value: `${value}\n\n${ui.heading}:\n\n${lines.join('\n')}` } };
}

function positionIn(p: Position, r: Range): boolean {
  return p.line === r.start.line && p.character >= r.start.character && p.character <= r.end.character;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);
}

export interface CandidateView extends Located {
  id: string;
  title: string;
  score: number;
}

/** Each uncovered control of the coverage view gains its best candidate measure, if any shares words with it. */
/** Cancelled part-way: the view as it is, with the candidates found so far. */
export function addCandidates(view: CoverageView, ctx: ServiceContext, textOf: TextOf, token: Cancellation = NOT_CANCELLED): CoverageView {
  guarded(() => candidatesInto(view, ctx, textOf, token), undefined);
  return view;
}

function candidatesInto(view: CoverageView, ctx: ServiceContext, textOf: TextOf, token: Cancellation): void {
  for (const sector of view.sectors) {
    if (token.isCancellationRequested) return;
    const group = ctx.analysis.groups.find((g) => g.sector === sector.sector && g.baseline === sector.baseline && g.catalog);
    if (!group) continue;
    const index = catalogIndex(group.catalog!.model);
    let sites: ReturnType<typeof groupSites> | undefined;
    for (const control of sector.controls) {
      if (control.state !== 'uncovered' && control.state !== 'unsound') continue;
      if (token.isCancellationRequested) return;
      const i = index.controls.findIndex((x) => x.id === control.id);
      if (i < 0) continue;
      sites ??= groupSites(ctx.analysis, group, index, textOf);
      const best = topMeasures(sites, i, 1)[0];
      if (best) {
        const score = roundScore(best.score);
        const t = coverageViewText(ctx.locale);
        control.candidate = {
          id: best.site.measure.id, title: best.site.measure.title, uri: ctx.toUri(best.site.path), range: best.site.measure.range, score,
          label: t.candidate(best.site.measure.id, score.toFixed(2)), tooltip: t.candidateTip(best.site.measure.id, best.site.measure.title, score.toFixed(2)),
        };
      }
    }
  }
}

