// The standards' texts the mapping assistant reads in the language server: an open document's
// text, else the file on disk, read once per model (a file whose model changed is read again).
import { decodeBytes, type FileAnalysis, type WorkspaceAnalysis, type TextOf } from '../core/service.js';
import { nodeFs } from '../node/nodeFs.js';

export class StandardTexts {
  private readonly read = new WeakMap<FileAnalysis, string>();

  /** Texts of `paths`, open documents first; reads from disk only what is not known yet. */
  async load(analysis: WorkspaceAnalysis, paths: string[], open: (path: string) => string | undefined): Promise<TextOf> {
    await Promise.all(paths.map(async (p) => {
      const file = analysis.files.get(p);
      if (!file || open(p) !== undefined || this.read.has(file)) return;
      try {
        const decoded = decodeBytes(await nodeFs.readFile(p));
        if (decoded.ok) this.read.set(file, decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text);
      } catch {
        // Gone since it was indexed: no suggestions from it until the watcher catches up.
      }
    }));
    return (p) => {
      const text = open(p);
      if (text !== undefined) return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      const file = analysis.files.get(p);
      return file ? this.read.get(file) : undefined;
    };
  }
}
