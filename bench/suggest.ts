// Benchmarks of the mapping assistant (issue 17), printed with PASS/MISS:
//   node --import tsx bench/suggest.ts [--variants] [--timing]
// 1. English: NIST's own mapping of SP 800-53 rev5 to CSF 2.0 as ground truth. The CSF 2.0
//    subcategories are the catalog (statement plus implementation examples), the LOW baseline
//    controls of test/fixtures/oscal the measures (title and statement, ids removed). The
//    `sp800_53` lists are read here as the answer key only; the engine never sees them.
// 2. Japanese: the samples' standards with their coverage markers removed, against the samples'
//    catalog; the markers are the answer key.
// 3. (--timing, or from bench/run.ts) `kijun suggest` on the 601-standard corpus against
//    `kijun check --no-cache`.
// --variants prints the alternatives that were measured before the defaults were chosen.
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { CatalogControl, StandardModel } from '../server/src/core/model.js';
import { extractFile } from '../server/src/core/extract.js';
import { csfSubcategories } from '../server/src/core/csf.js';
import { buildIndex, measureBag, scoreAll, DEFAULT_OPTIONS, type EngineOptions } from '../server/src/core/suggest/engine.js';
import { measureTexts } from '../server/src/core/suggest/measureText.js';
import { sectorControls, suggestWorkspace } from '../server/src/core/suggest/workspace.js';
import { performance } from 'node:perf_hooks';
import { loadWorkspace } from '../server/src/core/workspace.js';
import { nodeFs, toPosix } from '../server/src/node/nodeFs.js';
import { cacheFileFor } from '../server/src/node/fastLoader.js';
import { ensureCorpus, type CorpusInfo } from './corpus.js';
import { timeNode, median, fmtMs } from './measure.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const LOW = path.join(ROOT, 'test/fixtures/oscal/content/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');

export interface Figure {
  figure: string;
  value: number;
  target?: number;
  /** Higher is better unless `max`. */
  max?: boolean;
  format?: (v: number) => string;
}

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
function control(id: string, title: string, statement: string, csf: string[] = [], level = 1): CatalogControl {
  return {
    id, range, entryRange: range, function: id.slice(0, 2), level, title: { en: title }, statement: { en: statement },
    csf: csf.map((c) => ({ id: c, range })), exemptable: true, withdrawn: false,
  };
}

// ---------------------------------------------------------------- English

interface Case {
  text: string;
  answers: Set<string>;
}

export function englishCases(): { catalog: CatalogControl[]; cases: Case[] } {
  // The subcategory statement is the control's "title" field, its examples its "statement".
  const catalog = csfSubcategories().map((s) => control(s.id, s.text, s.examples.join('\n')));
  const answers = new Map<string, Set<string>>();
  for (const s of csfSubcategories()) for (const id of s.sp800_53) (answers.get(id) ?? answers.set(id, new Set()).get(id)!).add(s.id);
  const low = extractFile(toPosix(LOW), readFileSync(LOW, 'utf8'), 'catalog').model;
  if (low?.kind !== 'catalog') throw new Error('LOW baseline did not load');
  const cases: Case[] = [];
  for (const c of low.controls) {
    const key = c.id.toUpperCase().replace(/\.(\d+)$/, '($1)');
    const truth = answers.get(key);
    if (!truth) continue;
    const text = `${c.title.en ?? ''}\n${c.statement.en ?? ''}`.replace(/\b[A-Za-z]{2}-\d+(?:\(\d+\)|\.\d+)?\b/g, ' ');
    cases.push({ text, answers: truth });
  }
  return { catalog, cases };
}

function ranks(scores: Float64Array, ids: string[]): string[] {
  return ids.map((id, i) => ({ id, s: scores[i] })).sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1)).map((x) => x.id);
}

function hitAndMrr(cases: { ranked: string[]; answers: Set<string> }[], k: number): { hit: number; mrr: number } {
  let hit = 0;
  let mrr = 0;
  for (const c of cases) {
    const r = c.ranked.findIndex((id) => c.answers.has(id));
    if (r >= 0 && r < k) hit++;
    if (r >= 0) mrr += 1 / (r + 1);
  }
  return { hit: hit / cases.length, mrr: mrr / cases.length };
}

