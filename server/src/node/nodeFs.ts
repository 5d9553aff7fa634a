// The Node host's file system for the core: absolute paths with `/` separators.
import { promises as fsp, constants } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFs } from '../core/workspace.js';

const SKIPPED_DIRS = new Set(['node_modules']);
const MAX_FILES = 100_000;

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export const nodeFs: WorkspaceFs = {
  async readFile(p, limit) {
    // Non-blocking open: a path swapped for a named pipe after `stat` fails instead of hanging.
    const handle = await fsp.open(p, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('not a regular file');
      const length = limit === undefined ? stat.size : Math.min(stat.size, limit);
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? bytes : bytes.subarray(0, done);
    } finally {
      await handle.close();
    }
  },
  async stat(p) {
    try {
      const s = await fsp.stat(p);
      return { size: s.size, isDirectory: s.isDirectory(), isFile: s.isFile() };
    } catch {
      // A dangling link still names a file: reading it then reports why it cannot be read.
      const link = await fsp.lstat(p).catch(() => undefined);
      return link?.isSymbolicLink() ? { size: 0, isDirectory: false, isFile: true } : undefined;
    }
  },
  async realPath(p) {
    try {
      return toPosix(await fsp.realpath(p));
    } catch {
      return undefined;
    }
  },
  async listFiles(dir) {
    const out: string[] = [];
    const walk = async (d: string): Promise<void> => {
      let entries;
      try {
        entries = await fsp.readdir(d, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const e of entries) {
        if (out.length >= MAX_FILES) return;
        const full = `${d === '/' ? '' : d}/${e.name}`;
        // Links to folders are not followed (they could lead outside the workspace or into a
        // cycle); links to files and special files are listed, and the loader decides on them.
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(full);
        } else if (!e.isSymbolicLink() || !(await isDirectory(full))) out.push(full);
      }
    };
    await walk(toPosix(path.resolve(dir)));
    return out;
  },
};

async function isDirectory(p: string): Promise<boolean> {
  return (await fsp.stat(p).catch(() => undefined))?.isDirectory() === true;
}

/** Finds kijun.yaml in a folder or its ancestors. */
export async function findConfig(start: string, name = 'kijun.yaml'): Promise<string | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, name);
    try {
      if ((await fsp.stat(candidate)).isFile()) return toPosix(candidate);
    } catch {
      // not here; look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function localeFromEnv(env: NodeJS.ProcessEnv): 'ja' | 'en' | undefined {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (/^ja/i.test(value)) return 'ja';
  if (/^en/i.test(value)) return 'en';
  return undefined;
}
