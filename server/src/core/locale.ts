// The two languages of every user-visible text, in a module of its own so that the message
// catalog and the model can both use it without importing each other.
export type Locale = 'ja' | 'en';

/** Text given in both languages by a file's author (titles, statements); either may be missing. */
export interface LocalText {
  ja?: string;
  en?: string;
}
