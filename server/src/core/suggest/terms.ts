// Text → terms for the suggestion engine. Japanese has no spaces, so runs of kanji and katakana
// become overlapping character bigrams; English words become Porter stems without stop words.
// CSF ids stay whole. Terms carry a one-letter prefix so that no two kinds can collide.
import { stem } from './stem.js';

/** NFKC (full-width Latin and half-width katakana become ordinary), lower case, unified long vowel marks. */
export function normalize(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // Long vowel marks written as dashes or tildes after katakana are the mark itself.
  if (/[\u2010-\u2015\u2212~\u301c]/.test(s)) s = s.replace(/([\u30a0-\u30ff])[\u2010-\u2015\u2212~\u301c]/g, '$1ー');
  return s.includes('ー') ? dropFinalLongVowels(s) : s;
}

const isKatakanaLetter = (c: number) => c >= 0x30a1 && c <= 0x30fa;
const isKatakana = (c: number) => c >= 0x30a1 && c <= 0x30fc;

/** サーバー / サーバ, セキュリティー / セキュリティ: the final long vowel of a katakana word (two letters or more) is a spelling variant. */
function dropFinalLongVowels(s: string): string {
  let out = '';
  let last = 0;
  for (let i = s.indexOf('ー'); i >= 0; i = s.indexOf('ー', i + 1)) {
    if (isKatakana(s.charCodeAt(i + 1)) || !isKatakanaLetter(s.charCodeAt(i - 1)) || !isKatakana(s.charCodeAt(i - 2))) continue;
    out += s.slice(last, i);
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

const STOP = new Set(`a about above after again all also am an and any are as at be been before being below between both but by can
could did do does doing down during each either etc few for from further had has have having he her here hers him his how i if in into
is it its itself just may me more most must my no nor not now of off on once only or other our ours out over own per same shall she
should so some such than that the their theirs them then there these they this those through thus to too under until up upon very via
was we were what when where whether which while who whom why will with within without would you your e.g i.e eg ie`.split(/\s+/));

/**
 * A term: a string (`e:` stem, `c:` CSF id, a lone kanji/katakana or a trigram), or a number for a
 * Japanese bigram. Bigrams are most of the terms of a Japanese text, and a small integer key costs
 * neither a string nor its hashing (this runs over every character of every standard).
 */
export type TermKey = string | number;

/** A term with the text it was read from. */
export interface Term {
  term: TermKey;
  /** Offset of the term's first character in the normalised text. */
  start: number;
  end: number;
}

const CSF_ID = /(?:gv|id|pr|de|rs|rc)\.[a-z]{2}(?:-\d{2})?/y;

// Character classes by code unit: this runs over every character of every standard.
const OTHER = 0;
const KANJI = 1;
const KATAKANA = 2;
const HIRAGANA = 3;
const LATIN = 4;

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0x61 && c <= 0x7a) return LATIN; // a-z
  if (c >= 0x30 && c <= 0x39) return LATIN; // 0-9
  if (c < 0x3005) return OTHER;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005 || c === 0x3006 || c === 0x30f6) return KANJI;
  if ((c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc) return KATAKANA;
  if (c >= 0x3041 && c <= 0x309f) return HIRAGANA;
  return OTHER;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Terms of an already normalised text: `e:` English stems, `c:` CSF ids, and, without a prefix
 * (their characters cannot collide with the prefixed ones), bigrams of each kanji/katakana run or a
 * lone kanji/katakana character. Hiragana is mostly grammar (particles,
 * okurigana) and only separates runs; a single okurigana between kanji is skipped.
 */
export function terms(text: string, grams: readonly number[] = [2], out: Term[] = []): Term[] {
  eachTerm(text, grams, (term, start, end) => out.push({ term, start, end }));
  return out;
}

export type TermSink = (term: TermKey, start: number, end: number) => void;

/** The terms of `terms()` handed one by one, without building objects (it runs over whole corpora). */
export function eachTerm(text: string, grams: readonly number[], sink: TermSink): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls === LATIN) {
      const prev = text.charCodeAt(i - 1);
      if (i === 0 || !(isWordChar(text, i - 1) || prev === 0x2e)) {
        CSF_ID.lastIndex = i;
        const csf = CSF_ID.exec(text);
        const after = csf ? i + csf[0].length : 0;
        if (csf && !(isWordChar(text, after) || text.charCodeAt(after) === 0x2d)) {
          sink(`c:${csf[0]}`, i, after);
          i = after;
          continue;
        }
      }
      let j = i + 1;
      while (j < n && isWordChar(text, j)) j++;
      const word = text.slice(i, j);
      if (j - i > 1 && !STOP.has(word) && !/^\d+$/.test(word)) sink(englishTerm(word), i, j);
      i = j;
    } else if (cls === KANJI || cls === KATAKANA) {
      i = cjkRun(text, i, grams, sink);
    } else i++;
  }
}