export function englishEngine(options: EngineOptions = DEFAULT_OPTIONS): { hit: number; mrr: number; n: number } {
  const { catalog, cases } = englishCases();
  const index = buildIndex('csf', catalog, options);
  const ids = catalog.map((c) => c.id);
  const r = hitAndMrr(cases.map((c) => ({ ranked: ranks(scoreAll(index, measureBag(c.text, options)), ids), answers: c.answers })), 5);
  return { ...r, n: cases.length };
}

/** The reference: TF-IDF over lower-case words (no stemming, no stop words), cosine. */
export function englishBaseline(): { hit: number; mrr: number } {
  const { catalog, cases } = englishCases();
  const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const docs = catalog.map((c) => counts(words(`${c.title.en} ${c.statement.en}`)));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(docs.length / (df.get(t) ?? 1));
  const vec = (d: Map<string, number>) => {
    const v = new Map<string, number>();
    for (const [t, tf] of d) v.set(t, tf * idf(t));
    return v;
  };
  const dvecs = docs.map(vec);
  const ids = catalog.map((c) => c.id);
  const scored = cases.map((c) => {
    const q = vec(counts(words(c.text)));
    const scores = new Float64Array(dvecs.map((d) => cosine(q, d)));
    return { ranked: ranks(scores, ids), answers: c.answers };
  });
  return hitAndMrr(scored, 5);
}

function counts(ws: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of ws) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    na += w * w;
    dot += w * (b.get(t) ?? 0);
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

// ---------------------------------------------------------------- Japanese

export async function japanese(options: EngineOptions = DEFAULT_OPTIONS, keepCsf = false): Promise<{ pairs: number; measures: number; pairHit: number; lenientHit: number; measureHit: number; above: number }> {
  const root = toPosix(path.join(ROOT, 'samples'));
  const loaded = await loadWorkspace(nodeFs, { root, configPath: `${root}/kijun.yaml`, today: '2026-12-01' });
  let pairs = 0;
  let pairHits = 0;
  let measures = 0;
  let measureHits = 0;
  let above = 0;
  let lenientHits = 0;
  for (const group of loaded.analysis.groups) {
    if (!group.catalog) continue;
    const index = buildIndex(group.catalog.key, group.catalog.model.controls.filter((c) => !c.withdrawn), options);
    const wanted = sectorControls(group, index);
    for (const p of group.paths) {
      const model = loaded.analysis.files.get(p)?.model as StandardModel;
      const texts = measureTexts(model, readFileSync(p, 'utf8').replace(/^\uFEFF/, ''), { keepCsf });
      model.measures.forEach((m, k) => {
        const truth = new Set(m.covers.map((r) => r.id).filter((id) => group.catalog!.controls.has(id)));
        if (truth.size === 0) return;
        const scores = scoreAll(index, measureBag(texts[k], options));
        const ranked = index.controls.map((c, i) => ({ id: c.id, s: wanted[i] ? scores[i] : -1 })).sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1)).map((x) => x.id);
        const top3 = new Set(ranked.slice(0, 3));
        const topK = new Set(ranked.slice(0, Math.max(3, truth.size)));
        measures++;
        if ([...truth].some((id) => top3.has(id))) measureHits++;
        for (const id of truth) {
          pairs++;
          if (top3.has(id)) pairHits++;
          if (topK.has(id)) lenientHits++;
          if (!wanted[index.controls.findIndex((c) => c.id === id)]) above++;
        }
      });
    }
  }
  return { pairs, measures, pairHit: pairHits / pairs, lenientHit: lenientHits / pairs, measureHit: measureHits / measures, above };
}

// ---------------------------------------------------------------- time

const KIJUN = path.join(ROOT, 'bin/kijun.cjs');

export interface TimingFigures {
  checkCold: number[];
  /** CPU time (all threads) of the same runs, when /usr/bin/time is there. */
  checkCpu: number[];
  suggestCold: number[];
  suggestWarm: number[];
  suggestWarmCpu: number[];
  /** In process: reading the standards' texts and scoring every measure, the workspace already loaded. */
  step: number[];
  measures: number;
}

/**
 * `kijun suggest --format json` on the corpus, with the extraction cache removed before each run
 * (cold: it extracts every file itself, as `check --no-cache` does) and with a warm cache; `check
 * --no-cache` is timed here too unless the caller (bench/run.ts) has figures from the same run.
 */
