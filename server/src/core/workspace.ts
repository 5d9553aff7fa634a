// Loading a workspace through a host-provided file system: configuration, file discovery,
// decoding, extraction and the cross-file analysis. The one entry point every host uses.
import picomatch from 'picomatch';
import type { FileAnalysis, Finding } from './model.js';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type KijunConfig } from './config.js';
import { decodeBytes } from './decode.js';
import { extractFile, isMarkdownPath, isYamlPath, type FileRole } from './extract.js';
import { analyzeWorkspace, type WorkspaceAnalysis } from './analyze.js';
import { LineIndex } from './text.js';
import { mergeSectors } from './sectors.js';
import { isOscalPath, sniffOscal } from './oscal/extractOscal.js';
import { resolveOscalSettings, workspacePath } from './oscal/settings.js';

/** What the core needs from its host. Paths use `/` separators. */
export interface WorkspaceFs {
  readFile(path: string): Promise<Uint8Array>;
  /** Size and type, or undefined when the path does not exist. */
  stat(path: string): Promise<{ size: number; isDirectory: boolean } | undefined>;
  /** Every file below a folder, recursively, skipping VCS and dependency folders. */
  listFiles(dir: string): Promise<string[]>;
}

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
  /** Reads and extracts files; hosts may parallelise or cache. Default: one by one. */
  loader?: FileLoader;
}

export interface FileJob {
  path: string;
  role?: FileRole;
}

/** Extracts many files at once; results are in the order of the jobs. */
export type FileLoader = (jobs: FileJob[], maxSize: number) => Promise<(FileAnalysis | undefined)[]>;

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
  const oscal = await resolveOscalSettings(fs, options.root, options.configPath ? config.oscal : undefined);
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
  const loaded = await (options.loader ?? sequentialLoader(fs))(onDisk, config.maxFileSize);
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

export function sequentialLoader(fs: WorkspaceFs): FileLoader {
  return async (jobs, maxSize) => {
    const out: (FileAnalysis | undefined)[] = [];
    for (const job of jobs) out.push(await loadFile(fs, job.path, job.role, maxSize));
    return out;
  };
}

export async function loadFile(fs: WorkspaceFs, path: string, role: FileRole | undefined, maxSize: number): Promise<FileAnalysis | undefined> {
  const stat = await fs.stat(path);
  if (!stat) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = stat.size > maxSize ? (await fs.readFile(path)).subarray(0, 4096) : await fs.readFile(path);
  } catch (err) {
    return role ? skipped(path, 'fileUnreadable', { detail: err instanceof Error ? err.message : String(err) }) : undefined;
  }
  return analyzeBytes(path, role, bytes, stat.size, maxSize);
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
export function analyzeText(path: string, text: string, role: FileRole | undefined, maxSize: number): FileAnalysis | undefined {
  const size = text.length > maxSize ? text.length : text.length * 3 > maxSize ? utf8Length(text) : text.length;
  if (size <= maxSize) return extractFile(path, text, role);
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
