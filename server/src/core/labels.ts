// Measure labels (PRODUCT.md §5.1): the forms a measure heading may start with, as real
// standards number their requirements (`EL-PR-01`, `第5条`, `第3条の2`, `2.1.1⑤`, or a pattern
// of the author's own). Every pattern here is linear: no nested or overlapping quantifiers.
import type { MessageRef } from './messages.js';

export type LabelForm =
  | { kind: 'id' }
  | { kind: 'article' }
  | { kind: 'number' }
  | { kind: 'pattern'; source: string; regex: RegExp };

export const DEFAULT_LABEL_FORMS: LabelForm[] = [{ kind: 'id' }, { kind: 'article' }];

export interface LabelMatch {
  /** The label as stored: width-folded. */
  label: string;
  /** Offsets of the label in the text it was found in. */
  start: number;
  end: number;
}

/**
 * Full-width ASCII (U+FF01–U+FF5E) to half-width. One UTF-16 unit becomes one, so offsets into
 * the folded text are offsets into the original.
 */
export function widthFold(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const ID_HEAD = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/;
const KANJI_DIGITS = '〇零一二三四五六七八九十百千';
const ARTICLE = new RegExp(`^第(?:[0-9]+|[${KANJI_DIGITS}]+)条(?:の(?:[0-9]+|[${KANJI_DIGITS}]+))?`);
const CIRCLED = '\u2460-\u2473\u3251-\u325f\u32b1-\u32bf';
const NUMBER = new RegExp(`^([0-9]+(?:\\.[0-9]+)*)(?:(\\([0-9]+\\)|[${CIRCLED}])|\\.)?(?=[ \\t\\u3000]|$)`);
/** Longest heading prefix an author's pattern sees, so that even a slow pattern stays bounded. */
const PATTERN_INPUT_LIMIT = 200;

/** The label a heading text starts with under the first form that matches, if any. */
export function matchLabel(text: string, forms: readonly LabelForm[]): LabelMatch | undefined {
  const lead = text.length - text.trimStart().length;
  const folded = widthFold(text.slice(lead));
  for (const form of forms) {
    const found = matchForm(folded, form);
    if (found) return { label: found.label, start: lead + found.start, end: lead + found.end };
  }
  return undefined;
}

function matchForm(text: string, form: LabelForm): LabelMatch | undefined {
  switch (form.kind) {
    case 'id': {
      const m = ID_HEAD.exec(text);
      // No backtracking into a shorter id: `EL-GV-02a` is no label rather than `EL-GV`.
      if (!m || /[A-Za-z0-9]/.test(text.charAt(m[0].length))) return undefined;
      return { label: m[0], start: 0, end: m[0].length };
    }
    case 'article': {
      const m = ARTICLE.exec(text);
      return m ? { label: m[0], start: 0, end: m[0].length } : undefined;
    }
    case 'number': {
      const m = NUMBER.exec(text);
      return m ? { label: m[1] + (m[2] ?? ''), start: 0, end: m[0].length } : undefined;
    }
    case 'pattern': {
      form.regex.lastIndex = 0;
      const m = form.regex.exec(text.slice(0, PATTERN_INPUT_LIMIT));
      if (!m || m.index !== 0) return undefined;
      const label = (m[1] ?? m[0]).trim();
      if (label === '') return undefined;
      const start = m[1] !== undefined ? m[0].indexOf(m[1]) : 0;
      return { label, start, end: start + (m[1] ?? m[0]).length };
    }
  }
}

export interface LabelFormProblem {
  index: number;
  message: 'labelPatternInvalid' | 'labelPatternEmpty' | 'labelPatternBacktracks';
  detail?: string;
}

/** A problem's message with its arguments, `pattern` as the author wrote it. */
export function labelProblemMessage(p: LabelFormProblem, pattern: string): MessageRef {
  return p.message === 'labelPatternInvalid' ? { message: p.message, args: { pattern, detail: p.detail ?? '' } } : { message: p.message, args: { pattern } };
}

/** Reads `measureLabels` values; an unusable pattern is reported and left out. */
export function parseLabelForms(values: readonly unknown[]): { forms: LabelForm[]; problems: LabelFormProblem[] } {
  const forms: LabelForm[] = [];
  const problems: LabelFormProblem[] = [];
  values.forEach((value, index) => {
    if (value === 'id' || value === 'article' || value === 'number') {
      forms.push({ kind: value });
      return;
    }
    if (typeof value !== 'string' || value === '') return;
    const compiled = compilePattern(value);
    if ('problem' in compiled) problems.push({ index, message: compiled.problem, detail: compiled.detail });
    else forms.push({ kind: 'pattern', source: value, regex: compiled.regex });
  });
  return { forms, problems };
}

function compilePattern(source: string): { regex: RegExp } | { problem: LabelFormProblem['message']; detail?: string } {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'y');
  } catch (e) {
    return { problem: 'labelPatternInvalid', detail: e instanceof Error ? e.message : String(e) };
  }
  if (mayBacktrack(source)) return { problem: 'labelPatternBacktracks' };
  regex.lastIndex = 0;
  const empty = regex.exec('');
  if (empty && (empty[1] ?? empty[0]) === '') return { problem: 'labelPatternEmpty' };
  return { regex };
}

