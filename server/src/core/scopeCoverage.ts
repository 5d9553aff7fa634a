// Coverage of one control per scope cell (PRODUCT.md §5.2) and on the check date (§5.3).
//
// A control must be met in every combination of dimension values it shares with the standard's
// scope. Only dimensions that a covering measure or an exemption of the control narrows split the
// control into cells; a control nobody scopes is one cell, so it costs what it did before.
import type { CatalogControl, CatalogDimension, ExemptionSite, Finding, LocatedScope, MeasureSite, StandardModel } from './model.js';
import {
  checkScope, describeCells, dimensionValues, kept, projectCells, scopeContains, scopeProblems, scopeValues,
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
  /** The scopes named split the control into more than MAX_CELLS combinations; scoped sites were not counted. */
  tooManyCells?: boolean;
}

/** Combinations of dimension values checked per control at most (real catalogs have a few dozen). */
export const MAX_CELLS = 4096;

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
  const dims = applicableValues(space, control);
  if (!dims) return { applies: false, state: 'uncovered', inEffect: [], overlapping: [] };
  if (!measures.some((m) => m.measure.scope) && !exemptions.some((e) => e.exemption.scope)) return oneCell(space, measures, exemptions);
  const named = new Set<string>();
  for (const m of measures) for (const e of m.measure.scope?.entries ?? []) named.add(e.dimension);
  for (const e of exemptions) for (const x of e.exemption.scope?.entries ?? []) named.add(x.dimension);
  const split = dims.filter(([d]) => named.has(d));
  if (split.reduce((n, [, values]) => n * values.length, 1) > MAX_CELLS) {
    // A bound on time, not a judgement: only unscoped measures and exemptions count, which can only under-count.
    const result = oneCell(space, measures.filter((m) => !m.measure.scope), exemptions.filter((e) => !e.exemption.scope));
    result.tooManyCells = true;
    return result;
  }
  const tuples = valueTuples(split);
  const inEffect = measures.filter((m) => (effectiveDate(space, m) ?? '') <= space.today);
  const later = measures.filter((m) => (effectiveDate(space, m) ?? '') > space.today);
  const sound = exemptions.filter((e) => e.sound);
  const nowMatch = inEffect.map((m) => matcher(m.measure.scope, split, space.known));
  const laterMatch = later.map((m) => matcher(m.measure.scope, split, space.known));
  const soundMatch = sound.map((e) => matcher(e.exemption.scope, split, space.known));
  const states = tuples.map((values): CellCoverage & { from?: string; by: MeasureSite[] } => {
    const cell = cellOf(split, values);
    const now = inEffect.filter((_, k) => nowMatch[k](values));
    if (now.length > 0) return { cell, status: 'covered', measures: now.map((m) => m.measure.id), by: now };
    if (soundMatch.some((match) => match(values))) return { cell, status: 'exempted', measures: [], by: [] };
    const soon = later.filter((_, k) => laterMatch[k](values));
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
    overlapping: exemptions.filter((e) => covered.some((c) => scopeContains(scopeValues(e.exemption.scope), c.cell, space.known))),
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

/**
 * Per dimension, the values the control shares with the standard's scope; undefined when it shares
 * none in some dimension (the control does not apply). No dimensions, or nothing narrowed: no work.
 */
function applicableValues(space: ScopeSpace, control: CatalogControl): [string, string[]][] | undefined {
  if (space.known.size === 0) return [];
  const applies = scopeValues(control.appliesTo);
  const dims: [string, string[]][] = [];
  for (const [dimension, all] of space.known) {
    const values = applies || space.scope ? kept(applies, dimension, kept(space.scope, dimension, all)) : all;
    if (values.length === 0) return undefined;
    dims.push([dimension, values]);
  }
  return dims;
}

/** A control no covering measure or exemption scopes is one cell: what coverage always was, plus dates. */
function oneCell(space: ScopeSpace, measures: MeasureSite[], exemptions: ExemptionSite[]): ControlEvaluation {
  const dated = space.effective.size > 0 || measures.some((m) => m.measure.effective?.date);
  const inEffect = dated ? measures.filter((m) => (effectiveDate(space, m) ?? '') <= space.today) : measures;
  if (inEffect.length > 0) return { applies: true, state: 'covered', inEffect, overlapping: exemptions };
  if (exemptions.some((e) => e.sound)) return { applies: true, state: 'exempted', inEffect, overlapping: [] };
  if (measures.length === 0) return { applies: true, state: 'uncovered', inEffect, overlapping: [] };
  // Every covering measure takes effect later: met from the first of their dates.
  const from = measures.map((m) => effectiveDate(space, m) as string).sort()[0];
  return { applies: true, state: 'uncovered', inEffect, overlapping: [], planned: { from, measures } };
}

/** Every combination of the dimensions' values, as value lists in the dimensions' order. */
function valueTuples(dimensions: [string, string[]][]): string[][] {
  let tuples: string[][] = [[]];
  for (const [, values] of dimensions) {
    const next: string[][] = [];
    for (const tuple of tuples) for (const v of values) next.push([...tuple, v]);
    tuples = next;
  }
  return tuples;
}

function cellOf(dimensions: [string, string[]][], values: string[]): Cell {
  const cell: Cell = {};
  dimensions.forEach(([d], i) => setOwn(cell, d, values[i]));
  return cell;
}

/**
 * Does a written scope contain a combination of values (aligned with `dimensions`)? Decided once
 * per scope and control: a dimension the catalog does not know matches nothing.
 */
function matcher(scope: LocatedScope | undefined, dimensions: [string, string[]][], known: Map<string, string[]>): (values: string[]) => boolean {
  const written = scopeValues(scope);
  if (!written) return () => true;
  if (Object.keys(written).some((d) => !known.has(d))) return () => false;
  const allowed = dimensions.map(([d]) => {
    const values = ownValue(written, d);
    return values ? new Set(values) : undefined;
  });
  return (values) => allowed.every((set, i) => !set || set.has(values[i]));
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
