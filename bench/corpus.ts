// Deterministic benchmark corpus: a 60-control baseline catalog, 15 sectors × 40 Markdown
// standards of about 250 lines, and one 10,000-line consolidated standard. Written to
// bench/.corpus/ (gitignored): `full/` is the 601-standard workspace, `solo/` holds the big
// standard with the catalog only. Regenerated only when the generator or its seed changes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SECTORS } from '../server/src/core/sectors.js';

export const BENCH_DIR = import.meta.dirname;
export const CORPUS_DIR = path.join(BENCH_DIR, '.corpus');
export const FULL_DIR = path.join(CORPUS_DIR, 'full');
export const SOLO_DIR = path.join(CORPUS_DIR, 'solo');

export const SEED = 20261124;
export const FILES_PER_SECTOR = 40;
export const LINES_PER_FILE = 250;
export const BIG_LINES = 10_000;
/** Where the 10,000-line standard lives, relative to a workspace root. */
export const BIG_REL = 'standards/electricity/00-electricity-consolidated.md';
export const CATALOG_REL = 'baseline/jp-ci-baseline.yaml';

const CSF_URL = 'https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/CSF_2_0_0/home?element=';

export interface CorpusInfo {
  full: string;
  solo: string;
  big: string;
  catalog: string;
  /** Every Markdown standard of `full/`, absolute. */
  standards: string[];
  lines: number;
  bytes: number;
  generated: boolean;
}

// ---------------------------------------------------------------- seeded randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

// ---------------------------------------------------------------- vocabulary

type Fn = 'GV' | 'ID' | 'PR' | 'DE' | 'RS' | 'RC';
const FUNCTIONS: Fn[] = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'];

/** Ten control titles per CSF function: [ja, en]. */
const CONTROL_TITLES: Record<Fn, [string, string][]> = {
  GV: [
    ['経営層によるサイバーセキュリティへの関与', 'Management involvement in cybersecurity'],
    ['サイバーセキュリティ方針の策定', 'Cybersecurity policy'],
    ['役割、責任及び権限の明確化', 'Roles, responsibilities and authorities'],
    ['リスク管理戦略の策定', 'Risk management strategy'],
    ['リスク許容度の決定', 'Risk appetite and tolerance'],
    ['サプライチェーンリスク管理', 'Supply chain risk management'],
    ['委託先の選定と契約要件', 'Supplier selection and contract requirements'],
    ['法令及び規制要件の把握', 'Legal and regulatory requirements'],
    ['方針の定期的な見直し', 'Periodic policy review'],
    ['監督及び是正措置', 'Oversight and corrective action'],
  ],
  ID: [
    ['情報資産の台帳管理', 'Asset inventory'],
    ['制御システム構成の把握', 'Control system configuration'],
    ['ネットワーク構成図の整備', 'Network diagrams'],
    ['データフローの把握', 'Data flows'],
    ['脆弱性情報の収集', 'Vulnerability information'],
    ['脅威情報の収集と共有', 'Threat intelligence'],
    ['リスクアセスメントの実施', 'Risk assessment'],
    ['重要業務の特定', 'Critical services identification'],
    ['改善計画の策定', 'Improvement planning'],
    ['外部接続点の特定', 'External connections'],
  ],
  PR: [
    ['遠隔アクセスにおける多要素認証', 'Multi-factor authentication for remote access'],
    ['特権アカウントの管理', 'Privileged account management'],
    ['アクセス権限の最小化', 'Least privilege'],
    ['従業員への教育訓練', 'Awareness and training'],
    ['重要データの暗号化', 'Encryption of critical data'],
    ['バックアップの取得と保護', 'Backups'],
    ['セキュリティパッチの適用', 'Patch management'],
    ['構成の基準値管理', 'Secure configuration baselines'],
    ['ネットワークの分離', 'Network segmentation'],
    ['物理的アクセスの管理', 'Physical access control'],
  ],
  DE: [
    ['ネットワーク通信の監視', 'Network monitoring'],
    ['ログの取得と保存', 'Log collection and retention'],
    ['不正アクセスの検知', 'Intrusion detection'],
    ['物理環境の監視', 'Physical environment monitoring'],
    ['利用者の操作の監視', 'User activity monitoring'],
    ['外部委託先の活動の監視', 'Supplier activity monitoring'],
    ['異常事象の分析', 'Event analysis'],
    ['脅威情報との相関分析', 'Correlation with threat intelligence'],
    ['インシデント判定基準', 'Incident declaration criteria'],
    ['検知結果の関係者への通知', 'Notification of detections'],
  ],
  RS: [
    ['インシデント対応計画の実行', 'Executing the incident response plan'],
    ['インシデントの優先順位付け', 'Incident triage'],
    ['インシデントの分類と段階的拡大', 'Incident categorization and escalation'],
    ['原因分析', 'Root cause analysis'],
    ['対応記録の保全', 'Preserving response records'],
    ['所管省庁への報告', 'Reporting to the competent ministry'],
    ['関係者との情報共有', 'Sharing with stakeholders'],
    ['封じ込め', 'Containment'],
    ['根絶', 'Eradication'],
    ['対応体制の訓練', 'Response exercises'],
  ],
  RC: [
    ['復旧計画の実行', 'Executing the recovery plan'],
    ['復旧作業の優先順位付け', 'Prioritizing recovery'],
    ['バックアップの完全性確認', 'Verifying backup integrity'],
    ['重要業務の再開基準', 'Criteria for resuming critical services'],
    ['復旧の完了判断', 'Declaring recovery complete'],
    ['復旧状況の記録', 'Recording recovery'],
    ['復旧状況の広報', 'Public communication on recovery'],
    ['関係者への復旧報告', 'Recovery reporting to stakeholders'],
    ['事業継続計画との整合', 'Alignment with business continuity'],
    ['復旧手順の訓練', 'Recovery exercises'],
  ],
};