const english = new Map<string, string>();

/** `e:` and the stem, made once per word: the same words come back in every measure. */
function englishTerm(word: string): string {
  let term = english.get(word);
  if (term === undefined) {
    term = `e:${stem(word)}`;
    if (english.size < 50_000) english.set(word, term);
  }
  return term;
}

/** Whether a term is a Japanese n-gram (no prefix). */
export function isCjkTerm(term: TermKey): boolean {
  return typeof term === 'number' || term.charCodeAt(0) >= 0x3000;
}

const BASE = 0x3000;
const SPAN = 0x7000; // U+3000–U+9FFF: kana and the unified ideographs, so a key stays a small integer

/** The key of the bigram of two characters: a number when both are in U+3000–U+9FFF. */
function bigramKey(text: string, a: number, b: number): TermKey {
  const x = text.charCodeAt(a) - BASE;
  const y = text.charCodeAt(b) - BASE;
  return x >= 0 && x < SPAN && y >= 0 && y < SPAN ? x * SPAN + y : text[a] + text[b];
}

/** A term as text (a bigram key back to its two characters). */
export function termText(term: TermKey): string {
  return typeof term === 'number' ? String.fromCharCode(Math.floor(term / SPAN) + BASE, (term % SPAN) + BASE) : term;
}

/** Particles: a hiragana between kanji that is one of these ends the run; other single hiragana there are okurigana. */
const PARTICLES = new Set('のをにはがとでへもやか'.split(''));

/** Bigrams of the kanji/katakana run at `start` (a lone character stays a unigram); returns where the run ends. */
function cjkRun(text: string, start: number, grams: readonly number[], sink: TermSink): number {
  let j = start + 1;
  let skipped = false;
  while (j < text.length) {
    const k = classAt(text, j);
    if (k === KANJI || k === KATAKANA) j++;
    // Okurigana between kanji (取り扱い, 見直し) is skipped so that spelling variants meet.
    else if (k === HIRAGANA && classAt(text, j - 1) === KANJI && classAt(text, j + 1) === KANJI && !PARTICLES.has(text[j])) {
      skipped = true;
      j++;
    } else break;
  }
  if (!skipped && grams.length === 1 && grams[0] === 2) {
    // The usual case, without building the list of positions: every gram is one slice.
    if (j - start === 1) sink(text[start], start, j);
    for (let k = start; k + 1 < j; k++) sink(bigramKey(text, k, k + 1), k, k + 2);
    return j;
  }
  const at: number[] = [];
  for (let k = start; k < j; k++) if (classAt(text, k) !== HIRAGANA) at.push(k);
  let shortest = Infinity;
  for (const g of grams) shortest = Math.min(shortest, g);
  if (at.length < shortest) sink(text.slice(start, at[at.length - 1] + 1), start, at[at.length - 1] + 1);
  for (const g of grams) {
    for (let k = 0; k + g <= at.length; k++) {
      const first = at[k];
      const last = at[k + g - 1];
      if (g === 2) {
        sink(bigramKey(text, first, last), first, last + 1);
        continue;
      }
      let gram = last - first === g - 1 ? text.slice(first, last + 1) : '';
      if (!gram) for (let x = k; x < k + g; x++) gram += text[at[x]];
      sink(gram, first, last + 1);
    }
  }
  return j;
}

/** Term frequencies of a text. */
export function bagOf(text: string, grams: readonly number[] = [2]): Map<TermKey, number> {
  const bag = new Map<TermKey, number>();
  for (const t of terms(normalize(text), grams)) bag.set(t.term, (bag.get(t.term) ?? 0) + 1);
  return bag;
}
