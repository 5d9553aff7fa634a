// The language server's view of a workspace: per-file models kept current one file at a time,
// and the cross-file analysis recomputed from them on demand. Holds models, never syntax trees.
import type { FileAnalysis } from './model.js';
import { mergeConfig, parseConfig, type KijunConfig } from './config.js';
import type { Finding } from './model.js';
import { analyzeWorkspace, type WorkspaceAnalysis } from './analyze.js';
import { analyzeText, classifier, isCandidatePath, loadFile, loadFiles, outsideGlobs, type FileLoader, type WorkspaceFs } from './workspace.js';
import type { DocumentLanguage, FileRole } from './extract.js';
import { resolveOscalSettings, type CatalogSetting } from './oscal/settings.js';
import { decodeBytes } from './decode.js';
import { mergeSectors } from './sectors.js';

export interface IndexOptions {
  root: string;
  configPath?: string;
  today: () => string;
  /** Editor settings; a kijun.yaml overrides them key by key. */
  settings?: Partial<KijunConfig>;
  /** Bulk loader for the initial scan (hosts may parallelise it). */
  loader?: FileLoader;
  /** Refuse configured paths and files whose real path leaves the root (an untrusted workspace). */
  confined?: boolean;
  /** False when there is no workspace folder: only open documents are served, nothing is listed or read from disk. */
  scan?: boolean;
}

export class WorkspaceIndex {
  config: KijunConfig = mergeConfig({}, {});
  configFindings: Finding[] = [];
  private files = new Map<string, FileAnalysis>();
  private open = new Map<string, { text: string; language?: DocumentLanguage }>();
  private classify: (path: string) => FileRole | undefined = () => undefined;
  private globs: KijunConfig | undefined;
  private cached: WorkspaceAnalysis | undefined;
  private catalogSettings: CatalogSetting[] = [];
  private profilePaths = new Set<string>();
  /** Bumped by every event on a path, so that a disk read that ends after a newer event is dropped. */
  private generations = new Map<string, number>();

  constructor(private readonly fs: WorkspaceFs, private readonly options: IndexOptions) {}

  get root(): string {
    return this.options.root;
  }

  get configPath(): string | undefined {
    return this.options.configPath;
  }

  /** (Re)reads the configuration and every file of the workspace. */
  async loadAll(): Promise<void> {
    await this.loadConfig();
    this.files.clear();
    const listed = this.options.scan === false ? [] : await this.fs.listFiles(this.options.root);
    const jobs = listed
      .filter((path) => path !== this.options.configPath && this.isCandidate(path) && !this.open.has(path))
      .map((path) => ({ path, role: this.classify(path) }));
    const loaded = await loadFiles(this.fs, jobs, this.config.maxFileSize, { loader: this.options.loader, confinedTo: this.confinedTo });
    loaded.forEach((file, i) => {
      if (file && !outsideGlobs(file, jobs[i].role, this.globs)) this.store(file);
    });
    for (const [path, doc] of this.open) this.storeOpen(path, doc);
    this.cached = undefined;
  }

  private async loadConfig(): Promise<void> {
    const path = this.options.configPath;
    const settings = this.options.settings ?? {};
    if (!path) {
      this.config = mergeConfig(settings, {});
      this.configFindings = [];
    } else {
      const text = this.open.get(path)?.text ?? (await this.readText(path));
      const parsed = parseConfig(text ?? '');
      this.config = mergeConfig(settings, parsed.given);
      this.configFindings = parsed.findings;
    }
    this.globs = path || settings.catalogs || settings.standards ? this.config : undefined;
    this.classify = classifier(this.options.root, this.globs);
    await this.loadOscalSettings();
  }

  /** Reads the level profiles of kijun.yaml `oscal:` entries. */
  private async loadOscalSettings(): Promise<void> {
    const resolved = await resolveOscalSettings(this.fs, this.options.root, this.options.configPath ? this.config.oscal : undefined, this.options.confined);
    this.catalogSettings = resolved.catalogs;
    this.profilePaths = new Set(resolved.profilePaths);
    this.configFindings = [...this.configFindings.filter((f) => !f.message.startsWith('oscal')), ...resolved.findings];
    this.cached = undefined;
  }

  private async readText(path: string): Promise<string | undefined> {
    try {
      const decoded = decodeBytes(await this.fs.readFile(path));
      return decoded.ok ? decoded.text : undefined;
    } catch {
      return undefined;
    }
  }

  isCandidate(path: string): boolean {
    return isCandidatePath(path);
  }

  isConfig(path: string): boolean {
    return path === this.options.configPath;
  }

  /**
   * The editor's text for an open document wins over the disk until it is closed. `language`
   * decides Markdown or YAML when the name has no usable extension (`untitled:`, notebook cells).
   */
  setOpen(path: string, text: string, language?: DocumentLanguage): void {
    this.open.set(path, { text, language });
    this.bump(path);
    if (this.isConfig(path)) return;
    this.storeOpen(path, { text, language });
  }

  private storeOpen(path: string, doc: { text: string; language?: DocumentLanguage }): void {
    const file = analyzeText(path, doc.text, this.classify(path), this.config.maxFileSize, doc.language);
    if (file) this.store(file);
  }

  private get confinedTo(): string | undefined {
    return this.options.confined ? this.options.root : undefined;
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  async close(path: string): Promise<void> {
    this.open.delete(path);
    if (!this.isConfig(path)) await this.refreshFromDisk(path);
  }

  async refreshFromDisk(path: string): Promise<void> {
    const generation = this.bump(path);
    if (this.profilePaths.has(path)) await this.loadOscalSettings();
    if (this.open.has(path)) return;
    if (this.options.scan === false) return this.remove(path);
    const role = this.classify(path);
    const file = await loadFile(this.fs, path, role, this.config.maxFileSize, this.confinedTo);
    // An edit, a deletion or another read of this path came in meanwhile: the newer event wins.
    if (this.generations.get(path) !== generation) return;
    if (file && !outsideGlobs(file, role, this.globs)) this.store(file);
    else this.remove(path);
  }

  remove(path: string): void {
    this.bump(path);
    if (this.files.delete(path)) this.cached = undefined;
  }

  private bump(path: string): number {
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    return generation;
  }

  private store(file: FileAnalysis): void {
    if (file.model || file.findings.length > 0) this.files.set(file.path, file);
    else this.files.delete(file.path);
    this.cached = undefined;
  }

  file(path: string): FileAnalysis | undefined {
    return this.files.get(path);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  analysis(): WorkspaceAnalysis {
    this.cached ??= analyzeWorkspace([...this.files.values()], {
      exemptionRationaleMinLength: this.config.exemptionRationaleMinLength,
      today: this.options.today(),
      sectors: mergeSectors(this.config.sectors),
      catalogSettings: this.catalogSettings,
    });
    return this.cached;
  }
}
