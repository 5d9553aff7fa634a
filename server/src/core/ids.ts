/** Control and measure ids as the contract shapes them: `BL-PR-01`. */
export const ID_SHAPE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

/** What a coverage marker accepts as a control reference: also OSCAL forms such as `ac-2`, `ia-2.1`. */
export const REFERENCE_SHAPE = /^[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)+$/;

/** A measure heading starts with an id, followed by the end or a separator. */
export const HEADING_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?=$|[\s:：.．、,，)）\]】「『(（-])/;

/** The middle part of a generated measure id for a control's grouping: `PR`, or `AC` for an OSCAL family `ac`. */
export function measureSegment(fn: string): string {
  return fn.toUpperCase().replace(/[^A-Z0-9]/g, '') || 'GEN';
}

/** Case-insensitive edit distance (with neighbour swaps), bounded for long ids. */
export function editDistance(a: string, b: string): number {
  a = a.toUpperCase();
  b = b.toUpperCase();
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8 || a.length > 64 || b.length > 64) return Number.MAX_SAFE_INTEGER;
  // Optimal string alignment: a swap of two neighbours (BL-PR-10 for BL-PR-01) is one typo.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The one closest candidate within a distance that still reads as a typo (none on a tie). */
export function nearest(id: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  // Two candidates equally near are a guess, not a suggestion: "fix all" applies suggestions unseen.
  let tied = false;
  for (const c of candidates) {
    const d = editDistance(id, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance && best !== undefined && c !== best) tied = true;
  }
  return tied ? undefined : best;
}
