// Coverage out as OSCAL 1.2: a mapping-collection (sector standard → baseline) and a
// component-definition (how the sector standard implements each baseline control). Pure: the
// analysis in, a JSON value out. UUIDs are name-based (uuid.ts): items keep theirs across
// revisions, and a document's own UUID and version change exactly when its content does.
import type { Locale, StandardModel } from '../model.js';
import type { ControlCoverage, SectorGroup, WorkspaceAnalysis } from '../analyze.js';
import { sectorCoverage } from '../analyze.js';
import { pickText } from '../messages.js';
import { KIJUN_OSCAL_NS, sha1Hex, uuidV5 } from './uuid.js';
import { localeTexts } from '../texts.js';

export const OSCAL_VERSION = '1.2.1';

export interface ExportOptions {
  /** Only this sector; default: every sector whose baseline is loaded. */
  sector?: string;
  /** metadata.last-modified, an RFC 3339 timestamp with a time zone (hosts keep it stable). */
  lastModified: string;
  locale: Locale;
  /** How a workspace path is written as an href (hosts make it relative to the output). */
  href: (path: string) => string;
  /** The producing tool, e.g. `Kijun 0.1.0`. */
  generator: string;
}

type Json = Record<string, unknown>;

/** The sector groups to export, sorted; those whose baseline is not loaded cannot be. */
export function exportableGroups(analysis: WorkspaceAnalysis, sector?: string): SectorGroup[] {
  return analysis.groups
    .filter((g) => g.catalog && (sector === undefined || g.sector === sector))
    .sort((a, b) => (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : a.baseline < b.baseline ? -1 : a.baseline > b.baseline ? 1 : 0));
}

export function exportMappingCollection(analysis: WorkspaceAnalysis, options: ExportOptions): Json {
  const groups = exportableGroups(analysis, options.sector);
  const t = TEXT[options.locale];
  const complete = groups.every((g) => sectorCoverage(g).uncovered.length === 0);
  const body: Json = {
    uuid: '',
    metadata: metadata(t.mappingTitle(groups.map((g) => `${g.sector} → ${g.baseline}`).join(', ')), options),
    provenance: {
      method: 'hybrid',
      'matching-rationale': 'semantic',
      status: complete ? 'complete' : 'not-complete',
      'mapping-description': t.mappingDescription(options.generator),
    },
    mappings: groups.map((g) => mapping(g, analysis, options)),
  };
  return { 'mapping-collection': sealed(body, 'mapping-collection') };
}

function mapping(group: SectorGroup, analysis: WorkspaceAnalysis, options: ExportOptions): Json {
  const t = TEXT[options.locale];
  const catalog = group.catalog!;
  const key = `${group.sector}\n${catalog.model.id}`;
  const coverage = sectorCoverage(group);
  const maps: Json[] = [];
  for (const c of group.controls) {
    if (c.state !== 'covered') continue;
    for (const site of [...c.measures].sort((a, b) => compare(a.measure.id, b.measure.id))) {
      maps.push({
        uuid: uuidV5(`map\n${key}\n${site.measure.id}\n${c.control.id}`),
        // A required-strength measure that covers a control asks at least what the control asks;
        // one of recommended strength only overlaps it.
        relationship: site.measure.strength.strength === 'recommended' ? 'intersects-with' : 'superset-of',
        sources: [{ type: 'control', 'id-ref': site.measure.id }],
        targets: [{ type: 'control', 'id-ref': c.control.id }],
      });
    }
  }
  if (maps.length === 0) {
    // OSCAL requires at least one map: state that the standard maps to nothing.
    maps.push({
      uuid: uuidV5(`map\n${key}\n(none)`),
      relationship: 'no-relationship',
      sources: [{ type: 'statement', 'id-ref': group.sector }],
      targets: [{ type: 'control', 'id-ref': group.controls[0]?.control.id ?? catalog.model.controls[0]?.id ?? group.sector }],
      remarks: t.noMaps,
    });
  }
  const exempted = group.controls.filter((c) => c.state === 'exempted');
  const out: Json = {
    uuid: uuidV5(`mapping\n${key}`),
    'source-resource': { ns: KIJUN_OSCAL_NS, type: 'sector-standard', href: options.href(group.paths[0]), ...resourceRemarks(group, analysis, options) },
    'target-resource': { type: 'catalog', href: options.href(catalog.path), remarks: t.target(catalog.key, group.level) },
    maps,
  };
  if (exempted.length > 0) {
    out.props = exempted.map((c) => ({ name: 'exempted-control', ns: KIJUN_OSCAL_NS, value: c.control.id, remarks: exemptionRemarks(c, options.locale) }));
  }
  if (coverage.uncovered.length > 0) {
    out['target-gap-summary'] = { uuid: uuidV5(`gap\n${key}`), 'unmapped-controls': [{ 'with-ids': coverage.uncovered }] };
  }
  out.coverage = { 'generation-method': 'kijun-covered-over-required', 'target-coverage': ratio(coverage.covered, coverage.required) };
  return out;
}

