// kijun.yaml: parsed, validated against its schema, and filled with defaults.
import type { Finding, Locale } from './model.js';
import type { RuleCode, SeveritySetting } from './rules.js';
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
}

export const DEFAULT_CONFIG: KijunConfig = {
  rules: {},
  exemptionRationaleMinLength: 20,
  maxFileSize: 5_000_000,
};

export interface ParsedConfig {
  config: KijunConfig;
  findings: Finding[];
}

export function parseConfig(text: string): ParsedConfig {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineIndex(text);
  const source = parseYaml(text, 0, lines);
  const findings = [...source.findings];
  if (findings.length > 0) return { config: { ...DEFAULT_CONFIG }, findings };
  const value = source.value ?? {};
  source.value = value;
  findings.push(...validateSchema('config', source));
  const raw = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
  const config: KijunConfig = {
    catalogs: strings(raw.catalogs),
    standards: strings(raw.standards),
    locale: raw.locale === 'ja' || raw.locale === 'en' ? raw.locale : undefined,
    rules: (raw.rules && typeof raw.rules === 'object' ? raw.rules : {}) as KijunConfig['rules'],
    exemptionRationaleMinLength: typeof raw.exemptionRationaleMinLength === 'number' ? raw.exemptionRationaleMinLength : DEFAULT_CONFIG.exemptionRationaleMinLength,
    maxFileSize: typeof raw.maxFileSize === 'number' ? raw.maxFileSize : DEFAULT_CONFIG.maxFileSize,
  };
  return { config, findings };
}

/** One line naming the first problem, for hosts that must refuse a bad configuration. */
export function describeConfigProblem(path: string, findings: Finding[], locale: Locale): string | undefined {
  const first = findings[0];
  if (!first) return undefined;
  return `${path}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${formatMessage(first.message, first.args, locale)}`;
}
