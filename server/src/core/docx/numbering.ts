// Word's automatic numbering, computed as Word displays it: abstract definitions and their
// levels (`w:start`, `w:numFmt`, `w:lvlText`, `w:lvlRestart`, `w:isLgl`), list instances with
// `w:lvlOverride`, and counters shared by every instance of one abstract definition unless an
// instance restarts a level with `w:startOverride`.
import { child, elements, isOn, val, type XmlNode } from './xml.js';

export interface Level {
  start: number;
  format: string;
  text: string;
  restart?: number;
  legal: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  pStyle?: string;
}

interface Instance {
  abstractId: string;
  levels: Map<number, Level>;
  startOverrides: Map<number, number>;
}

export interface NumberingDefinitions {
  instances: Map<string, Instance>;
  /** numId of the instance a style links to through `w:pStyle` in a level, with that level. */
  styleLinks: Map<string, { numId: string; ilvl: number }>;
}

export function readNumbering(root: XmlNode | undefined, styleNumIds: (styleId: string) => string | undefined): NumberingDefinitions {
  const abstracts = new Map<string, { levels: Map<number, Level>; styleLink?: string }>();
  for (const a of elements(root, 'w:abstractNum')) {
    const id = a.attrs['w:abstractNumId'];
    if (id === undefined) continue;
    const levels = new Map<number, Level>();
    for (const l of elements(a, 'w:lvl')) {
      const ilvl = Number(l.attrs['w:ilvl']);
      if (Number.isInteger(ilvl) && ilvl >= 0 && ilvl <= 8) levels.set(ilvl, readLevel(l));
    }
    abstracts.set(id, { levels, styleLink: val(a, 'w:numStyleLink') });
  }
  const instances = new Map<string, Instance>();
  const styleLinks = new Map<string, { numId: string; ilvl: number }>();
  const nums = elements(root, 'w:num');
  for (const n of nums) {
    const numId = n.attrs['w:numId'];
    let abstractId = val(n, 'w:abstractNumId');
    if (numId === undefined || abstractId === undefined) continue;
    // A numbering style: the abstract definition points at a style whose numbering is the real one.
    const link = abstracts.get(abstractId)?.styleLink;
    if (link) {
      const target = styleNumIds(link);
      const targetAbstract = target !== undefined ? nums.find((m) => m.attrs['w:numId'] === target) : undefined;
      const resolved = targetAbstract ? val(targetAbstract, 'w:abstractNumId') : undefined;
      if (resolved !== undefined && abstracts.has(resolved)) abstractId = resolved;
    }
    const levels = new Map(abstracts.get(abstractId)?.levels ?? []);
    const startOverrides = new Map<number, number>();
    for (const o of elements(n, 'w:lvlOverride')) {
      const ilvl = Number(o.attrs['w:ilvl']);
      if (!Number.isInteger(ilvl) || ilvl < 0 || ilvl > 8) continue;
      const start = Number(val(o, 'w:startOverride'));
      if (Number.isInteger(start)) startOverrides.set(ilvl, start);
      const lvl = child(o, 'w:lvl');
      if (lvl) levels.set(ilvl, readLevel(lvl));
    }
    instances.set(numId, { abstractId, levels, startOverrides });
  }
  for (const [numId, inst] of instances) {
    for (const [ilvl, level] of inst.levels) if (level.pStyle && !styleLinks.has(level.pStyle)) styleLinks.set(level.pStyle, { numId, ilvl });
  }
  return { instances, styleLinks };
}

function readLevel(l: XmlNode): Level {
  const start = Number(val(l, 'w:start'));
  const restart = Number(val(l, 'w:lvlRestart'));
  const suffix = val(l, 'w:suff');
  return {
    // ECMA-376: without w:start numbering starts at zero.
    start: Number.isInteger(start) ? start : 0,
    format: val(l, 'w:numFmt') ?? 'decimal',
    text: val(l, 'w:lvlText') ?? '',
    restart: Number.isInteger(restart) ? restart : undefined,
    legal: isOn(l, 'w:isLgl'),
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    pStyle: val(l, 'w:pStyle'),
  };
}

export interface NumberLabel {
  text: string;
  format: string;
  /** The level's text is one number with a dot or bracket, as an ordered list item shows. */
  listLike: boolean;
  bullet: boolean;
  suffix: Level['suffix'];
}

/** Counters of one conversion; call `next` for each numbered paragraph in document order. */
export class NumberingState {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(private readonly defs: NumberingDefinitions) {}

