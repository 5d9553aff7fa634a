// The Node host's file system for the core: absolute paths with `/` separators.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFs } from '../core/workspace.js';

const SKIPPED_DIRS = new Set(['node_modules']);
const MAX_FILES = 100_000;

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export const nodeFs: WorkspaceFs = {
  async readFile(p) {
    return fsp.readFile(p);
  },
  async stat(p) {
    try {
      const s = await fsp.stat(p);
      return { size: s.size, isDirectory: s.isDirectory() };
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
        // Links are not followed: a link could lead outside the workspace or into a cycle.
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(full);
        } else if (e.isFile()) out.push(full);
      }
    };
    await walk(toPosix(path.resolve(dir)));
    return out;
  },
};

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
