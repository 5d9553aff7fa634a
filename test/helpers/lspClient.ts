// Speaks LSP to the real server in a child process over stdio, awaiting notifications.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams, type Diagnostic,
  DidChangeWatchedFilesNotification, type FileEvent, RegistrationRequest, ShutdownRequest, ExitNotification, CodeLensRefreshRequest,
  type TextDocumentContentChangeEvent, type InitializeResult, ConfigurationRequest,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly latest = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  private versions = new Map<string, number>();
  stderr = '';
  /** workspace/codeLens/refresh requests received (only sent to clients that declare support). */
  lensRefreshes = 0;
  private refreshWaiters: (() => void)[] = [];

  /** `nodeArgs`: options for the server's node process (the soak test passes --expose-gc). */
  constructor(nodeArgs: string[] = [], cwd?: string) {
    this.child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/kijun-language-server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd });
    this.child.stderr?.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p.diagnostics)) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes++;
      for (const resolve of this.refreshWaiters.splice(0)) resolve();
    });
    this.connection.listen();
  }

  /** Resolves at the next workspace/codeLens/refresh request from the server. */
  nextLensRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  /** `rootDir` null: no workspace folder at all (`rootUri` and `workspaceFolders` null, as Neovim sends for a single file). */
  async initialize(rootDir: string | null, options: { locale?: string; debounce?: number; settings?: Record<string, unknown>; lensRefresh?: boolean; trusted?: boolean; folders?: string[]; configuration?: (scopeUri: string | undefined) => unknown } = {}): Promise<InitializeResult> {
    const configuration = options.configuration;
    if (configuration) this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => configuration(item.scopeUri)));
    const folders = options.folders ?? (rootDir === null ? null : [rootDir]);
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: rootDir === null ? null : fileUri(rootDir),
      workspaceFolders: folders === null ? null : folders.map((f, i) => ({ uri: fileUri(f), name: i === 0 ? 'ws' : path.basename(f) })),
      locale: options.locale ?? 'en',
      initializationOptions: { debounce: options.debounce ?? 0, settings: options.settings, trusted: options.trusted },
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: options.lensRefresh === true }, workspaceFolders: options.folders !== undefined, configuration: configuration !== undefined }, textDocument: { publishDiagnostics: {} } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the first diagnostics for `uri` (already received or next) that pass the test. */
  diagnostics(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const have = this.latest.get(uri);
    if (have && test(have)) return Promise.resolve(have);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  /** Every URI the server has published diagnostics for so far. */
  publishedUris(): string[] {
    return [...this.latest.keys()];
  }

  /** The last diagnostics published for `uri`, or undefined when none were. */
  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri);
  }

  /** True while the server process runs. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the next publication for `uri` that passes the test, ignoring what was seen. */
  nextDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= lineStarts.length ? text.length : lineStarts[p.line] + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
