// `npm run bench`: generates the corpus (once), measures the parse floor, markdownlint-cli2,
// `kijun check` cold and warm, and the language server, and prints every figure with its ratio
// to its reference from this same run and PASS/MISS against the targets of issue 6.
//
//   node --import tsx bench/run.ts [--runs N] [--edits N] [--record]
//
// --record rewrites the results section of bench/README.md with this run's table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureCorpus, BIG_REL, BENCH_DIR, type CorpusInfo } from './corpus.js';
import { BenchServer, editSession, markerSites, spread, type EditResult } from './lspBench.js';
import { timeNode, median, percentile, machine, fmtMs, type Machine, type ProcessRun } from './measure.js';
import { suggestRows } from './suggest.js';

const ROOT = path.resolve(BENCH_DIR, '..');
const KIJUN = path.join(ROOT, 'bin/kijun.cjs');
const MDL = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const FLOOR = path.join(BENCH_DIR, 'parseFloor.mjs');
const README = path.join(BENCH_DIR, 'README.md');

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    edits: { type: 'string', default: '200' },
    requests: { type: 'string', default: '100' },
    record: { type: 'boolean', default: false },
  },
});
const RUNS = Number(opts.runs);
const EDITS = Number(opts.edits) & ~1; // insert/delete pairs
const REQUESTS = Number(opts.requests);

const log = (text: string) => process.stderr.write(`${text}\n`);

// ---------------------------------------------------------------- results table

type Verdict = 'PASS' | 'MISS' | 'info' | 'ERROR';

interface Row {
  figure: string;
  value: string;
  reference?: string;
  ratio?: string;
  target?: string;
  verdict: Verdict;
}

const rows: Row[] = [];
const notes: string[] = [];
const problems: string[] = [];

function info(figure: string, value: string, reference?: string): void {
  rows.push({ figure, value, reference, verdict: 'info' });
}

