// What every editor service needs: the analysis, the language, and how to name files as URIs.
import type { WorkspaceAnalysis, SectorGroup, LoadedCatalog } from '../analyze.js';
import type { Locale, CatalogControl, FileAnalysis, Ref } from '../model.js';
import { positionInRange, type Position, LineIndex } from '../text.js';
import { CSF_ID_PATTERN, csfElement } from '../csf.js';
import { REFERENCE_SHAPE } from '../ids.js';
import type { ExtractOptions } from '../extract.js';

export interface ServiceContext {
  analysis: WorkspaceAnalysis;
  locale: Locale;
  toUri: (path: string) => string;
  today: string;
  /** kijun.yaml settings extraction depends on, so a quick-fix re-reads the document as the checker does. */
  extract?: ExtractOptions;
}

export function groupOf(analysis: WorkspaceAnalysis, path: string): SectorGroup | undefined {
  return analysis.groups.find((g) => g.paths.includes(path));
}

/** The catalog a file is checked against (a standard's baseline) or is (a catalog file). */
export function catalogOf(analysis: WorkspaceAnalysis, path: string): LoadedCatalog | undefined {
  const group = groupOf(analysis, path);
  if (group?.catalog) return group.catalog;
  return [...analysis.catalogs.values()].find((c) => c.path === path);
}

/** A control by id, preferring the file's own catalog, then any loaded catalog. */
export function findControl(analysis: WorkspaceAnalysis, path: string, id: string): { control: CatalogControl; catalog: LoadedCatalog } | undefined {
  const own = catalogOf(analysis, path);
  const hit = own?.controls.get(id);
  if (own && hit) return { control: hit, catalog: own };
  for (const catalog of analysis.catalogs.values()) {
    const control = catalog.controls.get(id);
    if (control) return { control, catalog };
  }
  return undefined;
}

export type TokenKind = 'control' | 'csf' | 'measure' | 'baseline' | 'sector' | 'date' | 'dimension';

export interface Token extends Ref {
  kind: TokenKind;
}

/** The id under the cursor: from the file's model first, then from the raw text of the line. */
export function tokenAt(ctx: ServiceContext, path: string, position: Position, text?: string): Token | undefined {
  const file = ctx.analysis.files.get(path);
  const fromModel = file ? modelTokens(file).find((t) => positionInRange(position, t.range)) : undefined;
  if (fromModel) return fromModel;
  return text === undefined ? undefined : textToken(ctx, path, text, position);
}

export function modelTokens(file: FileAnalysis): Token[] {
  const model = file.model;
  if (!model) return [];
  const tag = (kind: TokenKind) => (r: Ref): Token => ({ ...r, kind });
  if (model.kind === 'catalog') {
    return model.controls.flatMap((c) => [
      { id: c.id, range: c.range, kind: 'control' as const },
      ...c.csf.map(tag('csf')),
      ...(c.replacedBy ? [tag('control')(c.replacedBy)] : []),
    ]);
  }
  const tokens: Token[] = [];
  if (model.baseline) tokens.push({ id: model.baseline.text, range: model.baseline.range, kind: 'baseline' });
  if (model.sector && model.sectorRange) tokens.push({ id: model.sector, range: model.sectorRange, kind: 'sector' });
  for (const m of model.measures) {
    tokens.push({ id: m.id, range: m.range, kind: 'measure' }, ...m.covers.map(tag('control')), ...m.csf.map(tag('csf')));
    if (m.effective) tokens.push({ id: m.effective.text, range: m.effective.range, kind: 'date' });
    for (const e of m.scope?.entries ?? []) tokens.push({ id: e.dimension, range: e.range, kind: 'dimension' });
  }
  for (const e of [...(model.scope?.entries ?? []), ...model.exemptions.flatMap((x) => x.scope?.entries ?? [])]) {
    tokens.push({ id: e.dimension, range: e.range, kind: 'dimension' });
  }
  if (model.effective) tokens.push({ id: model.effective.text, range: model.effective.range, kind: 'date' });
  for (const e of model.exemptions) {
    if (e.control) tokens.push(tag('control')(e.control));
    tokens.push(...e.compensating.map(tag('measure')));
  }
  return tokens;
}

function textToken(ctx: ServiceContext, path: string, text: string, position: Position): Token | undefined {
  const lines = new LineIndex(text);
  const start = lines.lineStart(position.line);
  const line = text.slice(start, lines.lineEnd(position.line));
  const csf = new RegExp(CSF_ID_PATTERN.source, 'g');
  for (let m = csf.exec(line); m; m = csf.exec(line)) {
    if (position.character >= m.index && position.character <= m.index + m[0].length && csfElement(m[0])) {
      return { id: m[0], kind: 'csf', range: lines.range(start + m.index, start + m.index + m[0].length) };
    }
  }
  // The look-behind starts a match only where a word starts, so a long line without an id is one scan, not a scan per character.
  const word = /(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)+/g;
  for (let m = word.exec(line); m; m = word.exec(line)) {
    if (position.character < m.index || position.character > m.index + m[0].length || !REFERENCE_SHAPE.test(m[0])) continue;
    const range = lines.range(start + m.index, start + m.index + m[0].length);
    if (findControl(ctx.analysis, path, m[0])) return { id: m[0], kind: 'control', range };
    if (groupOf(ctx.analysis, path)?.measures.has(m[0])) return { id: m[0], kind: 'measure', range };
  }
  return undefined;
}
