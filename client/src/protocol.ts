// Shapes of Kijun's custom requests (kept in step with server/src/core/services/coverageView.ts).
import type { Range } from 'vscode-languageclient/node';

export interface Located {
  uri: string;
  range: Range;
}

export interface ControlView {
  id: string;
  title: string;
  function: string;
  level: number;
  state: 'covered' | 'exempted' | 'uncovered' | 'unsound';
  measures: (Located & { id: string; title: string })[];
  exemptions: (Located & { sound: boolean; rationale: string })[];
  fix?: Located;
  /** Where a control split by scope is met and where not, or from when a planned one is met (server-localised). */
  scopeNote?: string;
  /** The measure whose text best matches an uncovered control (a suggestion only). */
  candidate?: Located & { id: string; title: string; score: number };
}

export interface SectorView {
  sector: string;
  name: string;
  baseline: string;
  level: number;
  required: number;
  covered: number;
  exempted: number;
  uncovered: string[];
  files: string[];
  controls: ControlView[];
}

export interface CoverageView {
  sectors: SectorView[];
  catalogs: { key: string; title: string; uri: string }[];
}

export interface FileInfo {
  kind?: 'catalog' | 'standard';
  sector?: string;
  sectorName?: string;
  baseline?: string;
  baselineRange?: Range;
  coverage?: { required: number; covered: number; exempted: number; uncovered: string[] };
  catalogs: { key: string; title: string }[];
}
