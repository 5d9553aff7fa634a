// The reviewer's model: what the JSON Report (the contract) leaves out and the CI and review
// formats need — per-control states across sectors, exemptions with their rationale, review date
// and soundness, CSF functions, control and sector titles. Built once from the loaded workspace
// and the Report; plain data, so every formatter stays a pure function of (report, model, locale).
import { scopeNote } from '../services/scopeHover.js';
import type { LocalText, Locale, StandardModel } from '../model.js';
import type { LoadedWorkspace } from '../workspace.js';
import type { Report, ReportDiagnostic } from '../report.js';
import type { Range } from '../text.js';
import type { ExemptionSite, SectorGroup } from '../analyze.js';
import { RULES, type SeveritySetting } from '../rules.js';
import { csfElement } from '../csf.js';
import { sectorById } from '../sectors.js';
import { ruleInfos, type RuleInfo } from './ruleInfo.js';
import { ownTable } from '../own.js';
import { registerTexts } from '../texts.js';

/** Days before its review date from which an exemption counts as due for review. */
export const REVIEW_DUE_DAYS = 90;

export const CSF_FUNCTIONS = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'] as const;

/** The names of the CSF 2.0 functions (the one table; the CSF profile and the editor use it too). */
export const FUNCTION_NAMES: Record<string, Required<LocalText>> = registerTexts('csfFunctions', {
  GV: { ja: '統治', en: 'Govern' },
  ID: { ja: '識別', en: 'Identify' },
  PR: { ja: '防御', en: 'Protect' },
  DE: { ja: '検知', en: 'Detect' },
  RS: { ja: '対応', en: 'Respond' },
  RC: { ja: '復旧', en: 'Recover' },
});

export interface ReviewFunction {
  id: string;
  name: Required<LocalText>;
  /** NIST's CSF 2.0 reference page of the function. */
  url: string;
}

export interface ReviewControl {
  id: string;
  function: string;
  level: number;
  title: LocalText;
  statement: LocalText;
  csf: string[];
  exemptable: boolean;
}

export interface ReviewCatalog {
  key: string;
  title: LocalText;
  path: string;
  /** Live (not withdrawn) controls in catalog order. */
  controls: ReviewControl[];
}

/** Where something is: display path (as in the Report) and 1-based line and column. */
export interface ReviewLocation {
  path: string;
  line: number;
  column: number;
}

export interface ReviewMeasureRef extends ReviewLocation {
  id: string;
  title: string;
}

/**
 * State of one required control in one sector. `unsound` is an uncovered control whose
 * exemption has an error of its own (it counts as uncovered).
 */
export type CellState = 'covered' | 'exempted' | 'uncovered' | 'unsound';

export interface ReviewCell {
  state: CellState;
  /** Covered only by measures of recommended strength. */
  weak: boolean;
  measures: ReviewMeasureRef[];
  /** Met in part of the scope only (uncovered elsewhere). */
  partial?: boolean;
  /** Covered only by measures not yet in effect. */
  planned?: boolean;
  /** Where it is met and where not, or from when (PRODUCT.md §5.2, §5.3). */
  note?: LocalText;
}

export interface ReviewSector {
  sector: string;
  name: LocalText;
  /** Titles of the sector's standard files, in path order, without repeats. */
  titles: string[];
  /** Catalog key (`id@version`). */
  baseline: string;
  level: number;
  paths: string[];
  /** Where the sector's uncovered-control findings sit (the first file's `baseline:`). */
  primary: ReviewLocation;
  required: number;
  covered: number;
  exempted: number;
  uncovered: number;
  /** Required controls by id; controls above the sector's level are absent. */
  cells: Record<string, ReviewCell>;
  /** Measures that cover no baseline control (the sector's "second floor"). */
  sectorSpecific: number;
  /** Those measures, in path and document order. */
  sectorSpecificMeasures: (ReviewLocation & { id: string; title: string })[];
}

