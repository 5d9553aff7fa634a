// The suggestion engine: which catalog controls a measure's text most likely covers. Pure and
// deterministic. A catalog is indexed once (per id@version and content); each measure's text is
// scored against every control through an inverted index. A score is the weighted average of one
// TF-IDF cosine per control field, so it lies in [0, 1]. Only texts feed the score: the catalog's titles and
// statements (both languages), the CSF 2.0 statements and implementation examples of each
// control's own CSF references, and the CSF ids a measure cites. No crosswalk of another
// framework is read (the SP 800-53 lists that csf.ts also carries are never touched here).
import type { CatalogControl, CatalogModel } from '../model.js';
import { csfElement } from '../csf.js';
import { eachTerm, isCjkTerm, normalize, terms, termText, type Term, type TermKey } from './terms.js';

export interface EngineOptions {
  /** Weight of each field's term counts in a control's document. */
  fields: { title: number; statement: number; csf: number; csfIds: number };
  /** `tfidf`: log-scaled counts times IDF, cosine. `bm25`: BM25-saturated counts times IDF, cosine. */
  weighting: 'tfidf' | 'bm25';
  /**
   * `merged`: one document per control, fields weighted inside it. `separate`: one cosine per field,
   * averaged with the field weights over the fields the control has.
   */
  fieldMode: 'merged' | 'separate';
  /** Also count a cited subcategory's category (`PR.AA-03` → `PR.AA`), for partial credit. */
  csfCategories: boolean;
  /** Weight of the measure's heading (its first line) against its body. */
  heading: number;
  /** Character n-gram sizes over Japanese runs. */
  grams: readonly number[];
}

export const DEFAULT_OPTIONS: EngineOptions = {
  fields: { title: 1, statement: 2, csf: 0.5, csfIds: 2 },
  weighting: 'tfidf',
  fieldMode: 'separate',
  csfCategories: true,
  heading: 2,
  grams: [2],
};

export interface CatalogIndex {
  key: string;
  controls: CatalogControl[];
  /** How much each term of a control tells (its share of the score), for explanations. */
  docs: Map<TermKey, number>[];
  /** One part per field (`separate`) or a single part (`merged`). */
  parts: FieldPart[];
  /** Sum of the weights of the parts each control has text in. */
  partWeight: Float64Array;
  /** Every part's postings of a term in one flat list, each weight × its part's weight / the part's norm. */
  flat: Map<TermKey, FlatPostings>;
  idf: Map<TermKey, number>;
  /** IDF of a term no control has: what a term in a single document would get, so it still weighs. */
  unknownIdf: number;
  options: EngineOptions;
}

export interface FlatPostings {
  idf: number;
  docs: Int32Array;
  weights: Float64Array;
}

export interface FieldPart {
  weight: number;
  norms: Float64Array;
  postings: Map<TermKey, { doc: number; weight: number }[]>;
}

export interface Suggestion {
  control: string;
  score: number;
}

/** A bag of terms read from a measure's text. */
export type TermBag = Map<TermKey, number>;

// ---------------------------------------------------------------- catalog side

const byModel = new WeakMap<CatalogModel, CatalogIndex>();
const byKey = new Map<string, { fingerprint: string; index: CatalogIndex }>();

/** The index of a catalog's live controls, built once per catalog id@version and content. */
export function catalogIndex(model: CatalogModel, options: EngineOptions = DEFAULT_OPTIONS): CatalogIndex {
  const own = options === DEFAULT_OPTIONS ? byModel.get(model) : undefined;
  if (own) return own;
  const key = `${model.id}@${model.version}`;
  const fingerprint = options === DEFAULT_OPTIONS ? fingerprintOf(model) : '';
  const cached = byKey.get(key);
  if (cached && fingerprint && cached.fingerprint === fingerprint) {
    byModel.set(model, cached.index);
    return cached.index;
  }
  const index = buildIndex(key, model.controls.filter((c) => !c.withdrawn), options);
  if (options === DEFAULT_OPTIONS) {
    byModel.set(model, index);
    if (byKey.size > 16) byKey.clear();
    byKey.set(key, { fingerprint, index });
  }
  return index;
}

