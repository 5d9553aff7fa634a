// The language-service facade: every editor service of the core behind one object, answering over
// the workspace analysis a host hands it. Hosts (the language server; tests over an in-memory
// workspace) use this module instead of the service modules one by one, so what the editor is told
// is decided here and nowhere else. Every method takes a cancellation token last; the long loops
// (references, workspace symbols, code actions over many diagnostics, the coverage view and its
// suggested candidates) check it and return the fallback each method documents.
import type { CodeAction, CodeActionContext, CodeLens, CompletionItem, Diagnostic as LspDiagnostic, DocumentSymbol, Hover, Location, Range, SymbolInformation } from 'vscode-languageserver-types';
import type { Locale } from './model.js';
import type { Position } from './text.js';
import type { Snapshot } from './snapshot.js';
import { extractOptions } from './config.js';
import { toDiagnostics, type DiagnosticOptions } from './diagnostics.js';
import { sectorCoverage, type SectorCoverage, type WorkspaceAnalysis } from './analyze.js';
import { mergeSectors } from './sectors.js';
import { pickText } from './messages.js';
import type { TextOf } from './suggest/workspace.js';
import type { ServiceContext } from './services/context.js';
import { lspDiagnosticIn } from './services/lspDiagnostics.js';
import { hover } from './services/hover.js';
import { completion } from './services/completion.js';
import { codeActions } from './services/codeActions.js';
import { fixAllAction } from './services/fixAll.js';
import { diagnosticsInRange, wantsFixAll, wantsQuickFixes } from './services/codeActionScope.js';
import { suggestActions, suggestHover, suggestPaths, candidatePaths, addCandidates } from './services/suggestActions.js';
import { definition, references, documentSymbols, workspaceSymbols, codeLenses } from './services/navigation.js';
import { coverageView, fileInfo, scaffoldStandard, type CoverageView, type FileInfo } from './services/coverageView.js';
import { NOT_CANCELLED, type Cancellation } from './cancellation.js';

export type { Cancellation } from './cancellation.js';
// The shapes the host handles, so that it needs no other core module for its types.
export type { Locale, FileAnalysis } from './model.js';
export type { KijunConfig } from './config.js';
export type { DocumentLanguage } from './extract.js';
export type { Snapshot } from './snapshot.js';
export type { WorkspaceAnalysis } from './analyze.js';
export { NOT_CANCELLED } from './cancellation.js';
export type { ServiceContext } from './services/context.js';
export type { TextOf } from './suggest/workspace.js';
export type { CoverageView, FileInfo } from './services/coverageView.js';
export { CODE_ACTION_KINDS } from './services/codeActionScope.js';
// What the host's other requests (report, exports, Word import, the assistant's texts) build on.
export { buildReport } from './report.js';
export { loadedFrom, type LoadedWorkspace } from './workspace.js';
export { buildCsfProfile } from './csfProfile.js';
export { decodeBytes } from './decode.js';
export { realPathInside } from './workspaceFs.js';
export { WorkspaceIndex } from './workspaceIndex.js';
export { docxToMarkdown } from './docx/convert.js';
export { MAX_UNCOMPRESSED } from './docx/package.js';
export { noteText, problemText } from './docx/messages.js';

/** How the host names a file to the editor and which day it is; the rest comes from the snapshot. */
export interface ContextOptions {
  locale: Locale;
  toUri: (path: string) => string;
  today: string;
}

/** The services' view of one snapshot: its analysis, computed once, and its extraction settings. */
export function snapshotContext(snapshot: Snapshot, options: ContextOptions): ServiceContext {
  return { analysis: snapshot.analysis(), locale: options.locale, toUri: options.toUri, today: options.today, extract: extractOptions(snapshot.config) };
}

/** A code action request as the editor sends it, with the diagnostics the host last published for the document. */
export interface CodeActionRequest {
  path: string;
  text: string;
  range: Range;
  context: CodeActionContext;
  published: readonly LspDiagnostic[];
}

