// Normative strength of a measure: declared (`Strength: required|recommended`, `strength:` in
// YAML), read from its wording, or from the section it stands in. Japanese standards mark
// obligation by sentence endings (〜しなければならない, 〜すること) and recommendation by
// 〜が望ましい, 〜するよう努める, 推奨, 〜を検討すること; many mark it once per section
// (【対応が望ましい事項】) instead of in every sentence.

export type Strength = 'required' | 'recommended';

export interface StrengthInfo {
  strength: Strength;
  /** How it was decided: declared, the phrase that decided it, the enclosing heading, or the default. */
  source: 'declared' | 'wording' | 'heading' | 'default';
  /** The words that decided (the heading's text for `heading`). */
  phrase?: string;
  /** A required measure's stated exception (「ただし、…この限りでない」, "this does not apply where …"). */
  exception?: string;
  /** An English "may" in the text: a permission, which decides nothing. */
  permission?: string;
}

/** The strength a measure's enclosing section gives it, and the heading that says so. */
export interface StrengthContext {
  strength: Strength;
  heading: string;
}

const DECLARED = /^[ \t]*(?:[-*+>][ \t]*)*(?:\*\*|__)?(?:strength|強度)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?(required|recommended|必須|推奨)/im;

// 努力義務 (〜よう努めなければならない) reads like an obligation but is a recommendation: test it first.
// 「検討すること」 asks the operator to consider, not to do: a recommendation. English "may" is a
// permission and decides nothing.
// Each phrase is found first and its leading words read afterwards (withLead): a pattern that starts
// with `[^。\n]{0,12}` retries twelve characters at every position of a long text.
const RECOMMENDED = [
  withLead(/よう努め(?:なければならない|るものとする|ること|る)/),
  withLead(/(?:ことが|が)望ましい/),
  withLead(/推奨(?:する|される|します)?/, 8),
  withLead(/検討(?:すること|する|を行うこと)/),
  /\b(?:should|is recommended|are recommended|recommended to|are encouraged to|is encouraged to)\b/i,
];
// Obligations no section heading can soften.
const EXPLICIT_REQUIRED = [
  withLead(/(?:しなければならない|なければならない|しなければならず)/),
  withLead(/(?:義務付ける|必須とする)/),
  /\b(?:shall|must)\b/i,
];
// The plain imperative of a list of measures: an obligation, unless the section says it lists recommendations.
const PLAIN_REQUIRED = [
  withLead(/ものとする/),
  withLead(/(?:すること|を行うこと|を実施すること)(?:。|$)/m),
];
// 「原則として…。ただし、…この限りでない。」: required, with a stated exception.
const PRINCIPLE = /原則として|\bas a (?:general )?rule\b/i;
const EXCEPTION = /ただし[^。\n]*?この限りで(?:は)?ない[。]?|\b(?:this|these|it) (?:does|do) not apply\b[^.\n]*|\bexcept (?:where|when|if|for)\b[^.\n]*/i;
const PERMISSION = /\bmay\b(?! not)/i;

export function declaredStrength(value: string | undefined): Strength | undefined {
  if (!value) return undefined;
  if (/^(required|必須)$/i.test(value.trim())) return 'required';
  if (/^(recommended|推奨)$/i.test(value.trim())) return 'recommended';
  return undefined;
}

/**
 * Order: a declaration; under a recommending heading, recommended unless an explicit obligation;
 * any obligation (a measure that also recommends more is still required); a recommendation; the
 * heading; required by default.
 */
export function strengthOf(text: string, declared?: string, context?: StrengthContext): StrengthInfo {
  const line = declared ?? DECLARED.exec(text)?.[1];
  const fromDeclaration = declaredStrength(line);
  if (fromDeclaration) return { strength: fromDeclaration, source: 'declared', phrase: line };
  const duties = withoutEffortDuty(text);
  const explicit = firstMatch(EXPLICIT_REQUIRED, duties);
  const principle = PRINCIPLE.exec(text)?.[0];
  const exception = EXCEPTION.exec(text)?.[0].trim();
  const permission = around(text, PERMISSION);
  const extra = (info: StrengthInfo): StrengthInfo => {
    if (info.strength === 'required' && exception) info.exception = exception;
    if (permission) info.permission = permission;
    return info;
  };
  if (context?.strength === 'recommended' && !explicit && !principle) {
    return extra({ strength: 'recommended', source: 'heading', phrase: context.heading });
  }
  const required = explicit ?? (principle && exception ? `${principle}…${exception}` : undefined) ?? firstMatch(PLAIN_REQUIRED, duties);
  if (required) return extra({ strength: 'required', source: 'wording', phrase: required.trim() });
  const recommended = firstMatch(RECOMMENDED, text);
  if (recommended) return extra({ strength: 'recommended', source: 'wording', phrase: recommended.trim() });
  if (principle) return extra({ strength: 'required', source: 'wording', phrase: principle });
  if (context) return extra({ strength: context.strength, source: 'heading', phrase: context.heading });
  return extra({ strength: 'required', source: 'default' });
}

/** The match with up to 20 characters of its sentence on each side (a pattern with the context built in scans slowly). */
function around(text: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  let start = m.index;
  let end = m.index + m[0].length;
  while (start > 0 && m.index - start < 20 && !/[.\n]/.test(text[start - 1])) start--;
  while (end < text.length && end - (m.index + m[0].length) < 20 && !/[.\n]/.test(text[end])) end++;
  return text.slice(start, end).trim();
}

interface Phrase {
  exec(text: string): { 0: string } | null;
}

/** A phrase pattern whose match is shown with up to `lead` characters of its sentence before it. */
function withLead(pattern: RegExp, lead = 12): Phrase {
  return {
    exec(text) {
      const m = pattern.exec(text);
      if (!m) return null;
      let start = m.index;
      while (start > 0 && m.index - start < lead && text[start - 1] !== '。' && text[start - 1] !== '\n') start--;
      return { 0: text.slice(start, m.index + m[0].length) };
    },
  };
}

function firstMatch(patterns: Phrase[], text: string): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** 努力義務 and 「検討すること」 are phrased like obligations; take them out before looking for real ones. */
function withoutEffortDuty(text: string): string {
  return text.replace(/よう努め(?:なければならない|るものとする)/g, 'よう努める').replace(/検討(?:すること|を行うこと)/g, '検討する');
}

// Section headings that set the strength of the measures under them.
const RECOMMENDING_HEADING = /望ましい|推奨|recommend|good practice|best practice/i;
const REQUIRING_HEADING = /基本的な対応事項|遵守事項|必須(?:事項|の対策)?|義務|\b(?:requirements|mandatory|required (?:measures|practices))\b/i;

/** The strength a heading's words give the measures under it, if any. */
export function headingStrength(heading: string): Strength | undefined {
  if (RECOMMENDING_HEADING.test(heading)) return 'recommended';
  if (REQUIRING_HEADING.test(heading)) return 'required';
  return undefined;
}
