// The cross-file step: resolves baselines, groups standards by sector, computes coverage and
// reports every rule that needs more than one file. Input is the per-file models only.
import type { CatalogControl, CatalogModel, Exemption, FileAnalysis, Finding, Measure, Ref, StandardModel } from './model.js';
import { nearest } from './ids.js';
import { codePointLength } from './text.js';
import { csfSubcategories } from './csf.js';
import { SECTORS, sectorLabel, type Sector } from './sectors.js';
import { diffCatalogs, countByKind, sectorImpact } from './diff.js';
import { applyCatalogSettings, type CatalogSetting } from './oscal/settings.js';
import { evaluateControl, scopeSpace, MAX_CELLS, standardFindings, catalogFindings, type CellCoverage, type ControlEvaluation } from './scopeCoverage.js';
import type { Scope } from './scope.js';
import { japaneseDate } from './dates.js';
import type { ControlCoverage, ControlState, LoadedCatalog, SectorGroup } from './analysisTypes.js';
import type { ExemptionSite, MeasureSite } from './model.js';

export type { ControlCoverage, ControlState, ExemptionSite, LoadedCatalog, MeasureSite, SectorGroup };

export interface AnalysisOptions {
  exemptionRationaleMinLength: number;
  /** Today's date, YYYY-MM-DD, for review dates. */
  today: string;
  /** Known sectors; default: the built-in list. */
  sectors?: Sector[];
  /** kijun.yaml `oscal:` entries (ids and levels of OSCAL catalogs). */
  catalogSettings?: CatalogSetting[];
}

export interface SectorCoverage {
  sector: string;
  baseline: string;
  level: number;
  required: number;
  covered: number;
  exempted: number;
  uncovered: string[];
  /** Required controls covered only by recommended-strength measures (counted in `covered`). */
  weak: string[];
  /** Uncovered controls that measures not yet in effect will cover (a sorted subset of `uncovered`). */
  planned: string[];
  /** Controls uncovered in part of the scope only: the values left, per dimension. */
  uncoveredScope?: Record<string, Scope>;
}

export interface WorkspaceAnalysis {
  sectors: Sector[];
  catalogs: Map<string, LoadedCatalog>;
  groups: SectorGroup[];
  /** All findings by file path: per-file and cross-file. */
  findings: Map<string, Finding[]>;
  files: Map<string, FileAnalysis>;
}