export type ReviewStatus = 'none' | 'ok' | 'due' | 'expired';

export interface ReviewExemption extends ReviewLocation {
  sector: string;
  baseline: string;
  control: string;
  /** Title of the control when the catalog has it. */
  controlTitle?: LocalText;
  rationale: string;
  compensating: string[];
  review?: string;
  reviewStatus: ReviewStatus;
  /** Days from today to the review date (negative when past). */
  daysToReview?: number;
  sound: boolean;
  /** State of the control in the sector (an exemption of a covered control is redundant). */
  state?: CellState;
  /** Findings about this exemption (messages in the report's language). */
  problems: { code: string; severity: string; message: string }[];
}

export interface ReviewRule extends RuleInfo {
  /** Severity in force for this run (kijun.yaml `rules:`), or `off`. */
  severity: SeveritySetting;
  /** The rule's documentation page. */
  helpUri: string;
}

export interface ReviewModel {
  tool: { name: string; version: string };
  /** YYYY-MM-DD used for review dates. */
  today: string;
  /** Base URI of the rule pages, ending in `/`. */
  docsBase: string;
  catalogs: ReviewCatalog[];
  /** Sectors with a loaded baseline, in the order of `report.coverage`. */
  sectors: ReviewSector[];
  /** Sectors whose `baseline:` names no loaded catalog: not checked for coverage. */
  unresolved: { sector: string; baseline: string; paths: string[] }[];
  exemptions: ReviewExemption[];
  functions: ReviewFunction[];
  rules: ReviewRule[];
  counts: { errors: number; warnings: number; infos: number; files: number };
  /** Link target of each displayed path (a URL or a path relative to the report); absent: no link. */
  links: Record<string, string>;
  /** Whether `links` point at a web host that understands `#L<line>` fragments. */
  lineAnchors: boolean;
}

export interface ReviewOptions {
  /** Absolute path → displayed path; must be the one the Report was built with. */
  displayPath: (path: string) => string;
  docsBase: string;
  today: string;
  version: string;
  /** Displayed path → link target; default: no links. */
  link?: (displayPath: string) => string | undefined;
  lineAnchors?: boolean;
}

