// The engine every host shares: an immutable snapshot of a workspace (configuration, files with
// their extracted models, the analysis computed lazily once) and `apply(snapshot, changes)`, which
// returns the next snapshot and never changes the one it is given. The CLI loads one snapshot;
// the language server builds each next one beside the current one and swaps it in one assignment.
import type { FileAnalysis, Finding } from './model.js';
import { extractOptions, mergeConfig, parseConfig, type KijunConfig } from './config.js';
import { decodeBytes, decodeProblem } from './decode.js';
import type { MessageRef } from './messages.js';
import type { DocumentLanguage, FileRole } from './extract.js';
import { analyzeWorkspace, type WorkspaceAnalysis } from './analyze.js';
import { mergeSectors } from './sectors.js';
import { resolveOscalSettings, type ResolvedSettings } from './oscal/settings.js';
import { analyzeText, classifier, isCandidatePath, loadFile, loadFiles, outsideGlobs, skipped, type FileLoader } from './loader.js';
import type { WorkspaceFs } from './workspaceFs.js';
import { append } from './arrays.js';

export interface SnapshotOptions {
  /** Folder that holds kijun.yaml, or the folder to scan when there is none. */
  root: string;
  /** Path of kijun.yaml when one exists. */
  configPath?: string;
  /** Today's date (YYYY-MM-DD), read when the analysis is computed. */
  today: () => string;
  /** Editor settings; a kijun.yaml overrides them key by key. */
  settings?: Partial<KijunConfig>;
  /** Extracts the files read (worker pool, cache); default: one by one. */
  loader?: FileLoader;
  /** Refuse configured paths and files whose real path leaves the root (an untrusted workspace). */
  confined?: boolean;
  /** False when there is no workspace folder: nothing is listed, only open documents are served. */
  scan?: boolean;
  /** Files or folders to report on (the CLI's PATH arguments); default: the whole workspace. */
  paths?: string[];
}

export interface OpenDocument {
  readonly text: string;
  /** Decides Markdown or YAML when the name has no usable extension. */
  readonly language?: DocumentLanguage;
}

export interface Snapshot {
  readonly options: SnapshotOptions;
  /** Changes with every full load, so that a read made against an older configuration is redone. */
  readonly epoch: number;
  readonly config: KijunConfig;
  /** kijun.yaml's own findings (syntax, schema, unreadable) followed by those of its `oscal:` entries. */
  readonly configFindings: readonly Finding[];
  readonly oscal: ResolvedSettings;
  readonly files: ReadonlyMap<string, FileAnalysis>;
  readonly open: ReadonlyMap<string, OpenDocument>;
  /** Files named by `paths` (the CLI reports only these; they are kept even outside the globs). */
  readonly requested?: readonly string[];
  /** The cross-file analysis of these files, computed on first use. */
  analysis(): WorkspaceAnalysis;
  /** The role the configuration gives a path (undefined: its `kind` decides). */
  role(path: string): FileRole | undefined;
}

/** What happened, with whatever had to be read from disk already read (`readChanges`). */
export type Change =
  | { kind: 'open'; path: string; text: string; language?: DocumentLanguage }
  | { kind: 'closed'; path: string }
  | { kind: 'file'; path: string; file: FileAnalysis | undefined }
  | { kind: 'deleted'; path: string }
  | { kind: 'oscal'; resolved: ResolvedSettings };

interface State {
  options: SnapshotOptions;
  epoch: number;
  config: KijunConfig;
  ownFindings: readonly Finding[];
  oscal: ResolvedSettings;
  files: ReadonlyMap<string, FileAnalysis>;
  open: ReadonlyMap<string, OpenDocument>;
  requested?: readonly string[];
  named: ReadonlySet<string>;
}

let epochs = 0;

/** A snapshot with no files, for hosts that have not loaded yet. */
export function emptySnapshot(options: SnapshotOptions): Snapshot {
  const config = mergeConfig(options.settings ?? {}, {});
  return freeze({ options, epoch: ++epochs, config, ownFindings: [], oscal: { catalogs: [], findings: [], profilePaths: [] }, files: new Map(), open: new Map(), named: new Set() });
}

