// What each rule is about, in both languages: the rule metadata of SARIF logs and the legends of
// the reviewer reports. The wording follows docs/rules/README.md.
import type { LocalText } from '../model.js';
import { RULES, RULE_CODES, type RuleCode } from '../rules.js';
import { registerTexts } from '../texts.js';

interface RuleText {
  title: Required<LocalText>;
  /** What to do about it, one sentence. */
  fix: Required<LocalText>;
}

export const RULE_TEXT: Record<RuleCode, RuleText> = registerTexts('ruleTexts', {
  'uncovered-control': {
    title: { ja: '必須の管理策が、分野のどの対策でも対応されておらず、適用除外もされていない', en: 'A required baseline control is neither covered by a measure of the sector nor exempted' },
    fix: { ja: '管理策に対応する対策を追加するか、リスクに基づく理由を付けて適用除外してください。', en: 'Add a measure that covers the control, or exempt it with a risk-based rationale.' },
  },
  'unknown-control': {
    title: { ja: '対応付け・covers・適用除外が、カタログにない管理策 ID を指している', en: 'A marker, covers entry or exemption names a control id that is not in the catalog' },
    fix: { ja: 'カタログにある管理策 ID に直してください。', en: 'Use a control id of the catalog.' },
  },
  'withdrawn-control': {
    title: { ja: '廃止された管理策を参照している', en: 'A withdrawn control is referenced' },
    fix: { ja: '後継の管理策(replacedBy)に置き換えてください。', en: 'Replace it with its successor (replacedBy).' },
  },
  'unknown-csf': {
    title: { ja: 'NIST CSF 2.0 にない識別子(CSF 1.1 の PR.AC-1 など)', en: 'A CSF id that is not in NIST CSF 2.0 (e.g. the CSF 1.1 id PR.AC-1)' },
    fix: { ja: 'NIST CSF 2.0 の識別子に置き換えてください。', en: 'Use a NIST CSF 2.0 identifier.' },
  },
  'unknown-baseline': {
    title: { ja: 'baseline: が読み込まれていないカタログ又は版を指している', en: 'baseline: names no loaded catalog, or a version that is not loaded' },
    fix: { ja: '読み込まれているカタログの ID と版を指定してください。', en: 'Name a loaded catalog id and version.' },
  },
  'exemption-without-rationale': {
    title: { ja: '適用除外に理由がない、又は理由が最小文字数より短い', en: 'An exemption has no rationale, or one shorter than the minimum' },
    fix: { ja: 'リスクに基づく適用除外の理由を記述してください。', en: 'Write the risk-based rationale of the exemption.' },
  },
  'exemption-not-allowed': {
    title: { ja: 'exemptable: false の管理策を適用除外している', en: 'An exemption of a control marked exemptable: false' },
    fix: { ja: '適用除外をやめ、対策を定めてください。', en: 'Remove the exemption and add a measure.' },
  },
  'exemption-expired': {
    title: { ja: '適用除外の見直し期限(review)を過ぎている', en: 'An exemption is past its review date' },
    fix: { ja: '適用除外を見直し、新しい期限を記入してください。', en: 'Review the exemption and set a new review date.' },
  },
  'covered-and-exempted': {
    title: { ja: '同じ管理策が、対応済みであり、かつ適用除外もされている', en: 'A control is both covered and exempted' },
    fix: { ja: '不要になった適用除外を削除してください。', en: 'Remove the exemption that is no longer needed.' },
  },
  'unknown-measure': {
    title: { ja: '代替策(compensating)が、分野のどのファイルにも定義されていない対策を指している', en: 'compensating names a measure id that no file of the sector defines' },
    fix: { ja: '分野で定義されている対策 ID を指定してください。', en: 'Name a measure defined by the sector.' },
  },
  'duplicate-id': {
    title: { ja: '分野の中の対策、又はカタログの中の管理策で ID が重複している', en: 'Two measures of one sector, or two controls of one catalog, share an id' },
    fix: { ja: 'ID が一意になるように振り直してください。', en: 'Give each one its own id.' },
  },
  schema: {
    title: { ja: 'フロントマター・安全基準等・カタログ・kijun.yaml が JSON Schema に合わない', en: 'Front matter, a standard, a catalog or kijun.yaml does not match its JSON Schema' },
    fix: { ja: 'スキーマに合うように項目を直してください。', en: 'Fix the entry so that it matches the schema.' },
  },
  syntax: {
    title: { ja: 'YAML(又はフロントマター)を読み取れない', en: 'The YAML (or front matter) cannot be parsed' },
    fix: { ja: 'YAML の構文を直してください。', en: 'Fix the YAML syntax.' },
  },
  'weak-coverage': {
    title: { ja: '必須の管理策が、推奨の強さの対策だけで対応されている', en: 'A required control is covered only by measures of recommended strength' },
    fix: { ja: '対策を義務の表現(〜しなければならない等)で記述してください。', en: 'Word a covering measure as an obligation (shall, must).' },
  },
  'csf-gap': {
    title: { ja: 'カタログが対応付けていない NIST CSF 2.0 のサブカテゴリがある', en: 'The catalog maps no control to some NIST CSF 2.0 subcategories' },
    fix: { ja: 'サブカテゴリに対応する管理策をカタログに加えてください。', en: 'Map a control of the catalog to each subcategory.' },
  },
  'control-without-csf': {
    title: { ja: '管理策に NIST CSF 2.0 への対応付け(csf)がない', en: 'A control maps to no NIST CSF 2.0 element' },
    fix: { ja: '管理策の csf に NIST CSF 2.0 の識別子を記入してください。', en: 'List the NIST CSF 2.0 ids of the control under csf.' },
  },
  'unknown-sector': {
    title: { ja: 'sector: が重要インフラ分野の一覧にない', en: 'sector: is not a known critical-infrastructure sector' },
    fix: { ja: '分野 ID を直すか、kijun.yaml の sectors に追加してください。', en: 'Fix the sector id, or add it under sectors in kijun.yaml.' },
  },
  'outdated-baseline': {
    title: { ja: '固定した版より新しいカタログの版が読み込まれている', en: 'A newer version of the pinned baseline is loaded' },
    fix: { ja: '新しい版への移行を検討してください(kijun diff で差分を確認できます)。', en: 'Consider moving to the newer version (kijun diff shows what changes).' },
  },
  'planned-coverage': {
    title: { ja: '必須の管理策が、まだ施行されていない対策だけで対応されている', en: 'A required control is covered only by measures not yet in effect' },
    fix: { ja: '施行日までの経過的な対策を定めるか、施行日を見直してください(kijun check --as-of で施行後の状態を確認できます)。', en: 'Add a transitional measure until the date, or revisit the date (kijun check --as-of shows the standard as it will be).' },
  },
  'orphan-marker': {
    title: { ja: '対応マーカーがどの対策の節にもなく、何にも対応しない', en: 'A coverage marker is outside every measure\'s section and covers nothing' },
    fix: { ja: 'マーカーを対策の見出しの下に移すか、見出しに対策ラベル(第N条 など)を付けてください。', en: 'Move the marker under a measure heading, or give its heading a measure label (such as 第N条).' },
  },
  'marker-syntax': {
    title: { ja: '対応マーカーの中に管理策 ID として読めない語がある', en: 'A token in a coverage marker is not a control id' },
    fix: { ja: '管理策 ID に直すか、説明はマーカーの行の外に書いてください。', en: 'Write it as a control id, or move the explanation out of the marker line.' },
  },
});

export interface RuleInfo {
  code: RuleCode;
  defaultSeverity: (typeof RULES)[RuleCode];
  title: Required<LocalText>;
  fix: Required<LocalText>;
}

export function ruleInfos(): RuleInfo[] {
  return RULE_CODES.map((code) => ({ code, defaultSeverity: RULES[code], ...RULE_TEXT[code] }));
}
