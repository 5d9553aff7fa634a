// Go to definition, find references, document and workspace symbols, code lenses.
import type { CodeLens, DocumentSymbol, Location, SymbolInformation } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import type { Position } from '../text.js';
import type { Measure } from '../model.js';
import { pickText } from '../messages.js';
import { tokenAt, findControl, groupOf, modelTokens, type ServiceContext, type Token } from './context.js';
import { UI } from './ui.js';
import { scopeLensSuffix } from './scopeHover.js';
import { csfReach } from '../analyze.js';
import { NOT_CANCELLED, type Cancellation } from '../cancellation.js';

export function definition(ctx: ServiceContext, path: string, position: Position, text?: string): Location[] {
  const token = tokenAt(ctx, path, position, text);
  if (!token) return [];
  if (token.kind === 'control') {
    const found = findControl(ctx.analysis, path, token.id);
    return found ? [{ uri: ctx.toUri(found.catalog.path), range: found.control.range }] : [];
  }
  if (token.kind === 'measure') {
    const site = groupOf(ctx.analysis, path)?.measures.get(token.id);
    return site ? [{ uri: ctx.toUri(site.path), range: site.measure.range }] : [];
  }
  if (token.kind === 'baseline') {
    const catalog = groupOf(ctx.analysis, path)?.catalog;
    return catalog ? [{ uri: ctx.toUri(catalog.path), range: catalog.model.idRange }] : [];
  }
  return [];
}

/** Every place a control or measure is named, across all files (and its definition if asked). */
/** Cancelled part-way: no locations (a partial list would look complete). */
export function references(ctx: ServiceContext, path: string, position: Position, includeDeclaration: boolean, text?: string, cancel: Cancellation = NOT_CANCELLED): Location[] {
  const token = tokenAt(ctx, path, position, text);
  if (!token || (token.kind !== 'control' && token.kind !== 'measure')) return [];
  const out: Location[] = [];
  const sameTarget = targetMatcher(ctx, path, token);
  for (const [filePath, file] of ctx.analysis.files) {
    if (cancel.isCancellationRequested) return [];
    for (const t of modelTokens(file)) {
      if (t.kind !== token.kind || t.id !== token.id || !sameTarget(filePath)) continue;
      const isDeclaration = isDefinitionToken(ctx, filePath, t);
      if (isDeclaration && !includeDeclaration) continue;
      out.push({ uri: ctx.toUri(filePath), range: t.range });
    }
  }
  return out;
}

/** Controls are shared by every file on the same catalog; measures only within a sector. */
function targetMatcher(ctx: ServiceContext, path: string, token: Token): (other: string) => boolean {
  if (token.kind === 'measure') {
    const group = groupOf(ctx.analysis, path);
    return (other) => !!group?.paths.includes(other);
  }
  const catalog = findControl(ctx.analysis, path, token.id)?.catalog;
  return (other) => {
    if (!catalog) return true;
    if (other === catalog.path) return true;
    return groupOf(ctx.analysis, other)?.catalog === catalog;
  };
}

function isDefinitionToken(ctx: ServiceContext, path: string, t: Token): boolean {
  const model = ctx.analysis.files.get(path)?.model;
  if (!model) return false;
  if (model.kind === 'catalog') return model.controls.some((c) => c.range === t.range);
  return model.measures.some((m) => m.range === t.range);
}

export function documentSymbols(ctx: ServiceContext, path: string): DocumentSymbol[] {
  const model = ctx.analysis.files.get(path)?.model;
  if (!model) return [];
  if (model.kind === 'catalog') {
    const byFunction = new Map<string, DocumentSymbol[]>();
    for (const c of model.controls) {
      const list = byFunction.get(c.function) ?? [];
      list.push({ name: c.id, detail: pickText(c.title, ctx.locale), kind: SymbolKind.Constant, range: c.entryRange, selectionRange: c.range });
      byFunction.set(c.function, list);
    }
    return [...byFunction.entries()].map(([fn, children]) => ({
      name: fn, kind: SymbolKind.Namespace, range: { start: children[0].range.start, end: children[children.length - 1].range.end },
      selectionRange: children[0].selectionRange, children,
    }));
  }
  return nestMeasures(model.measures.map((m) => measureSymbol(m)), model.measures);
}

