// The cross-file analysis' own shapes: sector groups, per-control coverage, loaded catalogs.
// Types only, apart from analyze.ts, so that the modules analyze.ts calls (diff.ts,
// scopeCoverage.ts) can name them without an import cycle.
import type { CatalogControl, CatalogModel, ExemptionSite, MeasureSite } from './model.js';
import type { CellCoverage } from './scopeCoverage.js';
import type { Scope } from './scope.js';

export interface LoadedCatalog {
  key: string;
  path: string;
  model: CatalogModel;
  /** First definition of each control id. */
  controls: Map<string, CatalogControl>;
}

export type ControlState = 'covered' | 'exempted' | 'uncovered';

export interface ControlCoverage {
  control: CatalogControl;
  state: ControlState;
  /** Covered, but only by measures of recommended strength. */
  weak: boolean;
  measures: MeasureSite[];
  exemptions: ExemptionSite[];
  /** Uncovered, but measures not yet in effect will cover what is left (`planned-coverage`). */
  planned?: boolean;
  /** When `planned`: the date from which the control is met. */
  plannedFrom?: string;
  /** The values left uncovered when the control is met in part of its scope only (§5.2). */
  uncoveredScope?: Scope;
  /** Per scope cell, when measures or exemptions of the control are scoped. */
  cells?: CellCoverage[];
}

export interface SectorGroup {
  sector: string;
  /** `id@version` of the resolved catalog, or the baseline as written when it resolves to none. */
  baseline: string;
  catalog?: LoadedCatalog;
  level: number;
  /** Files of the group, sorted by path; the first carries sector-wide findings. */
  paths: string[];
  measures: Map<string, MeasureSite>;
  /** Required controls in catalog order. */
  controls: ControlCoverage[];
  /** Measures that cover no baseline control: the sector's own "second floor". */
  sectorSpecific: MeasureSite[];
}
