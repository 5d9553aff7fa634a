import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalize, terms, termText } from '../../server/src/core/suggest/terms.js';
import { stem } from '../../server/src/core/suggest/stem.js';
import { buildIndex, measureBag, rank, scoreAll, sharedWords, catalogIndex } from '../../server/src/core/suggest/engine.js';
import { measureTexts } from '../../server/src/core/suggest/measureText.js';
import { coverEdit } from '../../server/src/core/services/suggestActions.js';
import { extractFile } from '../../server/src/core/extract.js';
import type { CatalogControl, CatalogModel, StandardModel } from '../../server/src/core/model.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';
import { applyEdits } from '../helpers/lspClient.js';

const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
function control(id: string, ja: string, en: string, csf: string[] = []): CatalogControl {
  return { id, range: r, entryRange: r, function: id.split('-')[1], level: 1, title: { ja, en }, statement: {}, csf: csf.map((c) => ({ id: c, range: r })), exemptable: true, withdrawn: false };
}

// A catalog no test data or crosswalk knows: the engine must work from its texts alone.
const NOVEL = [
  control('XX-AC-01', '遠隔保守回線の多要素認証', 'Multi-factor authentication for remote maintenance lines'),
  control('XX-BK-01', 'バックアップの取得と復元試験', 'Backups and restore testing'),
  control('XX-LG-01', 'ログの収集と保管', 'Collecting and retaining logs', ['DE.CM-01']),
];

const termList = (s: string) => terms(normalize(s)).map((t) => termText(t.term));

describe('suggestion engine', () => {
  it('normalises width, case and long vowel marks', () => {
    assert.equal(normalize('ＡＢＣ ｻｰﾊﾞｰ'), 'abc サーバ');
    assert.equal(normalize('サーバー'), normalize('サーバ'));
    assert.equal(normalize('セキュリティー'), 'セキュリティ');
    assert.equal(normalize('キー'), 'キー', 'a two-letter word keeps its mark');
  });

  it('reads Japanese runs as character bigrams, skipping okurigana and particles', () => {
    assert.deepEqual(termList('多要素認証'), ['多要', '要素', '素認', '認証']);
    assert.deepEqual(termList('取り扱い'), termList('取扱い'));
    assert.deepEqual(termList('組織の方針'), ['組織', '方針']);
    assert.deepEqual(termList('鍵'), ['鍵'], 'a lone kanji is a term of its own');
  });

  it('stems English words and drops stop words; CSF ids stay whole', () => {
    assert.equal(stem('authentication'), stem('authenticators'));
    assert.equal(stem('monitoring'), 'monitor');
    assert.deepEqual(termList('The users of the system'), ['e:user', 'e:system']);
    assert.deepEqual(termList('see PR.AA-03'), ['e:see', 'c:pr.aa-03']);
  });

  it('ranks by text, in [0, 1], and explains with the shared words as the measure writes them', () => {
    const index = buildIndex('novel@1', NOVEL);
    const text = '保守用の遠隔回線には多要素認証を用いること。';
    const ranked = rank(index, measureBag(text));
    assert.equal(ranked[0].control, 'XX-AC-01');
    for (const s of ranked) assert.ok(s.score > 0 && s.score <= 1);
    assert.deepEqual(sharedWords(index, text, 'XX-AC-01').slice(0, 1), ['多要素認証']);
    assert.ok(sharedWords(index, text, 'XX-AC-01').includes('遠隔'));
    const en = rank(index, measureBag('Restore tests of backups are run every quarter.'));
    assert.equal(en[0].control, 'XX-BK-01');
    assert.deepEqual(sharedWords(index, 'Restore tests of backups are run every quarter.', 'XX-BK-01').sort(), ['Restore', 'backups', 'tests'].map((w) => w.toLowerCase()).sort());
  });

  it('matches the CSF ids a measure cites with the controls that reference them', () => {
    const index = buildIndex('novel@1', NOVEL);
    const ranked = rank(index, measureBag('関連: DE.CM-01'));
    assert.equal(ranked[0].control, 'XX-LG-01');
    assert.deepEqual(sharedWords(index, '関連: DE.CM-01', 'XX-LG-01'), ['DE.CM-01']);
  });

  it('is deterministic: same scores and order on every run, ties broken by id', () => {
    const text = 'ログとバックアップ';
    const a = rank(buildIndex('k', NOVEL), measureBag(text));
    const b = rank(buildIndex('k', [...NOVEL].reverse()), measureBag(text));
    assert.deepEqual(a, b);
    const twins = buildIndex('t', [control('T-B-01', '同じ題名', ''), control('T-A-01', '同じ題名', '')]);
    assert.deepEqual(rank(twins, measureBag('同じ題名')).map((s) => s.control), ['T-A-01', 'T-B-01']);
  });

  it('indexes a catalog once per id@version and content', () => {
    const model = extractFile('/c.yaml', CATALOG, 'catalog').model as CatalogModel;
    const again = extractFile('/c.yaml', CATALOG, 'catalog').model as CatalogModel;
    assert.equal(catalogIndex(model), catalogIndex(again));
    const edited = extractFile('/c.yaml', CATALOG.replace('多要素認証, en', '二要素認証, en'), 'catalog').model as CatalogModel;
    assert.notEqual(catalogIndex(edited), catalogIndex(model));
    assert.ok(!catalogIndex(model).controls.some((c) => c.withdrawn), 'withdrawn controls are never suggested');
  });

  it('reads a measure without its markers, ids and link targets', () => {
    const text = '---\nkind: standard\nsector: water\nbaseline: jp-ci-baseline@2026.1\n---\n## WT-PR-01 遠隔アクセス\n対応: BL-PR-01\n関連: [PR.AA-03](https://example.org/x)\n多要素認証を用いる。\n### WT-PR-02 別の措置\n本文\n';
    const model = extractFile('/s.md', text, 'standard').model as StandardModel;
    const [first, second] = measureTexts(model, text);
    assert.doesNotMatch(first, /BL-PR-01|WT-PR-01|https|別の措置/);
    assert.match(first, /遠隔アクセス[\s\S]*PR\.AA-03[\s\S]*多要素認証/);
    assert.match(second, /別の措置\n本文/);
    assert.equal(scoreAll(buildIndex('n', NOVEL), measureBag('')).every((s) => s === 0), true);
  });

  it('survives a text that no longer matches the model (an edit not yet analysed)', () => {
    const text = '---\nkind: standard\nsector: water\nbaseline: jp-ci-baseline@2026.1\n---\n## WT-PR-01 遠隔アクセス\n対応: BL-PR-01\n本文\n## WT-PR-02 次\n本文\n';
    const model = extractFile('/s.md', text, 'standard').model as StandardModel;
    for (const other of ['', '短い', text.slice(0, 40), `${text}\n追記`]) assert.equal(measureTexts(model, other).length, 2);
  });

  it('reads no crosswalk: nothing under core/suggest mentions the SP 800-53 lists', () => {
    const dir = path.resolve(import.meta.dirname, '../../server/src/core/suggest');
    for (const file of readdirSync(dir)) assert.doesNotMatch(readFileSync(path.join(dir, file), 'utf8'), /sp800_53/, file);
  });
});

