import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { stringify } from 'yaml';
import { extractFile } from '../../server/src/core/extract.js';
import type { CatalogModel } from '../../server/src/core/model.js';
import { LineIndex } from '../../server/src/core/text.js';
import { parseJsonSource } from '../../server/src/core/oscal/jsonSource.js';
import { profileSelection, selectControls } from '../../server/src/core/oscal/settings.js';
import { catalogToKijunYaml } from '../../server/src/core/oscal/importCatalog.js';
import { exportComponentDefinition, exportMappingCollection, type ExportOptions } from '../../server/src/core/oscal/export.js';
import { sha1Hex, uuidV5 } from '../../server/src/core/oscal/uuid.js';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex.js';
import { run } from '../../server/src/cli/main.js';
import { check, codesOf, diagnosticsOf, memoryFs } from '../helpers/memoryWorkspace.js';
import { tempDir } from '../helpers/tmp.js';

// Copies of ../shared/data/oscal (NIST, public domain; see PROVENANCE.md there), so a clean checkout tests alone.
const CONTENT = path.resolve(import.meta.dirname, '../fixtures/oscal/content');
const SCHEMAS = path.resolve(import.meta.dirname, '../fixtures/oscal/schemas-1.2.1');
const ROOT = path.resolve(import.meta.dirname, '../..');
const LOW_NAME = 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json';
const PROFILE_NAME = 'NIST_SP-800-53_rev5_LOW-baseline_profile.json';
const CSF_NAME = 'NIST_CSF_v2.0_catalog.xml';
const BASIC_NAME = 'basic-catalog.json';

const cache = new Map<string, string>();
function real(name: string): string {
  if (!cache.has(name)) cache.set(name, readFileSync(path.join(CONTENT, name), 'utf8'));
  return cache.get(name)!;
}

function oscalModel(name: string): CatalogModel {
  const file = extractFile(`/x/${name}`, real(name));
  assert.deepEqual(file.findings, [], `${name} reads without findings`);
  assert.equal(file.model?.kind, 'catalog');
  return file.model as CatalogModel;
}

/** The text a range covers. */
function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const validators = new Map<string, ValidateFunction>();
function oscalSchema(name: 'mapping' | 'component' | 'catalog'): ValidateFunction {
  if (!validators.has(name)) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    validators.set(name, ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, `oscal_${name}_schema.json`), 'utf8'))));
  }
  return validators.get(name)!;
}