/** What the index depends on: an edited catalog with the same id@version is indexed again. */
function fingerprintOf(model: CatalogModel): string {
  let h = 2166136261;
  const add = (s: string | undefined) => {
    for (let i = 0; i < (s?.length ?? 0); i++) h = Math.imul(h ^ s!.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 0x1f, 16777619);
  };
  for (const c of model.controls) {
    add(c.id);
    add(c.withdrawn ? 'w' : '');
    add(c.title.ja); add(c.title.en); add(c.statement.ja); add(c.statement.en);
    for (const r of c.csf) add(r.id);
  }
  return `${model.controls.length}:${(h >>> 0).toString(36)}`;
}

export function buildIndex(key: string, controls: CatalogControl[], options: EngineOptions = DEFAULT_OPTIONS): CatalogIndex {
  const fields = controls.map((c) => controlFields(c, options));
  const f = options.fields;
  const weights = [f.title, f.statement, f.csf, f.csfIds];
  const merged = fields.map((parts) => mergeCounts(parts, weights));
  const df = new Map<TermKey, number>();
  for (const counts of merged) for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = controls.length;
  const idf = new Map<TermKey, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  const partCounts = options.fieldMode === 'separate' ? weights.map((w, k) => ({ weight: w, docs: fields.map((p) => p[k]) })) : [{ weight: 1, docs: merged }];
  const parts = partCounts.filter((p) => p.weight > 0).map((p) => buildPart(p.weight, p.docs, idf, options));
  const partWeight = new Float64Array(n);
  for (const part of parts) for (let i = 0; i < n; i++) if (part.norms[i] > 0) partWeight[i] += part.weight;
  // A term's share of a control's score: its weight in each part, over the part's norm.
  const docs = controls.map(() => new Map<TermKey, number>());
  for (const part of parts) {
    for (const [t, list] of part.postings) for (const p of list) docs[p.doc].set(t, (docs[p.doc].get(t) ?? 0) + (part.weight * p.weight) / part.norms[p.doc]);
  }
  return { key, controls, docs, parts, partWeight, flat: flatten(parts, idf), idf, unknownIdf: Math.log(1 + n), options };
}

/** One list per term over all parts, each weight already divided by its part's norm: scoring is then one pass. */
function flatten(parts: FieldPart[], idf: Map<TermKey, number>): Map<TermKey, FlatPostings> {
  const lists = new Map<TermKey, { doc: number; weight: number }[]>();
  for (const part of parts) {
    for (const [t, list] of part.postings) {
      const out = lists.get(t) ?? [];
      for (const p of list) out.push({ doc: p.doc, weight: (part.weight * p.weight) / part.norms[p.doc] });
      lists.set(t, out);
    }
  }
  const flat = new Map<TermKey, FlatPostings>();
  for (const [t, list] of [...lists.entries()].sort(byPosting)) {
    flat.set(t, { idf: idf.get(t)!, docs: Int32Array.from(list, (p) => p.doc), weights: Float64Array.from(list, (p) => p.weight) });
  }
  return flat;
}

function mergeCounts(parts: Map<TermKey, number>[], weights: number[]): Map<TermKey, number> {
  const out = new Map<TermKey, number>();
  parts.forEach((counts, k) => {
    if (weights[k] > 0) for (const [t, v] of counts) out.set(t, (out.get(t) ?? 0) + weights[k] * v);
  });
  return out;
}

