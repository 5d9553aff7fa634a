// An OSCAL catalog (JSON, XML or YAML; a plain catalog or a resolved profile catalog) → the
// same CatalogModel a Kijun catalog gives. Controls and their enhancements (nested controls)
// become catalog controls with their OSCAL ids; the top-level groups are the grouping that
// Kijun catalogs call `function`; every control is level 1 until kijun.yaml says otherwise.
import type { CatalogControl, CatalogModel, Finding, Ref } from '../model.js';
import { csfElement, csfSubcategories, csfWithdrawn } from '../csf.js';
import type { PathSegment } from '../yamlSource.js';
import type { OscalSource } from './source.js';
import { validateOscalCatalog } from './schema.js';
import { asArray, asObject, asStr, INSERT_PATTERN, localText, statementText, type Json } from './prose.js';
import { append } from '../arrays.js';

/** The id a catalog file gets when kijun.yaml gives none: its file name without the extension. */
export function catalogIdFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function readOscalCatalog(source: OscalSource, path: string): { model: CatalogModel; findings: Finding[] } {
  const findings = validateOscalCatalog(source);
  const root = asObject(asObject(source.value).catalog);
  const metadata = asObject(root.metadata);
  const params = collectParams(root);
  const model: CatalogModel = {
    kind: 'catalog',
    id: catalogIdFromPath(path),
    version: scalar(metadata.version) ?? '',
    idRange: source.rangeAt(['catalog'], 'key'),
    title: localText(asStr(metadata.title)),
    controls: [],
    groups: [],
    oscal: { uuid: asStr(root.uuid) ?? '', format: source.format, oscalVersion: scalar(metadata['oscal-version']) ?? '', csf: 'none' },
  };
  /** Successors named by CSF 2.0 for withdrawn CSF 1.1 elements: used only when the catalog holds them. */
  const successors = new Map<CatalogControl, string[]>();

  const addControls = (list: unknown, base: PathSegment[], fn: string, parent?: string): void => {
    asArray(list).forEach((raw, i) => {
      const control = asObject(raw);
      const at = [...base, i];
      const id = asStr(control.id);
      if (id) {
        const built = buildControl(source, control, at, id, fn, params);
        if (parent) built.control.parent = parent;
        model.controls.push(built.control);
        if (built.successors.length > 0) successors.set(built.control, built.successors);
      }
      addControls(control.controls, [...at, 'controls'], fn, id ?? parent);
    });
  };
  const addGroups = (list: unknown, base: PathSegment[], fn: string | undefined): void => {
    asArray(list).forEach((raw, i) => {
      const group = asObject(raw);
      const at = [...base, i];
      const id = asStr(group.id) ?? '';
      const own = fn ?? id;
      if (fn === undefined && id) model.groups!.push({ id, title: localText(asStr(group.title)) });
      addControls(group.controls, [...at, 'controls'], own);
      addGroups(group.groups, [...at, 'groups'], own);
    });
  };
  addControls(root.controls, ['catalog', 'controls'], '');
  addGroups(root.groups, ['catalog', 'groups'], undefined);

  const known = new Set(model.controls.map((c) => c.id));
  for (const [control, ids] of successors) {
    const id = ids.find((s) => known.has(s));
    if (id) control.replacedBy = { id, range: control.range };
  }
  if (model.controls.some((c) => c.csf.length > 0)) model.oscal!.csf = 'derived';
  append(findings, danglingReferences(source, root, params));
  return { model, findings };
}

function buildControl(source: OscalSource, control: Json, at: PathSegment[], id: string, fn: string, params: Map<string, Json>): { control: CatalogControl; successors: string[] } {
  const idRange = source.rangeAt([...at, 'id']);
  const props = asArray(control.props).map(asObject);
  const links = asArray(control.links).map(asObject);
  const csfOld = csfElement(id) ? undefined : csfWithdrawn(id);
  const withdrawn = props.some((p) => p.name === 'status' && p.value === 'withdrawn') || (csfOld !== undefined && /^[A-Z]{2}\.[A-Z]{2}/.test(id));
  const successors: string[] = [];
  let successorRange = idRange;
  links.forEach((link, i) => {
    const href = asStr(link.href);
    if (!href?.startsWith('#') || !(link.rel === 'moved-to' || link.rel === 'incorporated-into')) return;
    if (successors.length === 0) successorRange = source.rangeAt([...at, 'links', i, 'href']);
    successors.push(href.slice(1));
  });
  const csfSuccessors = csfOld && withdrawn && successors.length === 0 ? csfOld.targets.map((t) => t.id) : [];
  const built: CatalogControl = {
    id,
    range: idRange,
    entryRange: source.rangeAt(at),
    function: fn,
    level: 1,
    title: localText(asStr(control.title)),
    statement: localText(statementText(control, params) || undefined),
    csf: withdrawn ? [] : csfOf(id, asStr(control.class)).map((c): Ref => ({ id: c, range: idRange })),
    exemptable: true,
    withdrawn,
  };
  if (successors.length > 0) built.replacedBy = { id: successors[0], range: successorRange };
  return { control: built, successors: csfSuccessors };
}