function assertValid(name: 'mapping' | 'component', doc: unknown): void {
  const validate = oscalSchema(name);
  assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const EXPORT: ExportOptions = { lastModified: '2026-11-24T00:00:00Z', locale: 'en', href: (p) => p.replace(/^\/ws\//, ''), generator: 'Kijun test' };

const RATIONALE = '制御系の端末には利用者向けの画面がなく、通知を表示する手段がないため、設置場所の掲示で代替して周知する。';

/** Workspaces built on the three real inputs, each with a small standard. */
function basicWorkspace(): Record<string, string> {
  return {
    'oscal/basic-catalog.json': real(BASIC_NAME),
    'standards/electricity.md': [
      '---', 'kind: standard', 'sector: electricity', 'title: 電力分野における安全基準等', 'baseline: basic-catalog@1.1',
      'exemptions:', '  - control: s2.1.2', `    rationale: ${RATIONALE}`, '---', '# 電力分野における安全基準等', '',
      '## EL-GV-01 情報セキュリティの役割と責任', 'Covers: s1.1.1', '', '経営層は情報セキュリティの役割と責任を定めなければならない。', '',
    ].join('\n'),
    'standards/electricity-more.yaml': stringify({
      kind: 'standard', sector: 'electricity', baseline: 'basic-catalog@1.1',
      measures: [{ id: 'EL-GV-02', title: '職務の分離', covers: ['s1.1.2'], text: '相反する職務は分離しなければならない。' }],
    }),
  };
}

function csfWorkspace(): Record<string, string> {
  return {
    'kijun.yaml': 'catalogs: [oscal/*.xml]\nstandards: [standards/*.md]\noscal:\n  - path: oscal/NIST_CSF_v2.0_catalog.xml\n    id: csf\n',
    'oscal/NIST_CSF_v2.0_catalog.xml': real(CSF_NAME),
    'standards/gas.md': [
      '---', 'kind: standard', 'sector: gas', 'baseline: csf@1.0.0', '---', '# ガス',
      '## GS-GV-01 組織の状況', 'Covers: GV.OC, GV.OC-01, GV.OC-02, GV.OC-03', '', '事業者は組織の状況を把握しなければならない。',
      '## GS-PR-01 識別情報', 'Covers: PR.AC-01', '', '識別情報を管理しなければならない。', '',
    ].join('\n'),
  };
}

function lowWorkspace(level = 1): Record<string, string> {
  return {
    'kijun.yaml': [
      'catalogs: [oscal/*catalog.json]', 'standards: [standards/*.md]', 'oscal:',
      `  - path: oscal/${LOW_NAME}`, '    id: sp800-53-low', '    levels:',
      `      profiles: { 1: oscal/${PROFILE_NAME} }`, '      controls: { ia-2.1: 2 }', '',
    ].join('\n'),
    [`oscal/${LOW_NAME}`]: real(LOW_NAME),
    [`oscal/${PROFILE_NAME}`]: real(PROFILE_NAME),
    'standards/water.md': [
      '---', 'kind: standard', 'sector: water', 'baseline: sp800-53-low@5.1.1+u4', `level: ${level}`,
      'exemptions:', '  - control: ac-8', `    rationale: ${RATIONALE}`, '---', '# 水道',
      '## WA-AC-01 アカウント管理', 'Covers: ac-2, ia-2.1', '', 'アカウントを管理しなければならない。', '',
    ].join('\n'),
  };
}

describe('OSCAL catalogs as baselines', function () {
  this.timeout(60000);

  describe('reading the real inputs', () => {
    it('reads NIST\'s basic example catalog: groups, nested groups, parameters shown readably', () => {
      const model = oscalModel(BASIC_NAME);
      assert.equal(model.id, 'basic-catalog');
      assert.equal(model.version, '1.1');
      assert.deepEqual(model.controls.map((c) => [c.id, c.function]), [['s1.1.1', 's1'], ['s1.1.2', 's1'], ['s2.1.1', 's2'], ['s2.1.2', 's2']]);
      assert.deepEqual(model.groups?.map((g) => [g.id, g.title.en]), [['s1', 'Organization of Information Security'], ['s2', 'Access control']]);
      assert.match(model.controls[0].statement.en ?? '', /\[Selection \(one or more\): initiating a device lock after \[Assignment: a duration\] of inactivity; requiring the user/);
      assert.equal(model.oscal?.csf, 'none');
      const text = real(BASIC_NAME);
      assert.equal(textAt(text, model.controls[1].range), '"s1.1.2"');
    });

    it('reads the SP 800-53 rev5 LOW resolved profile catalog: families, enhancements, statements, CSF crosswalk', () => {
      const model = oscalModel(LOW_NAME);
      assert.equal(model.version, '5.1.1+u4');
      assert.equal(model.controls.length, 149);
      assert.equal(model.groups?.length, 18);
      const ia21 = model.controls.find((c) => c.id === 'ia-2.1');
      assert.deepEqual([ia21?.function, ia21?.parent, ia21?.title.en], ['ia', 'ia-2', 'Multi-factor Authentication to Privileged Accounts']);
      const ac1 = model.controls.find((c) => c.id === 'ac-1')!;
      assert.match(ac1.statement.en ?? '', /^a\. Develop, document, and disseminate to \[Assignment: organization-defined personnel or roles\]:\n {2}1\. \[Selection \(one or more\): organization-level; mission\/business process-level; system-level\] access control policy that:\n {4}\(a\) Addresses/);
      const ac2 = model.controls.find((c) => c.id === 'ac-2')!;
      assert.deepEqual(ac2.csf.map((r) => r.id), ['PR.AA-01', 'PR.AA-05', 'PR.DS-10', 'DE.CM-01', 'DE.CM-03'], 'from the CSF 2.0 → SP 800-53 crosswalk');
      assert.equal(textAt(real(LOW_NAME), ac2.range), '"ac-2"');
    });

    it('reads NIST\'s CSF 2.0 catalog in XML: functions as groups, categories and subcategories, CSF 1.1 elements withdrawn', () => {
      const model = oscalModel(CSF_NAME);
      assert.equal(model.oscal?.format, 'xml');
      assert.equal(model.version, '1.0.0');
      assert.deepEqual(model.groups?.map((g) => g.id), ['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
      assert.equal(model.controls.length, 219);
      const live = model.controls.filter((c) => !c.withdrawn);
      assert.equal(live.length, 22 + 106);
      const old = model.controls.find((c) => c.id === 'PR.AC-01')!;
      assert.deepEqual([old.withdrawn, old.replacedBy?.id], [true, 'PR.AA-01']);
      const oc1 = model.controls.find((c) => c.id === 'GV.OC-01')!;
      assert.equal(oc1.statement.en, 'The organizational mission is understood and informs cybersecurity risk management');
      assert.deepEqual(oc1.csf.map((r) => r.id), ['GV.OC-01']);
      assert.equal(textAt(real(CSF_NAME), oc1.range), 'GV.OC-01');
      assert.match(textAt(real(CSF_NAME), oc1.entryRange), /^<control id="GV.OC-01" class="subcategory">[\s\S]*<\/control>$/);
    });

    it('reads the same catalog written as OSCAL YAML', () => {
      const yaml = stringify(JSON.parse(real(BASIC_NAME)));
      const file = extractFile('/x/basic.yaml', yaml);
      assert.deepEqual(file.findings, []);
      const model = file.model as CatalogModel;
      assert.equal(model.oscal?.format, 'yaml');
      assert.deepEqual(model.controls.map((c) => c.statement), oscalModel(BASIC_NAME).controls.map((c) => c.statement));
    });
  });

  describe('checking a standard against them', () => {
    it('basic catalog, found by content without kijun.yaml: id from the file name, Markdown markers and YAML covers with OSCAL ids', async () => {
      const { report } = await check(basicWorkspace());
      assert.deepEqual(report.coverage.map((c) => [c.sector, c.baseline, c.required, c.covered, c.exempted, c.uncovered]), [
        ['electricity', 'basic-catalog@1.1', 4, 2, 1, ['s2.1.1']],
      ]);
      assert.deepEqual(codesOf(report, 'standards/electricity.md'), []);
      assert.deepEqual(codesOf(report, 'standards/electricity-more.yaml'), ['uncovered-control'], 'on the first file of the sector');
      assert.deepEqual(codesOf(report, 'oscal/basic-catalog.json'), [], 'no CSF rules for a catalog that says nothing about CSF');
    });

    it('CSF 2.0 catalog in XML: 128 live controls required, a withdrawn CSF 1.1 id points to its successor', async () => {
      const { report } = await check(csfWorkspace());
      const c = report.coverage[0];
      assert.deepEqual([c.baseline, c.required, c.covered, c.exempted, c.uncovered.length], ['csf@1.0.0', 128, 4, 0, 124]);
      const withdrawn = diagnosticsOf(report, 'standards/gas.md').find((d) => d.code === 'withdrawn-control');
      assert.match(withdrawn?.message ?? '', /PR\.AC-01 is withdrawn\. Use its successor PR\.AA-01/);
      assert.deepEqual(codesOf(report, 'oscal/NIST_CSF_v2.0_catalog.xml'), [], 'every CSF subcategory is reached');
    });

    it('SP 800-53 LOW: levels from a profile and from kijun.yaml, OSCAL ids in markers and exemptions', async () => {
      const one = (await check(lowWorkspace(1))).report;
      assert.deepEqual(one.coverage.map((c) => [c.baseline, c.level, c.required, c.covered, c.exempted, c.uncovered.length]), [['sp800-53-low@5.1.1+u4', 1, 148, 1, 1, 146]]);
      assert.ok(!one.coverage[0].uncovered.includes('ia-2.1'), 'ia-2.1 is level 2 by kijun.yaml');
      assert.deepEqual(codesOf(one, 'standards/water.md').filter((c) => c !== 'uncovered-control'), []);
      assert.deepEqual(codesOf(one, `oscal/${LOW_NAME}`), [], 'CSF reach is a note (csf-gap); no per-control CSF warnings on a NIST file');
      const two = (await check(lowWorkspace(2))).report;
      assert.deepEqual([two.coverage[0].required, two.coverage[0].covered], [149, 2]);
    });

    it('without level information every control is level 1; a profile leaves the controls it does not select one level up', async () => {
      const profile = JSON.stringify({ profile: { uuid: '11111111-2222-4333-8444-555555555555', metadata: {}, imports: [{ href: '#x', 'include-controls': [{ 'with-ids': ['s1.1.1'] }] }] } });
      const base = basicWorkspace();
      const plain = (await check({ ...base, 'kijun.yaml': 'oscal:\n  - path: oscal/basic-catalog.json\n' })).report;
      assert.equal(plain.coverage[0].required, 4);
      const profiled = (await check({ ...base, 'p.json': profile, 'kijun.yaml': 'oscal:\n  - path: oscal/basic-catalog.json\n    levels: { profiles: { 1: p.json } }\n' })).report;
      assert.deepEqual([profiled.coverage[0].required, profiled.coverage[0].uncovered], [1, []]);
    });

    it('names profile ids and configured ids the catalog lacks', async () => {
      const profile = JSON.stringify({ profile: { uuid: '11111111-2222-4333-8444-555555555555', metadata: {}, imports: [{ href: '#x', 'include-controls': [{ 'with-ids': ['s1.1.1', 'zz-1'] }] }] } });
      const { report } = await check({ ...basicWorkspace(), 'p.json': profile, 'kijun.yaml': 'oscal:\n  - path: oscal/basic-catalog.json\n    levels:\n      profiles: { 1: p.json }\n      controls: { zz-2: 2 }\n' });
      const messages = diagnosticsOf(report, 'oscal/basic-catalog.json').map((d) => `${d.code}: ${d.message}`);
      assert.deepEqual(messages, [
        'unknown-control: p.json gives a level to control zz-1, which is not in this catalog.',
        'unknown-control: kijun.yaml gives a level to control zz-2, which is not in this catalog.',
      ]);
    });

    it('a missing catalog or unreadable profile is a configuration problem located in kijun.yaml', async () => {
      const { loaded } = await check({ ...basicWorkspace(), 'kijun.yaml': 'oscal:\n  - path: oscal/none.json\n  - path: oscal/basic-catalog.json\n    levels:\n      profiles:\n        1: missing.json\n' });
      assert.deepEqual(loaded.configFindings.map((f) => [f.message, f.range.start.line]), [['oscalPathMissing', 1], ['oscalProfileUnreadable', 5]]);
    });
  });

  describe('bad OSCAL input', () => {
    const BAD_JSON = [
      '{',
      '  "catalog": {',
      '    "uuid": "not-a-uuid",',
      '    "metadata": { "title": "Bad", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2" },',
      '    "groups": [ { "id": "g1", "title": "G",',
      '      "controls": [',
      '        { "id": "g1-1", "title": "One", "colour": "red",',
      '          "params": [ { "id": "g1-1_prm_1", "label": "a value" } ],',
      '          "parts": [ { "id": "g1-1_smt", "name": "statement", "prose": "Do {{ insert: param, g1-1_prm_1 }} and {{ insert: param, g1-1_prm_9 }}." } ],',
      '          "links": [ { "href": "#11111111-2222-4333-8444-555555555555", "rel": "reference" } ] },',
      '        { "id": "g1-2" }',
      '      ] } ]',
      '  }',
      '}',
    ].join('\n');

    it('schema errors and dangling references in JSON are located by their JSON pointer', async () => {
      const { report } = await check({ 'bad.json': BAD_JSON });
      const found = diagnosticsOf(report, 'bad.json').map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, textAt(BAD_JSON, d.range).slice(0, 24), d.message]);
      assert.deepEqual(found, [
        ['schema', 3, 13, '"not-a-uuid"', 'catalog.uuid value "not-a-uuid" does not have the expected form (UUIDDatatype).'],
        ['schema', 7, 41, '"colour"', 'Key colour is not allowed.'],
        ['schema', 9, 72, '"Do {{ insert: param, g1', 'Parameter g1-1_prm_9 is not defined (the insert points nowhere).'],
        ['schema', 10, 32, '"#11111111-2222-4333-844', 'Link #11111111-2222-4333-8444-555555555555 points to no resource in the back-matter.'],
        ['schema', 11, 9, '{ "id": "g1-2" }', 'Missing required key title.'],
      ]);
    });

    it('the same in XML, located at elements and attributes', async () => {
      const xml = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724">',
        '  <metadata><title>Bad XML</title><last-modified>2024-01-01T00:00:00Z</last-modified><version>1</version><oscal-version>1.1.2</oscal-version></metadata>',
        '  <group id="g1"><title>G</title>',
        '    <control id="g1-1">',
        '      <part id="g1-1_smt" name="statement"><p>Use <insert type="param" id-ref="nope"/> now.</p></part>',
        '    </control>',
        '    <control id="g1-2" colour="red"><title>Two</title></control>',
        '  </group>',
        '</catalog>',
      ].join('\n');
      const { report } = await check({ 'bad.xml': xml });
      const found = diagnosticsOf(report, 'bad.xml').map((d) => [d.range.start.line + 1, textAt(xml, d.range).slice(0, 20), d.message]);
      assert.deepEqual(found, [
        [5, 'control', 'Missing required key title.'],
        [6, '<p>Use <insert type=', 'Parameter nope is not defined (the insert points nowhere).'],
        [8, 'colour', 'Key colour is not allowed.'],
      ]);
    });

    it('broken JSON and XML are syntax errors where they break, never a crash', async () => {
      const { report } = await check({
        'a.json': '{\n  "catalog": {\n    "uuid": ,\n  }\n}\n',
        'b.xml': '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0">\n  <metadata>\n</catalog>\n',
        'c.json': '{"catalog": {"uuid": "x"',
      });
      assert.deepEqual(diagnosticsOf(report, 'a.json').map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]), [['syntax', 2, 12, 'JSON syntax error: unexpected character ","']]);
      assert.deepEqual(diagnosticsOf(report, 'b.xml').map((d) => [d.code, d.range.start.line]), [['syntax', 2]]);
      assert.match(diagnosticsOf(report, 'b.xml')[0].message, /^XML syntax error: /);
      assert.deepEqual(diagnosticsOf(report, 'c.json').map((d) => d.code), ['syntax']);
    });

    it('a profile named as a catalog says how to use it; JSON and XML that are not OSCAL are ignored unless configured', async () => {
      const { report } = await check({
        'kijun.yaml': 'catalogs: [oscal/*]\n',
        'oscal/profile.json': real(PROFILE_NAME),
        'oscal/other.xml': '<note/>\n',
        'package.json': '{"name": "x"}',
        'data.xml': '<catalog/>',
      });
      assert.match(diagnosticsOf(report, 'oscal/profile.json')[0]?.message ?? '', /OSCAL profile, not a catalog/);
      assert.equal(diagnosticsOf(report, 'oscal/other.xml')[0]?.message, 'This file is configured as a catalog but is not an OSCAL catalog (a <catalog> in the http://csrc.nist.gov/ns/oscal/1.0 namespace).');
      assert.deepEqual([diagnosticsOf(report, 'package.json'), diagnosticsOf(report, 'data.xml')], [[], []]);
    });

    it('the JSON reader agrees with JSON.parse, escapes and all, and measures in UTF-16', () => {
      const text = '{"a": "x\\n\\u00e9\\"𠮷", "__proto__": {"p": 1}, "b": [1.5e3, -0, true, null], "日本": "😀", "c": "end"}';
      const source = parseJsonSource(text, new LineIndex(text));
      assert.deepEqual(source.value, JSON.parse(text));
      assert.equal(Object.getPrototypeOf(source.value), Object.prototype);
      assert.equal(textAt(text, source.rangeAt(['c'])), '"end"');
      assert.equal(textAt(text, source.rangeAt(['日本'], 'key')), '"日本"');
    });
  });

  describe('profiles', () => {
    const controls = oscalModel(LOW_NAME).controls;

    it('selects by id, by pattern, with child controls, and excludes', () => {
      const selection = profileSelection({
        imports: [{ href: '#x', 'include-controls': [{ 'with-ids': ['ia-2'], 'with-child-controls': 'yes' }, { matching: [{ pattern: 'sr-1?' }] }], 'exclude-controls': [{ 'with-ids': ['ia-2.8'] }] }],
      }, 'p');
      const { selected, unknown } = selectControls(selection, controls);
      assert.deepEqual([...selected].sort(), ['ia-2', 'ia-2.1', 'ia-2.12', 'ia-2.2', 'sr-10', 'sr-11', 'sr-12']);
      assert.deepEqual(unknown, []);
    });

    it('reads profiles in XML', async () => {
      const xml = '<profile xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="11111111-2222-4333-8444-555555555555"><metadata><title>P</title></metadata>'
        + '<import href="#x"><include-controls><with-id>s2.1.1</with-id><with-id>s2.1.2</with-id></include-controls></import></profile>';
      const { report } = await check({ ...basicWorkspace(), 'p.xml': xml, 'kijun.yaml': 'oscal:\n  - path: oscal/basic-catalog.json\n    levels: { profiles: { 1: p.xml } }\n' });
      assert.deepEqual([report.coverage[0].required, report.coverage[0].uncovered], [2, ['s2.1.1']]);
    });

    it('the language server re-reads a profile when it changes on disk', async () => {
      const files: Record<string, string> = {};
      for (const [k, v] of Object.entries(basicWorkspace())) files[`/ws/${k}`] = v;
      const profile = (ids: string[]) => JSON.stringify({ profile: { uuid: '11111111-2222-4333-8444-555555555555', metadata: {}, imports: [{ href: '#x', 'include-controls': [{ 'with-ids': ids }] }] } });
      files['/ws/kijun.yaml'] = 'oscal:\n  - path: oscal/basic-catalog.json\n    id: iso\n    levels: { profiles: { 1: p.json } }\n';
      files['/ws/p.json'] = profile(['s1.1.1']);
      for (const p of ['/ws/standards/electricity.md', '/ws/standards/electricity-more.yaml']) files[p] = files[p].replace('basic-catalog@1.1', 'iso@1.1');
      const index = new WorkspaceIndex(memoryFs(files), { root: '/ws', configPath: '/ws/kijun.yaml', today: () => '2026-11-24' });
      await index.loadAll();
      const required = () => index.analysis().groups[0].controls.map((c) => c.control.id);
      assert.deepEqual(required(), ['s1.1.1']);
      files['/ws/p.json'] = profile(['s1.1.1', 's2.1.1']);
      await index.refreshFromDisk('/ws/p.json');
      assert.deepEqual(required(), ['s1.1.1', 's2.1.1']);
    });
  });

  describe('import to a Kijun catalog', () => {
    for (const name of [BASIC_NAME, LOW_NAME, CSF_NAME]) {
      it(`${name} round-trips ids, titles, statements, families and withdrawals`, () => {
        const model = oscalModel(name);
        const yaml = catalogToKijunYaml(model, { source: name });
        const back = extractFile('/x/imported.yaml', yaml);
        assert.deepEqual(back.findings.filter((f) => f.code === 'schema' || f.code === 'syntax'), []);
        const kijun = back.model as CatalogModel;
        assert.equal(kijun.oscal, undefined);
        const shape = (m: CatalogModel) => m.controls.map((c) => ({
          id: c.id, function: c.function, level: c.level, title: c.title, statement: c.withdrawn ? undefined : c.statement,
          csf: c.csf.map((r) => r.id), withdrawn: c.withdrawn, replacedBy: c.replacedBy?.id,
        }));
        assert.deepEqual(shape(kijun), shape(model));
        assert.equal(kijun.version, model.version);
      });
    }

    it('keeps the contract\'s id form strict for catalogs that do not declare idStyle: oscal', () => {
      const yaml = catalogToKijunYaml(oscalModel(BASIC_NAME), { source: 'x' }).replace('idStyle: oscal\n', '');
      const findings = extractFile('/x/c.yaml', yaml).findings.filter((f) => f.code === 'schema');
      assert.ok(findings.length >= 4 && findings.every((f) => f.message === 'schemaPattern'));
    });

    it('checks a family that the catalog does not declare', () => {
      const yaml = catalogToKijunYaml(oscalModel(BASIC_NAME), { source: 'x' }).replace('function: s2', 'function: s9');
      assert.deepEqual(extractFile('/x/c.yaml', yaml).findings.map((f) => f.message), ['functionNotDeclared']);
    });
  });

  describe('export', () => {
    it('mapping-collection: one map per covering measure, the gap summary, exemptions and coverage; valid OSCAL 1.2.1', async () => {
      const { loaded } = await check(basicWorkspace());
      const doc = exportMappingCollection(loaded.analysis, EXPORT) as { 'mapping-collection': { mappings: Record<string, unknown>[] } };
      assertValid('mapping', doc);
      const mapping = doc['mapping-collection'].mappings[0] as Record<string, any>;
      assert.deepEqual(mapping.maps.map((m: any) => [m.sources[0]['id-ref'], m.relationship, m.targets[0]['id-ref']]), [
        ['EL-GV-01', 'superset-of', 's1.1.1'], ['EL-GV-02', 'superset-of', 's1.1.2'],
      ]);
      assert.deepEqual(mapping['target-gap-summary']['unmapped-controls'], [{ 'with-ids': ['s2.1.1'] }]);
      assert.deepEqual(mapping.props.map((p: any) => [p.name, p.value, p.remarks]), [['exempted-control', 's2.1.2', RATIONALE]]);
      assert.deepEqual(mapping.coverage, { 'generation-method': 'kijun-covered-over-required', 'target-coverage': 0.5 });
      assert.equal(mapping['target-resource'].href, 'oscal/basic-catalog.json');
    });

    it('component-definition: implemented, not-applicable with the rationale, uncovered; valid OSCAL 1.2.1', async () => {
      const { loaded } = await check(basicWorkspace());
      const doc = exportComponentDefinition(loaded.analysis, EXPORT) as Record<string, any>;
      assertValid('component', doc);
      const reqs = doc['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'];
      const status = (r: any) => r.props.find((p: any) => p.name === 'implementation-status')?.value;
      assert.deepEqual(reqs.map((r: any) => [r['control-id'], status(r), r.remarks]), [
        ['s1.1.1', 'implemented', undefined], ['s1.1.2', 'implemented', undefined], ['s2.1.1', undefined, undefined], ['s2.1.2', 'not-applicable', RATIONALE],
      ]);
      assert.match(reqs[0].description, /\*\*EL-GV-01\*\* 情報セキュリティの役割と責任 \(standards\/electricity\.md\)/);
    });

    it('exports for the CSF and SP 800-53 baselines are valid too', async () => {
      for (const files of [csfWorkspace(), lowWorkspace()]) {
        const { loaded } = await check(files);
        assertValid('mapping', exportMappingCollection(loaded.analysis, EXPORT));
        assertValid('component', exportComponentDefinition(loaded.analysis, EXPORT));
      }
    });

    it('UUIDs are name-based: stable items, a document UUID that changes with the content', async () => {
      const first = exportMappingCollection((await check(basicWorkspace())).loaded.analysis, EXPORT) as Record<string, any>;
      const again = exportMappingCollection((await check(basicWorkspace())).loaded.analysis, EXPORT) as Record<string, any>;
      assert.equal(JSON.stringify(first), JSON.stringify(again));
      const files = basicWorkspace();
      files['standards/electricity.md'] += '\n## EL-AC-01 アクセス制御方針\nCovers: s2.1.1\n\nアクセス制御方針を定めなければならない。\n';
      const changed = exportMappingCollection((await check(files)).loaded.analysis, EXPORT) as Record<string, any>;
      const mc = (d: any) => d['mapping-collection'];
      assert.notEqual(mc(changed).uuid, mc(first).uuid);
      assert.notEqual(mc(changed).metadata.version, mc(first).metadata.version);
      assert.equal(mc(changed).mappings[0].uuid, mc(first).mappings[0].uuid);
      assert.equal(mc(changed).mappings[0].maps[0].uuid, mc(first).mappings[0].maps[0].uuid);
      assert.equal(mc(changed).mappings[0]['target-gap-summary'], undefined);
    });

    it('SHA-1 and UUID v5 match the standards', () => {
      for (const t of ['', 'abc', 'x'.repeat(55), 'x'.repeat(64), '日本語'.repeat(40)]) assert.equal(sha1Hex(t), createHash('sha1').update(t).digest('hex'));
      assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    });
  });

  describe('CLI', () => {
    function workspace(files: Record<string, string>): string {
      const dir = tempDir('kijun-oscal-');
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
      return dir;
    }

    async function kijun(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
      let stdout = '';
      let stderr = '';
      const status = await run(args, { cwd, env: { KIJUN_TODAY: '2026-11-24', ...env }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { status, stdout, stderr };
    }

    it('round trip: OSCAL catalog in, Kijun standard checked, mapping-collection out, byte-identical on re-runs', async () => {
      const dir = workspace({ ...basicWorkspace(), 'kijun.yaml': 'catalogs: [oscal/*.json]\nstandards: [standards/*]\n' });
      assert.equal((await kijun(['check'], dir)).status, 1, 'one uncovered control');
      mkdirSync(path.join(dir, 'out'));
      const r1 = await kijun(['export', 'oscal-mapping', '--out', 'out/mapping.json'], dir);
      assert.equal(r1.status, 0, r1.stderr);
      const again = await kijun(['export', 'oscal-mapping', '--out', 'out/mapping.json'], dir);
      assert.equal(again.status, 0, again.stderr);
      const first = readFileSync(path.join(dir, 'out/mapping.json'), 'utf8');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await kijun(['export', 'oscal-mapping', '--out', 'out/mapping.json'], dir);
      assert.equal(readFileSync(path.join(dir, 'out/mapping.json'), 'utf8'), first, 'the same content keeps its last-modified');
      const doc = JSON.parse(first);
      assertValid('mapping', doc);
      assert.equal(doc['mapping-collection'].mappings[0]['target-resource'].href, '../oscal/basic-catalog.json', 'hrefs relative to the output');
      const stdout1 = await kijun(['export', 'oscal-component', '--sector', 'electricity'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
      const stdout2 = await kijun(['export', 'oscal-component', '--sector', 'electricity'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
      assert.equal(stdout1.stdout, stdout2.stdout);
      assert.equal(JSON.parse(stdout1.stdout)['component-definition'].metadata['last-modified'], '2026-01-01T00:00:00Z');
      assertValid('component', JSON.parse(stdout1.stdout));
    });

    it('import oscal writes a Kijun catalog that checks standards the same way', async () => {
      const dir = workspace({ 'oscal/basic-catalog.json': real(BASIC_NAME) });
      mkdirSync(path.join(dir, 'baseline'));
      const r = await kijun(['import', 'oscal', 'oscal/basic-catalog.json', '--out', 'baseline/iso.yaml', '--id', 'iso-sample'], dir);
      assert.equal(r.status, 0, r.stderr);
      const yaml = readFileSync(path.join(dir, 'baseline/iso.yaml'), 'utf8');
      assert.match(yaml, /^id: iso-sample$/m);
      assert.match(yaml, /^ {2}source: \.\.\/oscal\/basic-catalog\.json$/m);
      const standards = basicWorkspace();
      const { report } = await check({
        'baseline/iso.yaml': yaml,
        'standards/electricity.md': standards['standards/electricity.md'].replace('basic-catalog@1.1', 'iso-sample@1.1'),
        'standards/electricity-more.yaml': standards['standards/electricity-more.yaml'].replace('basic-catalog@1.1', 'iso-sample@1.1'),
      });
      assert.deepEqual(report.coverage.map((c) => [c.required, c.covered, c.exempted, c.uncovered]), [[4, 2, 1, ['s2.1.1']]]);
    });

    it('usage errors and inputs it cannot use exit 2', async () => {
      const dir = workspace({ 'p.json': real(PROFILE_NAME), 'kijun.yaml': 'oscal:\n  - path: none.json\n' });
      const cases: [string[], RegExp][] = [
        [['export', 'oscal-ssp'], /no export format "oscal-ssp"/],
        [['export'], /Give the format to export/],
        [['import', 'oscal'], /kijun import oscal needs one OSCAL catalog file/],
        [['import', 'csv', 'x'], /no import format "csv"/],
        [['import', 'oscal', 'nope.json'], /No such file: nope\.json/],
        [['import', 'oscal', 'p.json'], /OSCAL profile, not a catalog/],
        [['export', 'oscal-mapping', '--frobnicate'], /no option --frobnicate/],
        [['export', 'oscal-mapping'], /kijun\.yaml:2:5: kijun\.yaml oscal\[0\]\.path none\.json does not exist/],
      ];
      for (const [args, message] of cases) {
        const r = await kijun(args, dir);
        assert.equal(r.status, 2, args.join(' '));
        assert.match(r.stderr, message);
      }
      const empty = workspace({ 'oscal/basic-catalog.json': real(BASIC_NAME) });
      const none = await kijun(['export', 'oscal-mapping', '--sector', 'gas'], empty);
      assert.equal(none.status, 2);
      assert.match(none.stderr, /No standard of sector gas with a loaded baseline/);
    });

    it('the built binary exports (bundled XML parser and OSCAL schema)', () => {
      const dir = workspace({ 'kijun.yaml': csfWorkspace()['kijun.yaml'], 'standards/gas.md': csfWorkspace()['standards/gas.md'] });
      mkdirSync(path.join(dir, 'oscal'));
      copyFileSync(path.join(CONTENT, CSF_NAME), path.join(dir, 'oscal', CSF_NAME));
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kijun.cjs'), 'export', 'oscal-mapping'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '0' } });
      assert.equal(r.status, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assertValid('mapping', doc);
      assert.equal(doc['mapping-collection'].mappings[0].coverage['target-coverage'], Math.round((4 / 128) * 10000) / 10000);
    });
  });
});
