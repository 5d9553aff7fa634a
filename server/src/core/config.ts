// kijun.yaml: parsed, validated against its schema, and filled with defaults.
import type { Finding, Locale } from './model.js';
import type { RuleCode, SeveritySetting } from './rules.js';
import type { Sector } from './sectors.js';
import { LineIndex } from './text.js';
import { parseYaml } from './yamlSource.js';
import { validateSchema } from './schema.js';
import { formatMessage } from './messages.js';

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
  findings.push(...validateSchema('config', source));
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
  return { config: mergeConfig({}, given), given, findings };
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

/** One line naming the first problem, for hosts that must refuse a bad configuration. */
export function describeConfigProblem(path: string, findings: Finding[], locale: Locale): string | undefined {
  const first = findings[0];
  if (!first) return undefined;
  return `${path}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${formatMessage(first.message, first.args, locale)}`;
}
