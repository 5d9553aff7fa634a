// Loading a workspace through a host-provided file system: configuration, file discovery,
// decoding, extraction and the cross-file analysis. The one entry point every host uses.
import picomatch from 'picomatch';
import type { FileAnalysis, Finding } from './model.js';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type KijunConfig } from './config.js';
import { decodeBytes } from './decode.js';
import { extractFile, isMarkdownPath, isYamlPath, type DocumentLanguage, type FileRole } from './extract.js';
import { analyzeWorkspace, type WorkspaceAnalysis } from './analyze.js';
import { LineIndex } from './text.js';
import { mergeSectors } from './sectors.js';
import { isOscalPath, sniffOscal } from './oscal/extractOscal.js';
import { resolveOscalSettings } from './oscal/settings.js';
import { realPathInside, workspacePath, type WorkspaceFs } from './workspaceFs.js';

export type { FileStat, WorkspaceFs } from './workspaceFs.js';

export interface LoadOptions {
  /** Folder that holds kijun.yaml, or the folder to scan when there is none. */
  root: string;
  /** Path of kijun.yaml when one exists. */
  configPath?: string;
  /** Files or folders to report on; default: the whole workspace. */
  paths?: string[];
  today: string;
  /** Text of open documents, which wins over the disk. */
  overlay?: Map<string, string>;
  /** Extracts the files read; hosts may parallelise or cache. Default: one by one. */
  loader?: FileLoader;
  /** Refuse files and configured paths whose real path leaves the root (an untrusted workspace). */
  confined?: boolean;
}

export interface FileJob {
  path: string;
  role?: FileRole;
}

/** A file read for extraction: its bytes (only the head when it is over the size cap) and its size. */
export interface BytesJob extends FileJob {
  bytes: Uint8Array;
  size: number;
}

/**
 * Extracts files already read; results are in the order of the jobs. Every file is read by
 * `loadFiles` through the `WorkspaceFs`, so a loader (worker pool, cache) only changes speed,
 * never which findings a file gets.
 */
export type FileLoader = (jobs: BytesJob[], maxSize: number) => Promise<(FileAnalysis | undefined)[]>;

export interface LoadedWorkspace {
  config: KijunConfig;
  configPath?: string;
  configFindings: Finding[];
  analysis: WorkspaceAnalysis;
  /** Files whose findings are reported (all analysed files unless paths were given). */
  reported: Set<string>;
}

export async function loadWorkspace(fs: WorkspaceFs, options: LoadOptions): Promise<LoadedWorkspace> {
  const parsed = options.configPath
    ? parseConfig(await readText(fs, options.configPath, options.overlay))
    : { config: { ...DEFAULT_CONFIG }, findings: [] };
  const config = parsed.config;
  const classify = classifier(options.root, options.configPath ? config : undefined);
  const oscal = await resolveOscalSettings(fs, options.root, options.configPath ? config.oscal : undefined, options.confined);
  const configFindings = [...parsed.findings, ...oscal.findings];
  const workspaceFiles = await fs.listFiles(options.root);
  const requested = options.paths?.length ? await expand(fs, options.paths) : workspaceFiles;
  const named = new Set(await namedFiles(fs, options.paths ?? []));
  const globs = options.configPath ? config : undefined;
  const reported = new Set(requested.filter(isCandidatePath));
  // Coverage needs every file of a sector and every catalog, even when only some are reported.
  const candidates = new Set(reported);
  if (options.configPath) for (const p of workspaceFiles) if (classify(p)) candidates.add(p);
  for (const p of options.overlay?.keys() ?? []) if (isCandidatePath(p)) candidates.add(p);
  const jobs = [...candidates].sort().filter((p) => p !== options.configPath).map((path) => ({ path, role: classify(path) }));
  const overlay = options.overlay ?? new Map<string, string>();
  const onDisk = jobs.filter((j) => !overlay.has(j.path));
  const loaded = await loadFiles(fs, onDisk, config.maxFileSize, { loader: options.loader, confinedTo: options.confined ? options.root : undefined });
  const byPath = new Map(onDisk.map((j, i) => [j.path, loaded[i]]));
  const files: FileAnalysis[] = [];
  for (const job of jobs) {
    const open = overlay.get(job.path);
    const file = open !== undefined ? analyzeText(job.path, open, job.role, config.maxFileSize) : byPath.get(job.path);
    const kept = open !== undefined || named.has(job.path) || !outsideGlobs(file, job.role, globs);
    if (file && (file.model || file.findings.length > 0) && kept) files.push(file);
  }
  const analysis = analyzeWorkspace(files, {
    exemptionRationaleMinLength: config.exemptionRationaleMinLength, today: options.today, sectors: mergeSectors(config.sectors), catalogSettings: oscal.catalogs,
  });
  for (const p of [...reported]) if (!analysis.files.has(p)) reported.delete(p);
  return { config, configPath: options.configPath, configFindings, analysis, reported };
}

