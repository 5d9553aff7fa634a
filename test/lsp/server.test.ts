import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import {
  CodeActionRequest, HoverRequest, CompletionRequest, DefinitionRequest, ReferencesRequest, DocumentSymbolRequest,
  CodeLensRequest, WorkspaceSymbolRequest, FileChangeType, type CodeAction, type CompletionItem, type Diagnostic,
  type DocumentSymbol, type Location, type MarkupContent,
  CancellationTokenSource, LSPErrorCodes,
} from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri, applyEdits } from '../helpers/lspClient.js';
import { CATALOG, RATIONALE } from '../helpers/memoryWorkspace.js';

const ELECTRICITY = `---
kind: standard
sector: electricity
title: 電力分野の安全基準
baseline: jp-ci-baseline@2026.1
level: 1
---
# 電力分野の安全基準

## EL-PR-01 遠隔アクセスにおける多要素認証
対応: BL-PR-01
関連: [PR.AA-03](https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/CSF_2_0_0/home?element=PR.AA-03)

## EL-GV-01 経営層の責任
対応: BL-GV-01
`;

const FINANCE = `kind: standard
sector: finance
title: 金融分野
baseline: jp-ci-baseline@2026.1
level: 1
measures:
  - id: FN-PR-01
    title: 多要素認証
    covers: [BL-PR-01, BL-PR-05]
`;

function workspace(): string {
  const dir = tempDir('kijun-lsp-');
  mkdirSync(path.join(dir, 'baseline'));
  mkdirSync(path.join(dir, 'standards'));
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md, standards/**/*.yaml]\n');
  writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
  writeFileSync(path.join(dir, 'standards/electricity.md'), ELECTRICITY);
  writeFileSync(path.join(dir, 'standards/finance.yaml'), FINANCE);
  return dir;
}

const uncovered = (d: Diagnostic[]) => d.filter((x) => x.code === 'uncovered-control').map((x) => (x.data as { control: string }).control).sort();