export function buildReviewModel(loaded: LoadedWorkspace, report: Report, options: ReviewOptions): ReviewModel {
  const { analysis } = loaded;
  const display = options.displayPath;
  const diagnosticsByPath = new Map(report.files.map((f) => [f.path, f.diagnostics]));
  const sectorNames = new Map(analysis.sectors.map((s) => [s.id, s.name]));
  const nameOf = (id: string): LocalText => sectorNames.get(id) ?? sectorById(id)?.name ?? { ja: id, en: id };

  const reportedGroups = analysis.groups.filter((g) => g.paths.some((p) => loaded.reported.has(p)));
  const usedCatalogs = new Set(reportedGroups.map((g) => g.catalog?.key).filter((k): k is string => !!k));
  const catalogs: ReviewCatalog[] = [...analysis.catalogs.values()]
    .filter((c) => usedCatalogs.has(c.key) || loaded.reported.has(c.path))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((c) => ({
      key: c.key,
      title: c.model.title,
      path: display(c.path),
      controls: [...c.controls.values()].filter((x) => !x.withdrawn).map((x) => ({
        id: x.id, function: x.function, level: x.level, title: x.title, statement: x.statement, csf: x.csf.map((r) => r.id), exemptable: x.exemptable,
      })),
    }));

  const groupKey = (sector: string, baseline: string): string => `${sector}\u0000${baseline}`;
  const groupsByKey = new Map(reportedGroups.map((g) => [groupKey(g.sector, g.baseline), g]));
  const sectors: ReviewSector[] = [];
  for (const c of report.coverage) {
    const group = groupsByKey.get(groupKey(c.sector, c.baseline));
    if (!group?.catalog) continue;
    sectors.push(reviewSector(group, loaded, display, nameOf(group.sector)));
  }
  const unresolved = reportedGroups
    .filter((g) => !g.catalog)
    .map((g) => ({ sector: g.sector, baseline: g.baseline, paths: g.paths.map(display) }))
    .sort((a, b) => a.sector.localeCompare(b.sector));

  const exemptions: ReviewExemption[] = [];
  for (const group of reportedGroups) {
    const cells = sectors.find((s) => s.sector === group.sector && s.baseline === group.baseline)?.cells;
    for (const site of exemptionSites(group, loaded)) {
      exemptions.push(reviewExemption(site, group, cells, diagnosticsByPath.get(display(site.path)) ?? [], display, options.today));
    }
  }
  exemptions.sort((a, b) => a.sector.localeCompare(b.sector) || a.control.localeCompare(b.control) || a.path.localeCompare(b.path) || a.line - b.line);

  const configured = loaded.config.rules;
  const rules: ReviewRule[] = ruleInfos().map((info) => ({
    ...info,
    severity: configured[info.code] ?? RULES[info.code],
    helpUri: `${options.docsBase}${info.code}.md`,
  }));

  const all = report.files.flatMap((f) => f.diagnostics);
  const links = ownTable<string>();
  if (options.link) {
    const paths = new Set([...report.files.map((f) => f.path), ...catalogs.map((c) => c.path), ...sectors.flatMap((s) => s.paths)]);
    for (const p of paths) {
      const target = options.link(p);
      if (target !== undefined) links[p] = target;
    }
  }
  return {
    tool: { name: 'Kijun', version: options.version },
    today: options.today,
    docsBase: options.docsBase,
    catalogs,
    sectors,
    unresolved,
    exemptions,
    functions: CSF_FUNCTIONS.map((id) => ({ id, name: FUNCTION_NAMES[id], url: csfElement(id)?.url ?? '' })),
    rules,
    counts: {
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      infos: all.filter((d) => d.severity === 'info').length,
      files: report.summary.files,
    },
    links,
    lineAnchors: options.lineAnchors ?? false,
  };
}

/** Partial and planned coverage of a cell, with the note in both languages. */
function scopeCell(c: SectorGroup['controls'][number]): Pick<ReviewCell, 'partial' | 'planned' | 'note'> {
  const ja = scopeNote(c, 'ja');
  const en = scopeNote(c, 'en');
  return { ...(c.uncoveredScope ? { partial: true } : {}), ...(c.planned ? { planned: true } : {}), ...(ja && en ? { note: { ja, en } } : {}) };
}

function reviewSector(group: SectorGroup, loaded: LoadedWorkspace, display: (p: string) => string, name: LocalText): ReviewSector {
  const cells = ownTable<ReviewCell>();
  for (const c of group.controls) {
    const state: CellState = c.state === 'uncovered' && c.exemptions.some((e) => !e.sound) ? 'unsound' : c.state;
    cells[c.control.id] = {
      state,
      weak: c.weak,
      measures: c.measures.map((m) => ({ id: m.measure.id, title: m.measure.title, ...locationOf(display(m.path), m.measure.range) })),
      ...scopeCell(c),
    };
  }
  const count = (s: CellState): number => group.controls.filter((c) => c.state === s).length;
  const titles: string[] = [];
  for (const p of group.paths) {
    const title = standardOf(loaded, p)?.title?.trim();
    if (title && !titles.includes(title)) titles.push(title);
  }
  const primaryPath = group.paths[0];
  const baselineRange = standardOf(loaded, primaryPath)?.baseline?.range;
  return {
    sector: group.sector,
    name,
    titles,
    baseline: group.baseline,
    level: group.level,
    paths: group.paths.map(display),
    primary: baselineRange ? locationOf(display(primaryPath), baselineRange) : { path: display(primaryPath), line: 1, column: 1 },
    required: group.controls.length,
    covered: count('covered'),
    exempted: count('exempted'),
    uncovered: count('uncovered'),
    cells,
    sectorSpecific: group.sectorSpecific.length,
    sectorSpecificMeasures: group.sectorSpecific.map((m) => ({ id: m.measure.id, title: m.measure.title, ...locationOf(display(m.path), m.measure.range) })),
  };
}

