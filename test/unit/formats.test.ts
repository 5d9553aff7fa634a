import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { formatSarif } from '../../server/src/core/formats/sarif.js';
import { formatJunit } from '../../server/src/core/formats/junit.js';
import { formatMarkdown, MARKDOWN_MARKER } from '../../server/src/core/formats/markdown.js';
import { formatHtml, HTML_CSP } from '../../server/src/core/formats/html.js';
import { escapeMarkdown } from '../../server/src/core/formats/escape.js';
import type { Locale } from '../../server/src/core/model.js';
import { RULE_CODES } from '../../server/src/core/rules.js';
import { checkMarkup, HTML_VOIDS, textOf, type Element } from '../helpers/markup.js';
import { EVIL, HOSTILE, emptyWorkspace, filesOf, hostileWorkspace, reviewed, type Reviewed } from '../helpers/reviewWorkspaces.js';
import { CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';

// The SARIF 2.1.0 schema as Microsoft ships it with its SARIF matchers (draft-04 JSON Schema).
const require = createRequire(import.meta.url);
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's language pattern is not a valid Unicode-mode regular expression: compile without `u`.
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(SARIF_SCHEMA);

function assertValidSarif(text: string): Sarif.Log {
  const log = JSON.parse(text) as Sarif.Log;
  const ok = validateSarif(log);
  assert.ok(ok, `SARIF schema errors: ${JSON.stringify(validateSarif.errors?.slice(0, 5), null, 1)}`);
  return log;
}

const workspaces: Record<string, () => Record<string, string>> = {
  samples: () => filesOf('samples'),
  hostile: hostileWorkspace,
  empty: emptyWorkspace,
};

const cache = new Map<string, Promise<Reviewed>>();
function load(name: string, locale: Locale): Promise<Reviewed> {
  const key = `${name}/${locale}`;
  if (!cache.has(key)) cache.set(key, reviewed(workspaces[name](), locale));
  return cache.get(key)!;
}

const findingCount = (r: Reviewed): number => r.report.files.reduce((n, f) => n + f.diagnostics.length, 0);

describe('review model', () => {
  it('has the samples\' sectors, per-control states, titles and the electricity exemption', async () => {
    const { review } = await load('samples', 'ja');
    assert.deepEqual(review.sectors.map((s) => [s.sector, s.required, s.covered, s.exempted, s.uncovered]), [
      ['electricity', 47, 45, 0, 2], ['finance', 58, 55, 0, 3], ['medical', 47, 44, 0, 3], ['port', 47, 44, 1, 2], ['water', 47, 47, 0, 0],
    ]);
    const electricity = review.sectors[0];
    assert.equal(electricity.name.ja, '電力');
    assert.equal(electricity.titles.length, 3, 'one title per file of the sector');
    assert.equal(electricity.cells['BL-PR-15'].state, 'covered', 'exempted for closed networks, covered by EL-PR-14 for open ones');
    assert.equal(electricity.cells['BL-GV-15'].state, 'uncovered');
    assert.equal(electricity.cells['BL-PR-19'], undefined, 'a level-2 control is not required at level 1');
    assert.equal(review.sectors[2].cells['BL-PR-02'].state, 'unsound');
    const exemption = review.exemptions.find((e) => e.control === 'BL-PR-15')!;
    assert.deepEqual([exemption.sound, exemption.review, exemption.compensating, exemption.reviewStatus], [true, '2027-03-31', ['EL-PR-07'], 'ok']);
    assert.match(exemption.rationale, /閉域網/);
    const unsound = review.exemptions.find((e) => e.control === 'BL-PR-02')!;
    assert.equal(unsound.sound, false);
    assert.deepEqual(unsound.problems.map((p) => p.code), ['exemption-without-rationale']);
    assert.deepEqual(review.functions.map((f) => `${f.id} ${f.name.ja}`), ['GV 統治', 'ID 識別', 'PR 防御', 'DE 検知', 'RS 対応', 'RC 復旧']);
  });

  it('marks an exemption due within 90 days of its review date and expired after it', async () => {
    const front = `exemptions:\n  - control: BL-PR-05\n    rationale: ${RATIONALE}\n    review: 2027-01-31\n`;
    const files = { 'c.yaml': CATALOG, 'el.md': markdown(front, '## EL-PR-01 認証\nCovers: BL-PR-01\n\n## EL-GV-01 経営\n対応: BL-GV-01\n') };
    const status = async (today: string) => (await reviewed(files, 'en', today)).review.exemptions[0];
    assert.deepEqual([(await status('2026-10-01')).reviewStatus, (await status('2026-10-01')).daysToReview], ['ok', 122]);
    assert.equal((await status('2026-11-24')).reviewStatus, 'due');
    const expired = await status('2027-02-01');
    assert.deepEqual([expired.reviewStatus, expired.sound], ['expired', true], 'an expired exemption still exempts');
  });
});

describe('SARIF format', () => {
  for (const name of Object.keys(workspaces)) {
    for (const locale of ['ja', 'en'] as Locale[]) {
      it(`${name} (${locale}): valid against the SARIF 2.1.0 schema, one result per finding`, async () => {
        const r = await load(name, locale);
        const log = assertValidSarif(formatSarif(r.report, r.review, locale, { srcRoot: 'file:///work/repo/' }));
        const run = log.runs[0];
        assert.equal(log.version, '2.1.0');
        assert.equal(run.results?.length, findingCount(r));
        assert.deepEqual(run.tool.driver.rules?.map((x) => x.id), RULE_CODES, 'every rule, so ruleIndex is stable');
      });
    }
  }

  it('maps each finding: rule id and index, level, relative location with 1-based line and column', async () => {
    const r = await load('samples', 'ja');
    const run = JSON.parse(formatSarif(r.report, r.review, 'ja')).runs[0] as Sarif.Run;
    const expected = r.report.files.flatMap((f) => f.diagnostics.map((d) => ({ f, d })));
    run.results!.forEach((result, i) => {
      const { f, d } = expected[i];
      assert.equal(result.ruleId, d.code);
      assert.equal(run.tool.driver.rules![result.ruleIndex!].id, d.code);
      assert.equal(result.level, { error: 'error', warning: 'warning', info: 'note' }[d.severity]);
      assert.equal(result.message.text, d.message);
      const loc = result.locations![0].physicalLocation!;
      assert.equal(loc.artifactLocation!.uri, f.path);
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.deepEqual(loc.region, { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 });
    });
    const unknownCsf = run.results!.find((x) => x.ruleId === 'unknown-csf')!;
    assert.deepEqual(unknownCsf.locations![0].physicalLocation!.region, { startLine: 131, startColumn: 25, endLine: 131, endColumn: 32 });
    assert.equal(run.results!.find((x) => x.ruleId === 'csf-gap')!.level, 'note');
    const fingerprints = run.results!.map((x) => x.partialFingerprints!['kijunFinding/v1']);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'results at one place (uncovered controls) stay apart');
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('describes every rule with help text and its documentation link, in the chosen language', async () => {
    const r = await load('samples', 'en');
    const rules = (JSON.parse(formatSarif(r.report, r.review, 'en')).runs[0] as Sarif.Run).tool.driver.rules!;
    const uncovered = rules.find((x) => x.id === 'uncovered-control')!;
    assert.equal(uncovered.helpUri, 'https://kijun.example/docs/rules/uncovered-control.md');
    assert.match(uncovered.shortDescription!.text, /required baseline control/);
    assert.match(uncovered.help!.markdown!, /\[Rule documentation: uncovered-control\]\(https:\/\/kijun\.example\/docs\/rules\/uncovered-control\.md\)/);
    assert.equal(uncovered.defaultConfiguration!.level, 'error');
    assert.equal(rules.find((x) => x.id === 'csf-gap')!.defaultConfiguration!.level, 'note');
    const ja = (JSON.parse(formatSarif(r.report, r.review, 'ja')).runs[0] as Sarif.Run).tool.driver.rules!;
    assert.match(ja[0].shortDescription!.text, /必須の管理策/);
  });

  it('records per-rule severities from kijun.yaml as configuration overrides, and drops rules set to off', async () => {
    const files = { ...filesOf('samples') };
    files['kijun.yaml'] += 'rules:\n  uncovered-control: warning\n  csf-gap: off\n';
    const r = await reviewed(files, 'en');
    const run = assertValidSarif(formatSarif(r.report, r.review, 'en')).runs[0];
    assert.ok(run.results!.filter((x) => x.ruleId === 'uncovered-control').every((x) => x.level === 'warning'));
    assert.equal(run.results!.filter((x) => x.ruleId === 'csf-gap').length, 0);
    assert.deepEqual(run.invocations![0].ruleConfigurationOverrides!.map((o) => [o.descriptor.id, o.configuration]), [
      ['uncovered-control', { level: 'warning' }], ['csf-gap', { enabled: false }],
    ]);
  });

  it('percent-encodes file names in artifact URIs', async () => {
    const r = await load('hostile', 'en');
    const log = assertValidSarif(formatSarif(r.report, r.review, 'en'));
    const uris = log.runs[0].artifacts!.map((a) => a.location!.uri!);
    assert.ok(uris.includes('standards/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%26amp%3B.md'), uris.join('\n'));
    assert.ok(JSON.stringify(log).includes(EVIL.script), 'content is kept as data (JSON-escaped), not dropped');
  });
});

describe('JUnit format', () => {
  function parse(xml: string): Element[] {
    return checkMarkup(xml, { xml: true });
  }

  for (const name of Object.keys(workspaces)) {
    it(`${name}: well-formed XML with one case per sector-and-control requirement and per file`, async () => {
      const r = await load(name, 'ja');
      const elements = parse(formatJunit(r.report, r.review, 'ja'));
      const cases = elements.filter((e) => e.name === 'testcase');
      const required = r.review.sectors.reduce((n, s) => n + s.required, 0);
      assert.equal(cases.length, required + r.report.files.length);
      const root = elements[0];
      assert.equal(root.name, 'testsuites');
      assert.equal(Number(root.attrs.tests), cases.length);
      assert.equal(Number(root.attrs.failures), elements.filter((e) => e.name === 'failure').length);
    });
  }

  it('fails uncovered requirements and files with errors; skips exempted controls with the rationale', async () => {
    const r = await load('samples', 'ja');
    const xml = formatJunit(r.report, r.review, 'ja');
    const elements = parse(xml);
    const suites = elements.filter((e) => e.name === 'testsuite');
    assert.deepEqual(suites.map((s) => [s.attrs.tests, s.attrs.failures, s.attrs.skipped]), [
      ['47', '2', '0'], ['58', '3', '0'], ['47', '3', '0'], ['47', '2', '1'], ['47', '0', '0'], ['8', '4', '0'],
    ]);
    assert.match(suites[0].attrs.name, /電力\(electricity\)/);
    // BL-PR-02 of medical: uncovered until MD-PR-11 takes effect, and its exemption is unsound: the
    // error fails the case, the planned-coverage warning is in its output.
    const medical = xml.slice(xml.indexOf('name="BL-PR-02', xml.indexOf('kijun.medical.PR')));
    const failure = medical.slice(0, medical.indexOf('</testcase>'));
    assert.match(failure, /<failure message="管理策 BL-PR-02 の適用除外の理由が短すぎます/);
    assert.match(failure, /medical-security\.md:11:16: エラー exemption-without-rationale/);
    assert.match(failure, /警告 planned-coverage: 必須の管理策 BL-PR-02/);
    const skipped = elements.find((e) => e.name === 'skipped')!;
    assert.match(skipped.attrs.message, /^適用除外: /);
    const water = elements.filter((e) => e.name === 'testcase' && e.attrs.classname.startsWith('kijun.water.'));
    assert.equal(water.length, 47);
    const files = elements.filter((e) => e.name === 'testcase' && e.attrs.classname === 'kijun.files');
    assert.deepEqual(files.map((f) => f.attrs.name), r.report.files.map((f) => f.path));
  });

  it('keeps hostile text as text and drops characters XML cannot carry', async () => {
    const r = await load('hostile', 'en');
    const xml = formatJunit(r.report, r.review, 'en');
    const elements = parse(xml);
    assert.ok(!/<script|<img|<!\[CDATA\[/i.test(xml));
    assert.ok(!xml.includes('\u0001'));
    const names = elements.filter((e) => e.name === 'testcase').map((e) => e.attrs.name);
    assert.ok(names.some((n) => n.includes(`MFA ${EVIL.script}`)), 'control titles come back intact after unescaping');
    assert.ok(names.includes(`standards/${'"><img src=x onerror=alert(1)>&amp;'}.md`));
  });

  it('a warning-severity uncovered control passes with a note; errors decide failures, as the exit status', async () => {
    const files = { ...filesOf('samples') };
    files['kijun.yaml'] += 'rules:\n  uncovered-control: warning\n';
    const r = await reviewed(files, 'en');
    const xml = formatJunit(r.report, r.review, 'en');
    const suites = parse(xml).filter((e) => e.name === 'testsuite');
    assert.equal(suites[0].attrs.failures, '0');
    assert.match(xml, /Uncovered \(uncovered-control severity: warning\)/);
    assert.equal(suites[2].attrs.failures, '1', 'medical still fails on the unsound exemption of BL-PR-02');
  });
});

describe('Markdown summary', () => {
  /** Table rows must keep their column count: a `|` from content would add a cell. */
  function assertTables(md: string): void {
    let columns = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, '').split('|').length;
      if (columns === 0) columns = cells;
      else assert.equal(cells, columns, `row has ${cells - 2} cells, header ${columns - 2}: ${line}`);
    }
  }

  it('samples (ja): coverage table, uncovered controls by CSF function, the unsound exemption', async () => {
    const r = await load('samples', 'ja');
    const md = formatMarkdown(r.report, r.review, 'ja');
    assertTables(md);
    assert.ok(md.startsWith(`${MARKDOWN_MARKER}\n## Kijun: ベースライン対応状況`));
    assert.match(md, /❌ \*\*エラー 11 件、警告 2 件、情報 1 件/);
    assert.match(md, /^\| 電力 \(electricity\) \| jp-ci-baseline@2026\.1 \| 1 \| 47 \| 45 \| 0 \| \*\*2\*\* \| 95\.7% \|$/m);
    assert.match(md, /^\| 水道 \(water\) \| jp-ci-baseline@2026\.1 \| 1 \| 47 \| 47 \| 0 \| 0 \| 100% \|$/m);
    const uncovered = md.slice(md.indexOf('### 未対応の管理策'), md.indexOf('### 確認が必要な適用除外'));
    const rows = uncovered.split('\n').filter((l) => /^\| [A-Z]{2} /.test(l));
    assert.deepEqual(rows.map((l) => l.split(' | ')[0].slice(2)), ['GV 統治', 'GV 統治', 'ID 識別', 'PR 防御', 'PR 防御', 'PR 防御', 'PR 防御', 'DE 検知']);
    assert.match(uncovered, /\| PR 防御 \| \*\*BL-PR-02\*\* リモートアクセスにおける多要素認証 \| 医療 \(不備あり\) \(施行前: 2027-04-01 \/ 令和9年4月1日 から施行\) \|/);
    assert.match(md, /\| 医療 \| BL-PR-02 リモートアクセスにおける多要素認証 \| \*\*不備あり\*\*: 管理策 BL-PR-02 の適用除外の理由が短すぎます/);
    assert.doesNotMatch(md, /BL-PR-15/, 'the sound, in-date exemption needs no attention');
    assert.ok(md.length < 5000, 'short enough for a comment');
  });

  it('samples (en): English words and due or expired exemptions listed', async () => {
    const r = await reviewed(filesOf('samples'), 'en', '2027-04-02');
    const md = formatMarkdown(r.report, r.review, 'en');
    assertTables(md);
    assert.match(md, /\| Sector \| Baseline \| Level \| Required \| Covered \| Exempt \| Uncovered \| Done \|/);
    assert.match(md, /\| Electric power supply services \| BL-PR-15 Malware protection.* \| sound \| 2027-03-31 \(expired\) \| \[standards\/electricity\/00-governance\.md:8\]\(https:\/\/git\.example\/org\/repo\/blob\/abc\/standards\/electricity\/00-governance\.md#L8\) \|/);
  });

  it('hostile strings cannot open tags, links, emphasis or table cells', async () => {
    const r = await load('hostile', 'en');
    const md = formatMarkdown(r.report, r.review, 'en');
    assertTables(md);
    const body = md.slice(MARKDOWN_MARKER.length);
    assert.doesNotMatch(body, /(?<!\\)<(?!sub>|\/sub>)/, 'every < from content is escaped');
    assert.doesNotMatch(md, /(?<!\\)\[link(?<!\\)\]/);
    assert.doesNotMatch(md, /(?<!\\)\*\*bold/);
    assert.match(md, /\\<script\\>alert\(1\)\\<\/script\\>/);
    assert.match(md, /Definitions "\\>\\<img src=x onerror=alert\(1\)\\>/);
  });

  it('lists each sector\'s own measures (the second floor, covering no baseline control), in both languages', async () => {
    const ja = formatMarkdown((await load('samples', 'ja')).report, (await load('samples', 'ja')).review, 'ja');
    assertTables(ja);
    const section = ja.slice(ja.indexOf('### 分野固有の対策(ベースライン管理策に対応しない対策)'), ja.indexOf('### 未対応の管理策'));
    assert.match(section, /^\| 電力 \(electricity\) \| 2 \| \*\*EL-PR-13\*\* スマートメーターシステムの保護, \*\*EL-DE-04\*\* 需給制御システムにおける異常な指令値の検知 \|$/m);
    assert.match(section, /^\| 水道 \(water\) \| 1 \| \*\*WT-PR-11\*\* 薬品注入制御の設定値の保護 \|$/m);
    const en = formatMarkdown((await load('samples', 'en')).report, (await load('samples', 'en')).review, 'en');
    assert.match(en, /### Sector-specific measures \(covering no baseline control\)\n\n\| Sector \| Count \| Measures \|/);
    const none = await reviewed({ 'baseline/catalog.yaml': CATALOG, 'standards/s.md': markdown('level: 1\n', '## EL-PR-01 認証\nCovers: BL-PR-01\n') }, 'en');
    assert.match(formatMarkdown(none.report, none.review, 'en'), /### Sector-specific measures \(covering no baseline control\)\n\nNo sector-specific measures\./);
  });

  it('an empty workspace says there is nothing to compute', async () => {
    const r = await load('empty', 'ja');
    const md = formatMarkdown(r.report, r.review, 'ja');
    assert.match(md, /対応状況を計算できる安全基準等がありません。/);
    assert.doesNotMatch(md, /^\|/m);
  });

  it('escapes Markdown and keeps it on one line', () => {
    assert.equal(escapeMarkdown('a|b\n<c> *d* [e](f) `g` & www.x https://y'), 'a\\|b \\<c\\> \\*d\\* \\[e\\](f) \\`g\\` &amp; www\\.x https\\://y');
    assert.equal(escapeMarkdown('a\u001b[2J\u202eb'), 'a\\\\u001b\\[2J\\\\u202eb', 'controls are shown as escapes');
  });
});

describe('HTML report', () => {
  function assertSelfContained(html: string): Element[] {
    const elements = checkMarkup(html, { voids: HTML_VOIDS });
    assert.ok(!elements.some((e) => e.name === 'script'), 'no script element');
    assert.ok(!elements.some((e) => ['img', 'link', 'iframe', 'object', 'embed', 'base', 'form', 'svg', 'video', 'audio'].includes(e.name)), 'no element that loads or posts');
    assert.ok(!elements.some((e) => Object.keys(e.attrs).some((a) => /^on/i.test(a) || a === 'src' || a === 'srcset')), 'no event handler or src attribute');
    const csp = elements.find((e) => e.name === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.equal(csp?.attrs.content, HTML_CSP);
    assert.match(HTML_CSP, /default-src 'none'/);
    for (const e of elements) {
      if (e.attrs.href !== undefined) assert.match(e.attrs.href, /^(#|https:\/\/|file:|[^:]*$)/, `href ${e.attrs.href}`);
    }
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    assert.doesNotMatch(style, /url\(|@import|https?:/);
    return elements;
  }

  for (const name of Object.keys(workspaces)) {
    for (const locale of ['ja', 'en'] as Locale[]) {
      it(`${name} (${locale}): self-contained, well-nested, with a Content-Security-Policy`, async () => {
        const r = await load(name, locale);
        const html = formatHtml(r.report, r.review, locale);
        const elements = assertSelfContained(html);
        assert.equal(elements[0].name, 'html');
        assert.equal(elements[0].attrs.lang, locale);
      });
    }
  }

  it('samples: matrix of sectors × controls by CSF function and level, bars, exemptions, linked findings', async () => {
    const r = await load('samples', 'ja');
    const html = formatHtml(r.report, r.review, 'ja');
    const row = (id: string): string => {
      const start = html.indexOf(`<span class="mono">${id}</span>`, html.indexOf('<section id="matrix">'));
      return html.slice(start, html.indexOf('</tr>', start));
    };
    const states = (id: string): string[] => [...row(id).matchAll(/<td class="cell ([a-zA-Z ]+)"/g)].map((m) => m[1]);
    // Columns: electricity, finance, medical, port, water.
    assert.deepEqual(states('BL-PR-15'), ['covered', 'covered', 'covered', 'exempted', 'covered']);
    assert.deepEqual(states('BL-PR-02'), ['covered', 'covered', 'unsound planned', 'covered', 'covered'], 'medical: planned (MD-PR-11 from 2027-04-01), its exemption unsound');
    assert.deepEqual(states('BL-PR-19'), ['notRequired', 'uncovered', 'notRequired', 'notRequired', 'notRequired'], 'level 2: required of finance only');
    assert.match(row('BL-PR-19'), /<td class="lvl">2<\/td>/);
    const matrix = html.slice(html.indexOf('<section id="matrix">'), html.indexOf('<section id="exemptions">'));
    const groups = [...matrix.matchAll(/<tr class="fn"><th colspan="7"><a href="[^"]+">([A-Z]{2})<\/a> ([^<]+) /g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(groups, ['GV 統治', 'ID 識別', 'PR 防御', 'DE 検知', 'RS 対応', 'RC 復旧']);
    const sectors = html.slice(html.indexOf('<section id="sectors">'), html.indexOf('<section id="functions">'));
    assert.match(sectors, /style="width:95\.74%"/, 'electricity bar: 45 of 47 covered');
    assert.match(sectors, /<b>95\.7%<\/b> <span class="muted">45\/47<\/span>/);
    const functions = html.slice(html.indexOf('<section id="functions">'), html.indexOf('<section id="matrix">'));
    assert.match(functions, /<b>75%<\/b> <span class="muted">3\/4<\/span>/, 'finance DE: 3 of 4');
    const exemptions = textOf(html.slice(html.indexOf('<section id="exemptions">'), html.indexOf('<section id="findings">')));
    assert.match(exemptions, /BL-PR-15\s+不正プログラム対策/);
    assert.match(exemptions, /電力制御システムはインターネット/);
    assert.match(exemptions, /2027-03-31\s+期限内\s+\(あと 127 日\)/);
    assert.match(exemptions, /不備あり/);
    // Every finding is linked to its file and line.
    const findings = html.slice(html.indexOf('<section id="findings">'));
    const links = [...findings.matchAll(/<td class="loc"><a class="mono" href="([^"]+)">(\d+):(\d+)<\/a>/g)];
    assert.equal(links.length, findingCount(r));
    for (const [, href, line] of links) assert.match(href, new RegExp(`^https://git\\.example/org/repo/blob/abc/.+#L${line}$`));
    assert.match(findings, /href="https:\/\/kijun\.example\/docs\/rules\/unknown-csf\.md"/);
  });

  it('hostile strings appear as text, never as markup', async () => {
    for (const locale of ['ja', 'en'] as Locale[]) {
      const r = await load('hostile', locale);
      const html = formatHtml(r.report, r.review, locale);
      const elements = assertSelfContained(html);
      // The table structure is ours alone: every row of the matrix has its 2 + 3 cells.
      const text = textOf(html);
      assert.ok(text.includes(EVIL.script) && text.includes(EVIL.img) && text.includes(EVIL.td), 'shown literally');
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      const titles = elements.filter((e) => e.attrs.title?.includes(HOSTILE.slice(0, 20)));
      assert.ok(titles.length > 0, 'hostile text in title attributes stays inside them');
      const matrix = html.slice(html.indexOf('<section id="matrix">'), html.indexOf('<section id="exemptions">'));
      for (const tr of matrix.split('<tr>').slice(2)) assert.equal((tr.match(/<td[ >]/g) ?? []).length, 1 + r.review.sectors.length, tr.slice(0, 200));
    }
  });

  it('an empty workspace still renders: the catalog, no sector, no coverage', async () => {
    const r = await load('empty', 'en');
    const html = formatHtml(r.report, r.review, 'en');
    assertSelfContained(html);
    assert.match(textOf(html), /No standard with a loaded baseline was found\./);
    assert.match(html, /<span class="mono">BL-PR-01<\/span> Multi-factor authentication/, 'the matrix still lists the baseline');
    assert.doesNotMatch(html, /<td class="cell/);
  });

  it('lays out for print: landscape pages, colours kept, headers repeated', async () => {
    const r = await load('samples', 'en');
    const html = formatHtml(r.report, r.review, 'en');
    assert.match(html, /@media print \{[\s\S]*@page \{ size: A4 landscape;/);
    assert.match(html, /print-color-adjust: exact/);
    assert.match(html, /thead \{ display: table-header-group; \}/);
  });
});
