// A language-server client for the benchmarks: spawns the real server (the bundle, as editors do)
// over stdio, timestamps every publishDiagnostics as it arrives, and reads the server's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification, type PublishDiagnosticsParams, type Diagnostic, RegistrationRequest,
  ShutdownRequest, ExitNotification, HoverRequest, CompletionRequest, type Position, type Hover,
  type CompletionItem, type CompletionList,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(import.meta.dirname, '..');
const PUBLISH_TIMEOUT = 30_000;
export const SERVER_BIN = path.join(ROOT, 'bin/kijun-language-server.cjs');

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** The file path of a URI, so that differences in percent-encoding do not matter. */
export function uriPath(uri: string): string {
  return fileURLToPath(uri);
}

interface Waiter {
  path: string;
  test: (d: Diagnostic[]) => boolean;
  resolve: (value: { at: number; diagnostics: Diagnostic[] }) => void;
}

export class BenchServer {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** When the process was spawned (performance.now()). */
  readonly spawnedAt: number;
  /** Paths that have had at least one publication, with the time of the first. */
  readonly firstPublish = new Map<string, number>();
  readonly latest = new Map<string, Diagnostic[]>();
  publications = 0;
  stderr = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private waiters: Waiter[] = [];
  private allWaiter: { paths: Set<string>; resolve: (at: number) => void } | undefined;
  private versions = new Map<string, number>();

  /** `nodeArgs` go before the script, e.g. `--cpu-prof` for profiling. */
  constructor(nodeArgs: string[] = []) {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...nodeArgs, SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (d) => (this.stderr += String(d)));
    this.child.on('exit', (code, signal) => (this.exited = { code, signal }));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      const at = performance.now();
      const file = uriPath(p.uri);
      this.publications++;
      if (!this.firstPublish.has(file)) this.firstPublish.set(file, at);
      this.latest.set(file, p.diagnostics);
      this.waiters = this.waiters.filter((w) => {
        if (w.path !== file || !w.test(p.diagnostics)) return true;
        w.resolve({ at, diagnostics: p.diagnostics });
        return false;
      });
      if (this.allWaiter && [...this.allWaiter.paths].every((q) => this.firstPublish.has(q))) {
        this.allWaiter.resolve(at);
        this.allWaiter = undefined;
      }
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid as number;
  }

  async initialize(rootDir: string, debounce = 0): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(rootDir),
      workspaceFolders: [{ uri: fileUri(rootDir), name: 'bench' }],
      locale: 'ja',
      initializationOptions: { debounce },
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: true } } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the time at which every one of `paths` has had a publication. */
  allPublished(paths: string[], timeoutMs: number): Promise<number> {
    const set = new Set(paths);
    if ([...set].every((q) => this.firstPublish.has(q))) return Promise.resolve(Math.max(...[...set].map((q) => this.firstPublish.get(q) as number)));
    return withTimeout(new Promise<number>((resolve) => (this.allWaiter = { paths: set, resolve })), timeoutMs, () => {
      const missing = [...set].filter((q) => !this.firstPublish.has(q));
      return `${missing.length} of ${set.size} files had no publishDiagnostics within ${timeoutMs} ms (first missing: ${missing.slice(0, 3).join(', ')})`;
    });
  }

  /** The next publication for `file` that passes the test. */
  nextPublish(file: string, test: (d: Diagnostic[]) => boolean, timeoutMs: number): Promise<{ at: number; diagnostics: Diagnostic[] }> {
    return withTimeout(new Promise((resolve) => this.waiters.push({ path: file, test, resolve })), timeoutMs, () => {
      this.waiters = this.waiters.filter((w) => w.path !== file);
      return `no matching publishDiagnostics for ${file} within ${timeoutMs} ms (last had ${this.latest.get(file)?.length ?? 'none'} diagnostics)`;
    });
  }

  async open(file: string, text: string): Promise<void> {
    this.versions.set(file, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fileUri(file), languageId: 'markdown', version: 1, text } });
  }

  /** Sends one incremental change; returns the time it was handed to the transport. */
  async change(file: string, range: { start: Position; end: Position }, text: string): Promise<number> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    const at = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: fileUri(file), version }, contentChanges: [{ range, text }] });
    return at;
  }

  hover(file: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fileUri(file) }, position });
  }

  completion(file: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: fileUri(file) }, position });
  }

  /** VmRSS and VmHWM of the server process, in MB (from /proc/PID/status). */
  memory(): { rssMB: number; hwmMB: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5000, () => 'shutdown timed out');
      await this.connection.sendNotification(ExitNotification.type);
      // Let it exit by itself (a --cpu-prof profile is written on exit), then make sure.
      await withTimeout(new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve()))), 5000, () => 'exit timed out');
    } catch {
      // fall through to kill
    } finally {
      this.connection.dispose();
      if (!this.exited) this.child.kill();
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(describe())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- edit sessions

export interface EditSite {
  line: number;
  /** Character just after the control id on the marker line. */
  after: number;
  idStart: number;
}

/** Marker lines of the big standard (`対応:`/`Covers:` + a control id), spread through the document. */
export function markerSites(text: string, pattern: RegExp): EditSite[] {
  const sites: EditSite[] = [];
  text.split('\n').forEach((line, i) => {
    const m = pattern.exec(line);
    if (m) {
      const idStart = line.indexOf('BL-');
      sites.push({ line: i, idStart, after: idStart + 8 });
    }
  });
  return sites;
}

/** `n` sites evenly spread over the document, deterministic. */
export function spread<T>(items: T[], n: number, offset = 0): T[] {
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(items[(Math.floor(((k + 0.5) * items.length) / n) + offset) % items.length]);
  return out;
}

export interface EditResult {
  latencies: number[];
  publications: number;
}

const hasUnknownAt = (line: number) => (d: Diagnostic[]) => d.some((x) => x.code === 'unknown-control' && x.range.start.line === line);

/**
 * Single-character edits on marker lines: insert `9` after a control id (the id becomes unknown,
 * a diagnostic appears), then delete it (the diagnostic goes). The server publishes only changed
 * diagnostics, so every edit here changes them and is answered by exactly one publication.
 */
export async function editSession(server: BenchServer, file: string, text: string, count: number, warmup: number): Promise<EditResult> {
  const sites = markerSites(text, /^(?:対応|Covers): BL-[A-Z]{2}-\d{2}\b/);
  const chosen = spread(sites, (count + warmup) / 2);
  const latencies: number[] = [];
  const before = server.publications;
  for (let k = 0; k < chosen.length; k++) {
    const site = chosen[k];
    const at = { line: site.line, character: site.after };
    let pending = server.nextPublish(file, hasUnknownAt(site.line), PUBLISH_TIMEOUT);
    let sent = await server.change(file, { start: at, end: at }, '9');
    const inserted = (await pending).at - sent;
    pending = server.nextPublish(file, (d) => !hasUnknownAt(site.line)(d), PUBLISH_TIMEOUT);
    sent = await server.change(file, { start: at, end: { line: site.line, character: site.after + 1 } }, '');
    const deleted = (await pending).at - sent;
    if (k >= warmup / 2) latencies.push(inserted, deleted);
  }
  return { latencies, publications: server.publications - before };
}
