// `target.push(...items)` passes every item as an argument, and past about 100,000 of them (the
// findings of a 2 MB file of orphan markers, the files of a large folder) the call overflows the
// stack. Lists whose length follows the input are appended with this instead.
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
