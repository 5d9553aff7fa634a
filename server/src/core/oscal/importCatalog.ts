// An OSCAL catalog (as the CatalogModel it reads into) → an editable Kijun catalog in YAML.
// Ids, titles and statements are kept as they are, so that the YAML reads back into the same
// controls; families become the catalog's own `functions` unless they are the CSF functions.
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import type { CatalogControl, CatalogModel, LocalText } from '../model.js';

const CSF_FUNCTIONS = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'];
const UNGROUPED = 'ungrouped';
const CONTRACT_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

/** A catalog id of the contract's form ([a-z0-9-]+) from any name: `NIST_SP-800-53` → `nist-sp-800-53`. */
export function slugId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'catalog';
}

export interface ImportOptions {
  /** Catalog id of the YAML; default: the model's id made into the contract's form. */
  id?: string;
  /** The OSCAL file as the user named it, for the header comment and `x-oscal`. */
  source: string;
}

export function catalogToKijunYaml(model: CatalogModel, options: ImportOptions): string {
  const functions = familyIds(model);
  const ownGrouping = !functions.every((f) => CSF_FUNCTIONS.includes(f));
  const oscalIds = model.controls.some((c) => !CONTRACT_ID.test(c.id) || (c.replacedBy && !CONTRACT_ID.test(c.replacedBy.id)));
  const catalog: Record<string, unknown> = {
    kind: 'catalog',
    id: options.id ?? slugId(model.id),
    version: model.version || '1',
    ...(oscalIds ? { idStyle: 'oscal' } : {}),
    title: text(model.title, model.id),
  };
  if (model.oscal) {
    catalog['x-oscal'] = { source: options.source, uuid: model.oscal.uuid, 'oscal-version': model.oscal.oscalVersion, format: model.oscal.format };
  }
  if (ownGrouping) {
    const titles = new Map((model.groups ?? []).map((g) => [g.id, g.title]));
    catalog.functions = functions.map((id) => ({ id, title: text(titles.get(id) ?? {}, id === UNGROUPED ? 'Ungrouped' : id) }));
  }
  catalog.controls = model.controls.map((c) => control(c));
  const doc = new Document(catalog);
  doc.commentBefore = ` Imported from the OSCAL catalog ${options.source} by \`kijun import oscal\`.\n Ids, titles and statements are the catalog's own; levels and csf can be edited.`;
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && (pair.key.value === 'csf') && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function familyIds(model: CatalogModel): string[] {
  const ids: string[] = [];
  for (const g of model.groups ?? []) if (!ids.includes(g.id)) ids.push(g.id);
  for (const c of model.controls) {
    const fn = c.function || UNGROUPED;
    if (!ids.includes(fn)) ids.push(fn);
  }
  return ids;
}

function control(c: CatalogControl): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: c.id,
    function: c.function || UNGROUPED,
    level: c.level,
    title: text(c.title, c.id),
    statement: text(c.statement, c.withdrawn ? '(withdrawn)' : '(no statement)'),
    csf: c.csf.map((r) => r.id),
  };
  if (!c.exemptable) out.exemptable = false;
  if (c.withdrawn) out.withdrawn = true;
  if (c.replacedBy) out.replacedBy = c.replacedBy.id;
  if (c.parent) out['x-oscal-parent'] = c.parent;
  return out;
}

/** The schema needs at least one language per text. */
function text(value: LocalText, fallback: string): LocalText {
  const out: LocalText = {};
  if (value.ja !== undefined) out.ja = value.ja;
  if (value.en !== undefined) out.en = value.en;
  return out.ja === undefined && out.en === undefined ? { en: fallback } : out;
}