function buildPart(weight: number, raw: Map<TermKey, number>[], idf: Map<TermKey, number>, options: EngineOptions): FieldPart {
  const avg = raw.reduce((s, c) => s + total(c), 0) / Math.max(1, raw.length);
  const postings = new Map<TermKey, { doc: number; weight: number }[]>();
  const norms = new Float64Array(raw.length);
  raw.forEach((counts, i) => {
    const len = total(counts);
    let sq = 0;
    for (const [t, tf] of [...counts.entries()].sort(byTerm)) {
      const w = saturate(tf, len, avg, options) * idf.get(t)!;
      sq += w * w;
      const list = postings.get(t) ?? [];
      list.push({ doc: i, weight: w });
      postings.set(t, list);
    }
    norms[i] = Math.sqrt(sq);
  });
  return { weight, norms, postings };
}

function total(counts: Map<TermKey, number>): number {
  let s = 0;
  for (const v of counts.values()) s += v;
  return s;
}

function saturate(tf: number, len: number, avg: number, options: EngineOptions): number {
  if (options.weighting === 'bm25') {
    const k1 = 1.2;
    const b = 0.75;
    return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / Math.max(1, avg)));
  }
  return tf > 0 ? 1 + Math.log(tf) : 0;
}

/** Terms in one fixed order (numbers before strings), so that sums are made in the same order on every run. */
function compareTerms(a: TermKey, b: TermKey): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
const byTerm = (a: [TermKey, number], b: [TermKey, number]) => compareTerms(a[0], b[0]);
const byPosting = (a: [TermKey, unknown], b: [TermKey, unknown]) => compareTerms(a[0], b[0]);

/** Term counts of one control's fields: title, statement (both languages), its CSF references' texts, their ids. */
function controlFields(control: CatalogControl, options: EngineOptions): Map<TermKey, number>[] {
  const fields = [new Map<TermKey, number>(), new Map<TermKey, number>(), new Map<TermKey, number>(), new Map<TermKey, number>()];
  const add = (k: number, text: string | undefined) => {
    if (!text) return;
    for (const t of terms(normalize(text), options.grams)) fields[k].set(t.term, (fields[k].get(t.term) ?? 0) + 1);
  };
  add(0, control.title.ja);
  add(0, control.title.en);
  add(1, control.statement.ja);
  add(1, control.statement.en);
  for (const ref of control.csf) {
    add(2, csfText(ref.id));
    for (const t of csfIdTerms(ref.id, options)) fields[3].set(t, (fields[3].get(t) ?? 0) + 1);
  }
  return fields;
}

/** The CSF 2.0 text behind an id: a subcategory's statement and implementation examples, a category's title and description. */
export function csfText(id: string): string {
  const e = csfElement(id);
  if (!e) return '';
  if (e.kind === 'subcategory') return [e.text, ...e.examples].join('\n');
  return `${e.title}\n${e.description}`;
}

function csfIdTerms(id: string, options: EngineOptions): string[] {
  const lower = id.toLowerCase();
  const out = [`c:${lower}`];
  if (options.csfCategories && /-\d+$/.test(lower)) out.push(`c:${lower.replace(/-\d+$/, '')}`);
  return out;
}

// ---------------------------------------------------------------- measure side

/** The terms of a measure's text: its first line is the heading, the rest its body (markers already removed). */
export function measureBag(text: string, options: EngineOptions = DEFAULT_OPTIONS, reuse?: TermBag): TermBag {
  // A caller scoring thousands of measures hands one map back each time (it is emptied here).
  const bag: TermBag = reuse ?? new Map();
  bag.clear();
  const normal = normalize(text);
  const headingEnd = normal.indexOf('\n') < 0 ? normal.length : normal.indexOf('\n');
  eachTerm(normal, options.grams, (term, start) => {
    const weight = start < headingEnd ? options.heading : 1;
    if (typeof term === 'string' && term.charCodeAt(0) === 0x63 /* c: */) {
      for (const c of csfIdTerms(term.slice(2), options)) bag.set(c, (bag.get(c) ?? 0) + weight);
    } else bag.set(term, (bag.get(term) ?? 0) + weight);
  });
  return bag;
}