function resourceRemarks(group: SectorGroup, analysis: WorkspaceAnalysis, options: ExportOptions): Json {
  const title = standardTitle(group, analysis);
  const files = group.paths.map((p) => `- ${options.href(p)}`).join('\n');
  return { remarks: `${title}\n\n${files}` };
}

export function exportComponentDefinition(analysis: WorkspaceAnalysis, options: ExportOptions): Json {
  const groups = exportableGroups(analysis, options.sector);
  const t = TEXT[options.locale];
  const body: Json = {
    uuid: '',
    metadata: metadata(t.componentTitle(groups.map((g) => g.sector).join(', ')), options),
    components: groups.map((g) => component(g, analysis, options)),
  };
  if ((body.components as unknown[]).length === 0) delete body.components;
  return { 'component-definition': sealed(body, 'component-definition') };
}

function component(group: SectorGroup, analysis: WorkspaceAnalysis, options: ExportOptions): Json {
  const t = TEXT[options.locale];
  const catalog = group.catalog!;
  const key = `${group.sector}\n${catalog.model.id}`;
  const sector = analysis.sectors.find((s) => s.id === group.sector);
  const implemented = group.controls.map((c) => implementedRequirement(c, key, options));
  const implementation: Json = {
    uuid: uuidV5(`control-implementation\n${key}`),
    source: options.href(catalog.path),
    description: t.implementation(group.sector, catalog.key, group.level),
    props: [
      { name: 'baseline', ns: KIJUN_OSCAL_NS, value: catalog.key },
      { name: 'level', ns: KIJUN_OSCAL_NS, value: String(group.level) },
    ],
    'implemented-requirements': implemented,
  };
  const out: Json = {
    uuid: uuidV5(`component\n${key}`),
    type: 'standard',
    title: standardTitle(group, analysis),
    description: t.component(sector ? pickText(sector.name, options.locale) : group.sector, group.paths.map(options.href)),
    props: [{ name: 'sector', ns: KIJUN_OSCAL_NS, value: group.sector }],
  };
  // OSCAL requires at least one implemented requirement in a control implementation.
  if (implemented.length > 0) out['control-implementations'] = [implementation];
  return out;
}

function implementedRequirement(c: ControlCoverage, key: string, options: ExportOptions): Json {
  const t = TEXT[options.locale];
  const props: Json[] = [];
  let description: string;
  let remarks: string | undefined;
  if (c.state === 'covered') {
    props.push({ name: 'implementation-status', value: 'implemented' });
    description = c.measures.map((m) => `- **${m.measure.id}** ${m.measure.title}`.trimEnd() + ` (${options.href(m.path)})`).join('\n');
    if (c.weak) remarks = t.weak;
  } else if (c.state === 'exempted') {
    props.push({ name: 'implementation-status', value: 'not-applicable' });
    description = t.exempted;
    remarks = exemptionRemarks(c, options.locale);
  } else {
    description = t.uncovered;
  }
  props.push({ name: 'coverage', ns: KIJUN_OSCAL_NS, value: c.state });
  const out: Json = {
    uuid: uuidV5(`implemented-requirement\n${key}\n${c.control.id}`),
    'control-id': c.control.id,
    description,
    props,
  };
  if (remarks) out.remarks = remarks;
  return out;
}

function exemptionRemarks(c: ControlCoverage, locale: Locale): string {
  const t = TEXT[locale];
  const sound = c.exemptions.filter((e) => e.sound);
  return (sound.length > 0 ? sound : c.exemptions).map(({ exemption }) => {
    const lines = [exemption.rationale?.trim() || t.noRationale];
    if (exemption.compensating.length > 0) lines.push(t.compensating(exemption.compensating.map((r) => r.id).join(', ')));
    if (exemption.review) lines.push(t.review(exemption.review));
    return lines.join('\n\n');
  }).join('\n\n---\n\n');
}