/** Reads the configuration and every file: `apply(empty, every file)`, done in bulk. */
export async function loadSnapshot(fs: WorkspaceFs, options: SnapshotOptions, open: ReadonlyMap<string, OpenDocument> = new Map()): Promise<Snapshot> {
  const { config, findings } = await readConfig(fs, options, open);
  const globs = globsOf(options, config);
  const classify = classifier(options.root, globs);
  const oscal = await resolveOscalSettings(fs, options.root, options.configPath ? config.oscal : undefined, options.confined);
  const listed = options.scan === false ? [] : await fs.listFiles(options.root);
  const requested = options.paths?.length ? await expand(fs, options.paths) : undefined;
  const named = new Set(await namedFiles(fs, options.paths ?? []));
  const candidates = new Set((requested ?? listed).filter(isCandidatePath));
  // Coverage needs every file of a sector and every catalog, even when only some are reported.
  if (requested && options.configPath) for (const p of listed) if (classify(p)) candidates.add(p);
  const jobs = [...candidates].sort().filter((p) => p !== options.configPath && !open.has(p)).map((path) => ({ path, role: classify(path), extract: extractOptions(config) }));
  const loaded = await loadFiles(fs, jobs, config.maxFileSize, { loader: options.loader, confinedTo: options.confined ? options.root : undefined });
  const state: State = { options, epoch: ++epochs, config, ownFindings: findings, oscal, files: new Map(), open: new Map(open), requested, named };
  const files = new Map<string, FileAnalysis>();
  jobs.forEach((job, i) => store(state, files, job.path, loaded[i]));
  for (const [path, doc] of [...open].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path !== options.configPath) store(state, files, path, analyzeText(path, doc.text, classify(path), config.maxFileSize, doc.language, extractOptions(config)));
  }
  return freeze({ ...state, files: sortedMap(files) });
}

/** The next snapshot: `snapshot` with `changes` applied in order. Pure; a change to kijun.yaml itself needs `loadSnapshot`. */
export function apply(snapshot: Snapshot, changes: readonly Change[]): Snapshot {
  if (changes.length === 0) return snapshot;
  const state = stateOf(snapshot);
  const files = new Map(state.files);
  const open = new Map(state.open);
  let oscal = state.oscal;
  const next: State = { ...state, open };
  for (const change of changes) {
    if (change.kind === 'oscal') {
      oscal = change.resolved;
      continue;
    }
    const path = change.path;
    if (change.kind === 'open') {
      open.set(path, { text: change.text, language: change.language });
      if (path === state.options.configPath) continue;
      store(next, files, path, analyzeText(path, change.text, roleIn(state, path), state.config.maxFileSize, change.language, extractOptions(state.config)));
    } else if (change.kind === 'closed') {
      open.delete(path);
    } else if (open.has(path)) {
      // The editor's text wins over the disk until the document is closed.
      continue;
    } else if (change.kind === 'deleted') {
      files.delete(path);
    } else {
      store(next, files, path, change.file);
    }
  }
  return freeze({ ...next, files, oscal });
}

/**
 * Reads what a disk event on `path` changed, against `snapshot`'s configuration: the file's new
 * model (or its absence), and the `oscal:` levels again when the path is one of their profiles.
 */
export async function readChanges(fs: WorkspaceFs, snapshot: Snapshot, path: string): Promise<Change[]> {
  const state = stateOf(snapshot);
  const changes: Change[] = [];
  if (state.oscal.profilePaths.includes(path)) {
    changes.push({ kind: 'oscal', resolved: await resolveOscalSettings(fs, state.options.root, state.options.configPath ? state.config.oscal : undefined, state.options.confined) });
  }
  if (path === state.options.configPath || state.open.has(path)) return changes;
  if (state.options.scan === false) return [...changes, { kind: 'deleted', path }];
  const file = await loadFile(fs, path, roleIn(state, path), state.config.maxFileSize, state.options.confined ? state.options.root : undefined, extractOptions(state.config));
  return [...changes, { kind: 'file', path, file }];
}

