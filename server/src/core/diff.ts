// What changed between two versions of a baseline catalog, and what that means for a sector.
import type { CatalogControl } from './model.js';
import type { LoadedCatalog, SectorGroup } from './analysisTypes.js';

export interface ControlChange {
  id: string;
  kind: 'added' | 'removed' | 'withdrawn' | 'relevelled' | 'remapped' | 'reworded';
  before?: CatalogControl;
  after?: CatalogControl;
}

export interface CatalogDiff {
  from: string;
  to: string;
  changes: ControlChange[];
}

export function diffCatalogs(from: LoadedCatalog, to: LoadedCatalog): CatalogDiff {
  const changes: ControlChange[] = [];
  for (const after of to.controls.values()) {
    const before = from.controls.get(after.id);
    if (!before) {
      changes.push({ id: after.id, kind: after.withdrawn ? 'withdrawn' : 'added', after });
      continue;
    }
    if (after.withdrawn && !before.withdrawn) changes.push({ id: after.id, kind: 'withdrawn', before, after });
    if (after.withdrawn) continue;
    if (after.level !== before.level) changes.push({ id: after.id, kind: 'relevelled', before, after });
    if (csfKey(after) !== csfKey(before)) changes.push({ id: after.id, kind: 'remapped', before, after });
    if (JSON.stringify(after.statement) !== JSON.stringify(before.statement)) changes.push({ id: after.id, kind: 'reworded', before, after });
  }
  for (const before of from.controls.values()) {
    if (!to.controls.has(before.id)) changes.push({ id: before.id, kind: 'removed', before });
  }
  return { from: from.key, to: to.key, changes };
}

function csfKey(c: CatalogControl): string {
  return c.csf.map((r) => r.id).sort().join(',');
}

export interface SectorImpact {
  sector: string;
  level: number;
  /** Controls the sector must now cover (new, or newly required at its level). */
  mustAdd: string[];
  /** Controls it covers or exempts whose text, mapping or status changed. */
  revisit: { id: string; kind: ControlChange['kind']; replacedBy?: string }[];
}

/** Impact of moving a sector standard from the catalog it uses to `diff.to`. */
export function sectorImpact(group: SectorGroup, diff: CatalogDiff, to: LoadedCatalog): SectorImpact {
  const handled = new Set<string>();
  for (const c of group.controls) if (c.state !== 'uncovered') handled.add(c.control.id);
  for (const site of group.measures.values()) for (const ref of site.measure.covers) handled.add(ref.id);
  const mustAdd: string[] = [];
  for (const control of to.controls.values()) {
    if (control.withdrawn || control.level > group.level || handled.has(control.id)) continue;
    const change = diff.changes.find((c) => c.id === control.id);
    if (change?.kind === 'added' || change?.kind === 'relevelled') mustAdd.push(control.id);
  }
  const revisit = diff.changes
    .filter((c) => handled.has(c.id) && c.kind !== 'added')
    .map((c) => ({ id: c.id, kind: c.kind, replacedBy: c.after?.replacedBy?.id }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { sector: group.sector, level: group.level, mustAdd: mustAdd.sort(), revisit };
}

export function countByKind(diff: CatalogDiff): Record<ControlChange['kind'], number> {
  const counts = { added: 0, removed: 0, withdrawn: 0, relevelled: 0, remapped: 0, reworded: 0 };
  for (const c of diff.changes) counts[c.kind]++;
  return counts;
}
