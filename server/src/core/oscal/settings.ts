// kijun.yaml `oscal:` entries: the baseline id and the levels of an OSCAL catalog's controls.
// Resolving reads the level profiles through the host's file system (once per configuration
// load); applying is pure and runs at the start of every analysis, on copies of the models.
import type { CatalogControl, CatalogModel, FileAnalysis, Finding } from '../model.js';
import type { OscalCatalogSetting } from '../config.js';
import { realPathInside, workspacePath, type WorkspaceFs } from '../workspaceFs.js';
import { decodeBytes } from '../decode.js';
import { LineIndex } from '../text.js';
import { parseYaml } from '../yamlSource.js';
import { parseJsonSource } from './jsonSource.js';
import { parseXmlSource } from './xmlSource.js';
import { catalogIdFromPath } from './catalog.js';
import { asArray, asObject, asStr } from './prose.js';
import { isXmlPath, oscalKindOf, sniffOscal } from './extractOscal.js';

/** OSCAL `select-control-by-id`: literal ids and glob patterns, optionally with child controls. */
export interface ControlSelector {
  ids: string[];
  patterns: string[];
  withChildren: boolean;
}

/** The controls an OSCAL profile selects from whatever catalog it is applied to. */
export interface ProfileSelection {
  /** The profile as written in kijun.yaml, for messages. */
  name: string;
  includeAll: boolean;
  include: ControlSelector[];
  exclude: ControlSelector[];
}

/** A resolved `oscal:` entry, ready for analysis. */
export interface CatalogSetting {
  /** Index of the entry in kijun.yaml. */
  index: number;
  /** The catalog's path as the workspace names files. */
  path: string;
  id?: string;
  profiles: { level: number; selection: ProfileSelection }[];
  controls: Record<string, number>;
  defaultLevel: number;
}

export interface ResolvedSettings {
  catalogs: CatalogSetting[];
  /** Problems with kijun.yaml itself: a missing catalog file, an unreadable profile. */
  findings: Finding[];
  /** Paths of the profiles read, so that hosts can re-resolve when one changes. */
  profilePaths: string[];
}

export { insideRoot, workspacePath } from '../workspaceFs.js';

/**
 * `confined`: paths that leave the workspace (`../../etc/passwd`) are refused with a finding and
 * never read. The language server confines untrusted workspaces; the CLI follows its explicit
 * configuration.
 */
export async function resolveOscalSettings(fs: WorkspaceFs, root: string, settings: OscalCatalogSetting[] | undefined, confined = false): Promise<ResolvedSettings> {
  const resolved: ResolvedSettings = { catalogs: [], findings: [], profilePaths: [] };
  const zero = new LineIndex('').range(0, 0);
  for (const [index, setting] of (settings ?? []).entries()) {
    const path = workspacePath(root, setting.path);
    if (confined && !(await realPathInside(fs, root, path))) {
      resolved.findings.push({ code: 'schema', range: setting.range ?? zero, message: 'pathOutsideWorkspace', args: { path: setting.path } });
      continue;
    }
    if (!(await fs.stat(path))) {
      resolved.findings.push({ code: 'schema', range: setting.range ?? zero, message: 'oscalPathMissing', args: { index, path: setting.path } });
    }
    const profiles: CatalogSetting['profiles'] = [];
    for (const [key, profile] of Object.entries(setting.levels?.profiles ?? {})) {
      const profilePath = workspacePath(root, profile);
      if (confined && !(await realPathInside(fs, root, profilePath))) {
        resolved.findings.push({ code: 'schema', range: setting.profileRanges?.[key] ?? setting.range ?? zero, message: 'pathOutsideWorkspace', args: { path: profile } });
        continue;
      }
      resolved.profilePaths.push(profilePath);
      const read = await readProfile(fs, profilePath, profile);
      if ('problem' in read) {
        resolved.findings.push({ code: 'schema', range: setting.profileRanges?.[key] ?? setting.range ?? zero, message: 'oscalProfileUnreadable', args: { profile, detail: read.problem } });
      } else profiles.push({ level: Number(key), selection: read.selection });
    }
    profiles.sort((a, b) => a.level - b.level);
    const highest = profiles.length > 0 ? profiles[profiles.length - 1].level : 0;
    resolved.catalogs.push({
      index, path, id: setting.id, profiles,
      controls: setting.levels?.controls ?? {},
      defaultLevel: setting.levels?.default ?? (profiles.length > 0 ? highest + 1 : 1),
    });
  }
  return resolved;
}

async function readProfile(fs: WorkspaceFs, path: string, name: string): Promise<{ selection: ProfileSelection } | { problem: string }> {
  let text: string;
  try {
    const decoded = decodeBytes(await fs.readFile(path));
    if (!decoded.ok) return { problem: decoded.message === 'fileBinary' ? 'binary file' : `not UTF-8 (${decoded.detail ?? ''})` };
    text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  } catch (err) {
    return { problem: err instanceof Error ? err.message : String(err) };
  }
  const value = parseProfileText(path, text);
  if ('problem' in value) return value;
  return { selection: profileSelection(value.profile, name) };
}

