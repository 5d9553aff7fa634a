// The hosts' extraction layer under the core's loader: reuses cached extractions keyed by
// content, and extracts the rest on all cores (worker threads plus the main thread).
import { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileAnalysis } from '../core/model.js';
import { cacheEntries } from './cacheShape.js';
import { pruneCacheFolder } from './cachePrune.js';
import { analyzeBytes, type BytesJob, type FileLoader } from '../core/workspace.js';

/** What a worker receives: a file already read by the core's loader. */
export type WorkerJob = BytesJob;

export interface FastLoaderOptions {
  /** Cache file, or undefined for no cache. */
  cacheFile?: string;
  /** Identifies the extraction code; a different build never reuses entries. */
  buildId: string;
  /** Worker script; without it everything runs on the main thread. */
  workerScript?: string;
}

/** Below this much work, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 400_000;

/** Extracts files the core has read: reuses cached extractions keyed by content, extracts the rest on all cores. */
export function fastLoader(options: FastLoaderOptions): FileLoader {
  return async (read, maxSize) => {
    const cache = options.cacheFile ? readCache(options.cacheFile) : new Map<string, FileAnalysis | null>();
    const results: (FileAnalysis | undefined)[] = new Array(read.length);
    const misses: { index: number; job: WorkerJob; key: string }[] = [];
    const used = new Map<string, FileAnalysis | null>();
    read.forEach((job, index) => {
      const key = cacheKey(options.buildId, job, maxSize);
      const hit = cache.get(key);
      if (hit !== undefined) {
        results[index] = hit ? { ...hit, path: job.path } : undefined;
        used.set(key, hit);
      } else misses.push({ index, job, key });
    });
    const extracted = await extractAll(misses.map((m) => m.job), maxSize, options.workerScript);
    misses.forEach((m, i) => {
      results[m.index] = extracted[i];
      used.set(m.key, extracted[i] ?? null);
    });
    if (options.cacheFile && (misses.length > 0 || used.size !== cache.size)) writeCache(options.cacheFile, used);
    return results;
  };
}

function cacheKey(buildId: string, job: WorkerJob, maxSize: number): string {
  const hash = createHash('sha256');
  hash.update(`${buildId}\0${job.role ?? ''}\0${path.extname(job.path).toLowerCase()}\0${maxSize}\0${job.size}\0${JSON.stringify(job.extract ?? {})}\0`);
  hash.update(job.bytes);
  return hash.digest('base64url');
}

async function extractAll(jobs: WorkerJob[], maxSize: number, workerScript?: string): Promise<(FileAnalysis | undefined)[]> {
  const total = jobs.reduce((n, j) => n + j.bytes.length, 0);
  const threads = Math.min(os.availableParallelism(), 8);
  if (!workerScript || threads < 2 || total < PARALLEL_MIN_BYTES) return jobs.map((j) => analyzeBytes(j.path, j.role, j.bytes, j.size, maxSize, j.extract));
  const shares = split(jobs, threads);
  // Workers take all shares but the first, which the main thread extracts meanwhile.
  const pending = shares.slice(1).map((share) => runWorker(workerScript, share.map((i) => jobs[i]), maxSize));
  const results: (FileAnalysis | undefined)[] = new Array(jobs.length);
  for (const i of shares[0]) results[i] = analyzeBytes(jobs[i].path, jobs[i].role, jobs[i].bytes, jobs[i].size, maxSize, jobs[i].extract);
  const done = await Promise.all(pending);
  shares.slice(1).forEach((share, s) => share.forEach((i, k) => (results[i] = done[s][k])));
  return results;
}

/** Splits job indexes into shares of about equal bytes, largest files first. */
function split(jobs: WorkerJob[], n: number): number[][] {
  const shares = Array.from({ length: n }, () => ({ bytes: 0, items: [] as number[] }));
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b].bytes.length - jobs[a].bytes.length);
  for (const i of order) {
    const lightest = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.items.push(i);
    lightest.bytes += jobs[i].bytes.length;
  }
  return shares.map((s) => s.items.sort((a, b) => a - b));
}

function runWorker(script: string, jobs: WorkerJob[], maxSize: number): Promise<(FileAnalysis | undefined)[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    worker.once('message', (results: (FileAnalysis | undefined)[]) => {
      void worker.terminate();
      resolve(results);
    });
    worker.once('error', reject);
    worker.postMessage({ jobs, maxSize });
  });
}

type CacheEntries = Map<string, FileAnalysis | null>;

function readCache(file: string): CacheEntries {
  try {
    return cacheEntries(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return new Map();
  }
}

/** Written whole and renamed into place, holding only this run's entries (so it never grows stale). */
function writeCache(file: string, entries: CacheEntries): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ entries: [...entries] }));
    renameSync(tmp, file);
    pruneCacheFolder(path.dirname(file), file);
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}

/** `node_modules/.cache/kijun` of the nearest folder with node_modules, else the user cache. */
export function cacheFileFor(root: string): string {
  const name = `${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`;
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'kijun', name);
    if (path.dirname(dir) === dir) break;
  }
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kijun', name);
}

/** A hash of the running bundle: any change to the code invalidates the cache. */
export function bundleBuildId(version: string): string | undefined {
  if (typeof __filename !== 'string' || !__filename.endsWith('.cjs')) return undefined;
  try {
    return `${version}:${createHash('sha256').update(readFileSync(__filename)).digest('base64url')}`;
  } catch {
    return undefined;
  }
}
