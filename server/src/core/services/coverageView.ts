// Data behind the reviewer views (coverage tree, status bar) and the standard scaffold: plain
// JSON for the client, which only renders it.
import type { Range } from '../text.js';
import type { Locale } from '../model.js';
import { message, pickText } from '../messages.js';
import { sectorById, type Sector } from '../sectors.js';
import { sectorCoverage, type ControlState, type SectorCoverage, type SectorGroup } from '../analyze.js';
import { groupOf, type ServiceContext } from './context.js';
import { measureSegment } from '../ids.js';
import { scopeNote } from './scopeHover.js';
import { FUNCTION_NAMES } from '../formats/reviewModel.js';
import { localeTexts } from '../texts.js';
import { NOT_CANCELLED, type Cancellation } from '../cancellation.js';

// The view's words come with its data, in the server's locale (kijun.yaml), so that they read in
// the same language as the sector and control names beside them.
const VIEW_TEXT = localeTexts('coverageView', {
  state: { covered: '対応済', exempted: '適用除外', uncovered: '未対応', unsound: '適用除外に不備' } as Record<ControlState | 'unsound', string>,
  exemption: '適用除外', unsoundExemption: '不備のある適用除外',
  sector: (covered: number, required: number, exempted: number, level: number) => `${covered}/${required} 対応済 · 適用除外 ${exempted} · レベル ${level}`,
  candidate: (id: string, score: string) => `候補: ${id}(${score})`,
  candidateTip: (id: string, title: string, score: string) => `本文が最も近い対策: ${id} ${title}(スコア ${score})。対応マーカーに追記するまで反映されません。`,
}, {
  state: { covered: 'covered', exempted: 'exempt', uncovered: 'uncovered', unsound: 'unsound exemption' },
  exemption: 'Exemption', unsoundExemption: 'Unsound exemption',
  sector: (covered, required, exempted, level) => `${covered}/${required} covered · ${exempted} exempt · level ${level}`,
  candidate: (id, score) => `candidate: ${id} (${score})`,
  candidateTip: (id, title, score) => `Best candidate by text: ${id} ${title} (score ${score}); not applied until you add it to its marker.`,
});

export function coverageViewText(locale: Locale) {
  return VIEW_TEXT[locale];
}

export interface Located {
  uri: string;
  range: Range;
}

export interface ControlView {
  id: string;
  title: string;
  function: string;
  level: number;
  /** `unsound` is an uncovered control whose exemption has an error of its own. */
  state: ControlState | 'unsound';
  /** The state in words, in the server's locale. */
  stateLabel: string;
  measures: (Located & { id: string; title: string })[];
  exemptions: (Located & { sound: boolean; rationale: string; label: string })[];
  /** Where the uncovered-control finding sits, i.e. where the quick-fix applies. */
  fix?: Located;
  /** Where a control split by scope is met and where not, or from when a planned one is met (localised). */
  scopeNote?: string;
  /** An uncovered control's best candidate measure by text (the mapping assistant; never applied by itself). */
  candidate?: Located & { id: string; title: string; score: number; label: string; tooltip: string };
}

export interface SectorView extends SectorCoverage {
  name: string;
  /** "3/4 covered · 1 exempt · level 1", in the server's locale. */
  description: string;
  /** The sector's own measures that cover no baseline control ("second floor"). */
  sectorSpecific: (Located & { id: string; title: string })[];
  files: string[];
  controls: ControlView[];
}

export interface CoverageView {
  sectors: SectorView[];
  /** Each `function` value of the controls with its name ("GV Govern", "GV 統治", an OSCAL group's title). */
  functions?: Record<string, string>;
  catalogs: { key: string; title: string; uri: string }[];
}

/** Cancelled part-way: an empty view. */
export function coverageView(ctx: ServiceContext, token: Cancellation = NOT_CANCELLED): CoverageView {
  const t = VIEW_TEXT[ctx.locale];
  const sectors: SectorView[] = [];
  for (const group of ctx.analysis.groups) {
    if (!group.catalog) continue;
    if (token.isCancellationRequested) return { sectors: [], catalogs: [] };
    sectors.push(sectorView(ctx, group, t));
  }
  const catalogs = [...ctx.analysis.catalogs.values()].map((c) => ({ key: c.key, title: pickText(c.model.title, ctx.locale), uri: ctx.toUri(c.path) }));
  return { sectors, catalogs, functions: functionNames(ctx) };
}

