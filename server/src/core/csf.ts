// NIST CSF 2.0 reference data (public domain; see data/nist-csf-2.0.PROVENANCE.md).
import data from '../../../data/nist-csf-2.0.json' with { type: 'json' };
import type { MessageRef } from './messages.js';

export interface CsfFunction {
  kind: 'function';
  id: string;
  title: string;
  description: string;
  url: string;
}

export interface CsfCategory {
  kind: 'category';
  id: string;
  function: string;
  title: string;
  description: string;
  url: string;
}

export interface CsfSubcategory {
  kind: 'subcategory';
  id: string;
  category: string;
  text: string;
  examples: string[];
  sp800_53: string[];
  url: string;
}

export type CsfElement = CsfFunction | CsfCategory | CsfSubcategory;

export interface CsfWithdrawn {
  id: string;
  csf11Id: string;
  type: string;
  csf11Text: string;
  reason: string;
  targets: { relation: string; id: string }[];
}

export const CSF_FRAMEWORK_URL = 'https://doi.org/10.6028/NIST.CSWP.29';

const elements = new Map<string, CsfElement>();
for (const f of data.functions) elements.set(f.id, { kind: 'function', id: f.id, title: f.title, description: f.description, url: f.url });
for (const c of data.categories) {
  elements.set(c.id, { kind: 'category', id: c.id, function: c.function, title: c.title, description: c.description, url: c.url });
}
for (const s of data.subcategories) {
  elements.set(s.id, {
    kind: 'subcategory', id: s.id, category: s.category, text: s.text, examples: s.examples, sp800_53: s.sp800_53, url: s.url,
  });
}

const withdrawn = new Map<string, CsfWithdrawn>();
for (const w of data.withdrawn as CsfWithdrawn[]) {
  withdrawn.set(w.id, w);
  withdrawn.set(w.csf11Id, w);
}

/** Matches anything shaped like a CSF id (2.0 or 1.1) in running text or URLs. */
export const CSF_ID_PATTERN = /(?<![A-Za-z0-9_.-])(?:GV|ID|PR|DE|RS|RC)\.[A-Z]{2}(?:-\d{1,2})?(?![A-Za-z0-9_-])/g;

export function csfElement(id: string): CsfElement | undefined {
  return elements.get(id);
}

export function csfElements(): IterableIterator<CsfElement> {
  return elements.values();
}

export function csfSubcategories(): CsfSubcategory[] {
  return [...elements.values()].filter((e): e is CsfSubcategory => e.kind === 'subcategory');
}

export function csfUrl(id: string): string {
  return csfElement(id)?.url ?? `https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/CSF_2_0_0/home?element=${id}`;
}

export function csfWithdrawn(id: string): CsfWithdrawn | undefined {
  return withdrawn.get(id) ?? withdrawn.get(padCsfId(id));
}

/** `PR.AA-3` → `PR.AA-03`: the CSF 1.1 printed form of a number. */
export function padCsfId(id: string): string {
  return id.replace(/-(\d)$/, '-0$1');
}

/** The function an element belongs to (`PR.AA-03` → `PR`). */
export function csfFunctionOf(id: string): string {
  return id.slice(0, 2);
}

export type CsfProblem = Extract<MessageRef, { message: 'unknownCsf' | 'withdrawnCsf' }> & {
  /** Ids that could replace the unknown one, best first. */
  replacements: string[];
};

/** Why an id is not a CSF 2.0 id, or undefined when it is one. */
export function checkCsfId(id: string): CsfProblem | undefined {
  if (elements.has(id)) return undefined;
  const old = withdrawn.get(id) ?? (id.length < 8 ? withdrawn.get(padCsfId(id)) : undefined);
  if (old) {
    const targets = old.targets.map((t) => t.id).filter((t) => elements.has(t));
    return {
      message: 'withdrawnCsf',
      args: { id, reason: old.reason, targets: targets.join(', ') },
      replacements: targets,
    };
  }
  const padded = padCsfId(id);
  if (padded !== id && elements.has(padded)) {
    return { message: 'unknownCsf', args: { id, suggestion: padded }, replacements: [padded] };
  }
  return { message: 'unknownCsf', args: { id, suggestion: '' }, replacements: [] };
}
