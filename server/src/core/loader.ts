// Reading files for the core: the one path every host and every load takes. Files are read
// through the host's WorkspaceFs (only regular files; in a confined workspace only files whose
// real path stays inside the root), then extracted by a pluggable loader (worker pool, cache)
// that may change speed but never findings.
import picomatch from 'picomatch';
import type { FileAnalysis } from './model.js';
import type { KijunConfig } from './config.js';
import { decodeBytes, decodeProblem } from './decode.js';
import type { MessageRef } from './messages.js';
import { extractFile, isMarkdownPath, isYamlPath, type DocumentLanguage, type ExtractOptions, type FileRole } from './extract.js';
import { LineIndex } from './text.js';
import { isOscalPath, sniffOscal } from './oscal/extractOscal.js';
import { realPathInside, workspacePath, type WorkspaceFs } from './workspaceFs.js';

export interface FileJob {
  path: string;
  role?: FileRole;
  /** kijun.yaml settings that change extraction (measure labels). */
  extract?: ExtractOptions;
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
export const sequentialLoader: FileLoader = async (jobs, maxSize) => jobs.map((j) => analyzeBytes(j.path, j.role, j.bytes, j.size, maxSize, j.extract));

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

export async function loadFile(fs: WorkspaceFs, path: string, role: FileRole | undefined, maxSize: number, confinedTo?: string, extract?: ExtractOptions): Promise<FileAnalysis | undefined> {
  return (await loadFiles(fs, [{ path, role, extract }], maxSize, { confinedTo }))[0];
}

type ReadOutcome = BytesJob | { file: FileAnalysis | undefined };

/**
 * Reads one file, or says why not: only regular files are read (a named pipe would block
 * forever), and in a confined workspace only files whose real path stays inside the root.
 */
async function readForExtraction(fs: WorkspaceFs, job: FileJob, maxSize: number, confinedTo: string | undefined): Promise<ReadOutcome> {
  const { path, role, extract } = job;
  const stat = await fs.stat(path);
  if (!stat || stat.isDirectory) return { file: undefined };
  if (confinedTo !== undefined && !(await realPathInside(fs, confinedTo, path))) return { file: skipped(path, { message: 'fileOutsideWorkspace' }) };
  if (stat.isFile === false) return { file: skipped(path, { message: 'fileNotRegular' }) };
  const head = stat.size > maxSize;
  try {
    const bytes = await fs.readFile(path, head ? 4096 : undefined);
    return { path, role, extract, bytes: head && bytes.length > 4096 ? bytes.subarray(0, 4096) : bytes, size: stat.size };
  } catch (err) {
    return { file: role ? skipped(path, { message: 'fileUnreadable', args: { detail: err instanceof Error ? err.message : String(err) } }) : undefined };
  }
}

/** Decoding and extraction of one file's bytes: pure, so hosts can run it in workers. */
export function analyzeBytes(path: string, role: FileRole | undefined, bytes: Uint8Array, size: number, maxSize: number, extract?: ExtractOptions): FileAnalysis | undefined {
  const ours = role !== undefined || declaresKind(bytes);
  if (size > maxSize) return ours ? skipped(path, { message: 'fileTooLarge', args: { size, max: maxSize } }) : undefined;
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return ours ? skipped(path, decodeProblem(decoded)) : undefined;
  return extractFile(path, decoded.text, role, undefined, extract);
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
export function analyzeText(path: string, text: string, role: FileRole | undefined, maxSize: number, language?: DocumentLanguage, extract?: ExtractOptions): FileAnalysis | undefined {
  const size = text.length > maxSize ? text.length : text.length * 3 > maxSize ? utf8Length(text) : text.length;
  if (size <= maxSize) return extractFile(path, text, role, language, extract);
  return role !== undefined || declaresKindText(text.slice(0, 4096)) ? skipped(path, { message: 'fileTooLarge', args: { size, max: maxSize } }) : { path, findings: [], eol: '\n' };
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 && i + 1 < text.length ? (i++, 4) : 3;
  }
  return n;
}

/** A file that was not checked, with the reason as a `syntax` finding at 1:1. */
export function skipped(path: string, reason: MessageRef): FileAnalysis {
  const range = new LineIndex('').range(0, 0);
  return { path, findings: [{ code: 'syntax', range, ...reason }], eol: '\n' };
}
