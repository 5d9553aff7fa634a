// The coverage view's words come from the server in its locale (kijun.yaml `locale`), beside the
// sector and control names in the same language; the client shows them as given.
import { strict as assert } from 'node:assert';
import { check, CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';
import { coverageView } from '../../server/src/core/services/coverageView.js';
import type { ServiceContext } from '../../server/src/core/services/context.js';
import type { Locale } from '../../server/src/core/model.js';

const STANDARD = markdown(
  `exemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n  - control: BL-GV-01\n    rationale: ${RATIONALE}\n`,
  '# 電力\n\n## EL-PR-01 多要素認証\n対応: BL-PR-01\n\n遠隔アクセスには多要素認証を用いなければならない。\n',
);

async function view(locale: Locale) {
  const { loaded } = await check({ 'kijun.yaml': `locale: ${locale}\n`, 'baseline/catalog.yaml': CATALOG, 'standards/electricity.md': STANDARD });
  assert.equal(loaded.config.locale, locale);
  const ctx: ServiceContext = { analysis: loaded.analysis, locale: loaded.config.locale ?? 'en', toUri: (p) => `file://${p}`, today: '2026-11-24' };
  return coverageView(ctx);
}

describe('coverage view words', () => {
  it('are Japanese when kijun.yaml says locale: ja, like the sector and control names', async () => {
    const v = await view('ja');
    const [s] = v.sectors;
    assert.equal(s.name, '電力');
    assert.equal(s.description, '1/3 対応済 · 適用除外 1 · レベル 1');
    const byId = new Map(s.controls.map((c) => [c.id, c]));
    assert.deepEqual([byId.get('BL-PR-01')?.stateLabel, byId.get('BL-PR-05')?.stateLabel, byId.get('BL-GV-01')?.stateLabel], ['対応済', '適用除外', '適用除外に不備']);
    assert.equal(byId.get('BL-PR-01')?.title, '多要素認証');
    assert.deepEqual(byId.get('BL-GV-01')?.exemptions.map((e) => e.label), ['不備のある適用除外']);
    assert.deepEqual(byId.get('BL-PR-05')?.exemptions.map((e) => e.label), ['適用除外']);
    assert.equal(v.functions?.GV, 'GV 統治');
    assert.equal(v.functions?.PR, 'PR 防御');
  });

  it('are English when kijun.yaml says locale: en', async () => {
    const v = await view('en');
    const [s] = v.sectors;
    assert.equal(s.description, '1/3 covered · 1 exempt · level 1');
    assert.deepEqual(s.controls.map((c) => c.stateLabel).sort(), ['covered', 'exempt', 'unsound exemption']);
    assert.equal(v.functions?.GV, 'GV Govern');
  });
});