function parseProfileText(path: string, text: string): { profile: Record<string, unknown> } | { problem: string } {
  const lines = new LineIndex(text);
  const head = text.slice(0, 4096);
  let value: unknown;
  if (isXmlPath(path) || /^\s*</.test(text)) {
    const source = parseXmlSource(text, lines);
    if (source.findings.length > 0) return { problem: located(source.findings[0]) };
    value = source.value;
  } else if (sniffOscal(head) || /^\s*\{/.test(text)) {
    const source = parseJsonSource(text, lines);
    if (source.findings.length > 0) return { problem: located(source.findings[0]) };
    value = source.value;
  } else {
    const source = parseYaml(text, 0, lines);
    if (source.findings.length > 0) return { problem: located(source.findings[0]) };
    value = source.value;
  }
  if (oscalKindOf(value) !== 'profile') return { problem: 'not an OSCAL profile (no top-level profile)' };
  return { profile: asObject(asObject(value).profile) };
}

function located(finding: Finding): string {
  const detail = finding.args && 'detail' in finding.args ? finding.args.detail : undefined;
  return `${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${typeof detail === 'string' ? detail : finding.message}`;
}

/** The selection of every import of a profile (OSCAL: the union of the imports). */
export function profileSelection(profile: Record<string, unknown>, name: string): ProfileSelection {
  const selection: ProfileSelection = { name, includeAll: false, include: [], exclude: [] };
  for (const imp of asArray(profile.imports).map(asObject)) {
    if (imp['include-all'] !== undefined) selection.includeAll = true;
    selection.include.push(...asArray(imp['include-controls']).map(selector));
    selection.exclude.push(...asArray(imp['exclude-controls']).map(selector));
  }
  return selection;
}

function selector(raw: unknown): ControlSelector {
  const r = asObject(raw);
  return {
    ids: asArray(r['with-ids']).filter((x): x is string => typeof x === 'string'),
    patterns: asArray(r.matching).map((m) => asStr(asObject(m).pattern)).filter((p): p is string => !!p),
    withChildren: r['with-child-controls'] === 'yes',
  };
}

/** Applies a selection to a catalog's controls; also returns the literal ids it names that the catalog lacks. */
export function selectControls(selection: ProfileSelection, controls: CatalogControl[]): { selected: Set<string>; unknown: string[] } {
  const ids = new Set(controls.map((c) => c.id));
  const children = new Map<string, string[]>();
  for (const c of controls) {
    if (!c.parent) continue;
    const list = children.get(c.parent) ?? [];
    list.push(c.id);
    children.set(c.parent, list);
  }
  const unknown: string[] = [];
  const apply = (selectors: ControlSelector[], into: Set<string>): void => {
    for (const s of selectors) {
      const matched: string[] = [];
      for (const id of s.ids) {
        if (ids.has(id)) matched.push(id);
        else unknown.push(id);
      }
      for (const pattern of s.patterns) {
        const re = globToRegExp(pattern);
        for (const id of ids) if (re.test(id)) matched.push(id);
      }
      for (const id of matched) {
        into.add(id);
        if (s.withChildren) addDescendants(id, children, into);
      }
    }
  };
  const selected = new Set<string>(selection.includeAll ? ids : []);
  apply(selection.include, selected);
  const excluded = new Set<string>();
  apply(selection.exclude, excluded);
  for (const id of excluded) selected.delete(id);
  return { selected, unknown: [...new Set(unknown)] };
}

function addDescendants(id: string, children: Map<string, string[]>, into: Set<string>): void {
  for (const child of children.get(id) ?? []) {
    into.add(child);
    addDescendants(child, children, into);
  }
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * The models as the configuration makes them: every OSCAL catalog gets its id (configured, else
 * its file name) and configured levels. Models are copied, never changed in place, because
 * hosts cache them by content.
 */
export function applyCatalogSettings(files: FileAnalysis[], settings: CatalogSetting[]): { files: FileAnalysis[]; findings: { path: string; finding: Finding }[] } {
  const byPath = new Map(settings.map((s) => [s.path, s]));
  const findings: { path: string; finding: Finding }[] = [];
  const out = files.map((file) => {
    const setting = byPath.get(file.path);
    const model = file.model;
    if (model?.kind !== 'catalog') return file;
    if (!model.oscal) {
      if (setting) findings.push({ path: file.path, finding: { code: 'schema', range: model.idRange, message: 'oscalSettingNotOscal', args: { index: setting.index } } });
      return file;
    }
    const id = setting?.id ?? catalogIdFromPath(file.path);
    if (!setting) return model.id === id ? file : { ...file, model: { ...model, id } };
    const levels = levelsOf(model, setting, (source, unknown) => {
      findings.push({
        path: file.path,
        finding: { code: 'unknown-control', range: model.idRange, message: 'oscalSettingUnknownControl', args: { source, control: abbreviate(unknown) } },
      });
    });
    const next: CatalogModel = { ...model, id, controls: model.controls.map((c) => (levels.get(c.id) === c.level ? c : { ...c, level: levels.get(c.id) ?? c.level })) };
    return { ...file, model: next };
  });
  return { files: out, findings };
}

function levelsOf(model: CatalogModel, setting: CatalogSetting, unknown: (source: string, ids: string[]) => void): Map<string, number> {
  const levels = new Map<string, number>();
  for (const { level, selection } of setting.profiles) {
    const result = selectControls(selection, model.controls);
    for (const id of result.selected) if (!levels.has(id)) levels.set(id, level);
    if (result.unknown.length > 0) unknown(selection.name, result.unknown);
  }
  const known = new Set(model.controls.map((c) => c.id));
  const missing = Object.keys(setting.controls).filter((id) => !known.has(id));
  if (missing.length > 0) unknown('kijun.yaml', missing);
  for (const [id, level] of Object.entries(setting.controls)) levels.set(id, level);
  for (const c of model.controls) if (!levels.has(c.id)) levels.set(c.id, setting.defaultLevel);
  return levels;
}

function abbreviate(ids: string[]): string {
  return ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, … (${ids.length})` : ids.join(', ');
}
