// Every user-visible message of the core, in both languages. Kept as typed functions rather
// than l10n bundles so that a missing translation or argument is a compile error.
import type { LocalText, Locale } from './model.js';

type Args = Record<string, string | number | LocalText>;
type Plain = Record<string, string | number>;
type Template = (a: Plain) => string;

const MESSAGES = {
  uncoveredControl: {
    ja: (a) => `ベースライン管理策 ${a.control}「${a.title}」(レベル ${a.level})が、分野「${a.sector}」のどの対策でも対応されておらず、適用除外もされていません。`,
    en: (a) => `Baseline control ${a.control} "${a.title}" (level ${a.level}) is not covered by any measure of sector "${a.sector}" and is not exempted.`,
  },
  uncoveredControlScoped: {
    ja: (a) => `ベースライン管理策 ${a.control}「${a.title}」(レベル ${a.level})は、分野「${a.sector}」の適用範囲のうち ${a.scope} で対応も適用除外もされていません。`,
    en: (a) => `Baseline control ${a.control} "${a.title}" (level ${a.level}) is neither covered nor exempted in ${a.scope} of sector "${a.sector}".`,
  },
  plannedCoverage: {
    ja: (a) => `必須の管理策 ${a.control}「${a.title}」は、${a.date}(${a.japaneseDate})に施行される対策 ${a.measures} でしか対応されていません${a.scope ? `(${a.scope})` : ''}。それまでは未対応です。`,
    en: (a) => `Required control ${a.control} "${a.title}" is covered only by ${a.measures}, which take${a.measures.toString().includes(',') ? '' : 's'} effect on ${a.date} (${a.japaneseDate})${a.scope ? ` in ${a.scope}` : ''}; until then it is not covered.`,
  },
  scopeLineSyntax: {
    ja: (a) => `適用範囲「${a.text}」を読めません。次元=値(複数の値は , で、複数の次元は ; で区切る。例: network=closed; system=it,ot-general)と書いてください。`,
    en: (a) => `Cannot read the scope "${a.text}". Write dimension=value (values separated by ",", dimensions by ";", e.g. network=closed; system=it,ot-general).`,
  },
  unknownDimension: {
    ja: (a) => `次元 ${a.dimension} はカタログ ${a.catalog} の dimensions にありません(定義済み: ${a.known})。この範囲には何も当てはまりません。`,
    en: (a) => `Dimension ${a.dimension} is not among the dimensions of catalog ${a.catalog} (defined: ${a.known}); this scope matches nothing.`,
  },
  unknownDimensionValue: {
    ja: (a) => `${a.value} は次元 ${a.dimension} の値ではありません(値: ${a.known})。`,
    en: (a) => `${a.value} is not a value of dimension ${a.dimension} (values: ${a.known}).`,
  },
  effectiveNotDate: {
    ja: (a) => `施行日「${a.value}」を日付として読めません。2027-04-01 又は 令和9年4月1日 の形で書いてください。`,
    en: (a) => `The effective date "${a.value}" is not a date. Write it as 2027-04-01 or 令和9年4月1日.`,
  },
  effectiveNoSuchDate: {
    ja: (a) => `施行日 ${a.value} は存在しない日付です。`,
    en: (a) => `The effective date ${a.value} is not a date on the calendar.`,
  },
  badAsOf: {
    ja: (a) => `--as-of には日付を YYYY-MM-DD の形で指定してください(指定された値: ${a.value})。`,
    en: (a) => `--as-of needs a date in the form YYYY-MM-DD (got ${a.value}).`,
  },
  unknownControl: {
    ja: (a) => `管理策 ${a.control} はベースライン ${a.baseline} にありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}`,
    en: (a) => `Control ${a.control} is not in baseline ${a.baseline}.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
  },
  withdrawnControl: {
    ja: (a) => `管理策 ${a.control} は廃止されています。${a.replacedBy ? `後継の ${a.replacedBy} を参照してください。` : ''}`,
    en: (a) => `Control ${a.control} is withdrawn.${a.replacedBy ? ` Use its successor ${a.replacedBy}.` : ''}`,
  },
  unknownCsf: {
    ja: (a) => `${a.id} は NIST CSF 2.0 の識別子ではありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}`,
    en: (a) => `${a.id} is not a NIST CSF 2.0 identifier.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
  },
  withdrawnCsf: {
    ja: (a) => `${a.id} は CSF 1.1 の識別子で、CSF 2.0 では廃止されました(${a.reason})。${a.targets ? `CSF 2.0 では ${a.targets} を参照してください。` : ''}`,
    en: (a) => `${a.id} is a CSF 1.1 identifier withdrawn in CSF 2.0 (${a.reason}).${a.targets ? ` In CSF 2.0 use ${a.targets}.` : ''}`,
  },
  unknownBaseline: {
    ja: (a) => `ベースライン ${a.baseline} は読み込まれていません。${a.known ? `読み込み済み: ${a.known}` : 'カタログが1つも読み込まれていません。'}`,
    en: (a) => `Baseline ${a.baseline} is not loaded. ${a.known ? `Loaded: ${a.known}` : 'No catalog is loaded.'}`,
  },
  exemptionNoRationale: {
    ja: (a) => `管理策 ${a.control} の適用除外に理由(rationale)がありません。リスクに基づく理由を ${a.min} 文字以上で記述してください。`,
    en: (a) => `The exemption of control ${a.control} has no rationale. Write a risk-based rationale of at least ${a.min} characters.`,
  },
  exemptionShortRationale: {
    ja: (a) => `管理策 ${a.control} の適用除外の理由が短すぎます(${a.length} 文字。${a.min} 文字以上必要です)。`,
    en: (a) => `The rationale for exempting control ${a.control} is too short (${a.length} characters; at least ${a.min} are required).`,
  },
  exemptionNotAllowed: {
    ja: (a) => `管理策 ${a.control} は適用除外できません(exemptable: false)。対策を定めてください。`,
    en: (a) => `Control ${a.control} cannot be exempted (exemptable: false). Add a measure that covers it.`,
  },
  exemptionExpired: {
    ja: (a) => `管理策 ${a.control} の適用除外は見直し期限 ${a.review} を過ぎています。`,
    en: (a) => `The exemption of control ${a.control} is past its review date ${a.review}.`,
  },
  coveredAndExempted: {
    ja: (a) => `管理策 ${a.control} は対策 ${a.measures} で対応済みですが、適用除外もされています。`,
    en: (a) => `Control ${a.control} is covered by ${a.measures} and also exempted.`,
  },
  unknownMeasure: {
    ja: (a) => `代替策 ${a.measure} は分野「${a.sector}」のどのファイルにも定義されていません。`,
    en: (a) => `Compensating measure ${a.measure} is not defined in any file of sector "${a.sector}".`,
  },
  duplicateMeasure: {
    ja: (a) => `対策 ID ${a.id} は分野「${a.sector}」で重複しています(最初の定義: ${a.first})。`,
    en: (a) => `Measure id ${a.id} is used more than once in sector "${a.sector}" (first defined in ${a.first}).`,
  },
  duplicateControl: {
    ja: (a) => `管理策 ID ${a.id} はカタログ ${a.catalog} で重複しています(最初の定義: ${a.first})。`,
    en: (a) => `Control id ${a.id} is used more than once in catalog ${a.catalog} (first defined in ${a.first}).`,
  },
  duplicateCatalog: {
    ja: (a) => `カタログ ${a.catalog} は ${a.first} でも定義されています。`,
    en: (a) => `Catalog ${a.catalog} is also defined in ${a.first}.`,
  },
  weakCoverage: {
    ja: (a) => `必須の管理策 ${a.control} は、推奨の強さの対策(${a.measures})でしか対応されていません。義務として定めるか(「しなければならない」等)、Strength: required を宣言してください。`,
    en: (a) => `Required control ${a.control} is covered only by recommended-strength measures (${a.measures}). State it as an obligation ("shall", 「しなければならない」) or declare Strength: required.`,
  },
  csfGap: {
    ja: (a) => `このベースラインは NIST CSF 2.0 のサブカテゴリ ${a.count} 件(全 ${a.total} 件中)にまだ対応付けられていません: ${a.ids}`,
    en: (a) => `This baseline does not yet map ${a.count} of the ${a.total} NIST CSF 2.0 subcategories: ${a.ids}`,
  },
  controlWithoutCsf: {
    ja: (a) => `管理策 ${a.control} に NIST CSF 2.0 への対応付け(csf)がありません。`,
    en: (a) => `Control ${a.control} maps to no NIST CSF 2.0 element (csf is empty).`,
  },
  unknownSector: {
    ja: (a) => `分野 ID ${a.sector} は重要インフラ分野の一覧にありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}kijun.yaml の sectors で追加できます。`,
    en: (a) => `Sector id ${a.sector} is not a known critical-infrastructure sector.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''} Add it under sectors in kijun.yaml.`,
  },
  outdatedBaseline: {
    ja: (a) => `新しい版 ${a.newer} が読み込まれています(追加 ${a.added}、廃止 ${a.withdrawn}、レベル変更 ${a.relevelled}、CSF 対応変更 ${a.remapped}、文言変更 ${a.reworded})。移行すると、この分野で新たに対応が必要な管理策: ${a.mustAdd}。見直しが必要な管理策: ${a.revisit}。`,
    en: (a) => `A newer version ${a.newer} is loaded (added ${a.added}, withdrawn ${a.withdrawn}, re-levelled ${a.relevelled}, re-mapped ${a.remapped}, reworded ${a.reworded}). Moving to it, this sector must add: ${a.mustAdd}; and revisit: ${a.revisit}.`,
  },
  jsonSyntax: {
    ja: (a) => `JSON の構文エラー: ${a.detail}`,
    en: (a) => `JSON syntax error: ${a.detail}`,
  },
  xmlSyntax: {
    ja: (a) => `XML の構文エラー: ${a.detail}`,
    en: (a) => `XML syntax error: ${a.detail}`,
  },
  oscalNotCatalog: {
    ja: () => 'このファイルはカタログとして設定されていますが、OSCAL カタログ(http://csrc.nist.gov/ns/oscal/1.0 名前空間の <catalog>)ではありません。',
    en: () => 'This file is configured as a catalog but is not an OSCAL catalog (a <catalog> in the http://csrc.nist.gov/ns/oscal/1.0 namespace).',
  },
  oscalProfileNotCatalog: {
    ja: () => 'これは OSCAL プロファイルで、カタログではありません。ベースラインにするには解決済みプロファイルカタログ(resolved profile catalog)を指定してください。プロファイルは kijun.yaml の oscal[].levels.profiles でレベルの指定に使えます。',
    en: () => 'This is an OSCAL profile, not a catalog. Name its resolved profile catalog as the baseline; a profile can give levels under oscal[].levels.profiles in kijun.yaml.',
  },
  oscalUnknownResource: {
    ja: (a) => `リンク ${a.href} の参照先のリソースが back-matter にありません。`,
    en: (a) => `Link ${a.href} points to no resource in the back-matter.`,
  },
  oscalUnknownParam: {
    ja: (a) => `パラメータ ${a.param} は定義されていません(insert の参照先がありません)。`,
    en: (a) => `Parameter ${a.param} is not defined (the insert points nowhere).`,
  },
  oscalSettingNotOscal: {
    ja: (a) => `kijun.yaml の oscal[${a.index}] はこのファイルを指していますが、このファイルは OSCAL カタログではありません。`,
    en: (a) => `kijun.yaml oscal[${a.index}] names this file, but it is not an OSCAL catalog.`,
  },
  oscalSettingUnknownControl: {
    ja: (a) => `${a.source} がレベルを指定している管理策 ${a.control} はこのカタログにありません。`,
    en: (a) => `${a.source} gives a level to control ${a.control}, which is not in this catalog.`,
  },
  oscalPathMissing: {
    ja: (a) => `kijun.yaml の oscal[${a.index}].path ${a.path} がありません。`,
    en: (a) => `kijun.yaml oscal[${a.index}].path ${a.path} does not exist.`,
  },
  pathOutsideWorkspace: {
    ja: (a) => `${a.path} はワークスペースの外を指しているため読み込みません(信頼されていないワークスペース)。ワークスペースを信頼するか、ワークスペース内のパスを指定してください。`,
    en: (a) => `${a.path} points outside the workspace and is not read (the workspace is not trusted). Trust the workspace or name a path inside it.`,
  },
  oscalProfileUnreadable: {
    ja: (a) => `プロファイル ${a.profile} を読めません: ${a.detail}`,
    en: (a) => `Profile ${a.profile} cannot be read: ${a.detail}`,
  },
  functionNotDeclared: {
    ja: (a) => `${a.path} の値 ${a.value} は、このカタログの functions に宣言されていません(${a.allowed})。`,
    en: (a) => `${a.path} value ${a.value} is not declared under this catalog's functions (${a.allowed}).`,
  },
  syntax: {
    ja: (a) => `YAML の構文エラー: ${a.detail}`,
    en: (a) => `YAML syntax error: ${a.detail}`,
  },
  unterminatedFrontMatter: {
    ja: () => 'フロントマターが閉じられていません(終わりの --- がありません)。',
    en: () => 'The front matter is not closed (no closing ---).',
  },
  tooManyAliases: {
    ja: () => 'YAML のエイリアス展開が多すぎます(エイリアス爆弾の可能性があります)。',
    en: () => 'Too many YAML alias expansions (possible alias bomb).',
  },
  notAMapping: {
    ja: () => '文書の最上位は key: value の対応付け(マッピング)でなければなりません。',
    en: () => 'The top level of the document must be a mapping of key: value pairs.',
  },
  missingFrontMatter: {
    ja: () => '標準の Markdown ファイルには kind: standard を含む YAML フロントマターが必要です。',
    en: () => 'A standard in Markdown needs YAML front matter with kind: standard.',
  },
  wrongKind: {
    ja: (a) => `このファイルは ${a.expected} として設定されていますが、kind が ${a.actual} です。`,
    en: (a) => `This file is configured as a ${a.expected} but its kind is ${a.actual}.`,
  },
  schemaRequired: {
    ja: (a) => `必須のキー ${a.key} がありません。`,
    en: (a) => `Missing required key ${a.key}.`,
  },
  schemaAdditional: {
    ja: (a) => `キー ${a.key} は使えません。${a.hint ? a.hint : ''}`,
    en: (a) => `Key ${a.key} is not allowed.${a.hint ? ' ' + a.hint : ''}`,
  },
  schemaXHint: {
    ja: () => '独自のキーは x- で始まる名前にしてください。',
    en: () => 'Custom keys must start with x-.',
  },
  schemaType: {
    ja: (a) => `${a.path} の型が違います(${a.type} が必要です)。`,
    en: (a) => `${a.path} has the wrong type (expected ${a.type}).`,
  },
  schemaPattern: {
    ja: (a) => `${a.path} の値 ${a.value} は形式に合いません(${a.what})。`,
    en: (a) => `${a.path} value ${a.value} does not have the expected form (${a.what}).`,
  },
  schemaMinimum: {
    ja: (a) => `${a.path} は ${a.limit} 以上でなければなりません。`,
    en: (a) => `${a.path} must be at least ${a.limit}.`,
  },
  schemaAbove: {
    ja: (a) => `${a.path} は ${a.limit} より大きくなければなりません。`,
    en: (a) => `${a.path} must be greater than ${a.limit}.`,
  },
  schemaMaximum: {
    ja: (a) => `${a.path} は ${a.limit} 以下でなければなりません。`,
    en: (a) => `${a.path} must be at most ${a.limit}.`,
  },
  schemaBelow: {
    ja: (a) => `${a.path} は ${a.limit} より小さくなければなりません。`,
    en: (a) => `${a.path} must be less than ${a.limit}.`,
  },
  schemaEmpty: {
    ja: (a) => `${a.path} を空にすることはできません。`,
    en: (a) => `${a.path} must not be empty.`,
  },
  schemaTooFew: {
    ja: (a) => `${a.path} には少なくとも ${a.limit} 個の要素が必要です。`,
    en: (a) => `${a.path} needs at least ${a.limit} entries.`,
  },
  schemaDuplicateItems: {
    ja: (a) => `${a.path} に同じ値が重複しています。`,
    en: (a) => `${a.path} lists the same value more than once.`,
  },
  schemaNoSuchDate: {
    ja: (a) => `見直し期限 ${a.value} は存在しない日付です。`,
    en: (a) => `The review date ${a.value} is not a date on the calendar.`,
  },
  schemaEnum: {
    ja: (a) => `${a.path} の値は ${a.allowed} のいずれかでなければなりません。`,
    en: (a) => `${a.path} must be one of ${a.allowed}.`,
  },
  schemaOther: {
    ja: (a) => `${a.path}: ${a.detail}`,
    en: (a) => `${a.path}: ${a.detail}`,
  },
  orphanMarker: {
    ja: (a) => `この対応マーカー(${a.ids})はどの対策の節にもないため、何にも対応しません。対策ラベル(例: 「第5条」「EL-PR-01」)で始まる見出しの下に置いてください。`,
    en: (a) => `This coverage marker (${a.ids}) is outside every measure's section, so it covers nothing. Put it under a heading that starts with a measure label (such as "第5条" or "EL-PR-01").`,
  },
  orphanMarkerNested: {
    ja: (a) => `この対応マーカー(${a.ids})は、リストの項目の中にある見出しの下にあります。リストや引用の中の見出しは対策ではないため、何にも対応しません。`,
    en: (a) => `This coverage marker (${a.ids}) sits under a heading inside a list item. A heading in a list or block quote is not a measure, so the marker covers nothing.`,
  },
  markerSyntax: {
    ja: (a) => `対応マーカーの「${a.token}」は管理策 ID として読めません。ID は「,」「、」「・」「／」または空白で区切ってください。`,
    en: (a) => `"${a.token}" in this coverage marker is not a control id. Separate ids with ",", "、", "・", "／" or spaces.`,
  },
  labelPatternInvalid: {
    ja: (a) => `measureLabels の正規表現「${a.pattern}」を解釈できません(${a.detail})。`,
    en: (a) => `The measureLabels regular expression "${a.pattern}" does not compile (${a.detail}).`,
  },
  labelPatternEmpty: {
    ja: (a) => `measureLabels の正規表現「${a.pattern}」は空の文字列に一致するため、ラベルになりません。`,
    en: (a) => `The measureLabels regular expression "${a.pattern}" matches empty text, so it cannot be a label.`,
  },
  labelPatternBacktracks: {
    ja: (a) => `measureLabels の正規表現「${a.pattern}」は、繰り返しの中に繰り返しや選択があり、見出しによっては処理が終わらないおそれがあるため使えません。入れ子の繰り返しを外してください。`,
    en: (a) => `The measureLabels regular expression "${a.pattern}" repeats a group that itself repeats or alternates, which can take exponential time on some headings; it is not used. Remove the nested repetition.`,
  },
  measureIdNotLabel: {
    ja: (a) => `対策の id「${a.id}」は、この安全基準等のラベル形式(${a.forms})のどれにも当てはまりません。`,
    en: (a) => `Measure id "${a.id}" matches none of this standard's label forms (${a.forms}).`,
  },
  markdownTooDeep: {
    ja: (a) => `この行はリストまたは引用を ${a.depth} 段入れ子にしています。${a.max} 段を超える部分は通常の文字として読みます。`,
    en: (a) => `This line nests lists or block quotes ${a.depth} deep; beyond ${a.max} levels the rest is read as plain text.`,
  },
  fileUnreadable: {
    ja: (a) => `ファイルを読めません: ${a.detail}`,
    en: (a) => `The file cannot be read: ${a.detail}`,
  },
  fileNotRegular: {
    ja: () => '通常のファイルではない(名前付きパイプ、ソケット、デバイスなど)ため読み込みませんでした。',
    en: () => 'The file was not read because it is not a regular file (a named pipe, socket or device).',
  },
  fileOutsideWorkspace: {
    ja: () => 'このファイルはワークスペースの外を指すリンクのため読み込みません(信頼されていないワークスペース)。ワークスペースを信頼するか、リンクを実際のファイルに置き換えてください。',
    en: () => 'This file is a link that points outside the workspace and is not read (the workspace is not trusted). Trust the workspace or replace the link with the file.',
  },
  fileNotRegular: {
    ja: () => '通常のファイルではない(名前付きパイプ、ソケット、デバイスなど)ため読み込みませんでした。',
    en: () => 'The file was not read because it is not a regular file (a named pipe, socket or device).',
  },
  fileOutsideWorkspace: {
    ja: () => 'このファイルはワークスペースの外を指すリンクのため読み込みません(信頼されていないワークスペース)。ワークスペースを信頼するか、リンクを実際のファイルに置き換えてください。',
    en: () => 'This file is a link that points outside the workspace and is not read (the workspace is not trusted). Trust the workspace or replace the link with the file.',
  },
  fileTooLarge: {
    ja: (a) => `ファイルが大きすぎるため検査しませんでした(${a.size} バイト、上限 ${a.max} バイト)。`,
    en: (a) => `The file was not checked because it is too large (${a.size} bytes; the limit is ${a.max}).`,
  },
  fileBinary: {
    ja: () => 'バイナリファイルのため検査しませんでした。',
    en: () => 'The file was not checked because it is binary.',
  },
  fileEncoding: {
    ja: (a) => `文字コードが UTF-8 ではありません(${a.detail})。UTF-8 で保存してください。`,
    en: (a) => `The file is not valid UTF-8 (${a.detail}). Save it as UTF-8.`,
  },
  xlsxNeedsOutput: {
    ja: () => '--format xlsx には書き出すファイルの指定(--output FILE.xlsx)が必要です。表を標準出力に出すには --format csv を使ってください。',
    en: () => '--format xlsx needs a file to write to (--output FILE.xlsx); use --format csv to print the table to standard output.',
  },
  fileEncodingUtf16: {
    ja: (a) => `${a.detail} のファイルに不正な文字(対になっていないサロゲートなど)があるため検査しませんでした。UTF-8 で保存し直してください。`,
    en: (a) => `The file was not checked: it is ${a.detail} but contains an invalid character (such as a lone surrogate). Save it again as UTF-8.`,
  },
} satisfies Record<string, Record<Locale, Template>>;

export type MessageId = keyof typeof MESSAGES;

export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(MESSAGES, id);
}

export function formatMessage(id: string, args: Args | undefined, locale: Locale): string {
  if (!isMessageId(id)) return id;
  return (MESSAGES[id][locale] as Template)(localiseArgs(args, locale));
}

/** Picks the locale's text of bilingual arguments and expands `@messageId` references. */
function localiseArgs(args: Args | undefined, locale: Locale): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(args ?? {})) {
    if (typeof v === 'object') out[k] = pickText(v, locale);
    else if (typeof v === 'string' && v.startsWith('@') && isMessageId(v.slice(1))) out[k] = formatMessage(v.slice(1), {}, locale);
    else out[k] = v;
  }
  return out;
}

export function pickText(text: { ja?: string; en?: string } | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'ja' ? text.ja ?? text.en : text.en ?? text.ja) ?? '';
}
