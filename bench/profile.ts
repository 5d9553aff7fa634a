// CPU profiles of the slow paths, summarised by self time (function and source file, mapped back
// through the bundles' source maps) so that a miss can be traced to what bounds it.
//
//   node --import tsx bench/profile.ts [check|start|edit|all] [--top N]
//
// check: `kijun check --no-cache` on the corpus (main thread and extraction worker).
// start: the language server's cold start on the corpus (main thread and extraction worker).
// edit:  the language server answering 40 single-character edits of the 10,000-line standard
//        in the 601-standard workspace (server process; only the samples of the edit window).
// Profiles are kept in bench/.corpus/profiles/ for Chrome DevTools or speedscope.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, CORPUS_DIR } from './corpus.js';
import { BenchServer, editSession } from './lspBench.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROFILES = path.join(CORPUS_DIR, 'profiles');

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = url.startsWith('file://') ? new URL(url).pathname : url;
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url) ?? null;
}

/** `function (source file:line)`, with bundle positions mapped to the original sources. */
function frameName(frame: CpuProfile['nodes'][number]['callFrame']): { fn: string; file: string } {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return { fn: name, file: '(native)' };
  const map = sourceMapFor(frame.url);
  if (map && frame.lineNumber >= 0) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const src = entry.originalSource.replace(/^.*?node_modules\//, '').replace(/^.*?\/(server|client)\/src\//, '$1/src/');
      return { fn: name, file: `${src}:${(entry.originalLine ?? 0) + 1}` };
    }
  }
  return { fn: name, file: `${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}` };
}

/** Package (or our own source folder) a frame belongs to. */
function packageOf(file: string): string {
  if (file.startsWith('server/src/')) return `kijun ${file.split('/').slice(2, -1).join('/') || 'src'}/${file.split('/').pop()?.split(':')[0]}`;
  if (file.startsWith('(')) return file;
  const parts = file.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

export function summarize(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { fn, file } = frameName(node.callFrame);
    byFunction.set(`${fn}  ${file}`, (byFunction.get(`${fn}  ${file}`) ?? 0) + us);
    const pkg = packageOf(file);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const list = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [`  total sampled ${(total / 1000).toFixed(0)} ms`, '  top self time by function:', ...list(byFunction, top), '  self time by package / source file:', ...list(byPackage, 12)].join('\n');
}

function profilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
}

function read(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
  const what = positionals[0] ?? 'all';
  const top = Number(values.top);
  const corpus = ensureCorpus();
  if (what === 'check' || what === 'all') {
    const dir = path.join(PROFILES, 'check');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(ROOT, 'bin/kijun.cjs'), 'check', '--no-cache'], { cwd: corpus.full, stdio: 'ignore' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`kijun check exited with ${run.status}`);
    for (const file of profilesIn(dir)) {
      const p = read(file);
      console.log(`\n== kijun check --no-cache: ${path.basename(file)} (${((p.endTime - p.startTime) / 1e6).toFixed(2)} s wall)`);
      console.log(summarize(p, top));
    }
  }
  if (what === 'start' || what === 'all') {
    const dir = path.join(PROFILES, 'start');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const server = new BenchServer(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    await server.initialize(corpus.full, 0);
    const done = await server.allPublished(corpus.standards, 300_000);
    await server.stop();
    for (const file of profilesIn(dir)) {
      const p = read(file);
      console.log(`\n== language server cold start (${((done - server.spawnedAt) / 1000).toFixed(2)} s to the last first publication; whole profile to exit): ${path.basename(file)}`);
      console.log(summarize(p, top));
    }
  }
  if (what === 'edit' || what === 'all') {
    const dir = path.join(PROFILES, 'edit');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const server = new BenchServer(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    await server.initialize(corpus.full, 0);
    await server.allPublished(corpus.standards, 300_000);
    const text = readFileSync(corpus.big, 'utf8');
    await server.open(corpus.big, text);
    const editStart = process.hrtime.bigint();
    const result = await editSession(server, corpus.big, text, 40, 2);
    await server.stop();
    // From the first edit to the server's exit, which is where its profile ends.
    const windowMs = Number(process.hrtime.bigint() - editStart) / 1e6;
    const editMs = windowMs;
    // The main thread's profile (thread 0); the extraction workers only ran the initial scan.
    for (const file of profilesIn(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))) {
      const p = read(file);
      // Keep only the samples of the edit session (the last editMs of the profile).
      const cut = p.endTime - editMs * 1000;
      let t = p.startTime;
      const keep = p.samples.map((_, i) => (t += p.timeDeltas[i]) >= cut);
      const edits: CpuProfile = { ...p, samples: p.samples.filter((_, i) => keep[i]), timeDeltas: p.timeDeltas.filter((_, i) => keep[i]) };
      console.log(`\n== language server, ${result.latencies.length} edits of the 10,000-line standard (edit window only, ${(editMs / 1000).toFixed(1)} s): ${path.basename(file)}`);
      console.log(summarize(edits, top));
    }
  }
}

await main();