export interface SectorChoice {
  id: string;
  name: string;
}

export interface KijunService {
  /** A file's findings as editor diagnostics, its suppression comments applied. Cancelled: none. */
  diagnostics(path: string, options: Omit<DiagnosticOptions, 'suppressions'>, token?: Cancellation): LspDiagnostic[];
  /** Cancelled: null. `textOf` gives the standards' texts `hoverPaths` named. */
  hover(path: string, position: Position, text: string | undefined, textOf: TextOf, token?: Cancellation): Hover | null;
  hoverPaths(path: string): string[];
  /** Cancelled: no items. */
  completion(path: string, text: string, position: Position, isConfig: boolean, token?: Cancellation): CompletionItem[];
  /** Cancelled: no location. */
  definition(path: string, position: Position, text: string | undefined, token?: Cancellation): Location[];
  /** Cancelled part-way: no location. */
  references(path: string, position: Position, includeDeclaration: boolean, text: string | undefined, token?: Cancellation): Location[];
  /** Cancelled: no symbol. */
  documentSymbols(path: string, token?: Cancellation): DocumentSymbol[];
  /** Cancelled part-way: no symbol. */
  workspaceSymbols(query: string, token?: Cancellation): SymbolInformation[];
  /** Cancelled: no lens. */
  codeLenses(path: string, token?: Cancellation): CodeLens[];
  /** The standards whose texts `codeActions` needs for the mapping assistant's actions. */
  codeActionPaths(request: CodeActionRequest): string[];
  /** Fix-all, or the assistant's actions followed by the quick-fixes (scope ones included). Cancelled part-way: no action. */
  codeActions(request: CodeActionRequest, textOf: TextOf, token?: Cancellation): CodeAction[];
  /** The standards whose texts the coverage view's candidates need. */
  coverageViewPaths(): string[];
  /** Cancelled part-way: an empty view (no sector, no catalog). */
  coverageView(textOf: TextOf, token?: Cancellation): CoverageView;
  /** Each sector with a catalog: its coverage figures and files (as URIs). */
  coverageSummary(): (SectorCoverage & { files: string[] })[];
  fileInfo(path: string): FileInfo;
  scaffold(catalog: string, sector: string, level: number, locale: Locale): string | undefined;
  /** The context the next call would answer from. */
  context(): ServiceContext;
  /**
   * The facade over the context as it is now: a request that awaits texts between naming the paths
   * and answering reads both from the same snapshot, whatever the host swapped in meanwhile.
   */
  pinned(): KijunService;
}

