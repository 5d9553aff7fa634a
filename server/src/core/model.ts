// The per-file model: what extraction produces from one file's text. It is plain data (JSON
// serialisable) so it can be cached by content and computed in worker threads.
import type { Range } from './text.js';
import type { RuleCode } from './rules.js';
import type { StrengthInfo } from './strength.js';
import type { MessageRef } from './messages.js';

import type { Locale, LocalText } from './locale.js';

export type { Locale, LocalText };

/** A located token: an id as written, and where. */
export interface Ref {
  id: string;
  range: Range;
}

/**
 * A finding before localisation and severity configuration. `message` is a message id of
 * messages.ts and `args` the arguments that message takes (checked at compile time).
 */
export type Finding = FindingBase & MessageRef;

export interface FindingBase {
  code: RuleCode;
  range: Range;
  control?: string;
  /** Extra machine-readable data for quick-fixes (e.g. a suggested replacement). */
  data?: Record<string, unknown>;
  /**
   * Another place the finding is about (a duplicate's first definition). Hosts show it as related
   * information, and as the message argument `first` (`path:line`, the path as the host displays it).
   */
  related?: { path: string; range: Range };
}

export interface CatalogControl {
  id: string;
  range: Range;
  /** Range of the whole control entry (for hovers and go-to-definition targets). */
  entryRange: Range;
  function: string;
  level: number;
  title: LocalText;
  statement: LocalText;
  csf: Ref[];
  exemptable: boolean;
  withdrawn: boolean;
  replacedBy?: Ref;
  /** OSCAL: the control this one is nested in (an enhancement's base control). */
  parent?: string;
  /** Where the control applies (`appliesTo`): default every value of every dimension. */
  appliesTo?: LocatedScope;
}

/** A value of a scope written in a file, with where each part was written (see scope.ts). */
export interface LocatedScope {
  entries: ScopeEntry[];
  /** The whole `scope:` value or `Scope:` line. */
  range: Range;
  /** Parts of a `Scope:` line that are not `dimension=value[,value]` (reported by the analysis). */
  problems?: { text: string; range: Range }[];
}

export interface ScopeEntry {
  dimension: string;
  /** Where the dimension name was written. */
  range: Range;
  values: Ref[];
}

/** A catalog dimension (`dimensions:`): the systems or networks a control may apply to. */
export interface CatalogDimension {
  id: string;
  range: Range;
  values: Ref[];
  title: LocalText;
}

/** A date as written (ISO or 和暦), read into YYYY-MM-DD (see dates.ts). */
export interface WrittenDate {
  /** YYYY-MM-DD; empty when the text is not a date (`problem` says why; the analysis reports it). */
  date: string;
  text: string;
  range: Range;
  problem?: 'form' | 'calendar';
}

export interface CatalogModel {
  kind: 'catalog';
  id: string;
  version: string;
  idRange: Range;
  title: LocalText;
  controls: CatalogControl[];
  /** The catalog's own grouping (the values of `function`) when it is not the six CSF functions. */
  groups?: CatalogGroup[];
  /** Set when the catalog was read from an OSCAL catalog. */
  oscal?: OscalCatalogInfo;
  /** Applicability dimensions (`dimensions:`), in the order written. */
  dimensions?: CatalogDimension[];
}

export interface CatalogGroup {
  id: string;
  title: LocalText;
}

export interface OscalCatalogInfo {
  uuid: string;
  format: 'json' | 'xml' | 'yaml';
  oscalVersion: string;
  /** Where control CSF references came from: derived (CSF ids, Kijun's SP 800-53 crosswalk) or none. */
  csf: 'derived' | 'none';
}

export interface Measure {
  id: string;
  /** The id token in the heading (Markdown) or the `id` value (YAML). */
  range: Range;
  title: string;
  /** The whole section (Markdown) or list entry (YAML). */
  sectionRange: Range;
  covers: Ref[];
  csf: Ref[];
  /** Heading depth for Markdown measures; 0 for YAML. */
  depth: number;
  strength: StrengthInfo;
  /** Where the measure applies (`Scope:`/`適用範囲:` line, YAML `scope:`); default the whole standard. */
  scope?: LocatedScope;
  /** When the measure takes effect (`Effective:`/`施行:` line, YAML `effective:`). */
  effective?: WrittenDate;
}

export interface Exemption {
  control?: Ref;
  rationale?: string;
  rationaleRange?: Range;
  compensating: Ref[];
  review?: string;
  reviewRange?: Range;
  /** The whole list entry. */
  range: Range;
  /** Where the exemption holds (`scope:`); default the standard's whole scope. */
  scope?: LocatedScope;
}

export interface BaselineRef {
  id: string;
  version?: string;
  text: string;
  range: Range;
}

export interface StandardModel {
  kind: 'standard';
  format: 'markdown' | 'yaml';
  sector?: string;
  sectorRange?: Range;
  title?: string;
  baseline?: BaselineRef;
  level: number;
  levelRange?: Range;
  exemptions: Exemption[];
  /** Where a new exemption list entry would go (YAML/front matter insertion point). */
  exemptionsInsert?: InsertPoint;
  measures: Measure[];
  /** Range of the front matter block (Markdown) or the whole document (YAML). */
  headerRange: Range;
  /** Where a new measure would go (the end of a Markdown document); absent when no insertion can add one. */
  measuresInsert?: InsertPoint;
  /** Which systems the standard covers (`scope:`); default every value of every dimension. */
  scope?: LocatedScope;
  /** When the standard takes effect (`effective:`); its measures without a date of their own follow it. */
  effective?: WrittenDate;
}

export interface InsertPoint {
  position: { line: number; character: number };
  /** Indentation for list entries at this point (YAML). */
  indent: string;
  /** True when the list does not exist yet and a key must be written. */
  needsKey: boolean;
  /** True when the insertion point sits at the end of a line without a trailing line break. */
  needsLeadingNewline: boolean;
  /** Inside a flow list (`[…]`): the entry is written in flow style, after a comma unless it is the first. */
  flow?: 'first' | 'next';
}

export type FileModel = CatalogModel | StandardModel;

/** A measure and the file it is written in (analysis). */
export interface MeasureSite {
  path: string;
  measure: Measure;
}

export interface ExemptionSite {
  path: string;
  exemption: Exemption;
  sound: boolean;
}

/** What the configuration says a file is; without one, the file's own `kind` decides. */
export type FileRole = 'catalog' | 'standard';

/** Everything extraction learns from one file. */
export interface FileAnalysis {
  path: string;
  /** Undefined when the file is not a catalog or standard (it is then ignored). */
  model?: FileModel;
  findings: Finding[];
  eol: string;
  /** `kijun-disable-next-line` comments (suppressions.ts). */
  suppressions?: Suppression[];
}

/** One `kijun-disable-next-line` comment. */
export interface Suppression {
  /** The 0-based line whose findings it silences: the line after the comment. */
  line: number;
  codes: string[];
  range: Range;
}