  next(numId: string, ilvl: number): NumberLabel | undefined {
    const inst = this.defs.instances.get(numId);
    const level = inst?.levels.get(ilvl);
    if (!inst || !level) return undefined;
    const counts = this.counters.get(inst.abstractId) ?? [];
    this.counters.set(inst.abstractId, counts);
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const l of inst.startOverrides.keys()) counts[l] = undefined;
    }
    const startOf = (l: number) => inst.startOverrides.get(l) ?? inst.levels.get(l)?.start ?? 0;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    for (let d = ilvl + 1; d < 9; d++) {
      const deeper = inst.levels.get(d);
      const restart = deeper?.restart;
      if (restart === undefined || (restart !== 0 && ilvl < restart)) counts[d] = undefined;
    }
    if (level.format === 'none') return { text: '', format: level.format, listLike: false, bullet: false, suffix: level.suffix };
    if (level.format === 'bullet') return { text: level.text, format: level.format, listLike: true, bullet: true, suffix: level.suffix };
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const l = Number(k) - 1;
      const lv = inst.levels.get(l);
      const value = counts[l] ?? startOf(l);
      return formatNumber(value, level.legal && l < ilvl ? 'decimal' : (lv?.format ?? 'decimal'));
    });
    const listLike = /^%[1-9][.)．）]$/.test(level.text);
    return { text, format: level.format, listLike, bullet: false, suffix: level.suffix };
  }
}

const FULL_DIGITS = '０１２３４５６７８９';
const KANJI_DIGITS = '〇一二三四五六七八九';
const LEGAL_DIGITS = ['〇', '壱', '弐', '参', '四', '伍', '六', '七', '八', '九'];
const AIUEO = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const AIUEO_HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ';
const IROHA = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス';
const IROHA_HALF = 'ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ';
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** One counter value in one `w:numFmt`, as Word shows it. Unknown formats fall back to decimal. */
export function formatNumber(n: number, format: string): string {
  const cycle = (chars: string | string[]) => (n >= 1 ? [...chars][(n - 1) % [...chars].length] : String(n));
  switch (format) {
    case 'decimalZero': return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2': return String(n).replace(/[0-9]/g, (d) => FULL_DIGITS[Number(d)]);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese': return circled(n);
    case 'decimalEnclosedParen': return n >= 1 && n <= 20 ? String.fromCodePoint(0x2473 + n) : `(${n})`;
    case 'decimalEnclosedFullstop': return n >= 1 && n <= 20 ? String.fromCodePoint(0x2487 + n) : `${n}.`;
    case 'lowerLetter': return letters(n, false);
    case 'upperLetter': return letters(n, true);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'upperRoman': return roman(n);
    case 'japaneseCounting':
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'koreanCounting':
    case 'ideographLegalTraditional': return kanji(n);
    case 'japaneseLegal': return kanji(n, LEGAL_DIGITS, { ten: '拾', hundred: '百', thousand: '阡', tenThousand: '萬' });
    case 'japaneseDigitalTenThousand':
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'koreanDigital':
    case 'chineseCountingTenThousand': return n >= 0 ? String(n).replace(/[0-9]/g, (d) => KANJI_DIGITS[Number(d)]) : String(n);
    case 'aiueo': return cycle(AIUEO_HALF);
    case 'aiueoFullWidth': return cycle(AIUEO);
    case 'iroha': return cycle(IROHA_HALF);
    case 'irohaFullWidth': return cycle(IROHA);
    case 'ideographTraditional': return cycle(STEMS);
    case 'ideographZodiac': return cycle(BRANCHES);
    case 'ordinal': return ordinal(n);
    default: return String(n);
  }
}

function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x245f + n);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return String(n);
}

/** Word repeats the letter: a … z, aa … zz, aaa … */
function letters(n: number, upper: boolean): string {
  if (n < 1) return String(n);
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.min(Math.floor((n - 1) / 26) + 1, 50));
}

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Kanji numerals as in 第十二条: 一, 十, 十一, 二十, 百, 千, 一万. */
export function kanji(n: number, digits: string[] = [...KANJI_DIGITS], units = { ten: '十', hundred: '百', thousand: '千', tenThousand: '万' }): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100_000_000) return String(n);
  if (n === 0) return digits[0];
  const below = (v: number): string => {
    let s = '';
    const parts: [number, string][] = [[1000, units.thousand], [100, units.hundred], [10, units.ten]];
    for (const [size, unit] of parts) {
      const d = Math.floor(v / size) % 10;
      if (d > 0) s += (d === 1 ? '' : digits[d]) + unit;
    }
    const ones = v % 10;
    return ones > 0 ? s + digits[ones] : s;
  };
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  return (high > 0 ? below(high) + units.tenThousand : '') + (low > 0 ? below(low) : '');
}