export function analyzeWorkspace(files: FileAnalysis[], options: AnalysisOptions): WorkspaceAnalysis {
  const configured = applyCatalogSettings(files, options.catalogSettings ?? []);
  const sorted = [...configured.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const findings = new Map<string, Finding[]>(sorted.map((f) => [f.path, [...f.findings]]));
  for (const { path, finding } of configured.findings) findings.get(path)?.push(finding);
  const report = (path: string, finding: Finding): void => {
    findings.get(path)?.push(finding);
  };
  const catalogs = loadCatalogs(sorted, report);
  for (const catalog of catalogs.values()) checkCsfReach(catalog, report);
  const sectors = options.sectors ?? [...SECTORS];
  const groups = groupStandards(sorted, catalogs, report);
  const byPath = new Map(sorted.map((f) => [f.path, f]));
  for (const file of sorted) checkStandardHeader(file, sectors, report);
  for (const group of groups) analyzeGroup(group, byPath, { ...options, sectors }, report);
  checkApplicability(sorted, catalogs, groups, report);
  for (const group of groups) checkOutdatedPin(group, byPath, catalogs, report);
  return { sectors, catalogs, groups, findings, files: byPath };
}

type Report = (path: string, finding: Finding) => void;

function loadCatalogs(files: FileAnalysis[], report: Report): Map<string, LoadedCatalog> {
  const catalogs = new Map<string, LoadedCatalog>();
  for (const file of files) {
    if (file.model?.kind !== 'catalog' || !file.model.id) continue;
    const model = file.model;
    const key = `${model.id}@${model.version}`;
    const existing = catalogs.get(key);
    if (existing) {
      report(file.path, { code: 'duplicate-id', range: model.idRange, message: 'duplicateCatalog', args: { catalog: key }, related: { path: existing.path, range: existing.model.idRange } });
      continue;
    }
    const controls = new Map<string, CatalogControl>();
    for (const control of model.controls) {
      const first = controls.get(control.id);
      if (first) {
        report(file.path, {
          code: 'duplicate-id', range: control.range, message: 'duplicateControl', control: control.id,
          args: { id: control.id, catalog: key }, related: { path: file.path, range: first.range },
        });
      } else controls.set(control.id, control);
    }
    for (const control of model.controls) {
      if (control.replacedBy && !controls.has(control.replacedBy.id)) report(file.path, unknownControl(control.replacedBy, key, controls));
    }
    catalogs.set(key, { key, path: file.path, model, controls });
  }
  return catalogs;
}

/** Resolves `id` or `id@version`; without a version the newest loaded version wins. */
export function resolveBaseline(catalogs: Map<string, LoadedCatalog>, id: string, version?: string): LoadedCatalog | undefined {
  if (version !== undefined) return catalogs.get(`${id}@${version}`);
  let best: LoadedCatalog | undefined;
  for (const c of catalogs.values()) {
    if (c.model.id === id && (!best || compareVersions(c.model.version, best.model.version) > 0)) best = c;
  }
  return best;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-]/);
  const pb = b.split(/[.\-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const d = x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

function groupStandards(files: FileAnalysis[], catalogs: Map<string, LoadedCatalog>, report: Report): SectorGroup[] {
  const groups = new Map<string, SectorGroup>();
  for (const file of files) {
    const model = file.model;
    if (model?.kind !== 'standard' || !model.sector || !model.baseline) continue;
    const catalog = resolveBaseline(catalogs, model.baseline.id, model.baseline.version);
    if (!catalog) {
      const known = [...catalogs.keys()].sort().join(', ');
      report(file.path, { code: 'unknown-baseline', range: model.baseline.range, message: 'unknownBaseline', args: { baseline: model.baseline.text, known } });
    }
    const baseline = catalog?.key ?? model.baseline.text;
    const key = `${model.sector}\u0000${baseline}`;
    let group = groups.get(key);
    if (!group) {
      group = { sector: model.sector, baseline, catalog, level: model.level, paths: [], measures: new Map(), controls: [], sectorSpecific: [] };
      groups.set(key, group);
    }
    group.level = Math.max(group.level, model.level);
    group.paths.push(file.path);
  }
  return [...groups.values()];
}

function analyzeGroup(group: SectorGroup, files: Map<string, FileAnalysis>, options: AnalysisOptions, report: Report): void {
  const standards = group.paths.map((path) => ({ path, model: files.get(path)?.model as StandardModel }));
  const covering = new Map<string, MeasureSite[]>();
  for (const { path, model } of standards) {
    for (const measure of model.measures) {
      registerMeasure(group, path, measure, report, options.sectors);
      if (measure.covers.length === 0) group.sectorSpecific.push({ path, measure });
      for (const ref of measure.covers) {
        if (checkReference(group, path, ref, report)) {
          const list = covering.get(ref.id) ?? [];
          // A measure's own covers come one after another, so only the last entry can repeat it
          // (a full scan here was quadratic in the measures covering one control).
          if (list[list.length - 1]?.measure !== measure) list.push({ path, measure });
          covering.set(ref.id, list);
        }
      }
    }
  }
  const exemptions = new Map<string, ExemptionSite[]>();
  for (const { path, model } of standards) {
    for (const exemption of model.exemptions) {
      const sound = checkExemption(group, path, exemption, options, report);
      if (!exemption.control) continue;
      const list = exemptions.get(exemption.control.id) ?? [];
      list.push({ path, exemption, sound });
      exemptions.set(exemption.control.id, list);
    }
  }
  if (!group.catalog) return;
  const primary = standards[0];
  const space = scopeSpace(group.catalog.model.dimensions, standards, options.today);
  let tooMany = false;
  for (const control of group.catalog.controls.values()) {
    if (control.withdrawn || control.level > group.level) continue;
    const measures = covering.get(control.id) ?? [];
    const exempt = exemptions.get(control.id) ?? [];
    const result = evaluateControl(space, control, measures, exempt);
    if (!result.applies) continue;
    const state: ControlState = result.state;
    const weak = result.inEffect.length > 0 && result.inEffect.every((m) => m.measure.strength.strength === 'recommended');
    const coverage: ControlCoverage = { control, state, weak, measures, exemptions: exempt };
    if (result.planned) Object.assign(coverage, { planned: true, plannedFrom: result.planned.from });
    if (result.uncoveredScope) coverage.uncoveredScope = result.uncoveredScope;
    if (result.cells) coverage.cells = result.cells;
    group.controls.push(coverage);
    if (result.tooManyCells && !tooMany) {
      tooMany = true;
      report(group.catalog.path, { code: 'schema', range: group.catalog.model.idRange, message: 'scopeTooManyCells', args: { max: MAX_CELLS } });
    }
    if (weak) reportWeak(control, result.inEffect, report);
    if (result.planned) reportPlanned(control, result, report);
    else if (state === 'uncovered' && primary.model.baseline) {
      // Literal findings, not spreads of a shared base: thousands of uncovered controls are reported on every keystroke.
      const code = 'uncovered-control' as const;
      const range = primary.model.baseline.range;
      const args = { control: control.id, title: control.title, level: control.level, sector: sectorLabel(group.sector, options.sectors) };
      const unsound = exempt.find((e) => !e.sound);
      report(primary.path, result.uncoveredText
        ? { code, range, control: control.id, message: 'uncoveredControlScoped', args: { ...args, scope: result.uncoveredText }, data: { uncoveredScope: result.uncoveredScope } }
        : unsound ? { code, range, control: control.id, message: 'uncoveredControlUnsoundExemption', args: { ...args, reason: unsoundReason(unsound.exemption, control, group, options) } }
        : { code, range, control: control.id, message: 'uncoveredControl', args });
    }
    for (const site of result.overlapping) {
      const narrow = result.narrowTo && !site.exemption.scope ? { data: { narrowTo: result.narrowTo } } : {};
      report(site.path, {
        code: 'covered-and-exempted', range: site.exemption.control?.range ?? site.exemption.range, message: 'coveredAndExempted',
        control: control.id, args: { control: control.id, measures: result.inEffect.map((m) => m.measure.id).join(', ') }, ...narrow,
      });
    }
  }
}

function reportPlanned(control: CatalogControl, result: ControlEvaluation, report: Report): void {
  const site = result.planned!.measures[0];
  const ref = site.measure.covers.find((r) => r.id === control.id);
  report(site.path, {
    code: 'planned-coverage', range: ref?.range ?? site.measure.range, message: 'plannedCoverage', control: control.id,
    args: {
      control: control.id, title: control.title, date: result.planned!.from, japaneseDate: japaneseDate(result.planned!.from) ?? '',
      measures: result.planned!.measures.map((m) => m.measure.id).join(', '), scope: result.uncoveredText ?? '',
    },
  });
}

/** Scopes and dates written in catalogs and standards, against the dimensions of their catalog. */
function checkApplicability(files: FileAnalysis[], catalogs: Map<string, LoadedCatalog>, groups: SectorGroup[], report: Report): void {
  for (const catalog of catalogs.values()) {
    for (const finding of catalogFindings(catalog.model.controls, catalog.model.dimensions, catalog.key)) report(catalog.path, finding);
  }
  const catalogOf = new Map<string, LoadedCatalog | undefined>();
  for (const group of groups) for (const path of group.paths) catalogOf.set(path, group.catalog);
  for (const file of files) {
    if (file.model?.kind !== 'standard') continue;
    const catalog = catalogOf.get(file.path);
    for (const finding of standardFindings(file.model, catalog?.model.dimensions, catalog?.key)) report(file.path, finding);
  }
}

function reportWeak(control: CatalogControl, measures: MeasureSite[], report: Report): void {
  const site = measures[0];
  const ref = site.measure.covers.find((r) => r.id === control.id);
  report(site.path, {
    code: 'weak-coverage', range: ref?.range ?? site.measure.range, message: 'weakCoverage', control: control.id,
    args: { control: control.id, measures: measures.map((m) => m.measure.id).join(', ') },
  });
}

/** CSF 2.0 subcategories reached by a catalog's live controls (a category reaches all of its own). */
export function csfReach(catalog: LoadedCatalog): { reached: number; total: number; missing: string[] } {
  const mapped = new Set<string>();
  for (const control of catalog.controls.values()) if (!control.withdrawn) for (const ref of control.csf) mapped.add(ref.id);
  const all = csfSubcategories();
  const missing = all.filter((s) => !mapped.has(s.id) && !mapped.has(s.category)).map((s) => s.id);
  return { reached: all.length - missing.length, total: all.length, missing };
}

/** The CSF bottom line: every subcategory should be reached by some live control. */
function checkCsfReach(catalog: LoadedCatalog, report: Report): void {
  // An OSCAL catalog is not the author's to edit: its CSF references are derived (CSF ids, the
  // SP 800-53 crosswalk), so only the catalog-wide reach is reported, and only when there are any.
  const oscal = catalog.model.oscal;
  if (oscal?.csf === 'none') return;
  for (const control of catalog.controls.values()) {
    if (!oscal && !control.withdrawn && control.csf.length === 0) {
      report(catalog.path, { code: 'control-without-csf', range: control.range, message: 'controlWithoutCsf', control: control.id, args: { control: control.id } });
    }
  }
  const { missing, total } = csfReach(catalog);
  if (missing.length === 0 || catalog.controls.size === 0) return;
  report(catalog.path, {
    code: 'csf-gap', range: catalog.model.idRange, message: 'csfGap',
    args: { count: missing.length, total, ids: missing.join(', ') }, data: { missing },
  });
}

function checkStandardHeader(file: FileAnalysis, sectors: Sector[], report: Report): void {
  const model = file.model;
  if (model?.kind !== 'standard' || !model.sector || !model.sectorRange) return;
  if (sectors.some((s) => s.id === model.sector)) return;
  const suggestion = nearest(model.sector, sectors.map((s) => s.id)) ?? '';
  report(file.path, {
    code: 'unknown-sector', range: model.sectorRange, message: 'unknownSector',
    args: { sector: model.sector, suggestion }, data: { suggestion: suggestion || undefined },
  });
}

/** A standard pinned to an older version of a catalog while a newer one is loaded. */
function checkOutdatedPin(group: SectorGroup, files: Map<string, FileAnalysis>, catalogs: Map<string, LoadedCatalog>, report: Report): void {
  const current = group.catalog;
  if (!current) return;
  const newest = resolveBaseline(catalogs, current.model.id);
  if (!newest || newest === current) return;
  const diff = diffCatalogs(current, newest);
  const counts = countByKind(diff);
  const impact = sectorImpact(group, diff, newest);
  for (const path of group.paths) {
    const model = files.get(path)?.model;
    if (model?.kind !== 'standard' || !model.baseline?.version) continue;
    report(path, {
      code: 'outdated-baseline', range: model.baseline.range, message: 'outdatedBaseline',
      args: {
        newer: newest.key, ...counts,
        mustAdd: impact.mustAdd.join(', ') || '-',
        revisit: impact.revisit.map((r) => (r.replacedBy ? `${r.id} → ${r.replacedBy}` : r.id)).join(', ') || '-',
      },
      data: { replacement: newest.key },
    });
  }
}

function registerMeasure(group: SectorGroup, path: string, measure: Measure, report: Report, sectors?: readonly Sector[]): void {
  const first = group.measures.get(measure.id);
  if (!first) {
    group.measures.set(measure.id, { path, measure });
    return;
  }
  report(path, {
    code: 'duplicate-id', range: measure.range, message: 'duplicateMeasure',
    args: { id: measure.id, sector: sectorLabel(group.sector, sectors) }, related: { path: first.path, range: first.measure.range },
  });
}

/** Reports an unknown or withdrawn control; true when the reference names a live control. */
function checkReference(group: SectorGroup, path: string, ref: Ref, report: Report, inExemption = false): boolean {
  if (!group.catalog) return false;
  const control = group.catalog.controls.get(ref.id);
  if (!control) {
    report(path, unknownControl(ref, group.catalog.key, group.catalog.controls, inExemption));
    return false;
  }
  if (control.withdrawn) {
    report(path, {
      code: 'withdrawn-control', range: ref.range, message: 'withdrawnControl', control: ref.id,
      args: { control: ref.id, replacedBy: control.replacedBy?.id ?? '' }, data: { replacedBy: control.replacedBy?.id },
    });
    return false;
  }
  return true;
}

/** An exemption's suggestion must be exemptable: replacing the id by a non-exemptable one would be another error. */
function unknownControl(ref: Ref, baseline: string, controls: Map<string, CatalogControl>, inExemption = false): Finding {
  const live = [...controls.values()].filter((c) => !c.withdrawn && (!inExemption || c.exemptable)).map((c) => c.id);
  const suggestion = nearest(ref.id, live) ?? '';
  return {
    code: 'unknown-control', range: ref.range, message: 'unknownControl', control: ref.id,
    args: { control: ref.id, baseline, suggestion }, data: { suggestion: suggestion || undefined },
  };
}

/** Why an exemption does not count, as a `@messageId` argument (the first of checkExemption's reasons). */
function unsoundReason(exemption: Exemption, control: CatalogControl, group: SectorGroup, options: AnalysisOptions): string {
  if (!control.exemptable) return '@reasonNotExemptable';
  if (codePointLength(exemption.rationale?.trim() ?? '') < Math.max(1, options.exemptionRationaleMinLength)) return '@reasonNoRationale';
  if (exemption.compensating.some((m) => !group.measures.has(m.id))) return '@reasonUnknownMeasure';
  return '@reasonInvalidExemption';
}

/** Reports the exemption's own problems; true when it is sound (it exempts). */
function checkExemption(group: SectorGroup, path: string, exemption: Exemption, options: AnalysisOptions, report: Report): boolean {
  const ref = exemption.control;
  if (!ref) return false;
  let sound = group.catalog ? checkReference(group, path, ref, report, true) : false;
  const control = group.catalog?.controls.get(ref.id);
  const min = options.exemptionRationaleMinLength;
  const rationale = exemption.rationale?.trim() ?? '';
  const length = codePointLength(rationale);
  if (length === 0 || length < min) {
    sound = false;
    report(path, {
      code: 'exemption-without-rationale', range: exemption.rationaleRange ?? ref.range, control: ref.id,
      ...(length === 0 ? { message: 'exemptionNoRationale' as const, args: { control: ref.id, min } } : { message: 'exemptionShortRationale' as const, args: { control: ref.id, min, length } }),
    });
  }
  if (control && !control.exemptable) {
    sound = false;
    report(path, { code: 'exemption-not-allowed', range: ref.range, message: 'exemptionNotAllowed', control: ref.id, args: { control: ref.id } });
  }
  for (const measure of exemption.compensating) {
    if (group.measures.has(measure.id)) continue;
    sound = false;
    report(path, { code: 'unknown-measure', range: measure.range, message: 'unknownMeasure', control: ref.id, args: { measure: measure.id, sector: sectorLabel(group.sector, options.sectors) } });
  }
  if (exemption.review && exemption.reviewRange && isImpossibleDate(exemption.review)) {
    report(path, { code: 'schema', range: exemption.reviewRange, message: 'schemaNoSuchDate', control: ref.id, args: { value: exemption.review } });
  } else if (exemption.review && exemption.reviewRange && exemption.review < options.today) {
    report(path, { code: 'exemption-expired', range: exemption.reviewRange, message: 'exemptionExpired', control: ref.id, args: { control: ref.id, review: exemption.review } });
  }
  return sound;
}

/** YYYY-MM-DD in form but not on the calendar (2027-02-30, 2027-13-01). Other forms are the schema's to report. */
function isImpossibleDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d;
}

export function sectorCoverage(group: SectorGroup): SectorCoverage {
  const count = (state: ControlState): number => group.controls.filter((c) => c.state === state).length;
  return {
    sector: group.sector,
    baseline: group.baseline,
    level: group.level,
    required: group.controls.length,
    covered: count('covered'),
    exempted: count('exempted'),
    uncovered: group.controls.filter((c) => c.state === 'uncovered').map((c) => c.control.id).sort(),
    weak: group.controls.filter((c) => c.weak).map((c) => c.control.id).sort(),
    planned: group.controls.filter((c) => c.planned).map((c) => c.control.id).sort(),
    ...partialScopes(group.controls),
  };
}

function partialScopes(controls: ControlCoverage[]): Pick<SectorCoverage, 'uncoveredScope'> {
  const partial = controls.filter((c) => c.uncoveredScope).sort((a, b) => (a.control.id < b.control.id ? -1 : 1));
  if (partial.length === 0) return {};
  return { uncoveredScope: Object.fromEntries(partial.map((c) => [c.control.id, c.uncoveredScope as Scope])) };
}
