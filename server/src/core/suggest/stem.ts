// Porter's stemmer (M. F. Porter, 1980, "An algorithm for suffix stripping"), the classic
// published JavaScript form. Own copy: the whole algorithm is smaller than a dependency's README,
// and stems must never change under us (scores are compared across runs).

const STEP2: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al', entli: 'ent', eli: 'e', ousli: 'ous',
  ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al', iveness: 'ive', fulness: 'ful', ousness: 'ous', aliti: 'al', iviti: 'ive',
  biliti: 'ble', logi: 'log',
};
const STEP3: Record<string, string> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = `${c}[^aeiouy]*`;
const V = `${v}[aeiou]*`;
const MGR0 = new RegExp(`^(${C})?${V}${C}`);
const MEQ1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
const MGR1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
const S_V = new RegExp(`^(${C})?${v}`);
const CVC = new RegExp(`^${C}${v}[^aeiouwxy]$`);

const cache = new Map<string, string>();

/** The Porter stem of a lower-case English word. */
export function stem(word: string): string {
  if (word.length < 3) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const out = porter(word);
  if (cache.size < 50_000) cache.set(word, out);
  return out;
}

function porter(input: string): string {
  let w = input;
  const firstY = w[0] === 'y';
  if (firstY) w = `Y${w.slice(1)}`;
  let m: RegExpExecArray | null;
  // Step 1a
  if ((m = /^(.+?)(ss|i)es$/.exec(w))) w = m[1] + m[2];
  else if ((m = /^(.+?)([^s])s$/.exec(w))) w = m[1] + m[2];
  // Step 1b
  if ((m = /^(.+?)eed$/.exec(w))) {
    if (MGR0.test(m[1])) w = w.slice(0, -1);
  } else if ((m = /^(.+?)(ed|ing)$/.exec(w))) {
    const stemPart = m[1];
    if (S_V.test(stemPart)) {
      w = stemPart;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }
  // Step 1c
  if ((m = /^(.+?)y$/.exec(w)) && S_V.test(m[1])) w = `${m[1]}i`;
  // Step 2
  if ((m = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/.exec(w))) {
    if (MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
  }
  // Step 3
  if ((m = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/.exec(w))) {
    if (MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
  }
  // Step 4
  if ((m = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/.exec(w))) {
    if (MGR1.test(m[1])) w = m[1];
  } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w))) {
    if (MGR1.test(m[1] + m[2])) w = m[1] + m[2];
  }
  // Step 5
  if ((m = /^(.+?)e$/.exec(w))) {
    const s = m[1];
    if (MGR1.test(s) || (MEQ1.test(s) && !CVC.test(s))) w = s;
  }
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);
  if (firstY) w = `y${w.slice(1)}`;
  return w;
}