export async function suggestTiming(corpus: CorpusInfo, runs: number, checkCold?: number[]): Promise<TimingFigures> {
  const cache = cacheFileFor(toPosix(corpus.full));
  const figures: TimingFigures = { checkCold: checkCold ?? [], checkCpu: [], suggestCold: [], suggestWarm: [], suggestWarmCpu: [], step: [], measures: 0 };
  for (let i = 0; i < runs; i++) {
    if (!checkCold) {
      const check = await timeNode([KIJUN, 'check', '--no-cache'], corpus.full, { okCodes: [0, 1] });
      figures.checkCold.push(check.ms);
      if (check.cpuMs !== undefined) figures.checkCpu.push(check.cpuMs);
    }
    rmSync(cache, { force: true });
    const cold = await timeNode([KIJUN, 'suggest', '--format', 'json'], corpus.full, { capture: true });
    figures.suggestCold.push(cold.ms);
    figures.measures = (JSON.parse(cold.stdout) as { measures: unknown[] }).measures.length;
    const warm = await timeNode([KIJUN, 'suggest', '--format', 'json'], corpus.full);
    figures.suggestWarm.push(warm.ms);
    if (warm.cpuMs !== undefined) figures.suggestWarmCpu.push(warm.cpuMs);
    figures.step.push(await suggestionStep(corpus));
  }
  return figures;
}

/** The suggestion work alone: texts read and every measure scored, on a workspace loaded beforehand. */
async function suggestionStep(corpus: CorpusInfo): Promise<number> {
  const root = toPosix(corpus.full);
  const loaded = await loadWorkspace(nodeFs, { root, configPath: `${root}/kijun.yaml`, today: '2026-12-01' });
  const start = performance.now();
  const texts = new Map<string, string>();
  for (const g of loaded.analysis.groups) for (const p of g.paths) texts.set(p, readFileSync(p, 'utf8'));
  suggestWorkspace(loaded.analysis, (p) => texts.get(p), { top: 5 });
  return performance.now() - start;
}

/** Rows in bench/run.ts's table shape. */
export async function suggestRows(corpus: CorpusInfo, runs: number, checkCold?: number[]) {
  const rows: { figure: string; value: string; reference?: string; ratio?: string; target?: string; verdict: 'PASS' | 'MISS' | 'info' }[] = [];
  for (const f of await qualityFigures()) {
    rows.push({ figure: f.figure, value: (f.format ?? String)(f.value), target: f.target === undefined ? undefined : `≥ ${(f.format ?? String)(f.target)}`, verdict: verdict(f) as 'PASS' | 'MISS' | 'info' });
  }
  const t = await suggestTiming(corpus, runs, checkCold);
  const check = median(t.checkCold);
  const row = (figure: string, v: number, judged: boolean) => rows.push({
    figure, value: fmtMs(v), reference: `check --no-cache ${fmtMs(check)}`, ratio: `${(v / check).toFixed(2)}×`,
    target: judged ? '≤ 0.5×' : undefined, verdict: judged ? (v / check <= 0.5 ? 'PASS' : 'MISS') : 'info',
  });
  row(`kijun suggest, ${t.measures} measures (extraction cache warm, as check uses it) vs check --no-cache`, median(t.suggestWarm), true);
  row('suggestion step alone (texts read, every measure scored; in process) vs check --no-cache', median(t.step), true);
  row('kijun suggest with the extraction cache removed (includes a full extraction)', median(t.suggestCold), false);
  return rows;
}

// ---------------------------------------------------------------- report

const pct = (v: number) => v.toFixed(2);

export async function qualityFigures(): Promise<Figure[]> {
  const base = englishBaseline();
  const en = englishEngine();
  const ja = await japanese(DEFAULT_OPTIONS, false);
  const jaCsf = await japanese(DEFAULT_OPTIONS, true);
  return [
    { figure: 'suggest EN baseline (word TF-IDF) hit@5', value: base.hit, format: pct },
    { figure: 'suggest EN baseline (word TF-IDF) MRR', value: base.mrr, format: pct },
    { figure: `suggest EN hit@5 (${en.n} controls)`, value: en.hit, target: 0.85, format: pct },
    { figure: 'suggest EN MRR', value: en.mrr, target: 0.7, format: pct },
    { figure: `suggest JA hit@3, prose only (${ja.pairs} marker entries)`, value: ja.pairHit, target: 0.9, format: pct },
    { figure: `suggest JA hit@3, prose and cited CSF ids`, value: jaCsf.pairHit, target: 0.9, format: pct },
    { figure: `suggest JA hit@max(3, covered), prose only`, value: ja.lenientHit, format: pct },
    { figure: `suggest JA measures with a covered control in top 3 (${ja.measures}), prose only`, value: ja.measureHit, format: pct },
  ];
}

