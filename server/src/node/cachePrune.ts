// Keeps the content cache folder bounded. Each workspace path has its own cache file, so without
// pruning the folder grows by one file per workspace ever checked. Pruned on every write: files
// not used for 30 days go, then the oldest go until the folder holds at most 20 MB.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';

export interface CacheLimits {
  maxBytes: number;
  maxAgeMs: number;
}

export const CACHE_LIMITS: CacheLimits = { maxBytes: 20 * 1024 * 1024, maxAgeMs: 30 * 24 * 60 * 60 * 1000 };

// Only Kijun's own files: a cache file per workspace and the temporary file it is written through.
const OWN_FILE = /^[0-9a-f]{16}\.json(?:\.\d+\.tmp)?$/;
// A temporary file is left behind only by a run that died while writing it.
const TMP_MAX_AGE_MS = 60 * 60 * 1000;

/** Removes old and excess cache files in `dir`; `keep` (the file just written) always stays. */
export function pruneCacheFolder(dir: string, keep: string, limits: CacheLimits = CACHE_LIMITS, now = Date.now()): void {
  const files = ownFiles(dir).sort((a, b) => b.mtimeMs - a.mtimeMs);
  let total = 0;
  for (const f of files) {
    if (f.path === keep) {
      total += f.size;
      continue;
    }
    const age = now - f.mtimeMs;
    const tooOld = age > (f.path.endsWith('.tmp') ? TMP_MAX_AGE_MS : limits.maxAgeMs);
    if (tooOld || total + f.size > limits.maxBytes) remove(f.path);
    else total += f.size;
  }
}

function ownFiles(dir: string): { path: string; size: number; mtimeMs: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => OWN_FILE.test(n)).flatMap((n) => {
    try {
      const st = statSync(path.join(dir, n));
      return st.isFile() ? [{ path: path.join(dir, n), size: st.size, mtimeMs: st.mtimeMs }] : [];
    } catch {
      return [];
    }
  });
}

function remove(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Removed by another run meanwhile, or not ours to remove: either way nothing to do.
  }
}
