// Text → terms for the suggestion engine. Japanese has no spaces, so runs of kanji and katakana
// become overlapping character bigrams; English words become Porter stems without stop words.
// CSF ids stay whole. Terms carry a one-letter prefix so that no two kinds can collide.
import { stem } from './stem.js';

/** NFKC (full-width Latin and half-width katakana become ordinary), lower case, unified long vowel marks. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    // Long vowel marks written as dashes or tildes after katakana are the mark itself.
    .replace(/([\u30a0-\u30ff])[\u2010-\u2015\u2212\uff70~\u301c]/g, '$1ー')
    // サーバー / サーバ, セキュリティー / セキュリティ: the trailing long vowel of a katakana word is a spelling variant.
    .replace(/([\u30a1-\u30fa][\u30a1-\u30fc]*[\u30a1-\u30fa])ー(?![\u30a1-\u30fc])/g, '$1');
}

const STOP = new Set(`a about above after again all also am an and any are as at be been before being below between both but by can
could did do does doing down during each either etc few for from further had has have having he her here hers him his how i if in into
is it its itself just may me more most must my no nor not now of off on once only or other our ours out over own per same shall she
should so some such than that the their theirs them then there these they this those through thus to too under until up upon very via
was we were what when where whether which while who whom why will with within without would you your e.g i.e eg ie`.split(/\s+/));

/** A term with the text it was read from. */
export interface Term {
  term: string;
  /** Offset of the term's first character in the normalised text. */
  start: number;
  end: number;
}

const CSF_ID = /(?:gv|id|pr|de|rs|rc)\.[a-z]{2}(?:-\d{2})?/y;
const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]/;
const KATAKANA = /[\u30a1-\u30faー]/;

type CharClass = 'kanji' | 'katakana' | 'hiragana' | 'latin' | 'other';

function classOf(ch: string): CharClass {
  if (KANJI.test(ch)) return 'kanji';
  if (KATAKANA.test(ch)) return 'katakana';
  if (ch >= '\u3041' && ch <= '\u309f') return 'hiragana';
  if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) return 'latin';
  return 'other';
}

/**
 * Terms of an already normalised text: `e:` English stems, `j:` bigrams (or a lone kanji/katakana
 * character) of each kanji/katakana run, `c:` CSF ids. Hiragana is mostly grammar (particles,
 * okurigana) and only separates runs; a single okurigana between kanji is skipped.
 */
export function terms(text: string, grams: readonly number[] = [2], out: Term[] = []): Term[] {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    const cls = classOf(ch);
    if (cls === 'latin') {
      CSF_ID.lastIndex = i;
      const csf = (i === 0 || !/[a-z0-9.]/.test(text[i - 1])) ? CSF_ID.exec(text) : null;
      if (csf && !/[a-z0-9-]/.test(text[i + csf[0].length] ?? '')) {
        out.push({ term: `c:${csf[0]}`, start: i, end: i + csf[0].length });
        i += csf[0].length;
        continue;
      }
      let j = i + 1;
      while (j < n && /[a-z0-9]/.test(text[j])) j++;
      const word = text.slice(i, j);
      if (!STOP.has(word) && word.length > 1 && !/^\d+$/.test(word)) out.push({ term: `e:${stem(word)}`, start: i, end: j });
      i = j;
    } else if (cls === 'kanji' || cls === 'katakana') {
      i = cjkRun(text, i, grams, out);
    } else i++;
  }
  return out;
}

/** Particles: a hiragana between kanji that is one of these ends the run; other single hiragana there are okurigana. */
const PARTICLES = new Set('のをにはがとでへもやか'.split(''));

/** Bigrams of the kanji/katakana run at `start` (a lone character stays a unigram); returns where the run ends. */
function cjkRun(text: string, start: number, grams: readonly number[], out: Term[]): number {
  const at: number[] = [start];
  let j = start + 1;
  while (j < text.length) {
    const k = classOf(text[j]);
    if (k === 'kanji' || k === 'katakana') at.push(j++);
    // Okurigana between kanji (取り扱い, 見直し) is skipped so that spelling variants meet.
    else if (k === 'hiragana' && !PARTICLES.has(text[j]) && classOf(text[at[at.length - 1]]) === 'kanji' && classOf(text[j + 1] ?? '') === 'kanji') j++;
    else break;
  }
  if (at.length < Math.min(...grams)) out.push({ term: `j:${text.slice(start, at[at.length - 1] + 1)}`, start, end: at[at.length - 1] + 1 });
  for (const g of grams) {
    for (let k = 0; k + g <= at.length; k++) {
      let gram = '';
      for (let x = k; x < k + g; x++) gram += text[at[x]];
      out.push({ term: `j:${gram}`, start: at[k], end: at[k + g - 1] + 1 });
    }
  }
  return j;
}

/** Term frequencies of a text. */
export function bagOf(text: string, grams: readonly number[] = [2]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const t of terms(normalize(text), grams)) bag.set(t.term, (bag.get(t.term) ?? 0) + 1);
  return bag;
}
