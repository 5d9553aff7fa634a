import type { Locale } from '../model.js';

/** The language the document is written in: Japanese as soon as it has kana or kanji. */
export function documentLanguage(text: string): Locale {
  return /[\u3040-\u30ff\u3400-\u9fff]/.test(text.slice(0, 20000)) ? 'ja' : 'en';
}