function standardTitle(group: SectorGroup, analysis: WorkspaceAnalysis): string {
  for (const p of group.paths) {
    const model = analysis.files.get(p)?.model as StandardModel | undefined;
    if (model?.title) return model.title;
  }
  return group.sector;
}

function metadata(title: string, options: ExportOptions): Json {
  return { title, 'last-modified': options.lastModified, version: '', 'oscal-version': OSCAL_VERSION, props: [{ name: 'generator', ns: KIJUN_OSCAL_NS, value: options.generator }] };
}

/**
 * Gives a document its UUID and version from its content (everything but the UUID, the
 * version and last-modified), so both change exactly when the content does.
 */
function sealed(body: Json, kind: string): Json {
  const meta = body.metadata as Json;
  const digest = sha1Hex(JSON.stringify({ ...body, uuid: '', metadata: { ...meta, 'last-modified': '', version: '' } }));
  return { ...body, uuid: uuidV5(`${kind}\n${digest}`), metadata: { ...meta, version: digest.slice(0, 12) } };
}

/** The content digest of an exported document as `sealed` computed it (its metadata.version). */
export function exportedVersion(doc: unknown): string | undefined {
  const root = doc && typeof doc === 'object' ? Object.values(doc as Json)[0] : undefined;
  const version = root && typeof root === 'object' ? ((root as Json).metadata as Json | undefined)?.version : undefined;
  return typeof version === 'string' ? version : undefined;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 10000) / 10000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const TEXT = localeTexts('oscalExport', {
  mappingTitle: (what: string) => `対応付け: ${what}`,
  mappingDescription: (generator: string) => `各分野の安全基準のどの対策がベースラインのどの管理策に対応するか(基準に書かれた対応: マーカー及び covers による)を ${generator} が検査した結果。適用除外の管理策は exempted-control プロパティに、対応も適用除外もない管理策は target-gap-summary に示す。coverage は必須の管理策のうち対応済みの割合。`,
  target: (key: string, level: number) => `ベースライン ${key}: レベル ${level} 以下の必須の管理策。`,
  noMaps: 'ベースラインの管理策に対応する対策がありません。',
  componentTitle: (what: string) => `分野別安全基準による実装: ${what}`,
  component: (sector: string, files: string[]) => `${sector}分野の安全基準(${files.join('、')})。`,
  implementation: (sector: string, key: string, level: number) => `分野 ${sector} の安全基準によるベースライン ${key}(レベル ${level})の実装。`,
  exempted: 'リスクに基づき適用除外。理由は remarks を参照。',
  uncovered: 'この管理策に対応する対策はなく、適用除外もされていません。',
  weak: '推奨の強さの対策でのみ対応されています。',
  noRationale: '(理由なし)',
  compensating: (ids: string) => `代替策: ${ids}`,
  review: (date: string) => `見直し期限: ${date}`,
}, {
  mappingTitle: (what: string) => `Coverage mapping: ${what}`,
  mappingDescription: (generator: string) => `Which measures of each sector standard cover which controls of its baseline, as the standard declares them (Covers: markers and covers lists) and ${generator} checked them. Exempted controls are listed as exempted-control properties; controls neither covered nor exempted are in the target gap summary. Coverage is covered controls over required controls.`,
  target: (key: string, level: number) => `Baseline ${key}: the controls required at level ${level} and below.`,
  noMaps: 'No measure of the standard covers a control of the baseline.',
  componentTitle: (what: string) => `Sector standard implementations: ${what}`,
  component: (sector: string, files: string[]) => `The ${sector} sector cybersecurity standard (${files.join(', ')}).`,
  implementation: (sector: string, key: string, level: number) => `How the ${sector} standard implements baseline ${key} at level ${level}.`,
  exempted: 'Exempted on risk grounds; see the remarks for the rationale.',
  uncovered: 'No measure of the sector standard covers this control, and it is not exempted.',
  weak: 'Covered only by measures of recommended strength.',
  noRationale: '(no rationale)',
  compensating: (ids: string) => `Compensating measures: ${ids}`,
  review: (date: string) => `Review by ${date}.`,
});