const CONTROL_STATEMENTS: Record<Fn, string> = {
  GV: 'サイバーセキュリティリスクの管理について、経営層が責任を持って方針と体制を定めること。',
  ID: '重要インフラサービスを支える資産、リスク及び脅威を把握し、文書として維持すること。',
  PR: '重要システムへの不正なアクセスと改ざんを防ぐための技術的及び組織的な対策を講じること。',
  DE: 'サイバー攻撃の兆候と異常を早期に検知するための監視を継続的に行うこと。',
  RS: 'インシデントの発生時に、被害の拡大を防ぎ、関係機関と連携して対応すること。',
  RC: 'インシデントの後、重要インフラサービスを速やかに、かつ安全に復旧すること。',
};

const SUBJECTS = ['事業者', '重要インフラ事業者等', 'システム管理者', '情報セキュリティ責任者', 'CSIRT', '運用担当者', '経営層', '制御システムの管理責任者'];

const OBJECTS: Record<Fn, string[]> = {
  GV: ['サイバーセキュリティ方針', 'リスク管理体制', '役割と責任', 'サプライチェーンリスク', '委託先との契約要件', '監督体制', '法令の遵守状況', '対策の実施状況'],
  ID: ['情報資産の台帳', '制御システムの構成情報', '脆弱性情報', 'リスク評価の結果', 'ネットワーク構成図', '外部接続点', '重要業務の一覧', 'データの流れ'],
  PR: ['遠隔アクセスの経路', '特権アカウント', '多要素認証の設定', '重要データの暗号化', 'セキュリティパッチ', '設定の基準値', '教育訓練の計画', '入退室の記録', 'バックアップ'],
  DE: ['通信ログ', '異常な通信', '不正アクセスの兆候', '侵入検知システムの警報', '制御ネットワークの通信量', '認証の失敗記録', '監視の結果'],
  RS: ['インシデント対応手順', '関係機関への報告', '影響範囲の分析', '封じ込めの措置', '所管省庁への連絡', '対応の記録', '証拠の保全'],
  RC: ['復旧計画', 'バックアップからの復元', '復旧状況の広報', '事業継続計画', '復旧手順の訓練', '再開の判断基準', '復旧の記録'],
};

const CONTEXTS = [
  '制御システム(OT)においては、',
  '外部委託先を含め、',
  '停電等の非常時においても、',
  'サービスに影響するおそれがある場合は、',
  '導入の際には、',
  '計画に基づき、',
  '',
  '',
  '',
];

const REQUIRED_ENDINGS = [
  'を定め、文書化すること。',
  'を定期的に見直さなければならない。',
  'を少なくとも年1回確認すること。',
  'を記録し、3年以上保存するものとする。',
  'の実施状況を経営層に報告すること。',
  'について責任者を定めなければならない。',
  'を手順書に従って実施すること。',
];