/** Every parameter of the document by id (OSCAL parameter ids are unique document-wide). */
function collectParams(root: Json): Map<string, Json> {
  const params = new Map<string, Json>();
  const walk = (item: Json): void => {
    for (const p of asArray(item.params).map(asObject)) {
      const id = asStr(p.id);
      if (id && !params.has(id)) params.set(id, p);
    }
    for (const c of asArray(item.controls)) walk(asObject(c));
    for (const g of asArray(item.groups)) walk(asObject(g));
  };
  walk(root);
  return params;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

// ---- CSF references ----------------------------------------------------------------------------

let crosswalk: Map<string, string[]> | undefined;

/** SP 800-53 control (printed form, `AC-2(1)`) → the CSF 2.0 subcategories NIST maps to it. */
function sp80053Crosswalk(): Map<string, string[]> {
  if (crosswalk) return crosswalk;
  crosswalk = new Map();
  for (const sub of csfSubcategories()) {
    for (const control of sub.sp800_53) {
      const list = crosswalk.get(control) ?? [];
      list.push(sub.id);
      crosswalk.set(control, list);
    }
  }
  return crosswalk;
}

/** `ac-2.1` → `AC-2(1)`. */
export function sp80053PrintedId(id: string): string | undefined {
  const m = /^([a-z]{2})-(\d+)(?:\.(\d+))?$/i.exec(id);
  if (!m) return undefined;
  return `${m[1].toUpperCase()}-${Number(m[2])}${m[3] ? `(${Number(m[3])})` : ''}`;
}

/**
 * CSF 2.0 references of an OSCAL control: itself when it is a CSF 2.0 element (NIST's CSF
 * catalog); for SP 800-53 controls, the subcategories of NIST's CSF 2.0 → SP 800-53 crosswalk.
 */
function csfOf(id: string, cls: string | undefined): string[] {
  if (csfElement(id)) return [id];
  if (cls?.startsWith('SP800-53')) {
    const printed = sp80053PrintedId(id);
    return printed ? [...(sp80053Crosswalk().get(printed) ?? [])] : [];
  }
  return [];
}

// ---- Dangling references -----------------------------------------------------------------------

/**
 * References that point nowhere: parameter insertions naming no parameter, and links to
 * back-matter resources (`#uuid`) that the document does not hold. Links from a resolved
 * profile to controls it left out (`#ac-5` in the LOW baseline) are normal and not reported.
 */
function danglingReferences(source: OscalSource, root: Json, params: Map<string, Json>): Finding[] {
  const resources = new Set(asArray(asObject(root['back-matter']).resources).map((r) => asStr(asObject(r).uuid)).filter((u): u is string => !!u));
  const out: Finding[] = [];
  const walk = (value: unknown, path: PathSegment[], key: string): void => {
    if (out.length >= 100) return;
    if (typeof value === 'string') {
      if (key === 'href') {
        const target = value.startsWith('#') ? value.slice(1) : undefined;
        if (target && UUID.test(target) && !resources.has(target)) {
          out.push({ code: 'schema', range: source.rangeAt(path), message: 'oscalUnknownResource', args: { href: value } });
        }
        return;
      }
      for (const m of value.matchAll(INSERT_PATTERN)) {
        if (m[1] === 'param' && !params.has(m[2])) out.push({ code: 'schema', range: source.rangeAt(path), message: 'oscalUnknownParam', args: { param: m[2] } });
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i], key));
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], k);
    }
  };
  walk(root, ['catalog'], 'catalog');
  return out;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