describe('language server over stdio', function () {
  let dir: string;
  let client: LspClient;
  let el: string;
  let fin: string;

  beforeEach(async () => {
    dir = workspace();
    el = fileUri(path.join(dir, 'standards/electricity.md'));
    fin = fileUri(path.join(dir, 'standards/finance.yaml'));
    client = new LspClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.stop();
  });

  it('publishes the checker findings for closed files of the whole workspace on start', async () => {
    const d = await client.diagnostics(el);
    assert.deepEqual(uncovered(d), ['BL-PR-05']);
    const diag = d.find((x) => x.code === 'uncovered-control')!;
    assert.equal(diag.source, 'kijun');
    assert.match(diag.codeDescription!.href, /docs\/rules\/uncovered-control\.md$/);
    assert.deepEqual(uncovered(await client.diagnostics(fin)), ['BL-GV-01']);
  });

  it('re-checks as the author types, across the sector', async () => {
    await client.open(el, ELECTRICITY);
    await client.diagnostics(el, (d) => uncovered(d).length === 1);
    const line = ELECTRICITY.split('\n').indexOf('対応: BL-PR-01');
    await client.change(el, [{ range: { start: { line, character: 12 }, end: { line, character: 12 } }, text: '、BL-PR-05' }]);
    const d = await client.nextDiagnostics(el);
    assert.deepEqual(uncovered(d), []);
  });

  it('quick-fix: adds a measure with the control text and CSF links, keeping the author text, and the error goes', async () => {
    await client.open(el, ELECTRICITY);
    const diags = await client.diagnostics(el, (d) => uncovered(d).length === 1);
    const diag = diags.find((x) => x.code === 'uncovered-control')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: el }, range: diag.range, context: { diagnostics: [diag] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Add a measure covering BL-PR-05', 'Exempt BL-PR-05 on risk grounds (write the rationale)']);
    const fixed = applyEdits(ELECTRICITY, actions[0].edit!.changes![el]);
    assert.ok(fixed.startsWith(ELECTRICITY), 'only appends');
    assert.match(fixed, /\n## EL-PR-02 定義ファイルの更新\n\n対応: BL-PR-05\n\n定義ファイルを最新に保つこと。\n\n関連: \[PR\.PS-05\]\(https:\/\/csrc\.nist\.gov\/projects\/cprt\/catalog#\/cprt\/framework\/version\/CSF_2_0_0\/home\?element=PR\.PS-05\)\n$/);
    await client.change(el, [{ text: fixed }]);
    assert.deepEqual((await client.nextDiagnostics(el)).map((x) => x.code), []);
  });

  it('quick-fix: adds an exemption that stays unsound until the rationale is written', async () => {
    await client.open(el, ELECTRICITY);
    const diag = (await client.diagnostics(el, (d) => uncovered(d).length === 1)).find((x) => x.code === 'uncovered-control')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: el }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const fixed = applyEdits(ELECTRICITY, actions[1].edit!.changes![el]);
    assert.match(fixed, /level: 1\nexemptions:\n  - control: BL-PR-05\n    rationale: ""  # リスクに基づく理由を記入してください\n---\n/);
    await client.change(el, [{ text: fixed }]);
    const after = await client.nextDiagnostics(el);
    assert.deepEqual(after.map((x) => x.code).sort(), ['exemption-without-rationale', 'uncovered-control']);
    const filled = fixed.replace('rationale: ""', `rationale: ${RATIONALE}`);
    await client.change(el, [{ text: filled }]);
    assert.deepEqual((await client.nextDiagnostics(el)).map((x) => x.code), []);
  });

  it('quick-fix: adds a measures entry to a YAML standard', async () => {
    await client.open(fin, FINANCE, 'yaml');
    const diag = (await client.diagnostics(fin, (d) => uncovered(d).length === 1)).find((x) => x.code === 'uncovered-control')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: fin }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    assert.equal(actions.length, 1, 'BL-GV-01 is not exemptable: no exemption offered');
    const fixed = applyEdits(FINANCE, actions[0].edit!.changes![fin]);
    assert.ok(fixed.startsWith(FINANCE));
    assert.match(fixed, /  - id: FN-GV-01\n    title: "経営層の責任"\n    covers: \[BL-GV-01\]\n    csf: \[GV\.RR-01\]\n/);
    await client.change(fin, [{ text: fixed }]);
    assert.deepEqual((await client.nextDiagnostics(fin)).map((x) => x.code), []);
  });

  it('quick-fix: replaces an unknown id by the nearest known one and a withdrawn one by its successor', async () => {
    const text = ELECTRICITY.replace('対応: BL-GV-01', '対応: BL-GV-10, BL-PR-09');
    await client.open(el, text);
    const diags = await client.diagnostics(el, (d) => d.some((x) => x.code === 'unknown-control'));
    for (const [code, expected] of [['unknown-control', 'BL-GV-01'], ['withdrawn-control', 'BL-PR-01']]) {
      const diag = diags.find((x) => x.code === code)!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: el }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
      assert.equal(actions[0].title, `Replace with ${expected}`);
      assert.deepEqual(actions[0].edit!.changes![el], [{ range: diag.range, newText: expected }]);
    }
  });

  it('hovers a control id and a CSF id', async () => {
    await client.open(el, ELECTRICITY);
    await client.diagnostics(el);
    const line = ELECTRICITY.split('\n').indexOf('対応: BL-PR-01');
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: el }, position: { line, character: 6 } });
    const value = (h!.contents as MarkupContent).value;
    assert.match(value, /\*\*BL-PR-01\*\* Multi-factor authentication/);
    assert.match(value, /Use MFA for remote access\./);
    assert.match(value, /\[PR\.AA-03\]\(https:\/\/csrc\.nist\.gov/);
    assert.match(value, /Covered in sectors: electricity, finance/);
    const csfLine = line + 1;
    const c = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: el }, position: { line: csfLine, character: 7 } });
    assert.match((c!.contents as MarkupContent).value, /Users, services, and hardware are authenticated\./);
  });

  it('completes control ids after a marker and sector ids in the front matter', async () => {
    const text = ELECTRICITY + '\n## EL-PR-09 新規\nCovers: BL-\n';
    await client.open(el, text);
    await client.diagnostics(el);
    const line = text.split('\n').indexOf('Covers: BL-');
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: el }, position: { line, character: 11 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label).sort(), ['BL-GV-01', 'BL-PR-01', 'BL-PR-05', 'BL-RC-02']);
    assert.equal(items.find((i) => i.label === 'BL-PR-05')!.detail, 'Malware definition updates');
    const sectors = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: el }, position: { line: 2, character: 8 } })) as CompletionItem[];
    assert.ok(sectors.some((i) => i.label === 'port' && /Port services/.test(i.detail ?? '')));
  });

  it('goes to the catalog definition and finds references across sectors', async () => {
    await client.open(el, ELECTRICITY);
    await client.diagnostics(el);
    const line = ELECTRICITY.split('\n').indexOf('対応: BL-PR-01');
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: el }, position: { line, character: 6 } })) as Location[];
    assert.equal(defs[0].uri, fileUri(path.join(dir, 'baseline/catalog.yaml')));
    assert.equal(defs[0].range.start.line, 5);
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: el }, position: { line, character: 6 }, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map((r) => path.basename(r.uri)).sort(), ['catalog.yaml', 'catalog.yaml', 'electricity.md', 'finance.yaml'], 'definition, replacedBy in the catalog, and both sectors');
  });

  it('lists measures as document symbols, workspace symbols and coverage lenses', async () => {
    await client.open(el, ELECTRICITY);
    await client.diagnostics(el);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: el } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['EL-PR-01 遠隔アクセスにおける多要素認証', 'EL-GV-01 経営層の責任']);
    const ws = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'FN-' });
    assert.deepEqual((ws as { name: string }[]).map((s) => s.name), ['FN-PR-01 多要素認証']);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: el } });
    assert.equal(lenses![0].command!.title, '2 of 3 required controls covered, 0 exempt');
    const catalogLenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: fileUri(path.join(dir, 'baseline/catalog.yaml')) } });
    assert.equal(catalogLenses![0].command!.title, 'NIST CSF 2.0: 4 of 106 subcategories mapped');
    assert.equal(catalogLenses![1].command!.title, 'covered in 2 of 2 sectors');
  });

  it('asks the editor to refresh coverage lenses when coverage changes, so they never lag the diagnostics', async () => {
    const editor = new LspClient();
    await editor.initialize(dir, { lensRefresh: true });
    await editor.open(el, ELECTRICITY);
    await editor.diagnostics(el, (d) => uncovered(d).length === 1);
    const refreshed = editor.nextLensRefresh();
    const end = ELECTRICITY.split('\n').length - 1;
    await editor.change(el, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: '\n## EL-PR-02 定義ファイルの更新\n対応: BL-PR-05\n' }]);
    await editor.diagnostics(el, (d) => uncovered(d).length === 0);
    await refreshed;
    const lenses = await editor.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: el } });
    assert.equal(lenses![0].command!.title, '3 of 3 required controls covered, 0 exempt');
    await editor.stop();
  });

  it('points a duplicate id to its first definition, by a workspace-relative path and as related information', async () => {
    const copy = fileUri(path.join(dir, 'standards/supplement.md'));
    await client.open(copy, ELECTRICITY.replace('# 電力分野の安全基準\n', '# 追補\n'));
    const d = await client.diagnostics(copy, (x) => x.some((y) => y.code === 'duplicate-id'));
    const dup = d.find((x) => x.code === 'duplicate-id')!;
    assert.match(String(dup.message), /standards\/electricity\.md:10\)/);
    assert.doesNotMatch(String(dup.message), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(dup.relatedInformation?.[0].location.uri, el);
    assert.equal(dup.relatedInformation?.[0].location.range.start.line, 9);
  });

  it('does not compute a request the editor cancelled while the workspace was loading', async () => {
    const fresh = new LspClient();
    await fresh.initialize(dir);
    const source = new CancellationTokenSource();
    const pending = fresh.connection.sendRequest(HoverRequest.type, { textDocument: { uri: el }, position: { line: 9, character: 4 } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === LSPErrorCodes.RequestCancelled);
    // The server goes on: the next request is answered.
    const hover = await fresh.connection.sendRequest(HoverRequest.type, { textDocument: { uri: el }, position: { line: 4, character: 12 } });
    assert.ok(hover);
    await fresh.stop();
  });

  it('follows files created and deleted on disk, clearing diagnostics of deleted files', async () => {
    await client.diagnostics(fin, (d) => uncovered(d).length === 1);
    const gas = path.join(dir, 'standards/gas.md');
    writeFileSync(gas, ELECTRICITY.replace('sector: electricity', 'sector: gas'));
    await client.filesChanged([{ uri: fileUri(gas), type: FileChangeType.Created }]);
    assert.deepEqual(uncovered(await client.diagnostics(fileUri(gas))), ['BL-PR-05']);
    unlinkSync(gas);
    await client.filesChanged([{ uri: fileUri(gas), type: FileChangeType.Deleted }]);
    assert.deepEqual(await client.nextDiagnostics(fileUri(gas)), []);
  });

  it('speaks Japanese to a Japanese editor', async () => {
    const ja = new LspClient();
    await ja.initialize(dir, { locale: 'ja' });
    const d = await ja.diagnostics(el);
    assert.match(String(d[0].message), /ベースライン管理策 BL-PR-05「定義ファイルの更新」/);
    await ja.stop();
  });

  it('answers the coverage view and file info the VS Code views render', async () => {
    await client.diagnostics(el);
    const view = (await client.connection.sendRequest('kijun/coverageView')) as {
      sectors: { sector: string; name: string; controls: { id: string; state: string; fix?: { uri: string } }[] }[];
      catalogs: { key: string }[];
    };
    assert.deepEqual(view.catalogs.map((c) => c.key), ['jp-ci-baseline@2026.1']);
    const electricity = view.sectors.find((s) => s.sector === 'electricity')!;
    assert.equal(electricity.name, 'Electric power supply services');
    const pr05 = electricity.controls.find((c) => c.id === 'BL-PR-05')!;
    assert.equal(pr05.state, 'uncovered');
    assert.equal(pr05.fix?.uri, el);
    const info = (await client.connection.sendRequest('kijun/fileInfo', { uri: el })) as { baseline: string; coverage: { covered: number; required: number } };
    assert.equal(info.baseline, 'jp-ci-baseline@2026.1');
    assert.deepEqual([info.coverage.covered, info.coverage.required], [2, 3]);
  });

  it('scaffolds a new standard with one measure per required control that checks clean once written', async () => {
    await client.diagnostics(el);
    const text = (await client.connection.sendRequest('kijun/scaffold', { catalog: 'jp-ci-baseline@2026.1', sector: 'gas', level: 1, locale: 'ja' })) as string;
    assert.match(text, /^---\nkind: standard\nsector: gas\ntitle: "ガス分野における安全基準等"\nbaseline: jp-ci-baseline@2026\.1\nlevel: 1\n---\n/);
    const gas = fileUri(path.join(dir, 'standards/gas.md'));
    await client.open(gas, text);
    assert.deepEqual(await client.diagnostics(gas), []);
  });
});

