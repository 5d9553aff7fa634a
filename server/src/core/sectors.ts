// The critical-infrastructure sectors (重要インフラ分野) named by NISC's action plan, with the
// responsible ministries as of 2024-04 (water moved to MLIT). Sources: docs/domain.md.
import type { LocalText } from './model.js';
import { registerTexts } from './texts.js';

export interface Sector {
  id: string;
  name: LocalText;
  ministry: LocalText;
}

export const SECTORS: readonly Sector[] = registerTexts('sectors', [
  { id: 'information-communication', name: { ja: '情報通信', en: 'Information and communication services' }, ministry: { ja: '総務省', en: 'Ministry of Internal Affairs and Communications' } },
  { id: 'finance', name: { ja: '金融', en: 'Financial services' }, ministry: { ja: '金融庁', en: 'Financial Services Agency' } },
  { id: 'aviation', name: { ja: '航空', en: 'Aviation services' }, ministry: { ja: '国土交通省', en: 'Ministry of Land, Infrastructure, Transport and Tourism' } },
  { id: 'airport', name: { ja: '空港', en: 'Airport services' }, ministry: { ja: '国土交通省', en: 'Ministry of Land, Infrastructure, Transport and Tourism' } },
  { id: 'railway', name: { ja: '鉄道', en: 'Railway services' }, ministry: { ja: '国土交通省', en: 'Ministry of Land, Infrastructure, Transport and Tourism' } },
  { id: 'electricity', name: { ja: '電力', en: 'Electric power supply services' }, ministry: { ja: '経済産業省', en: 'Ministry of Economy, Trade and Industry' } },
  { id: 'gas', name: { ja: 'ガス', en: 'Gas supply services' }, ministry: { ja: '経済産業省', en: 'Ministry of Economy, Trade and Industry' } },
  { id: 'government', name: { ja: '政府・行政サービス(地方公共団体を含む)', en: 'Government and administrative services (incl. local governments)' }, ministry: { ja: '総務省ほか', en: 'Ministry of Internal Affairs and Communications and others' } },
  { id: 'medical', name: { ja: '医療', en: 'Medical services' }, ministry: { ja: '厚生労働省', en: 'Ministry of Health, Labour and Welfare' } },
  { id: 'water', name: { ja: '水道', en: 'Water services' }, ministry: { ja: '国土交通省', en: 'Ministry of Land, Infrastructure, Transport and Tourism' } },
  { id: 'logistics', name: { ja: '物流', en: 'Logistics services' }, ministry: { ja: '国土交通省', en: 'Ministry of Land, Infrastructure, Transport and Tourism' } },
  { id: 'chemical', name: { ja: '化学', en: 'Chemical industries' }, ministry: { ja: '経済産業省', en: 'Ministry of Economy, Trade and Industry' } },
  { id: 'credit', name: { ja: 'クレジット', en: 'Credit card services' }, ministry: { ja: '経済産業省', en: 'Ministry of Economy, Trade and Industry' } },
  { id: 'petroleum', name: { ja: '石油', en: 'Petroleum industries' }, ministry: { ja: '経済産業省', en: 'Ministry of Economy, Trade and Industry' } },
  { id: 'port', name: { ja: '港湾', en: 'Port services' }, ministry: { ja: '国土交通省', en: 'Ministry of Land, Infrastructure, Transport and Tourism' } },
]);

export function sectorById(id: string): Sector | undefined {
  return SECTORS.find((s) => s.id === id);
}

/** The built-in sectors with the configuration's additions; a configured id replaces a built-in one. */
export function mergeSectors(extra: readonly Sector[] | undefined): Sector[] {
  const byId = new Map(SECTORS.map((s) => [s.id, s]));
  for (const s of extra ?? []) byId.set(s.id, s);
  return [...byId.values()];
}

/** How reports name a sector: its name with the id the author writes, e.g. `電力 (electricity)`. */
export function sectorLabel(id: string, sectors: readonly Sector[] = SECTORS): LocalText {
  const sector = sectors.find((s) => s.id === id);
  return sector ? { ja: `${sector.name.ja} (${id})`, en: `${sector.name.en} (${id})` } : { ja: id, en: id };
}