function standardOf(loaded: LoadedWorkspace, path: string): StandardModel | undefined {
  const model = loaded.analysis.files.get(path)?.model;
  return model?.kind === 'standard' ? model : undefined;
}

/** Every exemption of the group, with its soundness as the analysis decided it. */
function exemptionSites(group: SectorGroup, loaded: LoadedWorkspace): ExemptionSite[] {
  const decided = new Map<unknown, boolean>();
  for (const c of group.controls) for (const e of c.exemptions) decided.set(e.exemption, e.sound);
  const out: ExemptionSite[] = [];
  for (const path of group.paths) {
    for (const exemption of standardOf(loaded, path)?.exemptions ?? []) {
      if (!exemption.control) continue;
      // Exemptions of controls that are not required (unknown, withdrawn, above the level) have
      // no coverage state; they are sound only when nothing is wrong with them (no finding).
      out.push({ path, exemption, sound: decided.get(exemption) ?? true });
    }
  }
  return out;
}

function reviewExemption(
  site: ExemptionSite, group: SectorGroup, cells: Record<string, ReviewCell> | undefined, diagnostics: ReportDiagnostic[],
  display: (p: string) => string, today: string,
): ReviewExemption {
  const { exemption } = site;
  const id = exemption.control?.id ?? '';
  const problems = diagnostics
    .filter((d) => d.control === id && within(d.range, exemption.range) && d.code !== 'exemption-expired')
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message }));
  const control = group.catalog?.controls.get(id);
  const sound = site.sound && !problems.some((p) => UNSOUND_CODES.has(p.code));
  const days = exemption.review ? daysBetween(today, exemption.review) : undefined;
  const reviewStatus: ReviewStatus = days === undefined ? 'none' : days < 0 ? 'expired' : days <= REVIEW_DUE_DAYS ? 'due' : 'ok';
  const out: ReviewExemption = {
    sector: group.sector,
    baseline: group.baseline,
    control: id,
    rationale: exemption.rationale?.trim() ?? '',
    compensating: exemption.compensating.map((r) => r.id),
    reviewStatus,
    sound: group.catalog ? sound : false,
    problems,
    ...locationOf(display(site.path), exemption.control?.range ?? exemption.range),
  };
  if (control) out.controlTitle = control.title;
  if (exemption.review) out.review = exemption.review;
  if (days !== undefined) out.daysToReview = days;
  const cell = cells?.[id];
  if (cell) out.state = cell.state;
  return out;
}

/** Findings that make an exemption unsound (PRODUCT.md §1.2). */
const UNSOUND_CODES = new Set(['exemption-without-rationale', 'exemption-not-allowed', 'unknown-measure', 'unknown-control', 'withdrawn-control']);

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function locationOf(path: string, range: Range): ReviewLocation {
  return { path, line: range.start.line + 1, column: range.start.character + 1 };
}

/** Whole days from `from` to `to` (YYYY-MM-DD); undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  const parse = (s: string): number | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
  };
  const a = parse(from);
  const b = parse(to);
  return a === undefined || b === undefined ? undefined : Math.round((b - a) / 86_400_000);
}

/** Share of required controls covered or exempted, rounded down to 0.1 (as the text report). */
export function percentDone(c: { required: number; covered: number; exempted: number }): number {
  return c.required === 0 ? 100 : Math.floor(((c.covered + c.exempted) / c.required) * 1000) / 10;
}

export function pick(text: LocalText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'ja' ? text.ja ?? text.en : text.en ?? text.ja) ?? '';
}