describe('language server: domain features', () => {
  it('offers to fix an unknown sector and to move an outdated baseline pin; hover shows a measure\'s strength', async () => {
    const dir = workspace();
    const newer = CATALOG.replace('version: "2026.1"', 'version: "2027.1"');
    writeFileSync(path.join(dir, 'baseline/catalog-2027.yaml'), newer);
    const text = ELECTRICITY.replace('sector: electricity', 'sector: electricty').replace('対応: BL-GV-01', '対応: BL-GV-01\n経営層が責任を負うことが望ましい。');
    const uri = fileUri(path.join(dir, 'standards/electricity.md'));
    const client = new LspClient();
    await client.initialize(dir);
    await client.open(uri, text);
    const diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-sector') && d.some((x) => x.code === 'outdated-baseline'));
    const titles = async (code: string) => {
      const diag = diags.find((x) => x.code === code)!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
      return actions.map((a) => [a.title, a.edit!.changes![uri][0].newText]);
    };
    assert.deepEqual(await titles('unknown-sector'), [['Replace with electricity', 'electricity']]);
    assert.deepEqual(await titles('outdated-baseline'), [['Move the baseline to jp-ci-baseline@2027.1', 'jp-ci-baseline@2027.1']]);
    const line = text.split('\n').indexOf('## EL-GV-01 経営層の責任');
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 5 } });
    assert.match((h!.contents as MarkupContent).value, /Strength: recommended \(from the wording: 「経営層が責任を負うことが望ましい」\)/);
    await client.stop();
  });
});

describe('language server settings', () => {
  it('uses editor settings without kijun.yaml, and kijun.yaml wins where both speak', async () => {
    const dir = tempDir('kijun-lsp-settings-');
    mkdirSync(path.join(dir, 'cat'));
    writeFileSync(path.join(dir, 'cat/c.yaml'), CATALOG);
    writeFileSync(path.join(dir, 'el.md'), ELECTRICITY);
    const uri = fileUri(path.join(dir, 'el.md'));
    const client = new LspClient();
    await client.initialize(dir, { settings: { rules: { 'uncovered-control': 'warning' } } });
    // Without kijun.yaml the folder is read once a standard is open.
    await client.open(uri, ELECTRICITY);
    assert.equal((await client.diagnostics(uri, (d) => d.length > 0))[0].severity, 2);
    await client.stop();
    writeFileSync(path.join(dir, 'kijun.yaml'), 'rules:\n  uncovered-control: info\n');
    const again = new LspClient();
    await again.initialize(dir, { settings: { rules: { 'uncovered-control': 'warning' } } });
    assert.equal((await again.diagnostics(uri, (d) => d.length > 0))[0].severity, 3);
    await again.stop();
  });
});