/**
 * A quantified group that itself contains a quantifier (`(a+)+`, `(\d*)*`) or an alternation
 * (`(a|a)*`) can take exponential time on a heading that almost matches: refused.
 */
export function mayBacktrack(source: string): boolean {
  const groups: { quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push({ quantified: false });
    else if (c === '|' && groups.length > 0) groups[groups.length - 1].quantified = true;
    else if (c === ')') {
      const group = groups.pop();
      if (group?.quantified && isRepeat(source, i + 1)) return true;
      if (group?.quantified && groups.length > 0) groups[groups.length - 1].quantified = true;
    } else if (isRepeat(source, i) && groups.length > 0) groups[groups.length - 1].quantified = true;
  }
  return false;
}

/** A quantifier that repeats (`*`, `+`, `{2,}`); `?` and `(?:` do not. */
function isRepeat(source: string, i: number): boolean {
  const c = source[i];
  return c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i, i + 12)));
}

/**
 * The label a new measure would take after the existing ones, in the scheme the standard uses:
 * `第13条` after `第12条`, `2.4` after `2.3`, `EL-PR-08` after `EL-PR-07`. Undefined when the
 * standard's labels follow no scheme this can continue.
 */
export function nextLabel(existing: readonly string[], alsoTaken: Iterable<string> = []): string | undefined {
  const taken = new Set([...existing, ...alsoTaken]);
  const last = existing[existing.length - 1];
  if (last === undefined) return undefined;
  const article = /^第([0-9]+)条$/.exec(last);
  if (article) return firstFree((n) => `第${n}条`, Number(article[1]) + 1, taken);
  const kanji = new RegExp(`^第([${KANJI_DIGITS}]+)条$`).exec(last);
  if (kanji) {
    const n = kanjiToNumber(kanji[1]);
    if (n !== undefined) return firstFree((k) => `第${numberToKanji(k)}条`, n + 1, taken);
  }
  const dotted = /^((?:[0-9]+\.)*)([0-9]+)$/.exec(last);
  if (dotted) return firstFree((n) => `${dotted[1]}${n}`, Number(dotted[2]) + 1, taken);
  return undefined;
}

function firstFree(make: (n: number) => string, from: number, taken: Set<string>): string {
  let n = from;
  while (taken.has(make(n))) n++;
  return make(n);
}

const KANJI_VALUE: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** `十二` → 12, `百三` → 103, `二〇` → 20 (digit-by-digit). */
export function kanjiToNumber(text: string): number | undefined {
  if (!/[十百千]/.test(text)) {
    let n = 0;
    for (const c of text) {
      if (!(c in KANJI_VALUE)) return undefined;
      n = n * 10 + KANJI_VALUE[c];
    }
    return n;
  }
  let total = 0;
  let digit = 0;
  for (const c of text) {
    if (c in KANJI_VALUE) digit = KANJI_VALUE[c];
    else if (c in KANJI_UNIT) {
      total += (digit || 1) * KANJI_UNIT[c];
      digit = 0;
    } else return undefined;
  }
  return total + digit;
}

export function numberToKanji(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n === 0) return '〇';
  let out = '';
  for (const [unit, name] of [[1000, '千'], [100, '百'], [10, '十']] as const) {
    const d = Math.floor(n / unit);
    if (d > 0) out += (d > 1 ? digits[d] : '') + name;
    n %= unit;
  }
  return out + (n > 0 ? digits[n] : '');
}
