// The language server's hold on the engine: the current snapshot, replaced in one assignment by
// the next one. Small changes are applied synchronously to whatever snapshot is current when
// their disk read ends; a full reload (kijun.yaml, settings) is built beside the current
// snapshot, which keeps answering until the new one is complete.
import type { FileAnalysis, Finding } from './model.js';
import type { KijunConfig } from './config.js';
import type { WorkspaceAnalysis } from './analyze.js';
import type { DocumentLanguage } from './extract.js';
import { isCandidatePath } from './loader.js';
import { apply, emptySnapshot, loadSnapshot, readChanges, type Change, type Snapshot, type SnapshotOptions } from './snapshot.js';
import type { WorkspaceFs } from './workspaceFs.js';

export type IndexOptions = SnapshotOptions;

export class WorkspaceIndex {
  private current: Snapshot;
  /** Bumped by every event on a path, so that a disk read that ends after a newer event is dropped. */
  private generations = new Map<string, number>();
  /** Paths touched by events while a reload is being built (they are read again against it). */
  private touchedDuringReload = new Set<Set<string>>();
  private reloads = 0;

  constructor(private readonly fs: WorkspaceFs, options: IndexOptions) {
    this.current = emptySnapshot(options);
  }

  /** The current snapshot: immutable, so a caller may keep using it while the index moves on. */
  get snapshot(): Snapshot {
    return this.current;
  }

  get config(): KijunConfig {
    return this.current.config;
  }

  get configFindings(): Finding[] {
    return [...this.current.configFindings];
  }

  get root(): string {
    return this.current.options.root;
  }

  get configPath(): string | undefined {
    return this.current.options.configPath;
  }

  /**
   * (Re)reads the configuration and every file, with new options if given. The current snapshot
   * stays in place until the new one is complete; a newer reload supersedes an older one.
   */
  async loadAll(options: IndexOptions = this.current.options): Promise<void> {
    const reload = ++this.reloads;
    const touched = new Set<string>();
    this.touchedDuringReload.add(touched);
    try {
      let next = await loadSnapshot(this.fs, options, this.current.open);
      for (;;) {
        next = this.withOpenDocuments(next, touched);
        if (touched.size === 0) break;
        const paths = [...touched];
        touched.clear();
        for (const path of paths) next = apply(next, await readChanges(this.fs, next, path));
      }
      if (reload === this.reloads) this.current = next;
    } finally {
      this.touchedDuringReload.delete(touched);
    }
  }

  /** Brings a reloaded snapshot's open documents up to the editor's present state; closed ones are marked for a disk read. */
  private withOpenDocuments(next: Snapshot, touched: Set<string>): Snapshot {
    const changes: Change[] = [];
    for (const [path, doc] of this.current.open) {
      const had = next.open.get(path);
      if (had?.text !== doc.text || had.language !== doc.language) changes.push({ kind: 'open', path, text: doc.text, language: doc.language });
    }
    for (const path of next.open.keys()) {
      if (this.current.open.has(path)) continue;
      changes.push({ kind: 'closed', path });
      touched.add(path);
    }
    return apply(next, changes);
  }

  isCandidate(path: string): boolean {
    return isCandidatePath(path);
  }

  isConfig(path: string): boolean {
    return path === this.current.options.configPath;
  }

  /**
   * The editor's text for an open document wins over the disk until it is closed. `language`
   * decides Markdown or YAML when the name has no usable extension (`untitled:`, notebook cells).
   */
  setOpen(path: string, text: string, language?: DocumentLanguage): void {
    this.bump(path);
    this.current = apply(this.current, [{ kind: 'open', path, text, language }]);
  }

  isOpen(path: string): boolean {
    return this.current.open.has(path);
  }

  async close(path: string): Promise<void> {
    this.current = apply(this.current, [{ kind: 'closed', path }]);
    if (!this.isConfig(path)) await this.refreshFromDisk(path);
  }

  async refreshFromDisk(path: string): Promise<void> {
    const generation = this.bump(path);
    let base: Snapshot;
    let changes: Change[];
    do {
      base = this.current;
      changes = await readChanges(this.fs, base, path);
      // An edit, a deletion or another read of this path came in meanwhile: the newer event wins.
      if (this.generations.get(path) !== generation) return;
      // A reload swapped in while reading: read again under its configuration.
    } while (base.epoch !== this.current.epoch);
    this.current = apply(this.current, changes);
  }

  remove(path: string): void {
    this.bump(path);
    this.current = apply(this.current, [{ kind: 'deleted', path }]);
  }

  private bump(path: string): number {
    for (const touched of this.touchedDuringReload) touched.add(path);
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    return generation;
  }

  file(path: string): FileAnalysis | undefined {
    return this.current.files.get(path);
  }

  paths(): string[] {
    return [...this.current.files.keys()];
  }

  analysis(): WorkspaceAnalysis {
    return this.current.analysis();
  }
}