const RECOMMENDED_ENDINGS = [
  'について第三者による評価を受けることが望ましい。',
  'を自動化するよう努めること。',
  'について業界団体の指針を参照することが望ましい。',
];

const EXPLANATIONS = [
  '本項の要求事項は、重要インフラの情報セキュリティ対策に係る行動計画を踏まえたものである。',
  'ここでいう重要システムとは、停止した場合に重要インフラサービスの提供に支障を及ぼすシステムをいう。',
  '対策の水準は、システムの重要度と想定される脅威に応じて定める。',
  '制御システムについては、可用性を損なわない範囲で対策を講じる。',
  'クラウドサービスを利用する場合も、本項の要求事項の対象となる。',
  '対策の実施が困難な場合には、代替策とその理由を記録しておく。',
  '他分野の事業者との相互依存性についても考慮する。',
  '詳細な手順は別紙の実施要領に定める。',
];

const LIST_ITEMS = ['対象となるシステムの範囲', '実施の頻度と時期', '担当部署と責任者', '記録の保存期間', '例外を認める条件', '委託先に求める事項', '実施結果の報告先', '見直しの契機'];

const TOPICS = ['総則', 'ガバナンス', '資産管理', 'アクセス制御', 'ネットワーク防御', '監視と検知', 'インシデント対応', '復旧', 'サプライチェーン', '教育訓練', '制御システム', '物理的対策', 'クラウド利用', '委託先管理', '事業継続'];

const FN_NAMES: Record<Fn, string> = { GV: '統治', ID: '識別', PR: '防御', DE: '検知', RS: '対応', RC: '復旧' };

const SECTOR_PREFIX: Record<string, string> = {
  'information-communication': 'IC', finance: 'FN', aviation: 'AV', airport: 'AP', railway: 'RW', electricity: 'EL', gas: 'GS',
  government: 'GO', medical: 'MD', water: 'WT', logistics: 'LG', chemical: 'CH', credit: 'CR', petroleum: 'PT', port: 'PO',
};

// ---------------------------------------------------------------- catalog

interface Control {
  id: string;
  fn: Fn;
  level: number;
  exemptable: boolean;
  withdrawn: boolean;
  replacedBy?: string;
  csf: string[];
  titleJa: string;
  titleEn: string;
}

function csfByFunction(): Record<Fn, string[]> {
  const data = JSON.parse(readFileSync(path.join(BENCH_DIR, '../data/nist-csf-2.0.json'), 'utf8')) as { subcategories: { id: string }[] };
  const out = { GV: [], ID: [], PR: [], DE: [], RS: [], RC: [] } as Record<Fn, string[]>;
  for (const s of data.subcategories) out[s.id.slice(0, 2) as Fn]?.push(s.id);
  return out;
}

function makeControls(rng: Rng): Control[] {
  const csf = csfByFunction();
  const controls: Control[] = [];
  for (const fn of FUNCTIONS) {
    CONTROL_TITLES[fn].forEach(([ja, en], i) => {
      const n = i + 1;
      const id = `BL-${fn}-${String(n).padStart(2, '0')}`;
      // Every subcategory of the function is mapped by some control (no csf-gap), each control maps one or more.
      const pool = csf[fn];
      const own = pool.filter((_, k) => k % CONTROL_TITLES[fn].length === i);
      const refs = own.length ? own : [pool[i % pool.length]];
      controls.push({
        id, fn,
        level: n <= 6 ? 1 : n <= 8 ? 2 : 3,
        exemptable: !(n === 1 && (fn === 'GV' || fn === 'PR' || fn === 'RS')),
        withdrawn: fn === 'ID' && n === 10,
        replacedBy: fn === 'ID' && n === 10 ? 'BL-ID-04' : undefined,
        csf: [...new Set(refs)].sort(),
        titleJa: ja, titleEn: en,
      });
    });
  }
  return controls;
}

