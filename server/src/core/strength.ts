// Normative strength of a measure: declared (`Strength: required|recommended`, `strength:` in
// YAML) or read from its wording. Japanese standards mark obligation by sentence endings
// (〜しなければならない, 〜すること) and recommendation by 〜が望ましい, 〜するよう努める, 推奨.

export type Strength = 'required' | 'recommended';

export interface StrengthInfo {
  strength: Strength;
  /** How it was decided: declared, the phrase that decided it, or the default. */
  source: 'declared' | 'wording' | 'default';
  phrase?: string;
}

const DECLARED = /^[ \t]*(?:[-*+>][ \t]*)*(?:\*\*|__)?(?:strength|強度)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?(required|recommended|必須|推奨)/im;

// 努力義務 (〜よう努めなければならない) reads like an obligation but is a recommendation: test it first.
const RECOMMENDED = [
  /[^。\n]{0,12}よう努め(?:なければならない|るものとする|ること|る)/,
  /[^。\n]{0,12}(?:ことが|が)望ましい/,
  /[^。\n]{0,8}推奨(?:する|される|します)?/,
  /\b(?:should|is recommended|are recommended|recommended to|may)\b/i,
];
const REQUIRED = [
  /[^。\n]{0,12}(?:しなければならない|なければならない|しなければならず)/,
  /[^。\n]{0,12}ものとする/,
  /[^。\n]{0,12}(?:すること|を行うこと|を実施すること)(?:。|$)/m,
  /[^。\n]{0,12}(?:義務付ける|必須とする)/,
  /\b(?:shall|must)\b/i,
];

export function declaredStrength(value: string | undefined): Strength | undefined {
  if (!value) return undefined;
  if (/^(required|必須)$/i.test(value.trim())) return 'required';
  if (/^(recommended|推奨)$/i.test(value.trim())) return 'recommended';
  return undefined;
}

export function strengthOf(text: string, declared?: string): StrengthInfo {
  const line = declared ?? DECLARED.exec(text)?.[1];
  const fromDeclaration = declaredStrength(line);
  if (fromDeclaration) return { strength: fromDeclaration, source: 'declared', phrase: line };
  const required = firstMatch(REQUIRED, withoutEffortDuty(text));
  const recommended = firstMatch(RECOMMENDED, text);
  // A measure with any obligation is required even when it also recommends more.
  if (required) return { strength: 'required', source: 'wording', phrase: required.trim() };
  if (recommended) return { strength: 'recommended', source: 'wording', phrase: recommended.trim() };
  return { strength: 'required', source: 'default' };
}

function firstMatch(patterns: RegExp[], text: string): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** 努力義務 is phrased like an obligation; take it out before looking for real ones. */
function withoutEffortDuty(text: string): string {
  return text.replace(/よう努め(?:なければならない|るものとする)/g, 'よう努める');
}
