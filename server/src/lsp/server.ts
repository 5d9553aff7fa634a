// The LSP host: keeps the workspace index current from editor and file events and answers
// requests with the core services. No analysis logic lives here.
import * as path from 'node:path';
import {
  type Connection, type InitializeParams, type InitializeResult, TextDocuments, TextDocumentSyncKind,
  DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic as LspDiagnostic,
  CodeLensRefreshRequest, CancellationToken, ResponseError, LSPErrorCodes,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  type DocumentLanguage, type KijunConfig, type FileAnalysis, type Locale, createKijunService, snapshotContext, snapshotDiagnostics, sectorChoices, lensKey, realPathInside, WorkspaceIndex, CODE_ACTION_KINDS,
  type ServiceContext, type CodeActionRequest, type KijunService,
} from '../core/service.js';
import { StandardTexts } from './suggestTexts.js';
import { docsBase } from '../node/docs.js';
import { nodeFs, findConfig, localToday, toPosix } from '../node/nodeFs.js';
import { fastLoader } from '../node/fastLoader.js';
import { existsSync } from 'node:fs';
import { registerExports } from './exports.js';
import { htmlReport } from './report.js';
import { CoverageViewRequest, FileInfoRequest, ReportRequest, ScaffoldRequest, SectorsRequest, type ReportResult } from '../protocol/index.js';
import { registerImportDocx } from './importDocx.js';
import { serveFolders } from './folders.js';

interface InitOptions {
  /** Milliseconds to wait after the last keystroke before re-checking (default 200). */
  debounce?: number;
  locale?: string;
  /** Editor settings (catalog and standard globs, rule severities); kijun.yaml wins over them. */
  settings?: Partial<KijunConfig>;
  /**
   * The editor trusts the workspace (VS Code: not Restricted Mode). Without it nothing outside the
   * workspace folder is read: no kijun.yaml above it, no configured path that leaves it.
   */
  trusted?: boolean;
}

export function startServer(connection: Connection): void {
  // One server instance per workspace folder, behind one connection.
  serveFolders(connection, (c) => new KijunServer(c).listen());
}

