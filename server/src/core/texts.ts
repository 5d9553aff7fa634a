// Sub-catalogs: the words of tables, reports and editor labels, beside the message catalog of
// messages.ts. A table is written per language (`localeTexts`, the English side typed from the
// Japanese one, so a missing word or argument is a compile error) or per entry with `{ ja, en }`
// pairs (`registerTexts`). Either way it is registered here, and test/unit/messageCatalog.test.ts
// renders every entry of every sub-catalog in both languages with the message catalog's checks.
import type { Locale } from './locale.js';

/** The type of the English side: the Japanese side's shape with literal strings widened. */
export type Widen<T> = T extends (...args: infer P) => string
  ? (...args: P) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? string[]
      : { readonly [K in keyof T]: Widen<T[K]> };

const REGISTRY = new Map<string, unknown>();

/** A table written per language; the English side must have every entry of the Japanese one. */
export function localeTexts<T>(name: string, ja: T, en: Widen<T>): Record<Locale, Widen<T>> {
  const table = { ja: ja as Widen<T>, en };
  register(name, table);
  return table;
}

/** A table whose entries are `{ ja, en }` pairs (at any depth), registered as it is. */
export function registerTexts<T extends object>(name: string, pairs: T): T {
  register(name, pairs);
  return pairs;
}

function register(name: string, table: unknown): void {
  REGISTRY.set(name, table);
}

/** Every sub-catalog registered so far (tests import every module that defines one first). */
export function registeredTexts(): ReadonlyMap<string, unknown> {
  return REGISTRY;
}
