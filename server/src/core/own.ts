// Tables keyed by workspace text (control ids, sector ids, paths, element names). A plain object
// answers `constructor`, `toString` or `__proto__` from Object.prototype, so a control named
// `constructor` would find a function where a cell was expected; these helpers never look there.

/** An empty table without a prototype: only keys that were set are found. */
export function ownTable<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `table[key]` when the table itself has the key (never an inherited property). */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Sets `object[key]` as an own property, even for `__proto__` (as JSON.parse does). */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
