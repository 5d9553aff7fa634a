// Words of the CI and review formats, in both languages. Functions rather than templates so that
// a missing translation or argument is a compile error.
import type { Locale } from '../model.js';
import type { CellState, ReviewStatus } from './reviewModel.js';
import { registerTexts } from '../texts.js';

const ja = {
  reportTitle: 'Kijun 対応状況レポート',
  summaryTitle: 'Kijun: ベースライン対応状況',
  generated: (date: string, version: string) => `${date} 作成(Kijun ${version})`,
  counts: (e: number, w: number, i: number, f: number) => `エラー ${e} 件、警告 ${w} 件、情報 ${i} 件(${f} ファイル)`,
  chip: { error: (_n: number) => 'エラー', warning: (_n: number) => '警告', info: (_n: number) => '情報', files: (_n: number) => 'ファイル' } as Record<'error' | 'warning' | 'info' | 'files', (n: number) => string>,
  severity: { error: 'エラー', warning: '警告', info: '情報', off: '無効' } as Record<string, string>,
  sector: '分野', standard: '安全基準等', baseline: 'ベースライン', level: 'レベル', required: '必須', covered: '対応済', exempted: '適用除外', uncovered: '未対応', percent: '対応率',
  control: '管理策', func: 'CSF 機能', sectors: '分野', location: '場所', message: 'メッセージ', code: 'コード', file: 'ファイル',
  levelN: (n: number) => `レベル ${n}`,
  catalog: 'カタログ',
  contents: '目次',
  sectorCoverage: '分野別の対応状況',
  functionCoverage: 'CSF 機能別の対応状況',
  matrix: '分野横断マトリクス',
  matrixNote: '行はベースラインの管理策(CSF 機能ごと)、列は分野です。分野のレベルを超える管理策は必須ではありません。',
  exemptions: '適用除外',
  findings: '指摘事項',
  uncoveredByFunction: '未対応の管理策(CSF 機能別)',
  exemptionsToReview: '確認が必要な適用除外',
  noStandards: '対応状況を計算できる安全基準等がありません。',
  noUncovered: '未対応の管理策はありません。',
  noExemptions: '適用除外はありません。',
  noExemptionIssues: '不備のある適用除外、見直し期限が近い又は過ぎた適用除外はありません。',
  noFindings: '指摘事項はありません。',
  unresolved: (sector: string, baseline: string) => `分野「${sector}」のベースライン ${baseline} は読み込まれていないため、対応状況を計算していません。`,
  more: (n: number) => `ほか ${n} 件`,
  rationale: '理由', compensating: '代替策', review: '見直し期限', status: '状態',
  state: { covered: '対応済', exempted: '適用除外', uncovered: '未対応', unsound: '未対応(適用除外に不備)', notRequired: '対象外(レベル外)' } as Record<CellState | 'notRequired', string>,
  weak: '推奨の強さの対策のみ',
  sound: '有効', unsound: '不備あり',
  reviewStatus: {
    none: '期限なし', ok: '期限内', due: '期限間近', expired: '期限切れ',
  } as Record<ReviewStatus, string>,
  days: (n: number) => (n < 0 ? `${-n} 日超過` : `あと ${n} 日`),
  redundant: '対応済みのため不要',
  measures: '対策',
  severityHeader: '重大度',
  notExemptable: '除外不可',
  legend: '凡例',
  total: '全体',
  secondFloor: (n: number) => `分野固有の対策 ${n} 件`,
  secondFloorTitle: '分野固有の対策(ベースライン管理策に対応しない対策)',
  noSecondFloor: '分野固有の対策はありません。',
  count: '件数',
  requirementPassed: '対応済',
  filePassed: '指摘なし',
  junitFiles: 'ファイル',
  junitCoverage: (name: string, id: string, baseline: string, level: number) => `対応状況: ${name === id ? id : `${name}(${id})`} ${baseline} レベル ${level}`,
  failureSummary: (n: number) => `エラー ${n} 件`,
  exemptedBecause: (rationale: string) => `適用除外: ${rationale}`,
  coveredBy: (ids: string) => `対応する対策: ${ids}`,
  uncoveredNote: (severity: string) => `未対応(uncovered-control の重大度: ${severity})`,
  csfLink: 'NIST CSF 2.0',
  framework: 'NIST サイバーセキュリティフレームワーク(CSF)2.0',
  printNote: 'このページは外部のファイルやネットワークを使いません。ブラウザーの印刷機能で PDF に保存できます。',
} as const;