describe('mark-as-covering edit keeps every character of the author\'s text', () => {
  const cases: [string, string, string][] = [
    ['marker with commas', '## A-PR-01 見出し\nCovers: BL-PR-01\n本文\n', 'Covers: BL-PR-01, BL-GV-01\n'],
    ['marker with 、', '## A-PR-01 見出し\n対応：BL-PR-01、BL-PR-05\n本文\n', '対応：BL-PR-01、BL-PR-05、BL-GV-01\n'],
    ['HTML comment', '## A-PR-01 見出し\n<!-- covers: BL-PR-01 -->\n本文\n', '<!-- covers: BL-PR-01, BL-GV-01 -->'],
    ['no marker (Japanese)', '## A-PR-01 見出し\n\n本文\n', '## A-PR-01 見出し\n\n対応: BL-GV-01\n\n本文\n'],
    ['no marker, CRLF', '## A-PR-01 Heading\r\n\r\nBody\r\n', '## A-PR-01 Heading\r\n\r\nCovers: BL-GV-01\r\n\r\nBody\r\n'],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => {
      const text = `---\nkind: standard\nsector: water\nbaseline: jp-ci-baseline@2026.1\n---\n${body}`.replace(/\n/g, body.includes('\r\n') ? '\r\n' : '\n').replace(/\r\r/g, '\r');
      const model = extractFile('/s.md', text, 'standard').model as StandardModel;
      const edit = coverEdit(model, model.measures[0], text, 'BL-GV-01')!;
      assert.deepEqual(edit.range.start, edit.range.end, 'an insertion only');
      const fixed = applyEdits(text, [edit]);
      assert.ok(fixed.includes(expected), fixed);
      assertKeepsText(text, fixed, edit.newText);
      const again = extractFile('/s.md', fixed, 'standard').model as StandardModel;
      assert.deepEqual(again.measures[0].covers.map((c) => c.id).slice(-1), ['BL-GV-01']);
    });
  }

  it('YAML: flow list, block list and no covers key', () => {
    const head = 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n';
    for (const [entry, expected] of [
      ['  - id: FN-PR-01\n    title: 認証\n    covers: [BL-PR-01]\n', 'covers: [BL-PR-01, BL-GV-01]'],
      ['  - id: FN-PR-01\n    title: 認証\n    covers:\n      - BL-PR-01\n', '      - BL-PR-01\n      - BL-GV-01\n'],
      ['  - id: FN-PR-01\n    title: 認証\n', '  - id: FN-PR-01\n    covers: [BL-GV-01]\n    title: 認証\n'],
    ]) {
      const text = head + entry;
      const model = extractFile('/s.yaml', text, 'standard').model as StandardModel;
      const fixed = applyEdits(text, [coverEdit(model, model.measures[0], text, 'BL-GV-01')!]);
      assert.ok(fixed.includes(expected), fixed);
      const again = extractFile('/s.yaml', fixed, 'standard').model as StandardModel;
      assert.deepEqual(again.measures[0].covers.map((c) => c.id).sort(), [...new Set([...model.measures[0].covers.map((c) => c.id), 'BL-GV-01'])].sort());
    }
  });
});

/** The fixed text is the original with one insertion: removing it gives back every character. */
function assertKeepsText(original: string, fixed: string, inserted: string): void {
  const at = [...Array(original.length + 1).keys()].find((i) => fixed.slice(0, i) === original.slice(0, i) && fixed.slice(i + inserted.length) === original.slice(i));
  assert.notEqual(at, undefined, 'the original text survives around the insertion');
}
