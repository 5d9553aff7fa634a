// Dates as standards write them: ISO (2027-04-01), Western with kanji units (2027年4月1日) and the
// Japanese era calendar (令和9年4月1日, 令和元年5月1日), in half- or full-width digits or kanji
// numerals. Everything is read into YYYY-MM-DD, which compares as text.

interface Era {
  name: string;
  /** First day of the era. */
  start: string;
}

// Newest first: a Western date is shown in the newest era that had begun.
const ERAS: Era[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
];

const KANJI_DIGITS = '〇一二三四五六七八九';

/** A number in Arabic digits (either width, already folded) or kanji numerals up to 99. */
function readNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '元') return 1;
  const m = /^([一二三四五六七八九]?)(十?)([〇一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return undefined;
  const digit = (c: string): number => KANJI_DIGITS.indexOf(c);
  if (m[2]) return (m[1] ? digit(m[1]) : 1) * 10 + (m[3] ? digit(m[3]) : 0);
  // Without 十 only a single digit is a number (九九 is not 99 in dates as written).
  if (m[1] && m[3]) return undefined;
  return digit(m[1] || m[3]);
}

const NUM = '([0-9]+|[元〇一二三四五六七八九十]+)';
const ISO = /^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$/;
const WESTERN = new RegExp(`^([0-9]{4})年${NUM}月${NUM}日$`);
const JAPANESE = new RegExp(`^(令和|平成|昭和)${NUM}年${NUM}月${NUM}日$`);

export type DateReading = { ok: true; date: string } | { ok: false; reason: 'form' | 'calendar' };

/** Reads a written date; `form` when it is not a date form, `calendar` when the day does not exist. */
export function readDate(written: string): DateReading {
  const text = written.normalize('NFKC').replace(/\s+/g, '');
  let y: number | undefined;
  let mo: number | undefined;
  let d: number | undefined;
  const iso = ISO.exec(text) ?? WESTERN.exec(text);
  const era = JAPANESE.exec(text);
  if (iso) [y, mo, d] = [Number(iso[1]), readNumber(iso[2]), readNumber(iso[3])];
  else if (era) {
    const n = readNumber(era[2]);
    const base = Number(ERAS.find((e) => e.name === era[1])!.start.slice(0, 4));
    y = n === undefined ? undefined : base + n - 1;
    [mo, d] = [readNumber(era[3]), readNumber(era[4])];
  }
  if (y === undefined || mo === undefined || d === undefined) return { ok: false, reason: 'form' };
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false, reason: 'calendar' };
  return { ok: true, date: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** YYYY-MM-DD in the era calendar: 2027-04-01 → 令和9年4月1日 (元年 for the first year). */
export function japaneseDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const era = ERAS.find((e) => e.start <= iso);
  if (!era) return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  const n = Number(m[1]) - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${n === 1 ? '元' : n}年${Number(m[2])}月${Number(m[3])}日`;
}

/** True for a YYYY-MM-DD that is on the calendar (the form `--as-of` takes). */
export function isIsoDate(text: string): boolean {
  const r = /^\d{4}-\d{2}-\d{2}$/.test(text) ? readDate(text) : undefined;
  return r?.ok === true;
}