type Ui = { [K in keyof typeof ja]: (typeof ja)[K] extends (...args: infer A) => string ? (...args: A) => string : (typeof ja)[K] extends string ? string : (typeof ja)[K] };

const en: Ui = {
  reportTitle: 'Kijun coverage report',
  summaryTitle: 'Kijun: baseline coverage',
  generated: (date, version) => `Generated ${date} by Kijun ${version}`,
  counts: (e, w, i, f) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info in ${f} file${f === 1 ? '' : 's'}`,
  chip: {
    error: (n) => (n === 1 ? 'error' : 'errors'), warning: (n) => (n === 1 ? 'warning' : 'warnings'), info: () => 'info', files: (n) => (n === 1 ? 'file' : 'files'),
  },
  severity: { error: 'error', warning: 'warning', info: 'info', off: 'off' },
  sector: 'Sector', standard: 'Standard', baseline: 'Baseline', level: 'Level', required: 'Required', covered: 'Covered', exempted: 'Exempt', uncovered: 'Uncovered', percent: 'Done',
  control: 'Control', func: 'CSF function', sectors: 'Sectors', location: 'Location', message: 'Message', code: 'Code', file: 'File',
  levelN: (n) => `Level ${n}`,
  catalog: 'Catalog',
  contents: 'Contents',
  sectorCoverage: 'Coverage per sector',
  functionCoverage: 'Coverage per CSF function',
  matrix: 'Cross-sector matrix',
  matrixNote: 'Rows are the baseline controls, grouped by CSF function; columns are sectors. Controls above a sector\'s level are not required of it.',
  exemptions: 'Exemptions',
  findings: 'Findings',
  uncoveredByFunction: 'Uncovered controls by CSF function',
  exemptionsToReview: 'Exemptions to look at',
  noStandards: 'No standard with a loaded baseline was found.',
  noUncovered: 'No control is uncovered.',
  noExemptions: 'No exemptions.',
  noExemptionIssues: 'No unsound exemption, and none is due for review or past it.',
  noFindings: 'No findings.',
  unresolved: (sector, baseline) => `Sector "${sector}" names baseline ${baseline}, which is not loaded: its coverage is not computed.`,
  more: (n) => `and ${n} more`,
  rationale: 'Rationale', compensating: 'Compensating', review: 'Review by', status: 'Status',
  state: { covered: 'covered', exempted: 'exempt', uncovered: 'uncovered', unsound: 'uncovered (unsound exemption)', notRequired: 'not required (above level)' },
  weak: 'only recommended-strength measures',
  sound: 'sound', unsound: 'unsound',
  reviewStatus: { none: 'no date', ok: 'in date', due: 'due soon', expired: 'expired' },
  days: (n) => (n < 0 ? `${-n} days over` : `${n} days left`),
  redundant: 'redundant: the control is covered',
  measures: 'Measures',
  severityHeader: 'Severity',
  notExemptable: 'not exemptable',
  legend: 'Legend',
  total: 'All',
  secondFloor: (n) => `${n} sector-specific measure${n === 1 ? '' : 's'}`,
  secondFloorTitle: 'Sector-specific measures (covering no baseline control)',
  noSecondFloor: 'No sector-specific measures.',
  count: 'Count',
  requirementPassed: 'covered',
  filePassed: 'no findings',
  junitFiles: 'Files',
  junitCoverage: (name, id, baseline, level) => `Coverage: ${name === id ? id : `${name} (${id})`} ${baseline} level ${level}`,
  failureSummary: (n) => `${n} error${n === 1 ? '' : 's'}`,
  exemptedBecause: (rationale) => `Exempted: ${rationale}`,
  coveredBy: (ids) => `Covered by ${ids}`,
  uncoveredNote: (severity) => `Uncovered (uncovered-control severity: ${severity})`,
  csfLink: 'NIST CSF 2.0',
  framework: 'NIST Cybersecurity Framework (CSF) 2.0',
  printNote: 'This page uses no external files and no network. Print it to PDF from the browser.',
};

const TABLE: Record<Locale, Ui> = registerTexts('reports', { ja, en });

export function ui(locale: Locale): Ui {
  return TABLE[locale];
}

/** The one-line form of a finding, as the text format prints it. */
export function findingLine(path: string, d: { range: { start: { line: number; character: number } }; severity: string; code: string; message: string }, locale: Locale): string {
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${ui(locale).severity[d.severity] ?? d.severity} ${d.code}: ${d.message}`;
}