/** Cosine similarity of the measure with every control (per field, averaged by weight), in the index's control order. */
export function scoreAll(index: CatalogIndex, bag: TermBag): Float64Array {
  const n = index.controls.length;
  const scores = new Float64Array(n);
  let sq = 0;
  for (const [t, tf] of bag) {
    const list = index.flat.get(t);
    const w = (1 + Math.log(tf)) * (list ? list.idf : index.unknownIdf);
    sq += w * w;
    if (list) for (let k = 0; k < list.docs.length; k++) scores[list.docs[k]] += w * list.weights[k];
  }
  const norm = Math.sqrt(sq);
  for (let i = 0; i < n; i++) scores[i] = norm > 0 && index.partWeight[i] > 0 ? Math.min(1, scores[i] / (norm * index.partWeight[i])) : 0;
  return scores;
}

/** Controls by score, high to low, ties by id; only those sharing at least one term. */
export function rank(index: CatalogIndex, bag: TermBag, options: { exclude?: Set<string>; allow?: (c: CatalogControl) => boolean; top?: number } = {}): Suggestion[] {
  const scores = scoreAll(index, bag);
  const out: Suggestion[] = [];
  index.controls.forEach((c, i) => {
    if (scores[i] <= 0 || options.exclude?.has(c.id) || (options.allow && !options.allow(c))) return;
    out.push({ control: c.id, score: scores[i] });
  });
  out.sort(bySuggestion);
  return options.top === undefined ? out : out.slice(0, options.top);
}

export function bySuggestion(a: { score: number; control: string }, b: { score: number; control: string }): number {
  return b.score - a.score || (a.control < b.control ? -1 : a.control > b.control ? 1 : 0);
}

/** A score as shown and written: two decimals. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}

// ---------------------------------------------------------------- explanation

/** A measure's normalised text and its terms, computed once for several explanations. */
export interface PreparedText {
  text: string;
  all: Term[];
}

export function prepareText(measureText: string, options: EngineOptions = DEFAULT_OPTIONS): PreparedText {
  const text = normalize(measureText);
  return { text, all: terms(text, options.grams) };
}

/**
 * The words a measure and a control share, most telling first, as they read in the measure:
 * adjacent shared bigrams join back into the run they came from (多要素認証, not 多要・要素・素認・認証),
 * English stems show the first word that produced them, CSF ids their id.
 */
export function sharedWords(index: CatalogIndex, measureText: string | PreparedText, controlId: string, limit = 5): string[] {
  const doc = index.docs[index.controls.findIndex((c) => c.id === controlId)];
  if (!doc) return [];
  const { text, all } = typeof measureText === 'string' ? prepareText(measureText, index.options) : measureText;
  const weight = (t: TermKey) => doc.get(t) ?? 0;
  const spans: { text: string; weight: number; first: number }[] = [];
  const seen = new Map<TermKey, number>();
  const push = (surface: string, w: number, first: number) => {
    const at = seen.get(surface);
    if (at !== undefined) spans[at].weight = Math.max(spans[at].weight, w);
    else {
      seen.set(surface, spans.length);
      spans.push({ text: surface, weight: w, first });
    }
  };
  let k = 0;
  while (k < all.length) {
    const t = all[k];
    const w = weight(t.term);
    if (w <= 0) {
      k++;
      continue;
    }
    if (!isCjkTerm(t.term)) {
      push(typeof t.term === 'string' && t.term.startsWith('c:') ? t.term.slice(2).toUpperCase() : text.slice(t.start, t.end), w, t.start);
      k++;
      continue;
    }
    // Join a chain of shared bigrams that overlap (one character apart) into one span.
    let end = t.end;
    let sum = w;
    let m = k + 1;
    while (m < all.length && isCjkTerm(all[m].term) && all[m].start < end && weight(all[m].term) > 0) {
      sum += weight(all[m].term);
      end = all[m].end;
      m++;
    }
    push(text.slice(t.start, end), sum, t.start);
    k = m;
  }
  return spans.sort((a, b) => b.weight - a.weight || a.first - b.first).slice(0, limit).map((s) => s.text);
}