/** A figure judged by its ratio to a reference from this run. */
function ratioRow(figure: string, value: number, refName: string, ref: number, max: number, unit: (v: number) => string = fmtMs): void {
  const ratio = value / ref;
  const ok = Number.isFinite(ratio) && ratio <= max;
  rows.push({ figure, value: unit(value), reference: `${refName} ${unit(ref)}`, ratio: Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a', target: `≤ ${max}×`, verdict: Number.isFinite(ratio) ? (ok ? 'PASS' : 'MISS') : 'ERROR' });
}

/** A figure judged against an absolute limit. */
function limitRow(figure: string, value: number, limit: number, unit: string, strict: boolean, fmt: (v: number) => string): void {
  const ok = strict ? value < limit : value <= limit;
  rows.push({ figure, value: fmt(value), ratio: `${(value / limit).toFixed(2)}× limit`, target: `${strict ? '<' : '≤'} ${limit} ${unit}`, verdict: Number.isFinite(value) ? (ok ? 'PASS' : 'MISS') : 'ERROR' });
}

function errorRow(figure: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  rows.push({ figure, value: 'error', verdict: 'ERROR' });
  problems.push(`${figure}: ${message}`);
}

function table(): string {
  const head = ['figure', 'value', 'reference (same run)', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [r.figure, r.value, r.reference ?? '', r.ratio ?? '', r.target ?? '', r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------- whole-process figures

interface ProcessFigures {
  floor: ProcessRun[];
  markdownlint: ProcessRun[];
  checkCold: ProcessRun[];
  checkWarm: ProcessRun[];
  noCache: boolean;
}

const wall = (runs: ProcessRun[]) => median(runs.map((r) => r.ms));
const cpu = (runs: ProcessRun[]) => median(runs.map((r) => r.cpuMs ?? NaN));
/** `runs 6.1 s / 6.8 s / 5.7 s, cpu 11.2 s` (median CPU time, all threads). */
const runsText = (runs: ProcessRun[]) => `runs ${runs.map((r) => fmtMs(r.ms)).join(' / ')}${Number.isFinite(cpu(runs)) ? `; cpu ${fmtMs(cpu(runs))}` : ''}`;

async function processFigures(corpus: CorpusInfo): Promise<ProcessFigures> {
  const help = await timeNode([KIJUN, '--help'], corpus.full, { capture: true });
  const noCache = help.stdout.includes('--no-cache');
  if (!noCache) notes.push('`kijun check` has no `--no-cache` yet: "cold" runs are plain runs (whatever cache exists is used).');
  const coldArgs = [KIJUN, 'check', ...(noCache ? ['--no-cache'] : [])];
  const figures: ProcessFigures = { floor: [], markdownlint: [], checkCold: [], checkWarm: [], noCache };
  // Interleaved, so that a slow phase of the machine hits every tool alike.
  for (let i = 0; i < RUNS; i++) {
    const floor = await timeNode([FLOOR, corpus.full], corpus.full, { capture: true });
    const counted = JSON.parse(floor.stdout) as { files: number };
    if (counted.files !== corpus.standards.length + 1) throw new Error(`parse floor read ${counted.files} files, expected ${corpus.standards.length + 1}`);
    figures.floor.push(floor);
    // markdownlint-cli2 exits 1 when it finds problems (it does: default rules on Japanese text).
    figures.markdownlint.push(await timeNode([MDL, 'standards/**/*.md'], corpus.full, { okCodes: [0, 1] }));
    figures.checkCold.push(await timeNode(coldArgs, corpus.full, { okCodes: [0, 1] }));
    log(`  round ${i + 1}/${RUNS}: floor ${fmtMs(figures.floor[i].ms)}, markdownlint-cli2 ${fmtMs(figures.markdownlint[i].ms)}, check cold ${fmtMs(figures.checkCold[i].ms)}`);
  }
  if (noCache) {
    await timeNode([KIJUN, 'check'], corpus.full, { okCodes: [0, 1] }); // fills the cache
    for (let i = 0; i < RUNS; i++) figures.checkWarm.push(await timeNode([KIJUN, 'check'], corpus.full, { okCodes: [0, 1] }));
    log(`  check warm: ${figures.checkWarm.map((r) => fmtMs(r.ms)).join(', ')}`);
    // The cache must not change the answer.
    const cold = await timeNode([KIJUN, 'check', '--no-cache', '--format', 'json', '--lang', 'en'], corpus.full, { capture: true, okCodes: [0, 1] });
    const warm = await timeNode([KIJUN, 'check', '--format', 'json', '--lang', 'en'], corpus.full, { capture: true, okCodes: [0, 1] });
    if (cold.stdout !== warm.stdout) problems.push('`kijun check` with a warm cache printed a different JSON report than with --no-cache.');
    const summary = (JSON.parse(cold.stdout) as { summary: { errors: number; warnings: number; files: number } }).summary;
    notes.push(`\`kijun check\` on the corpus: ${summary.errors} error(s), ${summary.warnings} warning(s) in ${summary.files} files (the planted mistakes); warm and cold JSON reports ${cold.stdout === warm.stdout ? 'identical' : 'DIFFER'}.`);
  }
  return figures;
}

// ---------------------------------------------------------------- language server

interface LspFigures {
  coldStart: number[];
  rss: number[];
  hwm: number[];
  editFull?: EditResult;
  editSolo?: EditResult;
  hover: number[];
  completion: number[];
}

async function openAndSettle(server: BenchServer, file: string, text: string): Promise<void> {
  await server.open(file, text);
  // Opening with the disk's text changes no diagnostic, so there is no publication to wait for;
  // the first warm-up edit's publication shows the open document has been taken in.
}

async function lspFigures(corpus: CorpusInfo): Promise<LspFigures> {
  const figures: LspFigures = { coldStart: [], rss: [], hwm: [], hover: [], completion: [] };
  const bigText = readFileSync(corpus.big, 'utf8');
  for (let i = 0; i < RUNS; i++) {
    const server = new BenchServer();
    try {
      await server.initialize(corpus.full, 0);
      const done = await server.allPublished(corpus.standards, 300_000);
      figures.coldStart.push(done - server.spawnedAt);
      await new Promise((r) => setTimeout(r, 1000));
      const mem = server.memory();
      figures.rss.push(mem.rssMB);
      figures.hwm.push(mem.hwmMB);
      log(`  LSP cold start ${i + 1}/${RUNS}: ${fmtMs(figures.coldStart[i])}, VmRSS ${mem.rssMB.toFixed(0)} MB (peak ${mem.hwmMB.toFixed(0)} MB)`);
      if (i === RUNS - 1) {
        await openAndSettle(server, corpus.big, bigText);
        figures.editFull = await editSession(server, corpus.big, bigText, EDITS, 10);
        log(`  edits in the ${corpus.standards.length}-standard workspace: p50 ${fmtMs(percentile(figures.editFull.latencies, 50))}, p95 ${fmtMs(percentile(figures.editFull.latencies, 95))}`);
        const mem2 = server.memory();
        notes.push(`Server memory after the edit session: VmRSS ${mem2.rssMB.toFixed(0)} MB, peak (VmHWM) ${mem2.hwmMB.toFixed(0)} MB.`);
        await requests(server, corpus.big, bigText, figures);
      }
    } finally {
      if (server.exited) problems.push(`language server exited (${JSON.stringify(server.exited)}): ${server.stderr.slice(0, 500)}`);
      await server.stop();
    }
  }
  const solo = new BenchServer();
  try {
    const soloBig = path.join(corpus.solo, BIG_REL);
    await solo.initialize(corpus.solo, 0);
    await solo.allPublished([soloBig], 120_000);
    await openAndSettle(solo, soloBig, bigText);
    figures.editSolo = await editSession(solo, soloBig, bigText, EDITS, 10);
    log(`  edits with the standard alone: p50 ${fmtMs(percentile(figures.editSolo.latencies, 50))}, p95 ${fmtMs(percentile(figures.editSolo.latencies, 95))}`);
  } finally {
    await solo.stop();
  }
  return figures;
}

/** Hover on a control id in a marker line; completion right after `Covers: BL-`. */
async function requests(server: BenchServer, file: string, text: string, figures: LspFigures): Promise<void> {
  const hoverSites = spread(markerSites(text, /^(?:対応|Covers): BL-[A-Z]{2}-\d{2}\b/), REQUESTS + 10, 7);
  for (let k = 0; k < hoverSites.length; k++) {
    const site = hoverSites[k];
    const start = performance.now();
    const result = await server.hover(file, { line: site.line, character: site.idStart + 3 });
    const ms = performance.now() - start;
    const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
    if (!value.includes('BL-')) throw new Error(`hover at ${site.line}:${site.idStart + 3} returned no control card: ${JSON.stringify(result)?.slice(0, 200)}`);
    if (k >= 10) figures.hover.push(ms);
  }
  const completionSites = spread(markerSites(text, /^Covers: BL-[A-Z]{2}-\d{2}\b/), REQUESTS + 10, 3);
  for (let k = 0; k < completionSites.length; k++) {
    const site = completionSites[k];
    const start = performance.now();
    const result = await server.completion(file, { line: site.line, character: site.idStart + 3 });
    const ms = performance.now() - start;
    const items = Array.isArray(result) ? result : result?.items ?? [];
    if (!items.some((item) => item.label.startsWith('BL-'))) throw new Error(`completion after "Covers: BL-" at line ${site.line} offered no control id`);
    if (k >= 10) figures.completion.push(ms);
  }
}

// ---------------------------------------------------------------- single-document parse floor

/**
 * The 10,000-line standard parsed the way the parse floor parses (remark + front matter YAML),
 * in process and warm: p50 of 20 timed runs after 5 warm-ups, in a fresh process with a clean
 * heap (not this one, which holds the bench's state); that repeated `RUNS` times, median.
 */
async function singleDocumentFloor(file: string): Promise<number[]> {
  const p50s: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await timeNode([FLOOR, '--single', file, '20'], BENCH_DIR, { capture: true });
    p50s.push((JSON.parse(run.stdout) as { p50: number }).p50);
  }
  return p50s;
}

// ---------------------------------------------------------------- main

/** Aggregate CPU ticks and steal ticks from /proc/stat, or undefined off Linux. */
function cpuTicks(): { total: number; steal: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

function record(m: Machine, corpus: CorpusInfo, printed: string): void {
  if (!existsSync(README)) return;
  const text = readFileSync(README, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  const date = new Date().toISOString().slice(0, 10);
  const block = [
    start,
    '',
    `Run of ${date}; machine: ${m.cores} cores (nproc), ${m.memory}, ${m.cpu}, ${m.os}, Node ${m.node}.`,
    `Corpus: ${corpus.standards.length} standards + 1 catalog, ${corpus.lines.toLocaleString('en')} lines, ${(corpus.bytes / 1e6).toFixed(1)} MB.`,
    '',
    '```text',
    printed,
    '```',
    '',
    end,
  ].join('\n');
  writeFileSync(README, text.slice(0, a) + block + text.slice(b + end.length));
}

async function main(): Promise<void> {
  const started = performance.now();
  const m = machine();
  log(`Kijun benchmarks (issue 6): ${m.cores} cores, ${m.memory}, ${m.cpu}, Node ${m.node}`);
  if (!existsSync(path.join(ROOT, 'out/cli.cjs')) || !existsSync(path.join(ROOT, 'out/server.cjs'))) throw new Error('out/ is not built: run `node esbuild.mjs` (npm run bench does)');
  const corpus = ensureCorpus();
  log(`corpus: ${corpus.generated ? 'generated' : 'reused'} ${corpus.full} (${corpus.standards.length} standards, ${corpus.lines} lines, ${(corpus.bytes / 1e6).toFixed(1)} MB)`);
  const stealAtStart = cpuTicks();
  const loadAtStart = os.loadavg()[0];
  if (loadAtStart > 0.7) log(`warning: load average ${loadAtStart.toFixed(2)} before the run; other work on this ${m.cores}-core machine skews every wall-clock figure`);

  log(`whole-process timings, ${RUNS} runs each (median):`);
  const p = await processFigures(corpus);
  const floor = wall(p.floor);
  const mdl = wall(p.markdownlint);
  const cold = wall(p.checkCold);
  info('parse floor, whole corpus (fresh process, 1 thread)', fmtMs(floor), runsText(p.floor));
  info(`markdownlint-cli2 ${versionOf('markdownlint-cli2')} (default rules)`, fmtMs(mdl), runsText(p.markdownlint));
  info('kijun check cold, runs', fmtMs(cold), runsText(p.checkCold));
  const coldName = `kijun check cold${p.noCache ? ' (--no-cache)' : ' (no --no-cache flag yet)'}`;
  ratioRow(`${coldName} vs parse floor`, cold, 'floor', floor, 1.0);
  ratioRow(`${coldName} vs markdownlint-cli2`, cold, 'mdl', mdl, 0.8);
  if (p.checkWarm.length) {
    ratioRow('kijun check warm (nothing changed) vs parse floor', wall(p.checkWarm), 'floor', floor, 0.15);
    notes.push(`check warm ${runsText(p.checkWarm)}.`);
  }
  else rows.push({ figure: 'kijun check warm vs parse floor', value: 'n/a (no cache)', verdict: 'ERROR' });

  log('language server:');
  let lsp: LspFigures | undefined;
  try {
    lsp = await lspFigures(corpus);
  } catch (err) {
    errorRow('language server', err);
  }
  const docFloors = await singleDocumentFloor(corpus.big);
  const docFloor = median(docFloors);
  if (lsp) {
    const full = lsp.editFull?.latencies ?? [];
    const solo = lsp.editSolo?.latencies ?? [];
    const fullP50 = percentile(full, 50);
    const fullP95 = percentile(full, 95);
    const soloP50 = percentile(solo, 50);
    const soloP95 = percentile(solo, 95);
    info(`edit → publishDiagnostics, standard alone (${solo.length} edits, debounce 0)`, `p50 ${fmtMs(soloP50)}, p95 ${fmtMs(soloP95)}`);
    ratioRow(`edit latency p50, in ${corpus.standards.length}-standard workspace vs alone`, fullP50, 'alone', soloP50, 1.2);
    ratioRow(`edit latency p95, in ${corpus.standards.length}-standard workspace vs alone`, fullP95, 'alone', soloP95, 1.2);
    info('single-document parse floor (10,000-line standard, in process, warm, p50 of 20)', fmtMs(docFloor), `runs ${docFloors.map(fmtMs).join(' / ')}`);
    ratioRow('edit latency p95 (workspace) vs single-document parse floor', fullP95, 'doc floor', docFloor, 2.0);
    ratioRow('LSP cold start (spawn → every standard published) vs check cold', median(lsp.coldStart), 'check cold', cold, 1.2);
    limitRow('server VmRSS, corpus indexed (median)', median(lsp.rss), 250, 'MB', false, (v) => `${v.toFixed(0)} MB`);
    limitRow(`hover p95 (${lsp.hover.length} requests, control id in a marker)`, percentile(lsp.hover, 95), 20, 'ms', true, fmtMs);
    limitRow(`completion p95 (${lsp.completion.length} requests, after "Covers: BL-")`, percentile(lsp.completion, 95), 20, 'ms', true, fmtMs);
    notes.push(`LSP cold start runs: ${lsp.coldStart.map(fmtMs).join(' / ')}; VmRSS ${lsp.rss.map((v) => v.toFixed(0)).join(' / ')} MB (peak ${lsp.hwm.map((v) => v.toFixed(0)).join(' / ')} MB).`);
    notes.push(`Edit latency percentiles: workspace p50 ${fmtMs(fullP50)} / p95 ${fmtMs(fullP95)} / max ${fmtMs(Math.max(...full))}; alone p50 ${fmtMs(soloP50)} / p95 ${fmtMs(soloP95)} / max ${fmtMs(Math.max(...solo))}. Hover p50 ${fmtMs(percentile(lsp.hover, 50))}, completion p50 ${fmtMs(percentile(lsp.completion, 50))}.`);
    for (const [name, result] of [['workspace', lsp.editFull], ['alone', lsp.editSolo]] as const) {
      if (result && result.publications !== result.latencies.length + 10) problems.push(`edit session (${name}): ${result.publications} publications of the big standard for ${result.latencies.length + 10} edits (expected one each).`);
    }
  }

  log('mapping assistant (issue 17): quality benchmarks, then kijun suggest on the corpus:');
  try {
    rows.push(...(await suggestRows(corpus, RUNS, p.checkCold.map((r) => r.ms))));
  } catch (err) {
    errorRow('kijun suggest', err);
  }

  const stealAtEnd = cpuTicks();
  if (stealAtStart && stealAtEnd) {
    const total = stealAtEnd.total - stealAtStart.total;
    notes.push(`CPU time stolen by the hypervisor during the run (/proc/stat steal): ${((100 * (stealAtEnd.steal - stealAtStart.steal)) / total).toFixed(1)}% — wall-clock figures on this VM vary by ±15% between runs.`);
  }
  notes.push(`Load average (1 min): ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (the bench itself keeps up to 2 cores busy; a start above ~0.7 means other work was running).`);
  notes.push(`Parser stack (project's node_modules): remark-parse ${versionOf('remark-parse')}, remark-frontmatter ${versionOf('remark-frontmatter')}, unified ${versionOf('unified')}, micromark ${versionOf('micromark')}, yaml ${versionOf('yaml')}.`);
  const printed = [table(), '', ...notes.map((n) => `- ${n}`), ...problems.map((n) => `- PROBLEM: ${n}`)].join('\n');
  process.stdout.write(`\n${printed}\n\n`);
  const misses = rows.filter((r) => r.verdict === 'MISS').length;
  const errors = rows.filter((r) => r.verdict === 'ERROR').length;
  log(`${rows.filter((r) => r.verdict === 'PASS').length} PASS, ${misses} MISS, ${errors} ERROR in ${fmtMs(performance.now() - started)}`);
  if (opts.record) {
    record(m, corpus, printed);
    log(`recorded in ${path.relative(ROOT, README)}`);
  }
  // Misses are findings, not failures of the harness; only a broken measurement fails the command.
  process.exitCode = errors > 0 || problems.length > 0 ? 1 : 0;
}

await main();