function sectorView(ctx: ServiceContext, group: SectorGroup, t: (typeof VIEW_TEXT)[Locale]): SectorView {
  const primary = group.paths[0];
  const baselineRange = primaryBaselineRange(ctx, primary);
  const coverage = sectorCoverage(group);
  return {
    ...coverage,
    name: sectorName(group.sector, ctx.locale, ctx.analysis.sectors),
    description: t.sector(coverage.covered, coverage.required, coverage.exempted, group.level),
    sectorSpecific: group.sectorSpecific.map((m) => ({ id: m.measure.id, title: m.measure.title, uri: ctx.toUri(m.path), range: m.measure.range })),
    files: group.paths.map(ctx.toUri),
    controls: group.controls.map((c) => {
      const state = c.state === 'uncovered' && c.exemptions.some((e) => !e.sound) ? 'unsound' : c.state;
      return {
        id: c.control.id,
        title: pickText(c.control.title, ctx.locale),
        function: c.control.function,
        level: c.control.level,
        state,
        stateLabel: t.state[state],
        measures: c.measures.map((m) => ({ id: m.measure.id, title: m.measure.title, uri: ctx.toUri(m.path), range: m.measure.range })),
        exemptions: c.exemptions.map((e) => ({
          uri: ctx.toUri(e.path), range: e.exemption.control?.range ?? e.exemption.range, sound: e.sound, rationale: e.exemption.rationale ?? '',
          label: e.sound ? t.exemption : t.unsoundExemption,
        })),
        fix: c.state === 'uncovered' && baselineRange ? { uri: ctx.toUri(primary), range: baselineRange } : undefined,
        scopeNote: scopeNote(c, ctx.locale),
      };
    }),
  };
}

/** CSF function ids with their names, and a catalog's own groups with their titles. */
function functionNames(ctx: ServiceContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, name] of Object.entries(FUNCTION_NAMES)) out[id] = `${id} ${pickText(name, ctx.locale)}`;
  for (const catalog of ctx.analysis.catalogs.values()) {
    for (const g of catalog.model.groups ?? []) out[g.id] = `${g.id} ${pickText(g.title, ctx.locale)}`.trim();
  }
  return out;
}

export function sectorName(id: string, locale: Locale, sectors?: readonly Sector[]): string {
  const sector = sectors?.find((s) => s.id === id) ?? sectorById(id);
  return sector ? pickText(sector.name, locale) : id;
}

function primaryBaselineRange(ctx: ServiceContext, path: string): Range | undefined {
  const model = ctx.analysis.files.get(path)?.model;
  return model?.kind === 'standard' ? model.baseline?.range : undefined;
}

export interface FileInfo {
  kind?: 'catalog' | 'standard';
  sector?: string;
  sectorName?: string;
  baseline?: string;
  baselineRange?: Range;
  coverage?: SectorCoverage;
  catalogs: { key: string; title: string }[];
}

/** What the status bar shows for one file. */
export function fileInfo(ctx: ServiceContext, path: string): FileInfo {
  const model = ctx.analysis.files.get(path)?.model;
  const catalogs = [...ctx.analysis.catalogs.values()].map((c) => ({ key: c.key, title: pickText(c.model.title, ctx.locale) }));
  if (!model) return { catalogs };
  if (model.kind === 'catalog') return { kind: 'catalog', baseline: `${model.id}@${model.version}`, catalogs };
  const group = groupOf(ctx.analysis, path);
  return {
    kind: 'standard',
    sector: model.sector,
    sectorName: model.sector ? sectorName(model.sector, ctx.locale, ctx.analysis.sectors) : undefined,
    baseline: group?.catalog?.key ?? model.baseline?.text,
    baselineRange: model.baseline?.range,
    coverage: group?.catalog ? sectorCoverage(group) : undefined,
    catalogs,
  };
}

/** A new sector standard: front matter and one measure stub per required control. */
export function scaffoldStandard(ctx: ServiceContext, catalogKey: string, sector: string, level: number, locale: Locale): string | undefined {
  const catalog = ctx.analysis.catalogs.get(catalogKey);
  if (!catalog) return undefined;
  const name = sectorName(sector, locale, ctx.analysis.sectors);
  const title = message(locale, 'scaffoldTitle', { sector: name });
  const prefix = sector.replace(/[^a-z]/gi, '').slice(0, 2).toUpperCase();
  const counters = new Map<string, number>();
  const marker = locale === 'ja' ? '対応' : 'Covers';
  // Quoted: the English title holds ': ', which unquoted YAML reads as a nested mapping.
  const out = ['---', 'kind: standard', `sector: ${sector}`, `title: ${JSON.stringify(title)}`, `baseline: ${catalog.key}`, `level: ${level}`, '---', `# ${title}`, ''];
  for (const control of catalog.controls.values()) {
    if (control.withdrawn || control.level > level) continue;
    const segment = measureSegment(control.function);
    const n = (counters.get(segment) ?? 0) + 1;
    counters.set(segment, n);
    out.push(`## ${prefix}-${segment}-${String(n).padStart(2, '0')} ${pickText(control.title, locale)}`, '', `${marker}: ${control.id}`, '', pickText(control.statement, locale), '');
  }
  return out.join('\n');
}
