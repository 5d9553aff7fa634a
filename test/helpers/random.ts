// A seeded xorshift generator, so a failing fuzz or soak run can be repeated from its seed.
export function randomSource(seed: number): (n: number) => number {
  let s = seed || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return Math.floor(((s >>> 0) / 2 ** 32) * n);
  };
}
