export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const RULES = {
  'uncovered-control': 'error',
  'unknown-control': 'error',
  'withdrawn-control': 'warning',
  'unknown-csf': 'error',
  'unknown-baseline': 'error',
  'exemption-without-rationale': 'error',
  'exemption-not-allowed': 'error',
  'exemption-expired': 'warning',
  'covered-and-exempted': 'warning',
  'unknown-measure': 'error',
  'duplicate-id': 'error',
  schema: 'error',
  syntax: 'error',
  'weak-coverage': 'warning',
  'csf-gap': 'info',
  'control-without-csf': 'warning',
  'unknown-sector': 'warning',
  'outdated-baseline': 'info',
  'planned-coverage': 'warning',
  'orphan-marker': 'warning',
  'marker-syntax': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(value: string): value is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}
