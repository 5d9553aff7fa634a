// Labels the editor services show, in both languages.
export const UI = {
  ja: {
    catalog: 'カタログ', function: '機能', category: 'カテゴリ', level: 'レベル', exemptable: '適用除外', yes: '可', no: '不可',
    withdrawn: '廃止された管理策です', csf: 'CSF 2.0', coveredBy: '対応している分野', exempt: '適用除外', none: 'なし',
    examples: '実装例', covers: '対応する管理策', sectorSpecific: 'なし(分野固有の対策)', definedIn: '定義',
    coverageLine: (covered: number, required: number, exempted: number) => `必須管理策 ${required} 件中 ${covered} 件対応済、適用除外 ${exempted} 件`,
    sectorsLine: (covered: number, total: number) => `${total} 分野中 ${covered} 分野で対応`,
    addMeasure: (id: string) => `${id} に対応する対策を追加`,
    addExemption: (id: string) => `${id} をリスクに基づき適用除外する(理由を記入)`,
    replaceWith: (id: string) => `${id} に置き換える`,
    rationalePlaceholder: 'リスクに基づく理由を記入してください',
    related: '関連',
  },
  en: {
    catalog: 'Catalog', function: 'Function', category: 'Category', level: 'Level', exemptable: 'Exemptable', yes: 'yes', no: 'no',
    withdrawn: 'This control is withdrawn', csf: 'CSF 2.0', coveredBy: 'Covered in sectors', exempt: 'exempt', none: 'none',
    examples: 'Implementation examples', covers: 'Covers', sectorSpecific: 'nothing (sector-specific measure)', definedIn: 'Defined in',
    coverageLine: (covered: number, required: number, exempted: number) => `${covered} of ${required} required controls covered, ${exempted} exempt`,
    sectorsLine: (covered: number, total: number) => `covered in ${covered} of ${total} sectors`,
    addMeasure: (id: string) => `Add a measure covering ${id}`,
    addExemption: (id: string) => `Exempt ${id} on risk grounds (write the rationale)`,
    replaceWith: (id: string) => `Replace with ${id}`,
    rationalePlaceholder: 'write the risk-based rationale',
    related: 'Related',
  },
};
