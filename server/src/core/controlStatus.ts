// The status of every baseline control in one sector, as correspondence tables (対照表), the JSON
// report's `coverage[].controls` and CSF profiles show it (PRODUCT.md §5.4). Required controls take
// the analysis's decision; controls above the sector's level are `not-required` but still list the
// measures that cover them, since a sector may go beyond its level.
import type { CatalogControl, Exemption, FileAnalysis, Measure } from './model.js';
import type { ControlCoverage, SectorGroup } from './analyze.js';

export const CONTROL_STATUSES = ['covered', 'weak', 'planned', 'exempted', 'uncovered', 'not-required'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** One entry of the JSON report's `coverage[].controls`. */
export interface ControlStatusEntry {
  control: string;
  status: ControlStatus;
  /** Labels of the measures that cover the control, in file and document order. */
  measures: string[];
}

export interface PlacedMeasure {
  path: string;
  measure: Measure;
}

export interface PlacedExemption {
  path: string;
  exemption: Exemption;
}

export interface SectorControl {
  control: CatalogControl;
  status: ControlStatus;
  required: boolean;
  measures: PlacedMeasure[];
  exemptions: PlacedExemption[];
}

/**
 * "Planned" coverage (PRODUCT.md §5.3: a required control covered only by measures not yet in
 * effect) is the analysis's decision (`ControlCoverage.planned`); nothing here guesses.
 */
export function isPlanned(coverage: ControlCoverage): boolean {
  return coverage.planned === true;
}

/** The status word of a required control. */
export function requiredStatus(coverage: ControlCoverage): ControlStatus {
  if (isPlanned(coverage)) return 'planned';
  if (coverage.state === 'covered') return coverage.weak ? 'weak' : 'covered';
  return coverage.state;
}

/** Every live (not withdrawn) control of the sector's baseline, in catalog order. */
export function sectorControls(group: SectorGroup, files: ReadonlyMap<string, FileAnalysis>): SectorControl[] {
  if (!group.catalog) return [];
  const required = new Map(group.controls.map((c) => [c.control.id, c]));
  const { covering, exempting } = sectorReferences(group, files);
  const out: SectorControl[] = [];
  for (const control of group.catalog.controls.values()) {
    if (control.withdrawn) continue;
    const coverage = required.get(control.id);
    const exemptions = exempting.get(control.id) ?? [];
    if (coverage) {
      out.push({ control, status: requiredStatus(coverage), required: true, measures: coverage.measures, exemptions });
    } else {
      out.push({ control, status: 'not-required', required: false, measures: covering.get(control.id) ?? [], exemptions });
    }
  }
  return out;
}

/** `coverage[].controls` of the JSON report. */
export function controlStatuses(group: SectorGroup, files: ReadonlyMap<string, FileAnalysis>): ControlStatusEntry[] {
  return sectorControls(group, files).map((c) => ({ control: c.control.id, status: c.status, measures: c.measures.map((m) => m.measure.id) }));
}

/** Which measures cover, and which exemptions name, each control id, across the sector's files. */
function sectorReferences(group: SectorGroup, files: ReadonlyMap<string, FileAnalysis>) {
  const covering = new Map<string, PlacedMeasure[]>();
  const exempting = new Map<string, PlacedExemption[]>();
  for (const path of group.paths) {
    const model = files.get(path)?.model;
    if (model?.kind !== 'standard') continue;
    for (const measure of model.measures) {
      for (const id of new Set(measure.covers.map((r) => r.id))) {
        const list = covering.get(id) ?? [];
        list.push({ path, measure });
        covering.set(id, list);
      }
    }
    for (const exemption of model.exemptions) {
      if (!exemption.control) continue;
      const list = exempting.get(exemption.control.id) ?? [];
      list.push({ path, exemption });
      exempting.set(exemption.control.id, list);
    }
  }
  return { covering, exempting };
}

/** Measures of the sector in file and document order; floor 2 covers no baseline control. */
export function sectorMeasures(group: SectorGroup, files: ReadonlyMap<string, FileAnalysis>): (PlacedMeasure & { floor: 1 | 2 })[] {
  const out: (PlacedMeasure & { floor: 1 | 2 })[] = [];
  for (const path of group.paths) {
    const model = files.get(path)?.model;
    if (model?.kind !== 'standard') continue;
    for (const measure of model.measures) out.push({ path, measure, floor: measure.covers.length === 0 ? 2 : 1 });
  }
  return out;
}