/** Keeps a file when it is ours: it has a model or findings, and the globs do not leave it out. */
function store(state: State, files: Map<string, FileAnalysis>, path: string, file: FileAnalysis | undefined): void {
  const kept = file && (file.model || file.findings.length > 0)
    && (state.open.has(path) || state.named.has(path) || !outsideGlobs(file, roleIn(state, path), globsOf(state.options, state.config)));
  if (kept) files.set(path, file);
  else files.delete(path);
}

const classifiers = new WeakMap<KijunConfig, (path: string) => FileRole | undefined>();

function roleIn(state: State, path: string): FileRole | undefined {
  let classify = classifiers.get(state.config);
  if (!classify) {
    classify = classifier(state.options.root, globsOf(state.options, state.config));
    classifiers.set(state.config, classify);
  }
  return classify(path);
}

/** The configuration decides roles by glob when kijun.yaml exists or the editor settings name globs. */
function globsOf(options: SnapshotOptions, config: KijunConfig): KijunConfig | undefined {
  return options.configPath || options.settings?.catalogs || options.settings?.standards ? config : undefined;
}

const states = new WeakMap<Snapshot, State>();

function stateOf(snapshot: Snapshot): State {
  const state = states.get(snapshot);
  if (!state) throw new Error('not a snapshot made by this module');
  return state;
}

function freeze(state: State): Snapshot {
  let analysis: WorkspaceAnalysis | undefined;
  const snapshot: Snapshot = Object.freeze({
    options: state.options,
    epoch: state.epoch,
    config: state.config,
    configFindings: Object.freeze([...state.ownFindings, ...state.oscal.findings]),
    oscal: state.oscal,
    files: state.files,
    open: state.open,
    requested: state.requested,
    analysis: () => (analysis ??= analyzeWorkspace([...state.files.values()], {
      exemptionRationaleMinLength: state.config.exemptionRationaleMinLength,
      today: state.options.today(),
      sectors: mergeSectors(state.config.sectors),
      catalogSettings: state.oscal.catalogs,
    })),
    role: (path: string) => roleIn(state, path),
  });
  states.set(snapshot, state);
  return snapshot;
}

function sortedMap<T>(map: Map<string, T>): Map<string, T> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** kijun.yaml (the editor's text when it is open) over the editor settings; one that cannot be read is a finding, not an exception. */
async function readConfig(fs: WorkspaceFs, options: SnapshotOptions, open: ReadonlyMap<string, OpenDocument>): Promise<{ config: KijunConfig; findings: Finding[] }> {
  const settings = options.settings ?? {};
  if (!options.configPath) return { config: mergeConfig(settings, {}), findings: [] };
  let text = open.get(options.configPath)?.text;
  if (text === undefined) {
    const read = await readConfigText(fs, options.configPath);
    if ('problem' in read) return { config: mergeConfig(settings, {}), findings: [read.problem] };
    text = read.text;
  }
  const parsed = parseConfig(text);
  return { config: mergeConfig(settings, parsed.given), findings: parsed.findings };
}

async function readConfigText(fs: WorkspaceFs, path: string): Promise<{ text: string } | { problem: Finding }> {
  const problem = (reason: MessageRef): { problem: Finding } => ({ problem: skipped(path, reason).findings[0] });
  try {
    if ((await fs.stat(path))?.isFile === false) return problem({ message: 'fileNotRegular' });
    const decoded = decodeBytes(await fs.readFile(path));
    return decoded.ok ? { text: decoded.text } : problem(decodeProblem(decoded));
  } catch (err) {
    return problem({ message: 'fileUnreadable', args: { detail: err instanceof Error ? err.message : String(err) } });
  }
}

async function expand(fs: WorkspaceFs, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p);
    if (stat?.isDirectory) append(out, await fs.listFiles(p));
    else if (stat) out.push(p);
  }
  return out;
}

async function namedFiles(fs: WorkspaceFs, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) if ((await fs.stat(p))?.isDirectory === false) out.push(p);
  return out;
}
