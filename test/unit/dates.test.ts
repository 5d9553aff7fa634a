// When measures take effect (PRODUCT.md §5.3): both date forms, the standard's and a measure's
// date, planned coverage on the check date, and dates that are not dates.
import assert from 'node:assert/strict';
import { readDate, japaneseDate } from '../../server/src/core/dates.js';
import { check, codesOf, diagnosticsOf, CATALOG, markdown } from '../helpers/memoryWorkspace.js';

const REST = '## EL-PR-05 x\nCovers: BL-PR-05\n\n## EL-GV-01 y\n対応: BL-GV-01\n';

async function run(front: string, body: string, today = '2026-12-01', locale: 'ja' | 'en' = 'en') {
  const { report } = await check({ 'c.yaml': CATALOG, 'el.md': markdown(front, `${body}\n${REST}`) }, { today, locale });
  return { report, coverage: report.coverage[0], diags: diagnosticsOf(report, 'el.md') };
}

describe('effective dates', () => {
  describe('reading dates', () => {
    it('reads ISO and the Japanese era calendar, 元年, full-width digits and kanji numerals', () => {
      for (const [written, iso] of [
        ['2027-04-01', '2027-04-01'], ['令和9年4月1日', '2027-04-01'], ['令和元年5月1日', '2019-05-01'],
        ['令和９年４月１日', '2027-04-01'], ['２０２７－０４－０１', '2027-04-01'], ['令和九年四月一日', '2027-04-01'],
        ['2027年4月1日', '2027-04-01'], ['平成31年4月30日', '2019-04-30'], ['令和十二年十月二十日', '2030-10-20'],
      ]) assert.deepEqual(readDate(written), { ok: true, date: iso }, written);
    });

    it('tells a date that does not exist from text that is no date', () => {
      assert.deepEqual(readDate('2027-02-30'), { ok: false, reason: 'calendar' });
      assert.deepEqual(readDate('令和9年2月29日'), { ok: false, reason: 'calendar' });
      assert.deepEqual(readDate('来年度'), { ok: false, reason: 'form' });
    });

    it('shows a Western date in the era calendar', () => {
      assert.equal(japaneseDate('2027-04-01'), '令和9年4月1日');
      assert.equal(japaneseDate('2019-05-01'), '令和元年5月1日');
      assert.equal(japaneseDate('2019-04-30'), '平成31年4月30日');
    });
  });

  describe('planned-coverage', () => {
    const phased = (line: string) => `## EL-PR-01 二要素認証\n対応: BL-PR-01\n${line}\nログイン時に二要素認証を用いなければならない。\n`;

    for (const line of ['施行: 令和9年4月1日', 'Effective: 2027-04-01', '- **施行日：** ２０２７－０４－０１']) {
      it(`a control covered only by a measure not yet in effect (${line}) is planned, not uncovered`, async () => {
        const { coverage, diags } = await run('', phased(line));
        assert.deepEqual(coverage.uncovered, ['BL-PR-01']);
        assert.deepEqual(coverage.planned, ['BL-PR-01']);
        const d = diags.find((x) => x.control === 'BL-PR-01');
        assert.equal(d?.code, 'planned-coverage');
        assert.equal(d?.severity, 'warning');
        assert.match(d?.message ?? '', /take[s]? effect on 2027-04-01 \(令和9年4月1日\)/);
        assert.ok(!diags.some((x) => x.code === 'uncovered-control'));
      });
    }

    it('on or after the date the measure covers the control', async () => {
      const { coverage, diags } = await run('', phased('施行: 令和9年4月1日'), '2027-04-01');
      assert.deepEqual(coverage.uncovered, []);
      assert.deepEqual(coverage.planned, []);
      assert.deepEqual(diags, []);
    });

    it('the finding sits on the marker of the measure and speaks Japanese', async () => {
      const { diags } = await run('', phased('施行: 令和9年4月1日'), '2026-12-01', 'ja');
      const d = diags.find((x) => x.code === 'planned-coverage');
      assert.deepEqual(d?.range.start, { line: 6, character: 4 });
      assert.match(d?.message ?? '', /2027-04-01\(令和9年4月1日\)に施行される対策 EL-PR-01 でしか対応されていません/);
    });

    it('a measure in effect next to a planned one covers the control now', async () => {
      const { coverage } = await run('', `${phased('施行: 令和9年4月1日')}\n## EL-PR-02 暫定策\n対応: BL-PR-01\n`);
      assert.deepEqual(coverage.planned, []);
      assert.deepEqual(coverage.uncovered, []);
    });

    it('effective: on a standard applies to its measures without a date of their own', async () => {
      const { coverage } = await run('effective: 令和9年4月1日\n', '');
      assert.deepEqual(coverage.planned, ['BL-GV-01', 'BL-PR-05']);
      const after = await run('effective: 2027-04-01\n', '', '2027-04-02');
      assert.deepEqual(after.coverage.planned, []);
    });

    it('a measure\'s own date wins over the standard\'s', async () => {
      const { coverage } = await run('effective: 2027-04-01\n', phased('Effective: 2026-04-01'));
      assert.deepEqual(coverage.planned, ['BL-GV-01', 'BL-PR-05']);
    });

    it('a YAML measure with effective:', async () => {
      const yaml = 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n  - id: FN-PR-01\n    covers: [BL-PR-01, BL-PR-05, BL-GV-01]\n    effective: "令和9年4月1日"\n    text: 用いなければならない。\n';
      const { report } = await check({ 'c.yaml': CATALOG, 'fn.yaml': yaml }, { today: '2027-03-31' });
      assert.deepEqual(report.coverage[0].planned, ['BL-GV-01', 'BL-PR-01', 'BL-PR-05']);
    });

    it('a date that is not a date is a located schema error, and the measure counts as in effect', async () => {
      const { diags, coverage } = await run('', phased('施行: 令和9年2月30日'));
      const d = diags.find((x) => x.code === 'schema');
      assert.match(d?.message ?? '', /not a date on the calendar/);
      assert.deepEqual(d?.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 13 } });
      assert.deepEqual(coverage.planned, []);
      const bad = await run('effective: next year\n', '');
      assert.match(bad.diags.find((x) => x.code === 'schema')?.message ?? '', /"next year" is not a date/);
    });
  });
});