class KijunServer {
  private readonly documents = new TextDocuments(TextDocument);
  private index: WorkspaceIndex | undefined;
  private ready: Promise<void> = Promise.resolve();
  private clientLocale: Locale = 'en';
  private debounce = 200;
  private dynamicWatchers = false;
  private lensRefresh = false;
  private lensKey = '';
  private readonly published = new Map<string, string>();
  /** What the editor was last sent per URI: "fix all" and range-only code actions work from it. */
  private readonly sent = new Map<string, LspDiagnostic[]>();
  /** Events being handled (and a pending debounce); diagnostics are published when it drops to 0. */
  private busy = 0;
  private readonly settled: (() => void)[] = [];
  private readonly uris = new Map<string, string>();
  private readonly standardTexts = new StandardTexts();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private rootPath: string | undefined;
  private settings: Partial<KijunConfig> = {};
  private trusted = false;
  /**
   * Without kijun.yaml (or catalog and standard settings) the folder is read only once an open
   * document says `kind: standard` or `kind: catalog`: a repository where Markdown merely
   * activated the extension is never crawled.
   */
  private kijunOpen = false;
  private readonly service = createKijunService(() => this.ctx());

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => {
      this.ready = this.safely(() => this.start());
    });
    this.documents.onDidChangeContent((e) => this.changed(e.document.uri));
    this.documents.onDidClose((e) => this.safely(() => this.closed(e.document.uri)));
    c.onDidChangeWatchedFiles((e) => this.safely(() => this.watched(e.changes)));
    const service = this.service;
    c.onHover((p, token) => this.answer(token, async () => {
      const [s, path, text] = [service.pinned(), this.path(p.textDocument.uri), this.text(p.textDocument.uri)];
      return s.hover(path, p.position, text, await this.texts(s, s.hoverPaths(path)), token);
    }, null));
    c.onCompletion((p, token) => this.answer(token, () => {
      const uri = p.textDocument.uri;
      const text = this.text(uri);
      const path = this.path(uri);
      return text === undefined ? [] : service.completion(path, text, p.position, this.index?.isConfig(path) ?? false, token);
    }, []));
    c.onDefinition((p, token) => this.answer(token, () => service.definition(this.path(p.textDocument.uri), p.position, this.text(p.textDocument.uri), token), []));
    c.onReferences((p, token) => this.answer(token, () => service.references(this.path(p.textDocument.uri), p.position, p.context.includeDeclaration, this.text(p.textDocument.uri), token), []));
    c.onDocumentSymbol((p, token) => this.answer(token, () => service.documentSymbols(this.path(p.textDocument.uri), token), []));
    c.onWorkspaceSymbol((p, token) => this.answer(token, () => service.workspaceSymbols(p.query, token), []));
    c.onCodeLens((p, token) => this.answer(token, () => service.codeLenses(this.path(p.textDocument.uri), token), []));
    c.onCodeAction((p, token) => this.answer(token, async () => {
      const text = this.text(p.textDocument.uri);
      if (text === undefined) return [];
      const request: CodeActionRequest = { path: this.path(p.textDocument.uri), text, range: p.range, context: p.context, published: this.sent.get(p.textDocument.uri) ?? [] };
      const s = service.pinned();
      return s.codeActions(request, await this.texts(s, s.codeActionPaths(request)), token);
    }, []));
    c.onRequest('kijun/coverage', (...args: unknown[]) => this.answer(tokenIn(args), () => ({ sectors: service.coverageSummary() }), { sectors: [] }));
    c.onRequest(CoverageViewRequest, (token) => this.answer(token, async () => {
      const s = service.pinned();
      return s.coverageView(await this.texts(s, s.coverageViewPaths()), token);
    }, { sectors: [], catalogs: [] }));
    c.onRequest(FileInfoRequest, (p, token) => this.answer(token, () => service.fileInfo(this.path(p.uri)), { catalogs: [] }));
    c.onRequest(ScaffoldRequest, (p, token) =>
      this.answer(token, () => service.scaffold(p.catalog, p.sector, p.level, p.locale === 'ja' ? 'ja' : p.locale === 'en' ? 'en' : this.locale) ?? null, null));
    c.onRequest(SectorsRequest, (p, token) => this.answer(token, () => sectorChoices(this.requireIndex().snapshot, pickLocale(p?.locale) ?? this.locale), []));
    c.onRequest(ReportRequest, (p, token) => this.answer<ReportResult>(token, () => htmlReport(this.requireIndex().snapshot, this.rootPath ?? this.requireIndex().root, p, process.env), { problem: 'The Kijun language server could not load the workspace.' }));
    registerImportDocx(c, () => this.locale);
    registerExports(c, (token, work) => this.answer<unknown>(token, () => work({ index: this.requireIndex(), locale: this.locale, root: this.rootPath ?? this.requireIndex().root }), null));
    // Undocumented, for protocol tests: answers once every event received before it is handled and published.
    c.onRequest('kijun/_settled', () => (this.busy === 0 ? null : new Promise<null>((resolve) => this.settled.push(() => resolve(null)))));
    // Undocumented, for the soak test: heap figures after a forced GC (when run with --expose-gc).
    c.onRequest('kijun/_memory', () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    });
    c.onDidChangeConfiguration((p) => this.safely(async () => {
      const settings = (p.settings as { kijun?: Partial<KijunConfig> } | undefined)?.kijun;
      if (!settings) return;
      this.settings = cleanSettings(settings);
      await this.ready;
      await this.restart();
    }));
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitOptions;
    if (typeof options.debounce === 'number' && options.debounce >= 0) this.debounce = options.debounce;
    this.settings = cleanSettings(options.settings ?? {});
    this.trusted = options.trusted === true;
    this.clientLocale = /^ja/i.test(options.locale ?? params.locale ?? '') ? 'ja' : 'en';
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? (params.rootPath ? URI.file(params.rootPath).toString() : undefined);
    // No folder (an editor opened on single files): serve the open documents only, never the current directory.
    this.rootPath = folder ? toPosix(URI.parse(folder).fsPath) : undefined;
    this.dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', '：', ' ', ',', '、', '.', '-'] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'kijun', version: VERSION },
    };
  }

  private async start(): Promise<void> {
    if (this.dynamicWatchers) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown,yaml,yml}' }],
      });
    }
    await this.restart();
  }

  private get locale(): Locale {
    return this.index?.config.locale ?? this.clientLocale;
  }

  private ctx(): ServiceContext {
    return snapshotContext(this.requireIndex().snapshot, { locale: this.locale, toUri: (p) => this.uri(p), today: localToday() });
  }

  private requireIndex(): WorkspaceIndex {
    if (!this.index) throw new Error('workspace not loaded yet');
    return this.index;
  }

  private path(uri: string): string {
    const parsed = URI.parse(uri);
    const p = parsed.scheme === 'file' ? toPosix(parsed.fsPath) : uri;
    this.uris.set(p, uri);
    return p;
  }

  private uri(p: string): string {
    return this.uris.get(p) ?? URI.file(p).toString();
  }

  private text(uri: string): string | undefined {
    return this.documents.get(uri)?.getText();
  }

  /** Standards' texts for the mapping assistant (the index keeps models only). */
  private texts(service: KijunService, paths: string[]) {
    return this.standardTexts.load(service.context().analysis, paths, (p) => this.text(this.uri(p)));
  }

  private changed(uri: string): void {
    this.dirty.add(uri);
    if (this.timer) clearTimeout(this.timer);
    else this.busy++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.safely(() => this.flush());
      this.release();
    }, this.debounce);
  }

  private async flush(): Promise<void> {
    await this.ready;
    const index = this.requireIndex();
    const uris = [...this.dirty];
    this.dirty.clear();
    let reload = false;
    for (const uri of uris) {
      const doc = this.documents.get(uri);
      if (!doc) continue;
      const p = this.path(uri);
      index.setOpen(p, doc.getText(), languageOf(doc));
      if (index.isConfig(p)) reload = true;
    }
    if (!this.kijunOpen && uris.some((uri) => isKijunDocument(index.file(this.path(uri))))) await this.restart();
    else if (reload) await index.loadAll();
  }

  private async closed(uri: string): Promise<void> {
    await this.ready;
    this.dirty.delete(uri);
    const index = this.requireIndex();
    const p = this.path(uri);
    await index.close(p);
    // kijun.yaml closed unsaved: the disk's configuration applies again.
    if (index.isConfig(p)) await this.restart();
  }

  private async watched(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    await this.ready;
    const index = this.requireIndex();
    let reload = false;
    for (const change of changes) {
      const p = this.path(change.uri);
      if (index.isConfig(p) || path.posix.basename(p) === 'kijun.yaml') reload = true;
      else if (!index.isCandidate(p)) continue;
      else if (change.type === FileChangeType.Deleted) index.remove(p);
      else await index.refreshFromDisk(p);
    }
    if (reload) await this.restart();
  }

  /**
   * A new or changed kijun.yaml can move the workspace root: reload with the options it gives.
   * The index keeps its current snapshot (and answers from it) until the new one is complete.
   */
  private async restart(): Promise<void> {
    const folder = this.rootPath;
    const configPath = folder === undefined ? undefined : this.trusted ? await findConfig(folder) : await configIn(folder);
    const root = configPath ? path.posix.dirname(configPath) : folder ?? '';
    const options = { root, configPath, today: localToday, settings: this.settings, loader: serverLoader(), confined: !this.trusted, scan: false };
    if (!this.index) {
      this.index = new WorkspaceIndex(nodeFs, options);
      for (const doc of this.documents.all()) this.index.setOpen(this.path(doc.uri), doc.getText(), languageOf(doc));
    }
    const index = this.index;
    this.kijunOpen ||= index.paths().some((p) => index.isOpen(p) && isKijunDocument(index.file(p)));
    const configured = configPath !== undefined || this.settings.catalogs !== undefined || this.settings.standards !== undefined;
    await index.loadAll({ ...options, scan: folder !== undefined && (configured || this.kijunOpen) });
  }

  /** Sends diagnostics for every file whose diagnostics changed, and clears vanished files. */
  private publish(): void {
    // One snapshot for the whole publication, so that every file's diagnostics come from the same state.
    const snapshot = this.requireIndex().snapshot;
    const options = { locale: snapshot.config.locale ?? this.clientLocale, rules: snapshot.config.rules, docsBase: docsBase(), displayPath: (p: string) => (this.rootPath === undefined ? p : path.posix.relative(this.rootPath, p) || p) };
    const next = snapshotDiagnostics(snapshot, options, (p) => this.uri(p));
    for (const [p, diagnostics] of next) {
      const uri = this.uri(p);
      const key = JSON.stringify(diagnostics);
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      this.sent.set(uri, diagnostics);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    const live = new Set([...next.keys()].map((p) => this.uri(p)));
    for (const uri of [...this.published.keys()]) {
      if (live.has(uri)) continue;
      this.published.delete(uri);
      this.sent.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.refreshLenses(snapshot.analysis());
  }

  /** Coverage lenses of unchanged documents go stale when another file changes coverage: ask the editor to re-read them. */
  private refreshLenses(analysis: ReturnType<WorkspaceIndex['analysis']>): void {
    if (!this.lensRefresh) return;
    const key = lensKey(analysis);
    if (key === this.lensKey) return;
    const first = this.lensKey === '';
    this.lensKey = key;
    if (!first) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /** A request the editor gave up on while the workspace was loading is not computed at all. */
  private async answer<T>(token: CancellationToken, compute: () => T | Promise<T>, fallback: T): Promise<T | ResponseError<void>> {
    try {
      await this.ready;
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      return this.index ? await compute() : fallback;
    } catch (err) {
      this.connection.console.error(`kijun: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  }

  /**
   * Runs an event's work. Diagnostics are published when the last pending event is done (a
   * debounce timer counts as pending), so every publication shows the state after all events
   * received so far, never one half-way through a reload.
   */
  private async safely(work: () => Promise<void>): Promise<void> {
    this.busy++;
    try {
      await work();
    } catch (err) {
      this.connection.console.error(`kijun: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    } finally {
      this.release();
    }
  }

  private release(): void {
    if (--this.busy > 0) return;
    try {
      if (this.index) this.publish();
    } catch (err) {
      this.connection.console.error(`kijun: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
    for (const resolve of this.settled.splice(0)) resolve();
  }
}

declare const __KIJUN_VERSION__: string | undefined;
const VERSION = typeof __KIJUN_VERSION__ === 'string' ? __KIJUN_VERSION__ : '0.0.0-dev';

/** kijun.yaml in the workspace folder itself, for untrusted workspaces (no search upward, no link leaving the folder). */
async function configIn(root: string): Promise<string | undefined> {
  const candidate = path.posix.join(root, 'kijun.yaml');
  const stat = await nodeFs.stat(candidate);
  return stat?.isFile === true && (await realPathInside(nodeFs, root, candidate)) ? candidate : undefined;
}

function isKijunDocument(file: FileAnalysis | undefined): boolean {
  return file?.model?.kind === 'standard' || file?.model?.kind === 'catalog';
}

/** The editor's language decides Markdown or YAML for documents whose name has no usable extension. */
function languageOf(doc: TextDocument): DocumentLanguage | undefined {
  return doc.languageId === 'markdown' ? 'markdown' : doc.languageId === 'yaml' ? 'yaml' : undefined;
}

/** Parallel extraction for the initial scan; no cache, so an untrusted workspace gets no writes. */
function serverLoader() {
  const workerScript = typeof __dirname === 'string' ? path.join(__dirname, 'worker.cjs') : undefined;
  return fastLoader({ buildId: 'server', workerScript: workerScript && existsSync(workerScript) ? workerScript : undefined });
}

/** Only the settings a user actually set: empty globs or rules mean "not set". */
function cleanSettings(raw: Partial<KijunConfig> & { locale?: string }): Partial<KijunConfig> {
  const out: Partial<KijunConfig> = {};
  if (Array.isArray(raw.catalogs) && raw.catalogs.length > 0) out.catalogs = raw.catalogs;
  if (Array.isArray(raw.standards) && raw.standards.length > 0) out.standards = raw.standards;
  if (raw.rules && typeof raw.rules === 'object' && Object.keys(raw.rules).length > 0) out.rules = raw.rules;
  if (raw.locale === 'ja' || raw.locale === 'en') out.locale = raw.locale;
  if (typeof raw.exemptionRationaleMinLength === 'number') out.exemptionRationaleMinLength = raw.exemptionRationaleMinLength;
  return out;
}

/** A request sent without parameters hands its handler the token first; with parameters, second. */
function tokenIn(args: unknown[]): CancellationToken {
  return (args.find((a) => CancellationToken.is(a)) as CancellationToken | undefined) ?? CancellationToken.None;
}

function pickLocale(value: string | undefined): Locale | undefined {
  return value === 'ja' || value === 'en' ? value : undefined;
}
