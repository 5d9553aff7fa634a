// Suggestions for a loaded workspace: for every measure, the controls of its sector's baseline it
// most likely covers beyond those it names; for every uncovered control, the measures most likely
// to cover it. Hosts hand in the standards' texts (the models keep none).
import type { FileAnalysis, StandardModel } from '../model.js';
import type { MeasureSite, SectorGroup, WorkspaceAnalysis } from '../analyze.js';
import { catalogIndex, measureBag, bySuggestion, scoreAll, DEFAULT_OPTIONS, type CatalogIndex, type Suggestion, type TermBag } from './engine.js';
import { measureTexts } from './measureText.js';

export type TextOf = (path: string) => string | undefined;

export interface MeasureSuggestions {
  sector: string;
  site: MeasureSite;
  covers: string[];
  /** The measure's own text, as the engine read it (for explanations). */
  text: string;
  suggestions: Suggestion[];
}

export interface MeasureCandidate {
  site: MeasureSite;
  text: string;
  score: number;
}

export interface UncoveredSuggestions {
  sector: string;
  control: string;
  suggestions: MeasureCandidate[];
}

export interface WorkspaceSuggestions {
  /** The index each sector's baseline was scored with, by sector and baseline (`sector\u0000id@version`). */
  indexes: Map<string, CatalogIndex>;
  measures: MeasureSuggestions[];
  uncovered: UncoveredSuggestions[];
}

/** Per measure: its text and its scores against every control of an index. */
interface Scored {
  text: string;
  scores: Float64Array;
}

/**
 * Scores are kept per file model and catalog index: the editor asks again on every hover, and a
 * file whose model did not change keeps its scores.
 */
const memo = new WeakMap<FileAnalysis, Map<CatalogIndex, Scored[]>>();

/** Scores of every measure of a standard file against a catalog, in model order; undefined when its text is not at hand. */
export function scoredMeasures(file: FileAnalysis, index: CatalogIndex, textOf: TextOf): Scored[] | undefined {
  const byIndex = memo.get(file);
  const hit = byIndex?.get(index);
  if (hit) return hit;
  const model = file.model as StandardModel;
  const text = textOf(file.path);
  if (text === undefined) return undefined;
  const scratch: TermBag = new Map();
  const scored = measureTexts(model, text).map((t) => ({ text: t, scores: scoreAll(index, measureBag(t, DEFAULT_OPTIONS, scratch)) }));
  const map = byIndex ?? new Map<CatalogIndex, Scored[]>();
  map.set(index, scored);
  if (!byIndex) memo.set(file, map);
  return scored;
}

export interface SuggestOptions {
  top: number;
  /** Only measures of these files (all when absent). */
  paths?: Set<string>;
}

/** The controls that matter to a sector: live and required at its level. */
export function sectorControls(group: SectorGroup, index: CatalogIndex): boolean[] {
  return index.controls.map((c) => !c.withdrawn && c.level <= group.level);
}

export function suggestWorkspace(analysis: WorkspaceAnalysis, textOf: TextOf, options: SuggestOptions): WorkspaceSuggestions {
  const measures: MeasureSuggestions[] = [];
  const uncovered: UncoveredSuggestions[] = [];
  const indexes = new Map<string, CatalogIndex>();
  for (const group of analysis.groups) {
    if (!group.catalog) continue;
    const index = catalogIndex(group.catalog.model);
    indexes.set(`${group.sector}\u0000${group.baseline}`, index);
    const wanted = sectorControls(group, index);
    const sites = groupSites(analysis, group, index, textOf);
    for (const { site, text, scores } of sites) {
      if (options.paths && !options.paths.has(site.path)) continue;
      const covers = site.measure.covers.map((r) => r.id);
      measures.push({ sector: group.sector, site, covers, text, suggestions: topControls(index, scores, wanted, new Set(covers), options.top) });
    }
    for (const coverage of group.controls) {
      if (coverage.state !== 'uncovered') continue;
      const i = index.controls.indexOf(coverage.control);
      if (i < 0) continue;
      if (options.paths && !group.paths.some((p) => options.paths!.has(p))) continue;
      uncovered.push({ sector: group.sector, control: coverage.control.id, suggestions: topMeasures(sites, i, options.top) });
    }
  }
  return { indexes, measures, uncovered };
}

export interface SiteScores {
  site: MeasureSite;
  text: string;
  scores: Float64Array;
}

/** Every measure of a sector with its scores (measures whose file text is missing are left out). */
export function groupSites(analysis: WorkspaceAnalysis, group: SectorGroup, index: CatalogIndex, textOf: TextOf): SiteScores[] {
  const out: SiteScores[] = [];
  for (const path of group.paths) {
    const file = analysis.files.get(path);
    if (file?.model?.kind !== 'standard') continue;
    const scored = scoredMeasures(file, index, textOf);
    if (!scored) continue;
    file.model.measures.forEach((measure, k) => {
      // A duplicate id is one measure for coverage; the first definition stands for it.
      if (group.measures.get(measure.id)?.measure !== measure) return;
      out.push({ site: { path, measure }, text: scored[k].text, scores: scored[k].scores });
    });
  }
  return out;
}

export function topControls(index: CatalogIndex, scores: Float64Array, wanted: boolean[], exclude: Set<string>, top: number): Suggestion[] {
  // A running top-N by insertion: thousands of measures, each against every control, so no full sort.
  const best: number[] = [];
  const ids = index.controls;
  const before = (i: number, j: number) => scores[i] > scores[j] || (scores[i] === scores[j] && ids[i].id < ids[j].id);
  for (let i = 0; i < scores.length; i++) {
    if (!(scores[i] > 0) || !wanted[i] || exclude.has(ids[i].id)) continue;
    if (best.length === top && !before(i, best[top - 1])) continue;
    let at = best.length === top ? top - 1 : best.length;
    while (at > 0 && before(i, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best.map((i) => ({ control: ids[i].id, score: scores[i] }));
}

export function topMeasures(sites: SiteScores[], control: number, top: number): MeasureCandidate[] {
  const out = sites.filter((s) => s.scores[control] > 0).map((s) => ({ site: s.site, text: s.text, score: s.scores[control] }));
  return out.sort((a, b) => b.score - a.score || (a.site.path < b.site.path ? -1 : a.site.path > b.site.path ? 1 : 0) || a.site.measure.sectionRange.start.line - b.site.measure.sectionRange.start.line).slice(0, top);
}
