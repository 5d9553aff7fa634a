// Coverage of one control per scope cell (PRODUCT.md §5.2) and on the check date (§5.3).
//
// A control must be met in every combination of dimension values it shares with the standard's
// scope. Only dimensions that a covering measure or an exemption of the control narrows split the
// control into cells; a control nobody scopes is one cell, so it costs what it did before.
import type { CatalogControl, CatalogDimension, Finding, StandardModel } from './model.js';
import type { ExemptionSite, MeasureSite } from './analyze.js';
import {
  cellsOf, checkScope, describeCells, dimensionValues, kept, projectCells, scopeContains, scopeProblems, scopeValues,
  type Cell, type Scope,
} from './scope.js';
import { ownValue, setOwn } from './own.js';

export type CellStatus = 'covered' | 'exempted' | 'planned' | 'uncovered';

export interface CellCoverage {
  cell: Cell;
  status: CellStatus;
  /** Measures that meet the cell (in effect), or will (planned). */
  measures: string[];
}

export interface ControlEvaluation {
  /** False when the control's `appliesTo` shares no value with the standard's scope. */
  applies: boolean;
  state: 'covered' | 'exempted' | 'uncovered';
  /** Measures in effect on the check date. */
  inEffect: MeasureSite[];
  /** The values not met, when the control is met in part of its scope only. */
  uncoveredScope?: Scope;
  /** The cells not met, described for a message (`network=open`). */
  uncoveredText?: string;
  /** Every cell not met will be by measures not yet in effect: from this date, by these measures. */
  planned?: { from: string; measures: MeasureSite[] };
  /** Per cell, when the control is split by scope. */
  cells?: CellCoverage[];
  /** Exemptions that exempt where a measure in effect already covers. */
  overlapping: ExemptionSite[];
  /** The values where a sound exemption is not needed (covered by measures in effect), for narrowing it. */
  narrowTo?: Scope;
}

/** What the group knows once: the catalog's dimensions, the standard's scope, each file's date. */
export interface ScopeSpace {
  known: Map<string, string[]>;
  /** The sector's scope: per dimension, the values any of its files keeps (all when none names it). */
  scope?: Scope;
  effective: Map<string, string>;
  today: string;
}

export function scopeSpace(dimensions: CatalogDimension[] | undefined, standards: { path: string; model: StandardModel }[], today: string): ScopeSpace {
  const known = dimensionValues(dimensions);
  let scope: Scope | undefined;
  const effective = new Map<string, string>();
  for (const { path, model } of standards) {
    const own = scopeValues(model.scope);
    for (const [dimension, values] of Object.entries(own ?? {})) {
      scope ??= {};
      setOwn(scope, dimension, [...new Set([...(ownValue(scope, dimension) ?? []), ...values])]);
    }
    if (model.effective?.date) effective.set(path, model.effective.date);
  }
  return { known, scope, effective, today };
}

/** The date a measure takes effect: its own, else its standard's; undefined when always in effect. */
export function effectiveDate(space: ScopeSpace, site: MeasureSite): string | undefined {
  return site.measure.effective?.date || space.effective.get(site.path) || undefined;
}

