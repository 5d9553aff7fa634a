// One language server process for every workspace folder the client sends (VS Code multi-root,
// Neovim, Helix and Emacs with several roots): each folder gets its own server instance with its
// own kijun.yaml, index and settings, behind a connection that routes each message to the folder
// that owns its document. Workspace-wide requests are asked of every folder and merged.
import {
  type Connection, type InitializeParams, type InitializeResult, type WorkspaceFolder, type FileEvent,
  type PublishDiagnosticsParams, type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

type Handler = (...args: unknown[]) => unknown;

interface Member {
  folder: WorkspaceFolder | undefined;
  /** POSIX path of the folder, for ownership by prefix. */
  path: string | undefined;
  handlers: Map<string, Handler>;
  /** URIs this folder's server published diagnostics for (cleared when the folder is removed). */
  published: Set<string>;
}

/** Requests asked of every folder: their results are merged (arrays concatenated). */
const MERGED_REQUESTS = new Set(['kijun/coverage', 'kijun/coverageView', 'kijun/_settled']);

export function serveFolders(real: Connection, start: (connection: Connection) => void): void {
  new FolderRouter(real, start).listen();
}

class FolderRouter {
  private members: Member[] = [];
  private readonly registered = new Set<string>();
  private initParams: InitializeParams | undefined;
  private initialSettings: unknown;
  private readonly open = new Map<string, TextDocument>();

  constructor(private readonly real: Connection, private readonly start: (connection: Connection) => void) {}

  listen(): void {
    // The first member is created now so that every handler is registered before messages flow;
    // it becomes the first folder (or the only server when the client sends none).
    const first = this.addMember(undefined);
    this.real.onInitialize((params) => this.initialize(params, first));
    this.real.onInitialized((params) => {
      for (const m of this.members) void m.handlers.get('onInitialized')?.(params);
      void this.afterInitialized();
    });
    this.real.onDidChangeConfiguration((params) => void this.configurationChanged(params));
    this.real.listen();
  }

  private addMember(folder: WorkspaceFolder | undefined): Member {
    const member: Member = { folder, path: folder ? posixPath(folder.uri) : undefined, handlers: new Map(), published: new Set() };
    this.members.push(member);
    this.start(this.connectionFor(member));
    return member;
  }

  private initialize(params: InitializeParams, first: Member): InitializeResult | Promise<InitializeResult> {
    this.initParams = params;
    this.initialSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const folders = params.workspaceFolders ?? [];
    first.folder = folders[0];
    first.path = first.folder ? posixPath(first.folder.uri) : undefined;
    const result = first.handlers.get('onInitialize')?.(first.folder ? folderParams(params, first.folder) : params) as InitializeResult;
    for (const folder of folders.slice(1)) this.initializeMember(this.addMember(folder));
    return {
      ...result,
      capabilities: { ...result.capabilities, workspace: { ...result.capabilities.workspace, workspaceFolders: { supported: true, changeNotifications: true } } },
    };
  }

  private initializeMember(member: Member): void {
    if (!this.initParams || !member.folder) return;
    member.handlers.get('onInitialize')?.(folderParams(this.initParams, member.folder));
  }

  private async afterInitialized(): Promise<void> {
    const workspace = this.initParams?.capabilities.workspace;
    if (workspace?.workspaceFolders) this.real.workspace.onDidChangeWorkspaceFolders((e) => void this.foldersChanged(e));
    await this.pullSettings();
  }

  /** Folders added and removed while running: a new folder gets its own server and the open documents it owns. */
  private async foldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const before = new Map([...this.open.keys()].map((uri) => [uri, this.owner(uri)]));
    for (const removed of event.removed) {
      const member = this.members.find((m) => m.folder?.uri === removed.uri);
      // The last folder's server stays, as the server of open documents without a folder.
      if (!member || this.members.length === 1) continue;
      this.members = this.members.filter((m) => m !== member);
      for (const uri of member.published) void this.real.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const added of event.added) {
      if (this.members.some((m) => m.folder?.uri === added.uri)) continue;
      const member = this.addMember(added);
      this.initializeMember(member);
      void member.handlers.get('onInitialized')?.({});
    }
    this.moveDocuments(before);
    await this.pullSettings();
  }

  /** Open documents whose owning folder changed are closed in the old folder's server and opened in the new one's. */
  private moveDocuments(before: Map<string, Member>): void {
    for (const doc of this.open.values()) {
      const was = before.get(doc.uri);
      const now = this.owner(doc.uri);
      if (was === now) continue;
      if (was && this.members.includes(was)) void was.handlers.get('onDidCloseTextDocument')?.({ textDocument: { uri: doc.uri } });
      void now.handlers.get('onDidOpenTextDocument')?.({ textDocument: { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() } });
    }
  }

  /** Per-folder settings (`workspace/configuration` with `scopeUri`), when the client offers them. */
  private async pullSettings(): Promise<void> {
    if (this.initParams?.capabilities.workspace?.configuration !== true) return;
    for (const member of this.members) {
      if (!member.folder) continue;
      let settings: unknown;
      try {
        settings = await this.real.workspace.getConfiguration({ scopeUri: member.folder.uri, section: 'kijun' });
      } catch {
        continue;
      }
      if (settings === null || typeof settings !== 'object') continue;
      // The same as the initialization options already gave: no reload.
      if (settingsKey(settings) === settingsKey(this.initialSettings)) continue;
      void member.handlers.get('onDidChangeConfiguration')?.({ settings: { kijun: settings } });
    }
  }

  private async configurationChanged(params: { settings: unknown }): Promise<void> {
    if (this.initParams?.capabilities.workspace?.configuration === true) {
      this.initialSettings = undefined;
      await this.pullSettings();
      return;
    }
    for (const m of this.members) void m.handlers.get('onDidChangeConfiguration')?.(params);
  }

  /** The member whose folder holds the document; the first for untitled documents and files outside every folder. */
  private owner(uri: string | undefined): Member {
    let best = this.members[0];
    let length = -1;
    if (uri?.startsWith('file:')) {
      const p = posixPath(uri);
      for (const m of this.members) {
        if (m.path === undefined || m.path.length <= length) continue;
        if (p === m.path || p.startsWith(m.path.endsWith('/') ? m.path : `${m.path}/`)) [best, length] = [m, m.path.length];
      }
    }
    return best;
  }

  private connectionFor(member: Member): Connection {
    const router = this;
    const proxy = new Proxy(this.real, {
      get(target, prop, receiver) {
        if (prop === 'listen') return () => undefined;
        if (prop === 'sendDiagnostics') return (p: PublishDiagnosticsParams) => {
          member.published.add(p.uri);
          return target.sendDiagnostics(p);
        };
        if (prop === 'onRequest' || prop === 'onNotification') {
          return (type: string | { method: string }, handler: Handler) => router.register(member, `${String(prop)}:${typeof type === 'string' ? type : type.method}`, handler, (h) => (target[prop] as (t: unknown, h: Handler) => unknown)(type, h));
        }
        if (typeof prop === 'string' && /^on[A-Z]/.test(prop) && typeof Reflect.get(target, prop, receiver) === 'function') {
          return (handler: Handler) => router.register(member, prop, handler, (h) => (Reflect.get(target, prop, receiver) as (h: Handler) => unknown).call(target, h));
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return proxy;
  }

  private register(member: Member, key: string, handler: Handler, onReal: (h: Handler) => unknown): { dispose(): void } {
    member.handlers.set(key, handler);
    // The router's own handlers (initialize, initialized, configuration) are set in listen().
    if (!this.registered.has(key) && !['onInitialize', 'onInitialized', 'onDidChangeConfiguration'].includes(key)) {
      this.registered.add(key);
      onReal((...args: unknown[]) => this.dispatch(key, args));
    }
    return { dispose: () => member.handlers.delete(key) };
  }

  private dispatch(key: string, args: unknown[]): unknown {
    this.track(key, args[0]);
    if (key === 'onDidChangeWatchedFiles') return this.splitFileEvents(args);
    const method = key.startsWith('onRequest:') ? key.slice('onRequest:'.length) : undefined;
    if (key === 'onWorkspaceSymbol' || (method && MERGED_REQUESTS.has(method))) return this.merged(key, args);
    const uri = uriIn(args[0]);
    if (uri === undefined && !key.startsWith('onRequest') && !key.startsWith('onDid') && !key.startsWith('onWill')) {
      for (const m of this.members) void m.handlers.get(key)?.(...args);
      return undefined;
    }
    return this.owner(uri).handlers.get(key)?.(...args);
  }

  /** The router keeps the open documents' text, to hand them to a folder added later. */
  private track(key: string, params: unknown): void {
    const p = params as { textDocument: { uri: string; languageId: string; version: number; text: string }; contentChanges: { text: string }[] };
    if (key === 'onDidOpenTextDocument') this.open.set(p.textDocument.uri, TextDocument.create(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text));
    else if (key === 'onDidCloseTextDocument') this.open.delete(p.textDocument.uri);
    else if (key === 'onDidChangeTextDocument') {
      const doc = this.open.get(p.textDocument.uri);
      if (doc) TextDocument.update(doc, p.contentChanges as Parameters<typeof TextDocument.update>[1], p.textDocument.version);
    }
  }

  private splitFileEvents(args: unknown[]): void {
    const changes = (args[0] as { changes: FileEvent[] }).changes;
    const byMember = new Map<Member, FileEvent[]>();
    for (const change of changes) {
      const m = this.owner(change.uri);
      byMember.set(m, [...(byMember.get(m) ?? []), change]);
    }
    for (const [m, own] of byMember) void m.handlers.get('onDidChangeWatchedFiles')?.({ changes: own }, ...args.slice(1));
  }

  private async merged(key: string, args: unknown[]): Promise<unknown> {
    const results = await Promise.all(this.members.map((m) => m.handlers.get(key)?.(...args)));
    return results.reduce((acc: unknown, next: unknown) => mergeResults(acc, next));
  }
}

function mergeResults(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null) return b;
  if (b === undefined || b === null) return a;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeof a === 'object' && typeof b === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = Array.isArray(out[k]) && Array.isArray(v) ? [...(out[k] as unknown[]), ...v] : out[k] ?? v;
    return out;
  }
  return a;
}

/** The settings the server uses, unset values left out, to compare two sources. */
function settingsKey(raw: unknown): string {
  const s = (raw ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v : undefined);
  const rules = s.rules && typeof s.rules === 'object' && Object.keys(s.rules).length > 0 ? s.rules : undefined;
  const locale = s.locale === 'ja' || s.locale === 'en' ? s.locale : undefined;
  return JSON.stringify([list(s.catalogs), list(s.standards), rules, locale, s.exemptionRationaleMinLength]);
}

function uriIn(params: unknown): string | undefined {
  if (params === null || typeof params !== 'object') return undefined;
  const p = params as { textDocument?: { uri?: unknown }; uri?: unknown };
  const uri = p.textDocument?.uri ?? p.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function folderParams(params: InitializeParams, folder: WorkspaceFolder): InitializeParams {
  return { ...params, workspaceFolders: [folder], rootUri: folder.uri, rootPath: undefined };
}

function posixPath(uri: string): string {
  return URI.parse(uri).fsPath.replace(/\\/g, '/');
}