function measureSymbol(m: Measure): DocumentSymbol {
  const covers = m.covers.map((c) => c.id).join(', ');
  return { name: `${m.id} ${m.title}`.trim(), detail: covers ? `→ ${covers}` : undefined, kind: SymbolKind.Class, range: m.sectionRange, selectionRange: m.range, children: [] };
}

/** Measures under deeper headings become children of the enclosing measure. */
function nestMeasures(symbols: DocumentSymbol[], measures: Measure[]): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  symbols.forEach((symbol, i) => {
    const depth = measures[i].depth;
    while (stack.length > 0 && (stack[stack.length - 1].depth >= depth || depth === 0)) stack.pop();
    if (stack.length > 0) stack[stack.length - 1].symbol.children!.push(symbol);
    else roots.push(symbol);
    stack.push({ depth, symbol });
  });
  return roots;
}

/** Cancelled part-way: no symbols. */
export function workspaceSymbols(ctx: ServiceContext, query: string, token: Cancellation = NOT_CANCELLED): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const [path, file] of ctx.analysis.files) {
    if (token.isCancellationRequested) return [];
    const model = file.model;
    if (!model) continue;
    if (model.kind === 'catalog') {
      for (const c of model.controls) {
        const name = `${c.id} ${pickText(c.title, ctx.locale)}`;
        if (name.toLowerCase().includes(q)) out.push({ name, kind: SymbolKind.Constant, location: { uri: ctx.toUri(path), range: c.range }, containerName: model.id });
      }
    } else {
      for (const m of model.measures) {
        const name = `${m.id} ${m.title}`.trim();
        if (name.toLowerCase().includes(q)) out.push({ name, kind: SymbolKind.Class, location: { uri: ctx.toUri(path), range: m.range }, containerName: model.sector });
      }
    }
    if (out.length >= 1000) break;
  }
  return out;
}

export function codeLenses(ctx: ServiceContext, path: string): CodeLens[] {
  const model = ctx.analysis.files.get(path)?.model;
  const ui = UI[ctx.locale];
  if (!model) return [];
  if (model.kind === 'standard') {
    const group = groupOf(ctx.analysis, path);
    if (!group?.catalog) return [];
    const covered = group.controls.filter((c) => c.state === 'covered').length;
    const exempted = group.controls.filter((c) => c.state === 'exempted').length;
    const range = model.baseline?.range ?? model.headerRange;
    return [{ range, command: { title: ui.coverageLine(covered, group.controls.length, exempted) + scopeLensSuffix(group.controls, ctx.locale), command: 'kijun.showCoverage', arguments: [group.sector] } }];
  }
  const catalog = [...ctx.analysis.catalogs.values()].find((c) => c.path === path);
  if (!catalog) return [];
  const groups = ctx.analysis.groups.filter((g) => g.catalog === catalog);
  const reach = csfReach(catalog);
  const top: CodeLens = { range: model.idRange, command: { title: ui.csfReachLine(reach.reached, reach.total), command: 'kijun.showCoverage', arguments: [catalog.key] } };
  return [top, ...model.controls
    .filter((c) => catalog.controls.get(c.id) === c)
    .map((c) => {
      const states = groups.map((g) => g.controls.find((x) => x.control.id === c.id)?.state).filter((s) => s !== undefined);
      const coveredIn = states.filter((s) => s !== 'uncovered').length;
      return { range: c.range, command: { title: ui.sectorsLine(coveredIn, states.length), command: 'kijun.showCoverage', arguments: [c.id] } };
    })];
}
