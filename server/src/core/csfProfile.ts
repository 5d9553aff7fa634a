// A sector's standard as a NIST CSF 2.0 Community Profile (PRODUCT.md §5.7): for every CSF 2.0
// subcategory, the baseline controls that map to it with their status in the sector, the sector's
// measures (first and second floor) that reference it, and whether the sector reaches it.
// A reference to a category reaches each of its subcategories, as the catalog's CSF reach does.
import type { FileAnalysis, Ref } from './model.js';
import type { SectorGroup } from './analyze.js';
import { csfSubcategories, type CsfSubcategory } from './csf.js';
import { sectorControls, sectorMeasures, type ControlStatus, type PlacedMeasure } from './controlStatus.js';

export const PROFILE_STATUSES = ['reached', 'exempted', 'unreached'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

export interface ProfileSubcategory {
  id: string;
  status: ProfileStatus;
  controls: { control: string; status: ControlStatus }[];
  /** Labels of the sector's measures that reference the subcategory (or its category). */
  measures: string[];
}

export interface CsfProfile {
  sector: string;
  baseline: string;
  level: number;
  counts: Record<ProfileStatus, number>;
  subcategories: ProfileSubcategory[];
}

/** Control statuses that reach a subcategory: the control is covered (strongly or only by recommendations). */
const REACHING: ReadonlySet<ControlStatus> = new Set(['covered', 'weak']);

/**
 * `today` (YYYY-MM-DD): measures that take effect later are listed but do not reach, as a control
 * covered only by them is `planned`. Without it every measure counts.
 */
export function buildCsfProfile(group: SectorGroup, files: ReadonlyMap<string, FileAnalysis>, today?: string): CsfProfile {
  const controls = sectorControls(group, files);
  const measures = sectorMeasures(group, files);
  const inEffect = (m: PlacedMeasure): boolean => {
    const standard = files.get(m.path)?.model;
    const from = m.measure.effective?.date || (standard?.kind === 'standard' ? standard.effective?.date : undefined);
    return today === undefined || !from || from <= today;
  };
  const subcategories = csfSubcategories().map((sub): ProfileSubcategory => {
    const mapped = controls.filter((c) => references(c.control.csf, sub)).map((c) => ({ control: c.control.id, status: c.status }));
    const referencing = measures.filter((m) => references(m.measure.csf, sub));
    const labels = [...new Set(referencing.map((m) => m.measure.id))];
    const status: ProfileStatus = referencing.some(inEffect) || mapped.some((c) => REACHING.has(c.status)) ? 'reached'
      : mapped.some((c) => c.status === 'exempted') ? 'exempted' : 'unreached';
    return { id: sub.id, status, controls: mapped, measures: labels };
  });
  const counts = { reached: 0, exempted: 0, unreached: 0 };
  for (const s of subcategories) counts[s.status]++;
  return { sector: group.sector, baseline: group.baseline, level: group.level, counts, subcategories };
}

function references(refs: Ref[], sub: CsfSubcategory): boolean {
  return refs.some((r) => r.id === sub.id || r.id === sub.category);
}