async function expand(fs: WorkspaceFs, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p);
    if (stat?.isDirectory) out.push(...(await fs.listFiles(p)));
    else if (stat) out.push(p);
  }
  return out;
}

async function namedFiles(fs: WorkspaceFs, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) if ((await fs.stat(p))?.isDirectory === false) out.push(p);
  return out;
}

/**
 * A workspace file found only by its content (`kind: catalog` / `kind: standard`) while the
 * configuration names that kind's files by glob: PRODUCT.md §1.4 lets the globs decide, so a draft
 * catalog kept beside the workspace's own is not loaded. Open and explicitly named files still are.
 */
export function outsideGlobs(file: FileAnalysis | undefined, role: FileRole | undefined, config: KijunConfig | undefined): boolean {
  if (!file?.model || role || !config) return false;
  return file.model.kind === 'catalog' ? config.catalogs !== undefined : config.standards !== undefined;
}

/** Files the core may read: Markdown, YAML, and JSON or XML (OSCAL). */
export function isCandidatePath(path: string): boolean {
  return isMarkdownPath(path) || isYamlPath(path) || isOscalPath(path);
}

/** Role of a path under the configuration's globs; undefined means "decide by kind". */
export function classifier(root: string, config: KijunConfig | undefined): (path: string) => FileRole | undefined {
  if (!config || (!config.catalogs && !config.standards && !config.oscal?.length)) return () => undefined;
  const catalogs = picomatch(config.catalogs ?? [], { dot: false });
  const standards = picomatch(config.standards ?? [], { dot: false });
  const oscal = new Set((config.oscal ?? []).map((o) => workspacePath(root, o.path)));
  const prefix = root === '' || root === '.' ? '' : root.endsWith('/') ? root : `${root}/`;
  return (path) => {
    const rel = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (oscal.has(path) || catalogs(rel)) return 'catalog';
    if (standards(rel)) return 'standard';
    return undefined;
  };
}

/** Extraction on the calling thread, one file after the other. */
export const sequentialLoader: FileLoader = async (jobs, maxSize) => jobs.map((j) => analyzeBytes(j.path, j.role, j.bytes, j.size, maxSize));

export interface ReadOptions {
  loader?: FileLoader;
  /** Root that real paths must stay inside (an untrusted workspace), or undefined to follow links anywhere. */
  confinedTo?: string;
}

/** How many files are read at once: enough to hide latency, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 32;

/** The one way files are loaded: read through the host's fs (with every refusal as a finding), then extracted by the loader. */
export async function loadFiles(fs: WorkspaceFs, jobs: FileJob[], maxSize: number, options: ReadOptions = {}): Promise<(FileAnalysis | undefined)[]> {
  const outcomes: ReadOutcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      outcomes[i] = await readForExtraction(fs, jobs[i], maxSize, options.confinedTo);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, jobs.length) }, worker));
  const read = outcomes.flatMap((o, i) => ('bytes' in o ? [{ index: i, job: o }] : []));
  const extracted = read.length > 0 ? await (options.loader ?? sequentialLoader)(read.map((r) => r.job), maxSize) : [];
  const results = outcomes.map((o) => ('bytes' in o ? undefined : o.file));
  read.forEach((r, k) => (results[r.index] = extracted[k]));
  return results;
}

