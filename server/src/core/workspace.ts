// Loading a workspace in one go, for the CLI and tests: one snapshot of the shared engine
// (`snapshot.ts`), read through the loader every host uses (`loader.ts`).
import type { Finding } from './model.js';
import { CONFIG_FILE, type KijunConfig } from './config.js';
import type { WorkspaceAnalysis } from './analyze.js';
import { isCandidatePath, type FileLoader } from './loader.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';
import type { WorkspaceFs } from './workspaceFs.js';

export type { FileStat, WorkspaceFs } from './workspaceFs.js';
export {
  analyzeBytes, analyzeText, classifier, isCandidatePath, loadFile, loadFiles, outsideGlobs, sequentialLoader,
  type BytesJob, type FileJob, type FileLoader, type ReadOptions,
} from './loader.js';

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

export interface LoadedWorkspace {
  config: KijunConfig;
  configPath?: string;
  configFindings: Finding[];
  analysis: WorkspaceAnalysis;
  /** Files whose findings are reported (all analysed files unless paths were given). */
  reported: Set<string>;
  /** The engine's snapshot this was read from. */
  snapshot?: Snapshot;
}

export async function loadWorkspace(fs: WorkspaceFs, options: LoadOptions): Promise<LoadedWorkspace> {
  const open = new Map([...(options.overlay ?? [])].map(([path, text]) => [path, { text }]));
  const snapshot = await loadSnapshot(fs, {
    root: options.root, configPath: options.configPath, paths: options.paths, today: () => options.today, loader: options.loader, confined: options.confined,
  }, open);
  return loadedFrom(snapshot);
}

/** The CLI's view of a snapshot: every analysed file is reported, or only those its paths name. */
export function loadedFrom(snapshot: Snapshot): LoadedWorkspace {
  const analysis = snapshot.analysis();
  const reported = new Set((snapshot.requested ?? [...analysis.files.keys()]).filter((p) => isCandidatePath(p) && analysis.files.has(p)));
  return { config: snapshot.config, configPath: snapshot.options.configPath, configFindings: [...snapshot.configFindings], analysis, reported, snapshot };
}

export { CONFIG_FILE };