function catalogYaml(controls: Control[]): string {
  const out = [
    'kind: catalog',
    'id: jp-ci-baseline',
    'version: "2026.1"',
    'title: { ja: 重要インフラ統一基準 ベースライン, en: Critical infrastructure unified baseline }',
    'controls:',
  ];
  for (const c of controls) {
    out.push(`  - id: ${c.id}`, `    function: ${c.fn}`, `    level: ${c.level}`);
    out.push(`    title: { ja: ${JSON.stringify(c.titleJa)}, en: ${JSON.stringify(c.titleEn)} }`);
    out.push(`    statement: { ja: ${JSON.stringify(CONTROL_STATEMENTS[c.fn])}, en: ${JSON.stringify(`${c.titleEn}: see the Japanese text.`)} }`);
    out.push(`    csf: [${c.csf.join(', ')}]`);
    if (!c.exemptable) out.push('    exemptable: false');
    if (c.withdrawn) out.push('    withdrawn: true', `    replacedBy: ${c.replacedBy}`);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- standards

interface SectorPlan {
  id: string;
  nameJa: string;
  prefix: string;
  level: number;
  /** Controls the sector covers, cycled through in order so that every one is covered. */
  rotation: Control[];
  exempted: Control[];
  /** Next measure number per function, across the sector's files. */
  counters: Record<Fn, number>;
  cursor: number;
}

interface Exemption {
  control: string;
  rationale: string;
  compensating?: string[];
  review?: string;
}

const RATIONALES = [
  '制御系ネットワークはインターネットと接続しない閉域網であり、定義ファイル更新のための接続口を設けることがかえってリスクを高めるため。',
  '対象となる設備は更新計画により2年以内に廃止予定であり、代替策による監視でリスクを許容範囲に抑えられるため。',
  '当該業務は外部の共同利用センターが担っており、同等の管理策を契約により委託先に求めているため。',
];

function sentence(rng: Rng, fn: Fn, recommended = false): string {
  const subject = rng.pick(SUBJECTS);
  const object = rng.pick(OBJECTS[fn]);
  const context = rng.pick(CONTEXTS);
  const ending = recommended ? rng.pick(RECOMMENDED_ENDINGS) : rng.pick(REQUIRED_ENDINGS);
  return `${subject}は、${context}${object}${ending}`;
}

function csfLinks(ids: string[]): string {
  return ids.map((id) => `[${id}](${CSF_URL}${id})`).join('、');
}

/** One measure section: heading, marker, CSF links, paragraphs, a list, sometimes a table. */
function measureSection(rng: Rng, plan: SectorPlan, controls: Map<string, Control>, ids: string[]): string[] {
  const covered = [plan.rotation[plan.cursor++ % plan.rotation.length]];
  if (rng.chance(0.35)) {
    const same = plan.rotation.filter((c) => c.fn === covered[0].fn && c !== covered[0]);
    if (same.length) covered.push(rng.pick(same));
  }
  const fn = covered[0].fn;
  const num = plan.counters[fn]++;
  const id = `${plan.prefix}-${fn}-${String(num).padStart(2, '0')}`;
  ids.push(id);
  const control = controls.get(covered[0].id) as Control;
  const title = rng.chance(0.5) ? control.titleJa : `${rng.pick(OBJECTS[fn])}に関する${rng.pick(['要求事項', '措置', '管理', '手順'])}`;
  const out = [`## ${id} ${title}`, ''];
  const markerStyle = rng.float();
  const list = covered.map((c) => c.id).join(', ');
  if (markerStyle < 0.6) out.push(`対応: ${list}`);
  else if (markerStyle < 0.85) out.push(`Covers: ${list}`);
  else if (markerStyle < 0.95) out.push(`**対応**: ${covered.map((c) => c.id).join('、')}`);
  else out.push(`<!-- covers: ${list} -->`);
  const csf = [...new Set(covered.flatMap((c) => c.csf))].slice(0, rng.chance(0.5) ? 1 : 2);
  out.push(`関連: ${csfLinks(csf)}`, '');
  for (let p = 0, n = rng.int(1, 2); p < n; p++) {
    for (let s = 0, k = rng.int(2, 3); s < k; s++) out.push(sentence(rng, fn));
    out.push('');
  }
  if (rng.chance(0.7)) {
    out.push(`${rng.pick(SUBJECTS)}は、次の事項を定めること。`, '');
    for (const item of rng.sample(LIST_ITEMS, rng.int(3, 5))) out.push(`- ${item}`);
    out.push('');
  }
  if (rng.chance(0.6)) {
    out.push(`### ${rng.pick(['解説', '留意事項', '実施例'])}`, '');
    out.push(rng.pick(EXPLANATIONS));
    out.push(rng.pick(EXPLANATIONS));
    if (rng.chance(0.3)) out.push(sentence(rng, fn, true));
    out.push('');
  }
  if (rng.chance(0.12)) {
    out.push('| 区分 | 要件 | 頻度 |', '| --- | --- | --- |');
    for (const level of ['レベル1', 'レベル2', 'レベル3']) out.push(`| ${level} | ${rng.pick(OBJECTS[fn])}の確認 | ${rng.pick(['毎月', '四半期ごと', '年1回', '随時'])} |`);
    out.push('');
  }
  if (rng.chance(0.05)) {
    out.push('設定例(参考):', '', '```text', `# ${id}: 遠隔保守回線の許可設定`, 'permit tcp host 192.0.2.10 any eq 22', 'deny ip any any log', '```', '');
  }
  return out;
}

function frontMatter(plan: SectorPlan, title: string, exemptions: Exemption[], extra: string[]): string[] {
  const out = ['---', 'kind: standard', `sector: ${plan.id}`, `title: ${title}`, 'baseline: jp-ci-baseline@2026.1', `level: ${plan.level}`];
  if (exemptions.length) {
    out.push('exemptions:');
    for (const e of exemptions) {
      out.push(`  - control: ${e.control}`, `    rationale: ${e.rationale}`);
      if (e.compensating) out.push(`    compensating: [${e.compensating.join(', ')}]`);
      if (e.review) out.push(`    review: ${e.review}`);
    }
  }
  out.push(...extra, '---');
  return out;
}

function introduction(rng: Rng, plan: SectorPlan, heading: string, part: number): string[] {
  const out = [`# ${heading}`, '', '## 1. 目的', ''];
  out.push(`本基準は、${plan.nameJa}分野の重要インフラ事業者等が実施すべき情報セキュリティ対策を定めるものである。`);
  out.push(rng.pick(EXPLANATIONS), '');
  out.push('## 2. 適用範囲', '');
  out.push(`本編(第${part}部)は、次のシステムに適用する。`, '');
  for (const item of rng.sample(['重要インフラサービスを提供する制御システム', '顧客情報を取り扱う情報システム', '運用を支える保守用端末', '外部委託先が管理するシステム', '事業継続に必要な通信設備'], 3)) out.push(`- ${item}`);
  out.push('', rng.pick(EXPLANATIONS), '');
  return out;
}

/** A standard file of about `targetLines` lines; returns its text. */
function standardFile(rng: Rng, plan: SectorPlan, controls: Map<string, Control>, part: number, targetLines: number, exempt: Control[], extraFront: string[]): string {
  const topic = TOPICS[(part - 1) % TOPICS.length];
  const heading = `${plan.nameJa}分野における安全基準等 第${part}部 ${topic}`;
  const body = introduction(rng, plan, heading, part);
  const ids: string[] = [];
  const reserve = 12 + exempt.length * 4 + extraFront.length;
  while (body.length + reserve < targetLines - 12) body.push(...measureSection(rng, plan, controls, ids));
  body.push('## 附則', '', `本基準は、令和${rng.int(7, 8)}年${rng.int(1, 12)}月${rng.int(1, 28)}日から施行する。`);
  const exemptions: Exemption[] = exempt.map((c, i) => ({
    control: c.id,
    rationale: RATIONALES[(part + i) % RATIONALES.length],
    compensating: [ids[i % ids.length]],
    review: `${2027 + (i % 2)}-03-31`,
  }));
  const fm = frontMatter(plan, heading, exemptions, extraFront);
  return `${[...fm, ...body].join('\n')}\n`;
}

function standardPath(sector: string, part: number): string {
  return `standards/${sector}/${String(part).padStart(2, '0')}-${TOPICS[(part - 1) % TOPICS.length]}.md`;
}

export interface GeneratedCorpus {
  files: Map<string, string>;
  big: string;
  catalog: string;
}

export function generate(seed = SEED): GeneratedCorpus {
  const rng = new Rng(seed);
  const controls = makeControls(rng);
  const byId = new Map(controls.map((c) => [c.id, c]));
  const catalog = catalogYaml(controls);
  const files = new Map<string, string>();
  let big = '';
  for (const sector of SECTORS) {
    const level = rng.pick([1, 1, 2, 2, 3]);
    const required = controls.filter((c) => !c.withdrawn && c.level <= level);
    // Two exemptable required controls per sector are exempted (in the big standard for electricity).
    const exempted = rng.sample(required.filter((c) => c.exemptable), 2);
    const plan: SectorPlan = {
      id: sector.id,
      nameJa: sector.name.ja ?? sector.id,
      prefix: SECTOR_PREFIX[sector.id],
      level,
      rotation: rng.sample(required.filter((c) => !exempted.includes(c)), 999),
      exempted,
      counters: { GV: 1, ID: 1, PR: 1, DE: 1, RS: 1, RC: 1 },
      cursor: 0,
    };
    const hasBig = sector.id === 'electricity';
    for (let part = 1; part <= FILES_PER_SECTOR; part++) {
      const exempt = hasBig ? [] : part === 3 ? [exempted[0]] : part === 21 ? [exempted[1]] : [];
      const extra = rng.chance(0.3) ? [`x-version: "${rng.int(1, 3)}.${rng.int(0, 9)}"`, `x-owner: ${plan.nameJa}分野 セプター事務局`] : [];
      const target = LINES_PER_FILE + rng.int(-20, 20);
      const rel = standardPath(sector.id, part);
      files.set(rel, standardFile(rng, plan, byId, part, target, exempt, extra));
    }
    if (hasBig) {
      plan.cursor = 0;
      big = standardFile(rng, plan, byId, 0, BIG_LINES, exempted, ['x-version: "2026.1"', 'x-consolidated: true']).replace('第0部 総則', '統合版');
    }
  }
  // A few realistic mistakes, so that the corpus is not spotless: a CSF 1.1 id, a typo, an expired review.
  const touch = (sector: string, part: number, from: RegExp, to: string) => {
    const rel = standardPath(sector, part);
    const text = files.get(rel);
    if (text === undefined || !from.test(text)) throw new Error(`corpus: cannot touch ${rel}`);
    files.set(rel, text.replace(from, to));
  };
  touch('gas', 7, /関連: /, '関連: PR.AC-1、');
  touch('water', 12, /対応: BL-([A-Z]{2})-0(\d)/, '対応: BL-$1-0$2$2');
  touch('finance', 21, /review: \d{4}-03-31/, 'review: 2025-03-31');
  return { files, big, catalog };
}

const KIJUN_YAML = `# Benchmark workspace generated by bench/corpus.ts
catalogs: [baseline/**/*.yaml]
standards: [standards/**/*.md]
locale: ja
exemptionRationaleMinLength: 20
`;

/** markdownlint-cli2's configuration: every default rule on, none disabled. */
const MARKDOWNLINT_CONFIG = `// Benchmark peer configuration: markdownlint's default rule set, nothing disabled.
{
  "config": { "default": true }
}
`;

function generatorHash(seed: number): string {
  return createHash('sha256').update(readFileSync(new URL(import.meta.url))).update(String(seed)).digest('hex').slice(0, 16);
}

function writeTree(root: string, files: Map<string, string>): void {
  rmSync(root, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** Writes the corpus unless an identical one (same generator, same seed) is already there. */
export function ensureCorpus(seed = SEED): CorpusInfo {
  const stampFile = path.join(CORPUS_DIR, 'stamp.json');
  const hash = generatorHash(seed);
  const current = existsSync(stampFile) && (JSON.parse(readFileSync(stampFile, 'utf8')) as { hash?: string }).hash === hash;
  const { files, big, catalog } = generate(seed);
  if (!current) {
    const full = new Map<string, string>([['kijun.yaml', KIJUN_YAML], ['.markdownlint-cli2.jsonc', MARKDOWNLINT_CONFIG], [CATALOG_REL, catalog], ...files, [BIG_REL, big]]);
    writeTree(FULL_DIR, full);
    writeTree(SOLO_DIR, new Map([['kijun.yaml', KIJUN_YAML], [CATALOG_REL, catalog], [BIG_REL, big]]));
    mkdirSync(CORPUS_DIR, { recursive: true });
    writeFileSync(stampFile, JSON.stringify({ hash, seed }));
  }
  const all = [...files.values(), big];
  const standards = [...files.keys(), BIG_REL].map((rel) => path.join(FULL_DIR, rel)).sort();
  return {
    full: FULL_DIR,
    solo: SOLO_DIR,
    big: path.join(FULL_DIR, BIG_REL),
    catalog: path.join(FULL_DIR, CATALOG_REL),
    standards,
    lines: all.reduce((n, t) => n + t.split('\n').length - 1, 0),
    bytes: all.reduce((n, t) => n + Buffer.byteLength(t), 0),
    generated: !current,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const info = ensureCorpus();
  console.log(`${info.generated ? 'wrote' : 'kept'} ${info.standards.length} standards, ${info.lines} lines, ${(info.bytes / 1e6).toFixed(1)} MB in ${CORPUS_DIR}`);
}