export function evaluateControl(space: ScopeSpace, control: CatalogControl, measures: MeasureSite[], exemptions: ExemptionSite[]): ControlEvaluation {
  const applies = scopeValues(control.appliesTo);
  const dims: [string, string[]][] = [];
  for (const [dimension, all] of space.known) {
    const values = kept(applies, dimension, kept(space.scope, dimension, all));
    if (values.length === 0) return { applies: false, state: 'uncovered', inEffect: [], overlapping: [] };
    dims.push([dimension, values]);
  }
  const named = new Set<string>();
  for (const m of measures) for (const e of m.measure.scope?.entries ?? []) named.add(e.dimension);
  for (const e of exemptions) for (const x of e.exemption.scope?.entries ?? []) named.add(x.dimension);
  const split = dims.filter(([d]) => named.has(d));
  const cells = cellsOf(split);
  const inEffect = measures.filter((m) => (effectiveDate(space, m) ?? '') <= space.today);
  const later = measures.filter((m) => (effectiveDate(space, m) ?? '') > space.today);
  const sound = exemptions.filter((e) => e.sound);
  const states = cells.map((cell): CellCoverage & { from?: string; by: MeasureSite[] } => {
    const contains = (scope: Scope | undefined): boolean => scopeContains(scope, cell, space.known);
    const now = inEffect.filter((m) => contains(scopeValues(m.measure.scope)));
    if (now.length > 0) return { cell, status: 'covered', measures: now.map((m) => m.measure.id), by: now };
    if (sound.some((e) => contains(scopeValues(e.exemption.scope)))) return { cell, status: 'exempted', measures: [], by: [] };
    const soon = later.filter((m) => contains(scopeValues(m.measure.scope)));
    if (soon.length === 0) return { cell, status: 'uncovered', measures: [], by: [] };
    const from = soon.map((m) => effectiveDate(space, m) as string).sort()[0];
    return { cell, status: 'planned', measures: soon.map((m) => m.measure.id), by: soon, from };
  });
  const unmet = states.filter((s) => s.status === 'uncovered' || s.status === 'planned');
  const covered = states.filter((s) => s.status === 'covered');
  const result: ControlEvaluation = {
    applies: true,
    state: unmet.length > 0 ? 'uncovered' : covered.length > 0 ? 'covered' : 'exempted',
    inEffect,
    overlapping: exemptions.filter((e) => covered.some((s) => scopeContains(scopeValues(e.exemption.scope), s.cell, space.known))),
  };
  if (split.length > 0) result.cells = states.map(({ cell, status, measures: ids }) => ({ cell, status, measures: ids }));
  if (unmet.length > 0 && unmet.length < states.length) {
    result.uncoveredScope = projectCells(unmet.map((s) => s.cell), split) ?? unionOf(unmet.map((s) => s.cell));
    result.uncoveredText = describeCells(unmet.map((s) => s.cell), split);
  }
  if (unmet.length > 0 && unmet.every((s) => s.status === 'planned')) {
    const by = [...new Set(unmet.flatMap((s) => s.by))];
    result.planned = { from: unmet.map((s) => s.from as string).sort().reverse()[0], measures: by };
  }
  if (covered.length > 0 && covered.length < states.length) {
    const rest = states.filter((s) => s.status !== 'covered').map((s) => s.cell);
    result.narrowTo = projectCells(rest, split);
  }
  return result;
}

function unionOf(cells: Cell[]): Scope {
  const out: Scope = {};
  for (const cell of cells) {
    for (const [d, v] of Object.entries(cell)) {
      const values = ownValue(out, d) ?? [];
      if (!values.includes(v)) values.push(v);
      setOwn(out, d, values);
    }
  }
  return out;
}

/**
 * Findings about the scopes and dates a standard writes: unknown dimensions or values (against
 * its baseline's dimensions), unreadable `Scope:` lines, dates that are not dates.
 */
export function standardFindings(model: StandardModel, dimensions: CatalogDimension[] | undefined, catalog: string | undefined): Finding[] {
  const known = dimensionValues(dimensions);
  const out: Finding[] = [];
  const scopes = [model.scope, ...model.exemptions.map((e) => e.scope), ...model.measures.map((m) => m.scope)];
  for (const scope of scopes) {
    out.push(...scopeProblems(scope));
    if (catalog !== undefined) out.push(...checkScope(scope, known, catalog));
  }
  for (const date of [model.effective, ...model.measures.map((m) => m.effective)]) {
    if (date?.problem) {
      out.push({ code: 'schema', range: date.range, message: date.problem === 'calendar' ? 'effectiveNoSuchDate' : 'effectiveNotDate', args: { value: date.text } });
    }
  }
  return out;
}

/** `appliesTo` of a catalog's controls against its own dimensions. */
export function catalogFindings(controls: CatalogControl[], dimensions: CatalogDimension[] | undefined, catalog: string): Finding[] {
  const known = dimensionValues(dimensions);
  return controls.flatMap((c) => checkScope(c.appliesTo, known, catalog));
}
