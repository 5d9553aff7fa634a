// kijun-disable-next-line: one warning or info silenced where it stands, counted in reports;
// never an error, never uncovered-control.
import assert from 'node:assert/strict';
import { check, codesOf, diagnosticsOf, CATALOG, markdown } from '../helpers/memoryWorkspace.js';

const files = (standard: string, name = 'el.md') => ({ 'catalog.yaml': CATALOG, [name]: standard });
const BODY = '## EL-PR-01 x\n対応: BL-PR-01, BL-GV-01, BL-PR-05\n';

describe('kijun-disable-next-line', () => {
  it('silences a warning on the next line of a Markdown body, and counts it', async () => {
    const open = await check(files(markdown('', `${BODY}対応: BL-PR-09\n`)));
    assert.deepEqual(codesOf(open.report, 'el.md'), ['withdrawn-control']);
    const { report } = await check(files(markdown('', `${BODY}<!-- kijun-disable-next-line withdrawn-control -->\n対応: BL-PR-09\n`)));
    assert.deepEqual(codesOf(report, 'el.md'), []);
    assert.equal(report.summary.suppressed, 1);
  });

  it('only the next line, and only the named rule', async () => {
    const { report } = await check(files(markdown('', `${BODY}<!-- kijun-disable-next-line weak-coverage -->\n対応: BL-PR-09\n<!-- kijun-disable-next-line withdrawn-control -->\n\n対応: BL-PR-09\n`)));
    assert.deepEqual(codesOf(report, 'el.md'), ['withdrawn-control', 'withdrawn-control']);
    assert.equal(report.summary.suppressed, undefined);
  });

  it('works with the # form in a YAML standard and in front matter', async () => {
    const yaml = 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n  - id: FN-PR-01\n    # kijun-disable-next-line withdrawn-control\n    covers: [BL-PR-01, BL-GV-01, BL-PR-05, BL-PR-09]\n';
    const y = await check(files(yaml, 'fin.yaml'));
    assert.deepEqual(codesOf(y.report, 'fin.yaml'), []);
    assert.equal(y.report.summary.suppressed, 1);
    const fm = markdown('exemptions:\n  # kijun-disable-next-line exemption-expired\n  - { control: BL-PR-05, review: 2020-01-01, rationale: 制御系ネットワークはインターネットと接続しない閉域網であるため。 }\n', '## EL-PR-01 x\n対応: BL-PR-01, BL-GV-01\n');
    const m = await check(files(fm));
    assert.deepEqual(codesOf(m.report, 'el.md'), []);
  });

  it('never silences an error, and says so for uncovered-control and for a name that is no rule', async () => {
    const { report } = await check(files(markdown('', '<!-- kijun-disable-next-line uncovered-control unknown-control uncoverd-control -->\n## EL-PR-01 x\n対応: BL-PR-01, BL-GV-01, BL-PR-99\n')));
    const messages = diagnosticsOf(report, 'el.md').map((d) => `${d.code}: ${d.message}`);
    assert.ok(messages.some((m) => m.startsWith('unknown-control')), 'an error stays');
    assert.ok(messages.some((m) => m.startsWith('uncovered-control')), 'uncovered-control stays');
    assert.ok(messages.some((m) => /uncoverd-control.*not a rule code/.test(m)));
    assert.ok(messages.some((m) => /uncovered-control cannot be suppressed/.test(m)));
  });

  it('a directive inside code is an example, not a directive', async () => {
    const { report } = await check(files(markdown('', `${BODY}\n    <!-- kijun-disable-next-line withdrawn-control -->\n対応: BL-PR-09\n`)));
    assert.deepEqual(codesOf(report, 'el.md'), ['withdrawn-control']);
  });
});
