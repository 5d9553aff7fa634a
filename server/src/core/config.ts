// kijun.yaml: parsed, validated against its schema, and filled with defaults.
import type { Finding, Locale } from './model.js';
import type { RuleCode, SeveritySetting } from './rules.js';
import type { Sector } from './sectors.js';
import { LineIndex, type Range } from './text.js';
import { parseYaml, rangeAt } from './yamlSource.js';
import { validateSchema } from './schema.js';
import { formatMessage } from './messages.js';
import { labelProblemMessage, parseLabelForms } from './labels.js';
import { append } from './arrays.js';

export const CONFIG_FILE = 'kijun.yaml';

export interface KijunConfig {
  /** Globs relative to the configuration's folder; undefined means "decide by kind". */
  catalogs?: string[];
  standards?: string[];
  locale?: Locale;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
  exemptionRationaleMinLength: number;
  maxFileSize: number;
  /** Sectors added to (or overriding) the built-in list. */
  sectors?: Sector[];
  /** OSCAL catalogs: their baseline id and where their levels come from. */
  oscal?: OscalCatalogSetting[];
  /** Measure label forms (PRODUCT.md §5.1); a standard's own `measureLabels` wins. */
  measureLabels?: string[];
}

/** One `oscal:` entry of kijun.yaml. Paths are relative to kijun.yaml. */
export interface OscalCatalogSetting {
  path: string;
  id?: string;
  levels?: {
    /** Level → OSCAL profile: the controls a profile selects have that level (the lowest wins). */
    profiles?: Record<string, string>;
    /** Control id → level; wins over profiles. */
    controls?: Record<string, number>;
    /** Level of controls nothing else names: 1 without profiles, else one above the highest profile level. */
    default?: number;
  };
  /** Where the entry and its profiles are written in kijun.yaml. */
  range?: Range;
  profileRanges?: Record<string, Range>;
}

export const DEFAULT_CONFIG: KijunConfig = {
  rules: {},
  exemptionRationaleMinLength: 20,
  maxFileSize: 5_000_000,
};

export interface ParsedConfig {
  config: KijunConfig;
  /** Only the keys the file sets, for merging over editor settings. */
  given: Partial<KijunConfig>;
  findings: Finding[];
}

export function parseConfig(text: string): ParsedConfig {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineIndex(text);
  const source = parseYaml(text, 0, lines);
  const findings = [...source.findings];
  if (findings.length > 0) return { config: { ...DEFAULT_CONFIG }, given: {}, findings };
  const value = source.value ?? {};
  source.value = value;
  append(findings, validateSchema('config', source));
  const raw = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
  const given: Partial<KijunConfig> = {};
  if (strings(raw.catalogs)) given.catalogs = strings(raw.catalogs);
  if (strings(raw.standards)) given.standards = strings(raw.standards);
  if (raw.locale === 'ja' || raw.locale === 'en') given.locale = raw.locale;
  if (raw.rules && typeof raw.rules === 'object') given.rules = raw.rules as KijunConfig['rules'];
  if (typeof raw.exemptionRationaleMinLength === 'number') given.exemptionRationaleMinLength = raw.exemptionRationaleMinLength;
  if (typeof raw.maxFileSize === 'number') given.maxFileSize = raw.maxFileSize;
  if (Array.isArray(raw.sectors)) {
    given.sectors = raw.sectors
      .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && typeof (x as Record<string, unknown>).id === 'string')
      .map((x) => ({ id: x.id as string, name: (x.name ?? { ja: x.id, en: x.id }) as Sector['name'], ministry: (x.ministry ?? {}) as Sector['ministry'] }));
  }
  if (Array.isArray(raw.oscal)) given.oscal = oscalSettings(raw.oscal, source);
  if (Array.isArray(raw.measureLabels)) given.measureLabels = labelSettings(raw.measureLabels, source, findings);
  return { config: mergeConfig({}, given), given, findings };
}

/** Usable label forms; a pattern that does not compile, matches empty text or may backtrack is a located finding. */
function labelSettings(values: unknown[], source: ReturnType<typeof parseYaml>, findings: Finding[]): string[] {
  const { problems } = parseLabelForms(values);
  for (const p of problems) {
    findings.push({ code: 'schema', range: rangeAt(source, ['measureLabels', p.index]), ...labelProblemMessage(p, String(values[p.index])) });
  }
  const bad = new Set(problems.map((p) => p.index));
  return values.filter((v, i): v is string => typeof v === 'string' && v !== '' && !bad.has(i));
}

function oscalSettings(entries: unknown[], source: ReturnType<typeof parseYaml>): OscalCatalogSetting[] {
  const out: OscalCatalogSetting[] = [];
  entries.forEach((entry, i) => {
    const e = (entry && typeof entry === 'object' && !Array.isArray(entry) ? entry : {}) as Record<string, unknown>;
    if (typeof e.path !== 'string' || e.path === '') return;
    const levels = (e.levels && typeof e.levels === 'object' ? e.levels : {}) as Record<string, unknown>;
    const record = <T>(v: unknown, ok: (x: unknown) => x is T): Record<string, T> | undefined => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      return Object.fromEntries(Object.entries(v).filter((kv): kv is [string, T] => ok(kv[1])));
    };
    const profiles = record(levels.profiles, (x): x is string => typeof x === 'string' && x !== '');
    const controls = record(levels.controls, (x): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 1);
    const setting: OscalCatalogSetting = { path: e.path, range: rangeAt(source, ['oscal', i]) };
    if (typeof e.id === 'string' && e.id !== '') setting.id = e.id;
    if (profiles || controls || typeof levels.default === 'number') {
      setting.levels = {};
      if (profiles) setting.levels.profiles = profiles;
      if (controls) setting.levels.controls = controls;
      if (typeof levels.default === 'number' && Number.isInteger(levels.default) && levels.default >= 1) setting.levels.default = levels.default;
    }
    if (profiles) setting.profileRanges = Object.fromEntries(Object.keys(profiles).map((k) => [k, rangeAt(source, ['oscal', i, 'levels', 'profiles', k])]));
    out.push(setting);
  });
  return out;
}

/**
 * Editor settings under a `kijun.yaml`: the file wins key by key (rule by rule for `rules`), so
 * the editor and the CLI agree wherever the file speaks.
 */
export function mergeConfig(settings: Partial<KijunConfig>, file: Partial<KijunConfig>): KijunConfig {
  return {
    ...DEFAULT_CONFIG,
    ...settings,
    ...file,
    rules: { ...(settings.rules ?? {}), ...(file.rules ?? {}) },
  };
}

/** The settings extraction depends on (and every extraction cache must key on). */
export function extractOptions(config: KijunConfig): { measureLabels?: readonly string[] } {
  return config.measureLabels ? { measureLabels: config.measureLabels } : {};
}

/** One line naming the first problem, for hosts that must refuse a bad configuration. */
export function describeConfigProblem(path: string, findings: Finding[], locale: Locale): string | undefined {
  const first = findings[0];
  if (!first) return undefined;
  return `${path}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${formatMessage(first.message, first.args, locale)}`;
}
