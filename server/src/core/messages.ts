// Every user-visible message of the core, in both languages. Kept as typed functions rather
// than l10n bundles so that a missing translation or argument is a compile error: a message's
// arguments are the type its `ja` function is annotated with (`A<'required', 'optional'>`), and
// `Finding.message` is a MessageId. A new entry without an annotation still compiles but takes
// any arguments; test/unit/messageCatalog.test.ts checks that ja and en read the same ones.
import type { LocalText, Locale } from './locale.js';

/** What a caller may pass for an argument: text, a number, bilingual text or `@messageId`. */
export type ArgValue = string | number | LocalText;
type Plain = Record<string, string | number>;
/** The arguments a template reads: required names first, optional ones (read as `a.x ? …`) second. */
type A<Required extends string, Optional extends string = never> = { [K in Required]: string | number } & { [K in Optional]?: string | number };
// Method syntax makes the parameter bivariant, so an entry may annotate a narrower parameter
// (A<...>) while an unannotated one is still contextually typed.
type Template = { template(a: Plain): string }['template'];

const MESSAGES = {
  uncoveredControl: {
    ja: (a: A<'control' | 'title' | 'level' | 'sector'>) => `ベースライン管理策 ${a.control}「${a.title}」(レベル ${a.level})が、分野「${a.sector}」のどの対策でも対応されておらず、適用除外もされていません。`,
    en: (a) => `Baseline control ${a.control} "${a.title}" (level ${a.level}) is not covered by any measure of sector "${a.sector}" and is not exempted.`,
  },
  uncoveredControlScoped: {
    ja: (a: A<'control' | 'title' | 'level' | 'sector' | 'scope'>) => `ベースライン管理策 ${a.control}「${a.title}」(レベル ${a.level})は、分野「${a.sector}」の適用範囲のうち ${a.scope} で対応も適用除外もされていません。`,
    en: (a) => `Baseline control ${a.control} "${a.title}" (level ${a.level}) is neither covered nor exempted in ${a.scope} of sector "${a.sector}".`,
  },
  uncoveredControlUnsoundExemption: {
    ja: (a: A<'control' | 'title' | 'level' | 'sector' | 'reason'>) => `ベースライン管理策 ${a.control}「${a.title}」(レベル ${a.level})は、分野「${a.sector}」のどの対策でも対応されていません。適用除外が書かれていますが、${a.reason}ため、適用除外として数えません。`,
    en: (a) => `Baseline control ${a.control} "${a.title}" (level ${a.level}) is not covered by any measure of sector "${a.sector}". Its exemption does not count because ${a.reason}.`,
  },
  reasonNotExemptable: {
    ja: () => 'この管理策は適用除外できない(exemptable: false)',
    en: () => 'the control cannot be exempted (exemptable: false)',
  },
  reasonNoRationale: {
    ja: () => 'リスクに基づく理由(rationale)がない、又は短すぎる',
    en: () => 'its risk-based rationale is missing or too short',
  },
  reasonUnknownMeasure: {
    ja: () => '代替策に、この分野で定義されていない対策が挙げられている',
    en: () => 'it names a compensating measure that this sector does not define',
  },
  reasonInvalidExemption: {
    ja: () => '適用除外の書き方に問題がある(その行の指摘を参照)',
    en: () => 'the exemption itself has a problem (see the finding at it)',
  },
  plannedCoverage: {
    ja: (a: A<'control' | 'title' | 'date' | 'japaneseDate' | 'measures', 'scope'>) => `必須の管理策 ${a.control}「${a.title}」は、${a.date}(${a.japaneseDate})に施行される対策 ${a.measures} でしか対応されていません${a.scope ? `(${a.scope})` : ''}。それまでは未対応です。`,
    en: (a) => `Required control ${a.control} "${a.title}" is covered only by ${a.measures}, which take${a.measures.toString().includes(',') ? '' : 's'} effect on ${a.date} (${a.japaneseDate})${a.scope ? ` in ${a.scope}` : ''}; until then it is not covered.`,
  },
  scopeLineSyntax: {
    ja: (a: A<'text'>) => `適用範囲「${a.text}」を読めません。次元=値(複数の値は , で、複数の次元は ; で区切る。例: network=closed; system=it,ot-general)と書いてください。`,
    en: (a) => `Cannot read the scope "${a.text}". Write dimension=value (values separated by ",", dimensions by ";", e.g. network=closed; system=it,ot-general).`,
  },
  unknownDimension: {
    ja: (a: A<'dimension' | 'catalog' | 'known'>) => `次元 ${a.dimension} はカタログ ${a.catalog} の dimensions にありません(定義済み: ${a.known})。この範囲には何も当てはまりません。`,
    en: (a) => `Dimension ${a.dimension} is not among the dimensions of catalog ${a.catalog} (defined: ${a.known}); this scope matches nothing.`,
  },
  unknownDimensionValue: {
    ja: (a: A<'value' | 'dimension' | 'known'>) => `${a.value} は次元 ${a.dimension} の値ではありません(値: ${a.known})。`,
    en: (a) => `${a.value} is not a value of dimension ${a.dimension} (values: ${a.known}).`,
  },
  effectiveNotDate: {
    ja: (a: A<'value'>) => `施行日「${a.value}」を日付として読めません。2027-04-01 又は 令和9年4月1日 の形で書いてください。`,
    en: (a) => `The effective date "${a.value}" is not a date. Write it as 2027-04-01 or 令和9年4月1日.`,
  },
  effectiveNoSuchDate: {
    ja: (a: A<'value'>) => `施行日 ${a.value} は存在しない日付です。`,
    en: (a) => `The effective date ${a.value} is not a date on the calendar.`,
  },
  scopeTooManyCells: {
    ja: (a: A<'max'>) => `適用範囲の次元と値の組合せが多すぎるため(1管理策あたり ${a.max} 通りを超える)、範囲を限定した対策・適用除外を数えずに判定しました。次元又は値を減らしてください。`,
    en: (a) => `The scopes split a control into more than ${a.max} combinations of dimension values; scoped measures and exemptions were not counted. Use fewer dimensions or values.`,
  },
  badAsOf: {
    ja: (a: A<'value'>) => `--as-of には日付を YYYY-MM-DD の形で指定してください(指定された値: ${a.value})。`,
    en: (a) => `--as-of needs a date in the form YYYY-MM-DD (got ${a.value}).`,
  },
  unknownControl: {
    ja: (a: A<'control' | 'baseline', 'suggestion'>) => `管理策 ${a.control} はベースライン ${a.baseline} にありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}`,
    en: (a) => `Control ${a.control} is not in baseline ${a.baseline}.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
  },
  withdrawnControl: {
    ja: (a: A<'control', 'replacedBy'>) => `管理策 ${a.control} は廃止されています。${a.replacedBy ? `後継の ${a.replacedBy} を参照してください。` : ''}`,
    en: (a) => `Control ${a.control} is withdrawn.${a.replacedBy ? ` Use its successor ${a.replacedBy}.` : ''}`,
  },
  unknownCsf: {
    ja: (a: A<'id', 'suggestion'>) => `${a.id} は NIST CSF 2.0 の識別子ではありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}`,
    en: (a) => `${a.id} is not a NIST CSF 2.0 identifier.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
  },
  withdrawnCsf: {
    ja: (a: A<'id' | 'reason', 'targets'>) => `${a.id} は CSF 1.1 の識別子で、CSF 2.0 では廃止されました(${a.reason})。${a.targets ? `CSF 2.0 では ${a.targets} を参照してください。` : ''}`,
    en: (a) => `${a.id} is a CSF 1.1 identifier withdrawn in CSF 2.0 (${a.reason}).${a.targets ? ` In CSF 2.0 use ${a.targets}.` : ''}`,
  },
  unknownBaseline: {
    ja: (a: A<'baseline', 'known'>) => `ベースライン ${a.baseline} は読み込まれていません。${a.known ? `読み込み済み: ${a.known}` : 'カタログが1つも読み込まれていません。'}`,
    en: (a) => `Baseline ${a.baseline} is not loaded. ${a.known ? `Loaded: ${a.known}` : 'No catalog is loaded.'}`,
  },
  exemptionNoRationale: {
    ja: (a: A<'control' | 'min'>) => `管理策 ${a.control} の適用除外に理由(rationale)がありません。リスクに基づく理由を ${a.min} 文字以上で記述してください。`,
    en: (a) => `The exemption of control ${a.control} has no rationale. Write a risk-based rationale of at least ${a.min} characters.`,
  },
  exemptionShortRationale: {
    ja: (a: A<'control' | 'length' | 'min'>) => `管理策 ${a.control} の適用除外の理由が短すぎます(${a.length} 文字。${a.min} 文字以上必要です)。`,
    en: (a) => `The rationale for exempting control ${a.control} is too short (${a.length} characters; at least ${a.min} are required).`,
  },
  exemptionNotAllowed: {
    ja: (a: A<'control'>) => `管理策 ${a.control} は適用除外できません(exemptable: false)。対策を定めてください。`,
    en: (a) => `Control ${a.control} cannot be exempted (exemptable: false). Add a measure that covers it.`,
  },
  exemptionExpired: {
    ja: (a: A<'control' | 'review'>) => `管理策 ${a.control} の適用除外は見直し期限 ${a.review} を過ぎています。`,
    en: (a) => `The exemption of control ${a.control} is past its review date ${a.review}.`,
  },
  coveredAndExempted: {
    ja: (a: A<'control' | 'measures'>) => `管理策 ${a.control} は対策 ${a.measures} で対応済みですが、適用除外もされています。`,
    en: (a) => `Control ${a.control} is covered by ${a.measures} and also exempted.`,
  },
  unknownMeasure: {
    ja: (a: A<'measure' | 'sector'>) => `代替策 ${a.measure} は分野「${a.sector}」のどのファイルにも定義されていません。`,
    en: (a) => `Compensating measure ${a.measure} is not defined in any file of sector "${a.sector}".`,
  },
  duplicateMeasure: {
    ja: (a: A<'id' | 'sector', 'first'>) => `対策 ID ${a.id} は分野「${a.sector}」で重複しています(最初の定義: ${a.first})。`,
    en: (a) => `Measure id ${a.id} is used more than once in sector "${a.sector}" (first defined in ${a.first}).`,
  },
  duplicateControl: {
    ja: (a: A<'id' | 'catalog', 'first'>) => `管理策 ID ${a.id} はカタログ ${a.catalog} で重複しています(最初の定義: ${a.first})。`,
    en: (a) => `Control id ${a.id} is used more than once in catalog ${a.catalog} (first defined in ${a.first}).`,
  },
  duplicateCatalog: {
    ja: (a: A<'catalog', 'first'>) => `カタログ ${a.catalog} は ${a.first} でも定義されています。`,
    en: (a) => `Catalog ${a.catalog} is also defined in ${a.first}.`,
  },
  weakCoverage: {
    ja: (a: A<'control' | 'measures'>) => `必須の管理策 ${a.control} は、推奨の強さの対策(${a.measures})でしか対応されていません。義務として定めるか(「しなければならない」等)、Strength: required を宣言してください。`,
    en: (a) => `Required control ${a.control} is covered only by recommended-strength measures (${a.measures}). State it as an obligation ("shall", 「しなければならない」) or declare Strength: required.`,
  },
  csfGap: {
    ja: (a: A<'count' | 'total' | 'ids'>) => `このベースラインは NIST CSF 2.0 のサブカテゴリ ${a.count} 件(全 ${a.total} 件中)にまだ対応付けられていません: ${a.ids}`,
    en: (a) => `This baseline does not yet map ${a.count} of the ${a.total} NIST CSF 2.0 subcategories: ${a.ids}`,
  },
  controlWithoutCsf: {
    ja: (a: A<'control'>) => `管理策 ${a.control} に NIST CSF 2.0 への対応付け(csf)がありません。`,
    en: (a) => `Control ${a.control} maps to no NIST CSF 2.0 element (csf is empty).`,
  },
  unknownSector: {
    ja: (a: A<'sector', 'suggestion'>) => `分野 ID ${a.sector} は重要インフラ分野の一覧にありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}kijun.yaml の sectors で追加できます。`,
    en: (a) => `Sector id ${a.sector} is not a known critical-infrastructure sector.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''} Add it under sectors in kijun.yaml.`,
  },
  outdatedBaseline: {
    ja: (a: A<'newer' | 'added' | 'withdrawn' | 'relevelled' | 'remapped' | 'reworded' | 'mustAdd' | 'revisit'>) => `新しい版 ${a.newer} が読み込まれています(追加 ${a.added}、廃止 ${a.withdrawn}、レベル変更 ${a.relevelled}、CSF 対応変更 ${a.remapped}、文言変更 ${a.reworded})。移行すると、この分野で新たに対応が必要な管理策: ${a.mustAdd}。見直しが必要な管理策: ${a.revisit}。`,
    en: (a) => `A newer version ${a.newer} is loaded (added ${a.added}, withdrawn ${a.withdrawn}, re-levelled ${a.relevelled}, re-mapped ${a.remapped}, reworded ${a.reworded}). Moving to it, this sector must add: ${a.mustAdd}; and revisit: ${a.revisit}.`,
  },
  jsonSyntax: {
    ja: (a: A<'detail'>) => `JSON の構文エラー: ${a.detail}`,
    en: (a) => `JSON syntax error: ${a.detail}`,
  },
  xmlSyntax: {
    ja: (a: A<'detail'>) => `XML の構文エラー: ${a.detail}`,
    en: (a) => `XML syntax error: ${a.detail}`,
  },
  oscalNotCatalog: {
    ja: () => 'このファイルはカタログとして設定されていますが、OSCAL カタログ(http://csrc.nist.gov/ns/oscal/1.0 名前空間の <catalog>)ではありません。',
    en: () => 'This file is configured as a catalog but is not an OSCAL catalog (a <catalog> in the http://csrc.nist.gov/ns/oscal/1.0 namespace).',
  },
  oscalProfileNotCatalog: {
    ja: () => 'これは OSCAL プロファイルで、カタログではありません。ベースラインにするには、プロファイルを解決したカタログ(解決済みプロファイルカタログ)を指定してください。プロファイルは kijun.yaml の oscal[].levels.profiles でレベルの指定に使えます。',
    en: () => 'This is an OSCAL profile, not a catalog. Name its resolved profile catalog as the baseline; a profile can give levels under oscal[].levels.profiles in kijun.yaml.',
  },
  oscalUnknownResource: {
    ja: (a: A<'href'>) => `リンク ${a.href} の参照先のリソースが back-matter にありません。`,
    en: (a) => `Link ${a.href} points to no resource in the back-matter.`,
  },
  oscalUnknownParam: {
    ja: (a: A<'param'>) => `パラメータ ${a.param} は定義されていません(insert の参照先がありません)。`,
    en: (a) => `Parameter ${a.param} is not defined (the insert points nowhere).`,
  },
  oscalSettingNotOscal: {
    ja: (a: A<'index'>) => `kijun.yaml の oscal[${a.index}] はこのファイルを指していますが、このファイルは OSCAL カタログではありません。`,
    en: (a) => `kijun.yaml oscal[${a.index}] names this file, but it is not an OSCAL catalog.`,
  },
  oscalSettingUnknownControl: {
    ja: (a: A<'source' | 'control'>) => `${a.source} がレベルを指定している管理策 ${a.control} はこのカタログにありません。`,
    en: (a) => `${a.source} gives a level to control ${a.control}, which is not in this catalog.`,
  },
  oscalPathMissing: {
    ja: (a: A<'index' | 'path'>) => `kijun.yaml の oscal[${a.index}].path ${a.path} がありません。`,
    en: (a) => `kijun.yaml oscal[${a.index}].path ${a.path} does not exist.`,
  },
  pathOutsideWorkspace: {
    ja: (a: A<'path'>) => `${a.path} はワークスペースの外を指しているため読み込みません(信頼されていないワークスペース)。ワークスペースを信頼するか、ワークスペース内のパスを指定してください。`,
    en: (a) => `${a.path} points outside the workspace and is not read (the workspace is not trusted). Trust the workspace or name a path inside it.`,
  },
  oscalProfileUnreadable: {
    ja: (a: A<'profile' | 'detail'>) => `プロファイル ${a.profile} を読めません: ${a.detail}`,
    en: (a) => `Profile ${a.profile} cannot be read: ${a.detail}`,
  },
  functionNotDeclared: {
    ja: (a: A<'path' | 'value' | 'allowed'>) => `${a.path} の値 ${a.value} は、このカタログの functions に宣言されていません(${a.allowed})。`,
    en: (a) => `${a.path} value ${a.value} is not declared under this catalog's functions (${a.allowed}).`,
  },
  syntax: {
    ja: (a: A<'detail'>) => `YAML の構文エラーです(YAML パーサーの英語の説明: ${a.detail})。`,
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
    ja: () => 'Markdown で書く安全基準等には、kind: standard を含む YAML フロントマターが必要です。',
    en: () => 'A standard in Markdown needs YAML front matter with kind: standard.',
  },
  wrongKind: {
    ja: (a: A<'expected' | 'actual'>) => `このファイルは ${a.expected} として設定されていますが、kind が ${a.actual} です。`,
    en: (a) => `This file is configured as a ${a.expected} but its kind is ${a.actual}.`,
  },
  schemaRequired: {
    ja: (a: A<'key'>) => `必須のキー ${a.key} がありません。`,
    en: (a) => `Missing required key ${a.key}.`,
  },
  schemaAdditional: {
    ja: (a: A<'key', 'hint' | 'suggestion'>) => `キー ${a.key} は使えません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}${a.hint ? a.hint : ''}`,
    en: (a) => `Key ${a.key} is not allowed.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}${a.hint ? ' ' + a.hint : ''}`,
  },
  schemaXHint: {
    ja: () => '独自のキーは x- で始まる名前にしてください。',
    en: () => 'Custom keys must start with x-.',
  },
  schemaType: {
    ja: (a: A<'path' | 'type'>) => `${a.path} の型が違います(${a.type} が必要です)。`,
    en: (a) => `${a.path} has the wrong type (expected ${a.type}).`,
  },
  schemaPattern: {
    ja: (a: A<'path' | 'value' | 'what'>) => `${a.path} の値 ${a.value} は形式に合いません(${a.what})。`,
    en: (a) => `${a.path} value ${a.value} does not have the expected form (${a.what}).`,
  },
  schemaMinimum: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} は ${a.limit} 以上でなければなりません。`,
    en: (a) => `${a.path} must be at least ${a.limit}.`,
  },
  schemaAbove: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} は ${a.limit} より大きくなければなりません。`,
    en: (a) => `${a.path} must be greater than ${a.limit}.`,
  },
  schemaMaximum: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} は ${a.limit} 以下でなければなりません。`,
    en: (a) => `${a.path} must be at most ${a.limit}.`,
  },
  schemaBelow: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} は ${a.limit} より小さくなければなりません。`,
    en: (a) => `${a.path} must be less than ${a.limit}.`,
  },
  schemaEmpty: {
    ja: (a: A<'path'>) => `${a.path} を空にすることはできません。`,
    en: (a) => `${a.path} must not be empty.`,
  },
  schemaTooFew: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} には少なくとも ${a.limit} 個の要素が必要です。`,
    en: (a) => `${a.path} needs at least ${a.limit} entries.`,
  },
  schemaDuplicateItems: {
    ja: (a: A<'path'>) => `${a.path} に同じ値が重複しています。`,
    en: (a) => `${a.path} lists the same value more than once.`,
  },
  schemaNoSuchDate: {
    ja: (a: A<'value'>) => `見直し期限 ${a.value} は存在しない日付です。`,
    en: (a) => `The review date ${a.value} is not a date on the calendar.`,
  },
  schemaEnum: {
    ja: (a: A<'path' | 'allowed'>) => `${a.path} の値は ${a.allowed} のいずれかでなければなりません。`,
    en: (a) => `${a.path} must be one of ${a.allowed}.`,
  },
  schemaOther: {
    ja: (a: A<'path' | 'detail'>) => `${a.path} がスキーマに合いません(検証器の英語の説明: ${a.detail})。`,
    en: (a) => `${a.path} does not match the schema (the validator says: ${a.detail}).`,
  },
  schemaTooLong: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} は ${a.limit} 文字以下でなければなりません。`,
    en: (a) => `${a.path} must be at most ${a.limit} characters long.`,
  },
  schemaTooMany: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} の要素は ${a.limit} 個までです。`,
    en: (a) => `${a.path} may have at most ${a.limit} entries.`,
  },
  schemaFormat: {
    ja: (a: A<'path' | 'format'>) => `${a.path} の値が ${a.format} の形式ではありません。`,
    en: (a) => `${a.path} is not in the ${a.format} format.`,
  },
  schemaMultipleOf: {
    ja: (a: A<'path' | 'limit'>) => `${a.path} は ${a.limit} の倍数でなければなりません。`,
    en: (a) => `${a.path} must be a multiple of ${a.limit}.`,
  },
  schemaPropertyName: {
    ja: (a: A<'path' | 'key'>) => `${a.path} のキー ${a.key} は名前の形式に合いません。`,
    en: (a) => `Key ${a.key} of ${a.path} does not have the expected form of a name.`,
  },
  schemaNotAllowed: {
    ja: (a: A<'path'>) => `${a.path} はここには書けません。`,
    en: (a) => `${a.path} is not allowed here.`,
  },
  yamlAliasProps: {
    ja: () => 'YAML の構文エラー: エイリアス(*名前)にはアンカーやタグを付けられません。',
    en: () => 'YAML syntax error: An alias (*name) cannot have an anchor or a tag.',
  },
  yamlBadAlias: {
    ja: () => 'YAML の構文エラー: エイリアスの参照先のアンカー(&名前)が、これより前に定義されていません。',
    en: () => 'YAML syntax error: The alias refers to no anchor (&name) defined before it.',
  },
  yamlBadDirective: {
    ja: () => 'YAML の構文エラー: % で始まる行(YAML のディレクティブ)を読めません。',
    en: () => 'YAML syntax error: The line starting with % (a YAML directive) cannot be read.',
  },
  yamlBadDqEscape: {
    ja: () => 'YAML の構文エラー: 二重引用符の文字列に、使えないエスケープ(\\ の後の文字)があります。',
    en: () => 'YAML syntax error: The double-quoted text has an escape (the character after \\) that does not exist.',
  },
  yamlBadIndent: {
    ja: () => 'YAML の構文エラー: 字下げが合いません。同じ階層の項目は同じ桁から書き始めてください。',
    en: () => 'YAML syntax error: The indentation does not match: start entries of the same level in the same column.',
  },
  yamlBadPropOrder: {
    ja: () => 'YAML の構文エラー: アンカー(&)とタグ(!)は値の前に書いてください。',
    en: () => 'YAML syntax error: Write the anchor (&) and the tag (!) before the value.',
  },
  yamlBadScalarStart: {
    ja: () => 'YAML の構文エラー: 値をこの文字(@ や ` など)で始めることはできません。値を引用符で囲んでください。',
    en: () => 'YAML syntax error: A value cannot start with this character (such as @ or `); put the value in quotes.',
  },
  yamlBlockAsImplicitKey: {
    ja: () => 'YAML の構文エラー: 複数行にわたる値はキーにできません。',
    en: () => 'YAML syntax error: A value over several lines cannot be a key.',
  },
  yamlBlockInFlow: {
    ja: () => 'YAML の構文エラー: [ ] や { } の中には、字下げで書くリストや対応付けを書けません。',
    en: () => 'YAML syntax error: Inside [ ] or { }, an indented list or mapping cannot be written.',
  },
  yamlDuplicateKey: {
    ja: () => 'YAML の構文エラー: 同じキーが2回書かれています。キーは1つの対応付けの中で1回だけ書いてください。',
    en: () => 'YAML syntax error: The same key is written twice; a key may appear once in a mapping.',
  },
  yamlImpossible: {
    ja: () => 'YAML の構文エラー: YAML を読む途中で内部エラーが起きました。',
    en: () => 'YAML syntax error: An internal error occurred while reading the YAML.',
  },
  yamlKeyOver1024Chars: {
    ja: () => 'YAML の構文エラー: キーが長すぎます(1024 文字まで)。',
    en: () => 'YAML syntax error: The key is too long (at most 1024 characters).',
  },
  yamlMissingChar: {
    ja: () => 'YAML の構文エラー: 必要な文字(閉じ括弧、閉じ引用符、区切りの , や : など)がありません。',
    en: () => 'YAML syntax error: A required character (a closing bracket or quote, or a separating , or :) is missing.',
  },
  yamlMultilineImplicitKey: {
    ja: () => 'YAML の構文エラー: キーとその後の : は同じ行に書いてください。',
    en: () => 'YAML syntax error: Write a key and the : after it on the same line.',
  },
  yamlMultipleAnchors: {
    ja: () => 'YAML の構文エラー: 1つの値にアンカー(&)が2つ以上あります。',
    en: () => 'YAML syntax error: A value has more than one anchor (&).',
  },
  yamlMultipleDocs: {
    ja: () => 'YAML の構文エラー: 1つのファイルに YAML の文書が2つ以上あります(--- で区切られています)。1つにまとめてください。',
    en: () => 'YAML syntax error: The file holds more than one YAML document (separated by ---); keep one.',
  },
  yamlMultipleTags: {
    ja: () => 'YAML の構文エラー: 1つの値にタグ(!)が2つ以上あります。',
    en: () => 'YAML syntax error: A value has more than one tag (!).',
  },
  yamlNonStringKey: {
    ja: () => 'YAML の構文エラー: キーには文字列を使ってください(リストや対応付けはキーにできません)。',
    en: () => 'YAML syntax error: Use text as a key (a list or mapping cannot be a key).',
  },
  yamlResourceExhaustion: {
    ja: () => 'YAML の構文エラー: YAML のエイリアス展開が多すぎます(エイリアス爆弾の可能性があります)。',
    en: () => 'YAML syntax error: Too many YAML alias expansions (possible alias bomb).',
  },
  yamlTabAsIndent: {
    ja: () => 'YAML の構文エラー: 字下げにタブ文字は使えません。空白で字下げしてください。',
    en: () => 'YAML syntax error: A tab cannot indent YAML; indent with spaces.',
  },
  yamlTagResolveFailed: {
    ja: () => 'YAML の構文エラー: タグ(!)の付いた値を、その型として読めません。',
    en: () => 'YAML syntax error: The tagged value (!) cannot be read as its type.',
  },
  yamlUnexpectedToken: {
    ja: () => 'YAML の構文エラー: ここには書けない記号や文字があります。',
    en: () => 'YAML syntax error: A symbol or character that cannot appear here.',
  },
  yamlBadCollectionType: {
    ja: () => 'YAML の構文エラー: タグ(!)の型と、リスト・対応付けの種類が合いません。',
    en: () => 'YAML syntax error: The tag (!) does not match the kind of list or mapping.',
  },
  suppressionUnknownRule: {
    ja: (a: A<'rule'>) => `kijun-disable-next-line の「${a.rule}」は規則のコードではないため、何も抑止しません。`,
    en: (a) => `"${a.rule}" in kijun-disable-next-line is not a rule code, so it suppresses nothing.`,
  },
  suppressionNotAllowed: {
    ja: (a: A<'rule'>) => `${a.rule} は抑止できません。根拠のある適用除外(exemptions)だけが、未対応の管理策を外せます。`,
    en: (a) => `${a.rule} cannot be suppressed; only a sound exemption (exemptions) may leave out an uncovered control.`,
  },
  orphanMarker: {
    ja: (a: A<'ids'>) => `この対応マーカー(${a.ids})はどの対策の節にもないため、何にも対応しません。対策ラベル(例: 「第5条」「EL-PR-01」)で始まる見出しの下に置いてください。`,
    en: (a) => `This coverage marker (${a.ids}) is outside every measure's section, so it covers nothing. Put it under a heading that starts with a measure label (such as "第5条" or "EL-PR-01").`,
  },
  orphanMarkerNested: {
    ja: (a: A<'ids'>) => `この対応マーカー(${a.ids})は、リストの項目の中にある見出しの下にあります。リストや引用の中の見出しは対策ではないため、何にも対応しません。`,
    en: (a) => `This coverage marker (${a.ids}) sits under a heading inside a list item. A heading in a list or block quote is not a measure, so the marker covers nothing.`,
  },
  markerSyntax: {
    ja: (a: A<'token'>) => `対応マーカーの「${a.token}」は管理策 ID として読めません。ID は「,」「、」「・」「／」または空白で区切ってください。`,
    en: (a) => `"${a.token}" in this coverage marker is not a control id. Separate ids with ",", "、", "・", "／" or spaces.`,
  },
  labelPatternInvalid: {
    ja: (a: A<'pattern' | 'detail'>) => `measureLabels の正規表現「${a.pattern}」を解釈できません(${a.detail})。`,
    en: (a) => `The measureLabels regular expression "${a.pattern}" does not compile (${a.detail}).`,
  },
  labelPatternEmpty: {
    ja: (a: A<'pattern'>) => `measureLabels の正規表現「${a.pattern}」は空の文字列に一致するため、ラベルになりません。`,
    en: (a) => `The measureLabels regular expression "${a.pattern}" matches empty text, so it cannot be a label.`,
  },
  labelPatternBacktracks: {
    ja: (a: A<'pattern'>) => `measureLabels の正規表現「${a.pattern}」は、繰り返しの中に繰り返しや選択があり、見出しによっては処理が終わらないおそれがあるため使えません。入れ子の繰り返しを外してください。`,
    en: (a) => `The measureLabels regular expression "${a.pattern}" repeats a group that itself repeats or alternates, which can take exponential time on some headings; it is not used. Remove the nested repetition.`,
  },
  measureIdNotLabel: {
    ja: (a: A<'id' | 'forms'>) => `対策の id「${a.id}」は、この安全基準等のラベル形式(${a.forms})のどれにも当てはまりません。`,
    en: (a) => `Measure id "${a.id}" matches none of this standard's label forms (${a.forms}).`,
  },
  markdownTooDeep: {
    ja: (a: A<'depth' | 'max'>) => `この行はリストまたは引用を ${a.depth} 段入れ子にしています。${a.max} 段を超える部分は通常の文字として読みます。`,
    en: (a) => `This line nests lists or block quotes ${a.depth} deep; beyond ${a.max} levels the rest is read as plain text.`,
  },
  fileUnreadable: {
    ja: (a: A<'detail'>) => `ファイルを読めません: ${a.detail}`,
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
  fileTooLarge: {
    ja: (a: A<'size' | 'max'>) => `ファイルが大きすぎるため検査しませんでした(${a.size} バイト、上限 ${a.max} バイト)。`,
    en: (a) => `The file was not checked because it is too large (${a.size} bytes; the limit is ${a.max}).`,
  },
  fileBinary: {
    ja: () => 'バイナリファイルのため検査しませんでした。',
    en: () => 'The file was not checked because it is binary.',
  },
  fileEncoding: {
    ja: (a: A<'detail'>) => `文字コードが UTF-8 ではありません(${a.detail})。UTF-8 で保存してください。`,
    en: (a) => `The file is not valid UTF-8 (${a.detail}). Save it as UTF-8.`,
  },
  usageHeader: {
    ja: () => '使い方:',
    en: () => 'Usage:',
  },
  usageAliases: {
    ja: () => '--out は --output の別名です。kijun.yaml の locale より --lang が優先されます。',
    en: () => '--out is another name for --output. --lang takes precedence over locale in kijun.yaml.',
  },
  usageUnknownOption: {
    ja: (a: A<'option', 'suggestion'>) => `オプション ${a.option} はありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}`,
    en: (a) => `There is no option ${a.option}.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
  },
  usageMissingValue: {
    ja: (a: A<'option'>) => `オプション ${a.option} には値が必要です。`,
    en: (a) => `Option ${a.option} needs a value.`,
  },
  usageNoValue: {
    ja: (a: A<'option'>) => `オプション ${a.option} は値をとりません。`,
    en: (a) => `Option ${a.option} takes no value.`,
  },
  usageUnexpectedArgument: {
    ja: (a: A<'argument'>) => `引数「${a.argument}」はこのコマンドでは使えません。`,
    en: (a) => `This command takes no argument "${a.argument}".`,
  },
  usageOptionTwice: {
    ja: (a: A<'option'>) => `オプション ${a.option} は1回だけ指定してください。`,
    en: (a) => `Give option ${a.option} once.`,
  },
  usageOther: {
    ja: (a: A<'detail'>) => `コマンドラインを読めません(英語の説明: ${a.detail})。`,
    en: (a) => `The command line cannot be read: ${a.detail}`,
  },
  usageUnknownCommand: {
    ja: (a: A<'command', 'suggestion'>) => `コマンド「${a.command}」はありません。${a.suggestion ? `${a.suggestion} のことですか。` : ''}`,
    en: (a) => `There is no command "${a.command}".${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''}`,
  },
  usageNoCommand: {
    ja: () => 'コマンドを指定してください。',
    en: () => 'Give a command.',
  },
  usageUnknownFormat: {
    ja: (a: A<'format' | 'allowed'>) => `出力形式「${a.format}」はありません(使える形式: ${a.allowed})。`,
    en: (a) => `There is no output format "${a.format}" (formats: ${a.allowed}).`,
  },
  usageUnknownLanguage: {
    ja: (a: A<'lang'>) => `--lang には ja 又は en を指定してください(指定された値: ${a.lang})。`,
    en: (a) => `--lang takes ja or en (got ${a.lang}).`,
  },
  usageMaxWarnings: {
    ja: (a: A<'value'>) => `--max-warnings には 0 以上の整数を指定してください(指定された値: ${a.value})。`,
    en: (a) => `--max-warnings needs a whole number of 0 or more (got ${a.value}).`,
  },
  usageNoSuchPath: {
    ja: (a: A<'path'>) => `ファイル又はフォルダ ${a.path} がありません。`,
    en: (a) => `no such file or folder: ${a.path}`,
  },
  usageConfigNotFound: {
    ja: (a: A<'path'>) => `設定ファイル ${a.path} がありません。`,
    en: (a) => `Configuration not found: ${a.path}`,
  },
  usageDiffArgs: {
    ja: () => 'kijun diff には、比べるカタログのファイルを2つ(旧 新)指定してください。',
    en: () => 'kijun diff needs two catalog files: OLD NEW.',
  },
  usageImportFormat: {
    ja: (a: A<never, 'format'>) => `${a.format ? `取り込む形式「${a.format}」はありません。` : '取り込む形式を指定してください。'}kijun import oscal FILE 又は kijun import docx FILE の形で指定します。`,
    en: (a) => `${a.format ? `There is no import format "${a.format}". ` : 'Give the format to import. '}Write kijun import oscal FILE or kijun import docx FILE.`,
  },
  usageExportFormat: {
    ja: (a: A<never, 'format'>) => `${a.format ? `書き出す形式「${a.format}」はありません。` : '書き出す形式を指定してください。'}使える形式: oscal-mapping、oscal-component、csf-profile`,
    en: (a) => `${a.format ? `There is no export format "${a.format}". ` : 'Give the format to export. '}Formats: oscal-mapping, oscal-component, csf-profile.`,
  },
  usageOneFile: {
    ja: (a: A<'command' | 'what'>) => `kijun ${a.command} には、${a.what}のファイルを1つ指定してください。`,
    en: (a) => `kijun ${a.command} needs one ${a.what} file.`,
  },
  usageOscalCatalogFile: {
    ja: () => 'OSCAL カタログ',
    en: () => 'OSCAL catalog',
  },
  usageWordFile: {
    ja: () => 'Word 文書(.docx)',
    en: () => 'Word (.docx)',
  },
  usageOptionOf: {
    ja: (a: A<'option' | 'command'>) => `オプション ${a.option} は kijun ${a.command} のオプションです。`,
    en: (a) => `Option ${a.option} belongs to kijun ${a.command}.`,
  },
  usageIdForm: {
    ja: (a: A<'option' | 'value'>) => `${a.option} には英小文字、数字及び - だけからなる識別子を指定してください(指定された値: ${a.value})。`,
    en: (a) => `${a.option} takes an identifier of lowercase letters, digits and - (got ${a.value}).`,
  },
  usageBaselineForm: {
    ja: (a: A<'value'>) => `--baseline には ID 又は ID@VERSION の形で指定してください(指定された値: ${a.value})。`,
    en: (a) => `--baseline takes ID or ID@VERSION (got ${a.value}).`,
  },
  usageWholeNumber: {
    ja: (a: A<'option' | 'min' | 'value', 'max'>) => `${a.option} には ${a.min} 以上${a.max ? ` ${a.max} 以下` : ''}の整数を指定してください(指定された値: ${a.value})。`,
    en: (a) => `${a.option} needs a whole number of ${a.min} or more${a.max ? ` and ${a.max} or less` : ''} (got ${a.value}).`,
  },
  usageNoSuchFile: {
    ja: (a: A<'path'>) => `ファイル ${a.path} がありません。`,
    en: (a) => `No such file: ${a.path}`,
  },
  usageOutputIsInput: {
    ja: () => '--output に、取り込む元のファイル自身は指定できません。',
    en: () => '--output must not be the file being imported.',
  },
  outputStandard: {
    ja: () => '(出力)',
    en: () => '(output)',
  },
  wroteImportedStandard: {
    ja: (a: A<'file' | 'count'>) => `${a.file} に書き出しました(対策の見出し ${a.count} 件)。`,
    en: (a) => `Wrote ${a.file} (${a.count} measure heading${a.count === 1 ? '' : 's'}).`,
  },
  wroteImportedCatalog: {
    ja: (a: A<'file' | 'count'>) => `${a.count} 件の管理策を ${a.file} に書き出しました。`,
    en: (a) => `Wrote ${a.count} control${a.count === 1 ? '' : 's'} to ${a.file}.`,
  },
  wroteProfiles: {
    ja: (a: A<'file' | 'count'>) => `${a.count} 分野のプロファイルを ${a.file} に書き出しました。`,
    en: (a) => `Wrote the profiles of ${a.count} sector${a.count === 1 ? '' : 's'} to ${a.file}.`,
  },
  importNotOscalCatalog: {
    ja: () => 'OSCAL カタログではありません。',
    en: () => 'Not an OSCAL catalog.',
  },
  noStandardWithBaseline: {
    ja: (a: A<never, 'sector'>) => `ベースラインが読み込まれた${a.sector ? `分野 ${a.sector} の` : ''}安全基準等がありません。`,
    en: (a) => `No standard${a.sector ? ` of sector ${a.sector}` : ''} with a loaded baseline was found.`,
  },
  noCatalogFound: {
    ja: () => 'カタログ(kind: catalog)が見つかりません。',
    en: () => 'No catalog (kind: catalog) was found.',
  },
  diffNotCatalog: {
    ja: (a: A<'path'>) => `${a.path} はカタログ(kind: catalog で id と version のあるもの)ではありません。`,
    en: (a) => `${a.path} is not a catalog (kind: catalog with id and version).`,
  },
  scaffoldTitle: {
    ja: (a: A<'sector'>) => `${a.sector}分野における安全基準等`,
    en: (a) => `${a.sector}: sector cybersecurity standard`,
  },
  diffNotText: {
    ja: (a: A<'path'>) => `${a.path} は UTF-8 のテキストファイルではありません。`,
    en: (a) => `${a.path} is not a UTF-8 text file.`,
  },
  fixedFile: {
    ja: (a: A<'path' | 'count'>) => `${a.path} の ${a.count} 件を直しました(--fix)。`,
    en: (a) => `Fixed ${a.count} finding(s) in ${a.path} (--fix).`,
  },
  xlsxNeedsOutput: {
    ja: () => '--format xlsx には書き出すファイルの指定(--output FILE.xlsx)が必要です。表を標準出力に出すには --format csv を使ってください。',
    en: () => '--format xlsx needs a file to write to (--output FILE.xlsx); use --format csv to print the table to standard output.',
  },
  fileEncodingUtf16: {
    ja: (a: A<'detail'>) => `${a.detail} のファイルに不正な文字(対になっていないサロゲートなど)があるため検査しませんでした。UTF-8 で保存し直してください。`,
    en: (a) => `The file was not checked: it is ${a.detail} but contains an invalid character (such as a lone surrogate). Save it again as UTF-8.`,
  },
} satisfies Record<string, Record<Locale, Template>>;

export type MessageId = keyof typeof MESSAGES;

export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(MESSAGES, id);
}

type ParamsOf<K extends MessageId> = Parameters<(typeof MESSAGES)[K]['ja']>[0];
/** The arguments message K takes, as a caller passes them (bilingual text allowed). */
export type MessageArgs<K extends MessageId> = ParamsOf<K> extends undefined ? Record<string, never> : { [P in keyof ParamsOf<K>]: ParamsOf<K>[P] | LocalText };
type ArgsField<K extends MessageId> = Record<string, never> extends MessageArgs<K> ? { args?: MessageArgs<K> } : { args: MessageArgs<K> };
/** A message id with its arguments: a misspelt id, a missing or unknown argument does not compile. */
export type MessageRef = { [K in MessageId]: { message: K } & ArgsField<K> }[MessageId];
/** Arguments as stored on a finding whose id is only known at run time. */
export type AnyArgs = Record<string, ArgValue>;

type ArgsParam<K extends MessageId> = Record<string, never> extends MessageArgs<K> ? [args?: MessageArgs<K>] : [args: MessageArgs<K>];

/** The text of message `id` in `locale`; the id and its arguments are checked at compile time. */
export function message<K extends MessageId>(locale: Locale, id: K, ...args: ArgsParam<K>): string {
  return formatMessage(id, args[0] as AnyArgs | undefined, locale);
}

/** The text of a message whose arguments were checked where it was made (a Finding). */
export function formatMessage(id: MessageId, args: AnyArgs | undefined, locale: Locale): string {
  // An id from an older cache or another version is shown as is rather than failing.
  if (!isMessageId(id)) return id;
  return (MESSAGES[id][locale] as Template)(localiseArgs(args, locale));
}

/** Every message id, for tests that render the whole catalog. */
export function messageIds(): MessageId[] {
  return Object.keys(MESSAGES) as MessageId[];
}

/** Renders one language of a message with any arguments (tests: a Proxy that records what is read). */
export function renderRaw(id: MessageId, locale: Locale, args: Plain): string {
  return (MESSAGES[id][locale] as Template)(args);
}

/** Picks the locale's text of bilingual arguments and expands `@messageId` references. */
function localiseArgs(args: AnyArgs | undefined, locale: Locale): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(args ?? {})) {
    const ref = typeof v === 'string' && v.startsWith('@') ? v.slice(1) : '';
    if (typeof v === 'object') out[k] = pickText(v, locale);
    else if (isMessageId(ref)) out[k] = formatMessage(ref, {}, locale);
    else out[k] = v;
  }
  return out;
}

export function pickText(text: { ja?: string; en?: string } | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'ja' ? text.ja ?? text.en : text.en ?? text.ja) ?? '';
}