function verdict(f: Figure): string {
  if (f.target === undefined) return 'info';
  return (f.max ? f.value <= f.target : f.value >= f.target) ? 'PASS' : 'MISS';
}

export function printFigures(figures: Figure[]): void {
  for (const f of figures) {
    const v = (f.format ?? String)(f.value);
    const t = f.target === undefined ? '' : `${f.max ? '≤' : '≥'} ${(f.format ?? String)(f.target)}`;
    console.log(`${f.figure.padEnd(64)} ${v.padStart(8)}  ${t.padEnd(8)} ${verdict(f)}`);
  }
}

async function variants(): Promise<void> {
  const o = DEFAULT_OPTIONS;
  const merged: EngineOptions = { ...o, fieldMode: 'merged', fields: { title: 2, statement: 1, csf: 0.5, csfIds: 2 } };
  const tries: [string, EngineOptions][] = [
    ['default (separate)', o],
    ['merged 2/1/0.5/2', merged],
    ['merged, bm25', { ...merged, weighting: 'bm25' }],
    ['separate, bm25', { ...o, weighting: 'bm25' }],
    ['separate 2/1', { ...o, fields: { ...o.fields, title: 2, statement: 1 } }],
    ['separate 1/1', { ...o, fields: { ...o.fields, title: 1, statement: 1 } }],
    ['separate 1/3', { ...o, fields: { ...o.fields, title: 1, statement: 3 } }],
    ['no CSF text', { ...o, fields: { ...o.fields, csf: 0 } }],
    ['CSF text 1', { ...o, fields: { ...o.fields, csf: 1 } }],
    ['no CSF ids', { ...o, fields: { ...o.fields, csfIds: 0 } }],
    ['CSF ids 1', { ...o, fields: { ...o.fields, csfIds: 1 } }],
    ['no CSF categories', { ...o, csfCategories: false }],
    ['heading 1', { ...o, heading: 1 }],
    ['heading 3', { ...o, heading: 3 }],
    ['grams 1+2', { ...o, grams: [1, 2] }],
    ['grams 2+3', { ...o, grams: [2, 3] }],
    ['grams 3', { ...o, grams: [3] }],
  ];
  console.log(`${'variant'.padEnd(20)} EN hit@5  EN MRR  JA hit@3 prose  JA hit@3 +csf`);
  // (--variants: the figures of docs/suggest.md)
  for (const [name, opts] of tries) {
    const en = englishEngine(opts);
    const ja = await japanese(opts, false);
    const jc = await japanese(opts, true);
    console.log(`${name.padEnd(20)} ${pct(en.hit).padStart(8)} ${pct(en.mrr).padStart(7)} ${pct(ja.pairHit).padStart(15)} ${pct(jc.pairHit).padStart(14)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { variants: { type: 'boolean' }, timing: { type: 'boolean' }, runs: { type: 'string', default: '3' } } });
  const timing = async () => {
    const t = await suggestTiming(ensureCorpus(), Number(values.runs));
    const check = median(t.checkCold);
    console.log(`check --no-cache ${t.checkCold.map(fmtMs).join(' / ')} (cpu ${t.checkCpu.map(fmtMs).join(' / ')}); suggest warm ${t.suggestWarm.map(fmtMs).join(' / ')} (cpu ${t.suggestWarmCpu.map(fmtMs).join(' / ')}); cold ${t.suggestCold.map(fmtMs).join(' / ')}; step ${t.step.map(fmtMs).join(' / ')} (${t.measures} measures)`);
    const x = (v: number) => `${v.toFixed(2)}×`;
    printFigures([
      { figure: 'kijun suggest (cache warm) / check --no-cache', value: median(t.suggestWarm) / check, target: 0.5, max: true, format: x },
      { figure: 'suggestion step alone / check --no-cache', value: median(t.step) / check, target: 0.5, max: true, format: x },
      { figure: 'kijun suggest (cache removed) / check --no-cache', value: median(t.suggestCold) / check, format: x },
    ]);
    if (t.checkCpu.length && t.suggestWarmCpu.length) console.log(`CPU time: kijun suggest (cache warm) / check --no-cache = ${x(median(t.suggestWarmCpu) / median(t.checkCpu))}`);
  };
  void (values.variants ? variants() : values.timing ? timing() : qualityFigures().then(printFigures));
}