/** The facade over `context()`, read afresh by every call so each answer comes from one snapshot. */
export function createKijunService(context: () => ServiceContext): KijunService {
  const hoverPaths = (path: string) => [path];
  const actionDiagnostics = (r: CodeActionRequest) => diagnosticsInRange(r.context, r.range, r.published);
  return {
    diagnostics(path, options, token = NOT_CANCELLED) {
      const ctx = context();
      if (token.isCancellationRequested) return [];
      const findings = ctx.analysis.findings.get(path) ?? [];
      return toDiagnostics(findings, { ...options, suppressions: ctx.analysis.files.get(path)?.suppressions }).map(lspDiagnosticIn(ctx.toUri));
    },
    hover(path, position, text, textOf, token = NOT_CANCELLED) {
      const ctx = context();
      if (token.isCancellationRequested) return null;
      return suggestHover(ctx, path, position, text, hover(ctx, path, position, text), textOf);
    },
    hoverPaths,
    completion(path, text, position, isConfig, token = NOT_CANCELLED) {
      return token.isCancellationRequested ? [] : completion(context(), path, text, position, isConfig);
    },
    definition(path, position, text, token = NOT_CANCELLED) {
      return token.isCancellationRequested ? [] : definition(context(), path, position, text);
    },
    references(path, position, includeDeclaration, text, token = NOT_CANCELLED) {
      return references(context(), path, position, includeDeclaration, text, token);
    },
    documentSymbols(path, token = NOT_CANCELLED) {
      return token.isCancellationRequested ? [] : documentSymbols(context(), path);
    },
    workspaceSymbols(query, token = NOT_CANCELLED) {
      return workspaceSymbols(context(), query, token);
    },
    codeLenses(path, token = NOT_CANCELLED) {
      return token.isCancellationRequested ? [] : codeLenses(context(), path);
    },
    codeActionPaths(request) {
      if (wantsFixAll(request.context) || !wantsQuickFixes(request.context)) return [];
      return suggestPaths(context(), request.path, request.range, actionDiagnostics(request));
    },
    codeActions(request, textOf, token = NOT_CANCELLED) {
      const ctx = context();
      const { path, text, range } = request;
      if (wantsFixAll(request.context)) return token.isCancellationRequested ? [] : fixAllAction(ctx, path, text, request.published);
      if (!wantsQuickFixes(request.context)) return [];
      const diagnostics = actionDiagnostics(request);
      // The mapping assistant's actions come first: "covered by" before "add a measure" and "exempt".
      const assistant = suggestActions(ctx, path, text, range, diagnostics, textOf);
      if (token.isCancellationRequested) return [];
      const own = codeActions(ctx, path, text, diagnostics, token);
      return token.isCancellationRequested ? [] : [...assistant, ...own];
    },
    coverageViewPaths() {
      return candidatePaths(context());
    },
    coverageView(textOf, token = NOT_CANCELLED) {
      const ctx = context();
      const view = coverageView(ctx, token);
      if (!token.isCancellationRequested) addCandidates(view, ctx, textOf, token);
      return token.isCancellationRequested ? { sectors: [], catalogs: [] } : view;
    },
    coverageSummary() {
      const ctx = context();
      return ctx.analysis.groups.filter((g) => g.catalog).map((g) => ({ ...sectorCoverage(g), files: g.paths.map((p) => ctx.toUri(p)) }));
    },
    fileInfo(path) {
      return fileInfo(context(), path);
    },
    scaffold(catalog, sector, level, locale) {
      return scaffoldStandard(context(), catalog, sector, level, locale);
    },
    context,
    pinned() {
      const ctx = context();
      return createKijunService(() => ctx);
    },
  };
}

/** Every sector's coverage figures: the code lenses show them, so when this key changes the lenses are stale. */
export function lensKey(analysis: WorkspaceAnalysis): string {
  return JSON.stringify(analysis.groups.map(sectorCoverage));
}

/**
 * Every file's diagnostics in one snapshot, kijun.yaml's own included: what the server publishes.
 * One snapshot for the whole publication, so that every file's diagnostics come from the same state.
 */
export function snapshotDiagnostics(snapshot: Snapshot, options: Omit<DiagnosticOptions, 'suppressions'>, toUri: (path: string) => string): Map<string, LspDiagnostic[]> {
  const analysis = snapshot.analysis();
  const toLspDiagnostic = lspDiagnosticIn(toUri);
  const next = new Map<string, LspDiagnostic[]>();
  for (const [p, findings] of analysis.findings) next.set(p, toDiagnostics(findings, { ...options, suppressions: analysis.files.get(p)?.suppressions }).map(toLspDiagnostic));
  const configPath = snapshot.options.configPath;
  if (configPath) next.set(configPath, toDiagnostics([...snapshot.configFindings], options).map(toLspDiagnostic));
  return next;
}

/** Sectors a new standard can be written for, named in `locale`: the built-in list and kijun.yaml's additions. */
export function sectorChoices(snapshot: Snapshot, locale: Locale): SectorChoice[] {
  return mergeSectors(snapshot.config.sectors).map((s) => ({ id: s.id, name: pickText(s.name, locale) }));
}