export async function loadFile(fs: WorkspaceFs, path: string, role: FileRole | undefined, maxSize: number, confinedTo?: string): Promise<FileAnalysis | undefined> {
  return (await loadFiles(fs, [{ path, role }], maxSize, { confinedTo }))[0];
}

type ReadOutcome = BytesJob | { file: FileAnalysis | undefined };

/**
 * Reads one file, or says why not: only regular files are read (a named pipe would block
 * forever), and in a confined workspace only files whose real path stays inside the root.
 */
async function readForExtraction(fs: WorkspaceFs, job: FileJob, maxSize: number, confinedTo: string | undefined): Promise<ReadOutcome> {
  const { path, role } = job;
  const stat = await fs.stat(path);
  if (!stat || stat.isDirectory) return { file: undefined };
  if (confinedTo !== undefined && !(await realPathInside(fs, confinedTo, path))) return { file: skipped(path, 'fileOutsideWorkspace', {}) };
  if (stat.isFile === false) return { file: skipped(path, 'fileNotRegular', {}) };
  const head = stat.size > maxSize;
  try {
    const bytes = await fs.readFile(path, head ? 4096 : undefined);
    return { path, role, bytes: head && bytes.length > 4096 ? bytes.subarray(0, 4096) : bytes, size: stat.size };
  } catch (err) {
    return { file: role ? skipped(path, 'fileUnreadable', { detail: err instanceof Error ? err.message : String(err) }) : undefined };
  }
}

/** Decoding and extraction of one file's bytes: pure, so hosts can run it in workers. */
export function analyzeBytes(path: string, role: FileRole | undefined, bytes: Uint8Array, size: number, maxSize: number): FileAnalysis | undefined {
  const ours = role !== undefined || declaresKind(bytes);
  if (size > maxSize) return ours ? skipped(path, 'fileTooLarge', { size, max: maxSize }) : undefined;
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return ours ? skipped(path, decoded.message, { detail: decoded.detail ?? '' }) : undefined;
  return extractFile(path, decoded.text, role);
}

/** Looks for `kind: standard|catalog` (or an OSCAL catalog) in the first bytes, readable in any ASCII-compatible encoding or UTF-16 with a BOM. */
function declaresKind(bytes: Uint8Array): boolean {
  const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const head = new TextDecoder(bom ?? 'latin1').decode(bytes.subarray(0, 4096));
  return declaresKindText(head);
}

function declaresKindText(head: string): boolean {
  return /(^|\n)kind:\s*["']?(standard|catalog)\b/.test(head) || sniffOscal(head) === 'catalog';
}

/**
 * An open document's text, under the same size cap as files on disk: the server must not parse
 * a 50 MB buffer on every keystroke. UTF-8 needs at least one byte per UTF-16 unit, so the exact
 * count is only needed near the cap.
 */
export function analyzeText(path: string, text: string, role: FileRole | undefined, maxSize: number, language?: DocumentLanguage): FileAnalysis | undefined {
  const size = text.length > maxSize ? text.length : text.length * 3 > maxSize ? utf8Length(text) : text.length;
  if (size <= maxSize) return extractFile(path, text, role, language);
  return role !== undefined || declaresKindText(text.slice(0, 4096)) ? skipped(path, 'fileTooLarge', { size, max: maxSize }) : { path, findings: [], eol: '\n' };
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 && i + 1 < text.length ? (i++, 4) : 3;
  }
  return n;
}

function skipped(path: string, message: string, args: Record<string, string | number>): FileAnalysis {
  const range = new LineIndex('').range(0, 0);
  return { path, findings: [{ code: 'syntax', range, message, args }], eol: '\n' };
}

async function readText(fs: WorkspaceFs, path: string, overlay?: Map<string, string>): Promise<string> {
  const open = overlay?.get(path);
  if (open !== undefined) return open;
  const decoded = decodeBytes(await fs.readFile(path));
  return decoded.ok ? decoded.text : '';
}

export { CONFIG_FILE };
