// The language server on scoped and phased-in standards: hover on dates (both calendars) and on
// measures (which words decided the strength), completion of dimension names and values, and the
// scope quick-fixes (add a scoped measure, narrow an exemption), driven over stdio.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CodeActionRequest, HoverRequest, CompletionRequest, type CodeAction, type CompletionItem, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri, applyEdits } from '../helpers/lspClient.js';
import { CATALOG, RATIONALE } from '../helpers/memoryWorkspace.js';

const SCOPED_CATALOG = CATALOG.replace('controls:\n', `dimensions:
  system: { values: [it, ot-general, ot-dedicated], title: { ja: 重要システムの基盤, en: Platform } }
  network: { values: [open, closed], title: { ja: ネットワーク, en: Network } }
controls:
`);

// Effective dates far ahead, so the test does not change meaning as the calendar moves.
const STANDARD = `---
kind: standard
sector: electricity
baseline: jp-ci-baseline@2026.1
level: 1
effective: 2026-04-01
exemptions:
  - control: BL-PR-05
    scope: { network: [closed] }
    rationale: ${RATIONALE}
---
# 電力

## EL-PR-01 認証
対応: BL-PR-01、BL-GV-01
原則として、遠隔保守には多要素認証を用いる。ただし、閉域網内の保守端末についてはこの限りでない。

## 【対応が望ましい事項】

### EL-PR-02 パスキー
対応: BL-PR-01
施行: 令和20年4月1日
パスキーを用いること。
`;

function workspace(standard = STANDARD): { dir: string; uri: string } {
  const dir = tempDir('kijun-lsp-scope-');
  mkdirSync(path.join(dir, 'baseline'));
  mkdirSync(path.join(dir, 'standards'));
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [baseline/*.yaml]\nstandards: [standards/**/*.md]\n');
  writeFileSync(path.join(dir, 'baseline/catalog.yaml'), SCOPED_CATALOG);
  writeFileSync(path.join(dir, 'standards/electricity.md'), standard);
  return { dir, uri: fileUri(path.join(dir, 'standards/electricity.md')) };
}

const at = (text: string, needle: string, offset = 0) => {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + offset };
};

describe('language server: applicability and dates', function () {
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
  });

  async function start(locale: 'ja' | 'en', standard = STANDARD): Promise<string> {
    const { dir, uri } = workspace(standard);
    client = new LspClient();
    await client.initialize(dir, { locale });
    await client.open(uri, standard);
    await client.diagnostics(uri);
    return uri;
  }

  async function hoverText(uri: string, position: { line: number; character: number }): Promise<string> {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  }

  async function complete(uri: string, text: string, position: { line: number; character: number }): Promise<string[]> {
    await client.change(uri, [{ text }]);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[];
    return items.map((i) => i.label).sort();
  }

  it('hover on a date shows it in both calendars, in Japanese and English', async () => {
    const uri = await start('ja');
    assert.match(await hoverText(uri, at(STANDARD, '令和20年', 2)), /2038-04-01 \/ 令和20年4月1日[\s\S]*未施行/);
    assert.match(await hoverText(uri, at(STANDARD, 'effective: 2026', 13)), /2026-04-01 \/ 令和8年4月1日[\s\S]*施行済み/);
    assert.equal(await hoverText(uri, at(STANDARD, 'network: [closed]', 2)), '**network** ネットワーク\n\n`open`, `closed`', 'a dimension shows its title and values');
    await client.stop();
    const en = await start('en');
    assert.match(await hoverText(en, at(STANDARD, '令和20年', 2)), /Effective\*\*: 2038-04-01 \/ 令和20年4月1日\n\nnot yet in effect on the check date/);
  });

  it('hover on a measure says which words decided its strength, the exception and the date', async () => {
    const uri = await start('ja');
    const principle = await hoverText(uri, at(STANDARD, 'EL-PR-01', 1));
    assert.match(principle, /強さ: 義務 \(文言から判定: 「原則として…ただし、閉域網内の保守端末についてはこの限りでない。」\)/);
    assert.match(principle, /例外: 「ただし、閉域網内の保守端末についてはこの限りでない。」/);
    const byHeading = await hoverText(uri, at(STANDARD, 'EL-PR-02', 1));
    assert.match(byHeading, /強さ: 推奨 \(見出し「【対応が望ましい事項】」による\)/);
    assert.match(byHeading, /施行日: 2038-04-01 \/ 令和20年4月1日/);
  });

  it('completes dimension names and values after Scope: / 適用範囲: and in scope: maps', async () => {
    const uri = await start('en');
    const line = (text: string) => `${STANDARD}\n## EL-PR-05 x\n対応: BL-PR-05\n${text}`;
    const end = (text: string) => ({ line: line(text).split('\n').length - 1, character: text.length });
    assert.deepEqual(await complete(uri, line('Scope: '), end('Scope: ')), ['network', 'system']);
    assert.deepEqual(await complete(uri, line('適用範囲: network='), end('適用範囲: network=')), ['closed', 'open']);
    assert.deepEqual(await complete(uri, line('Scope: network=open; system=ot'), end('Scope: network=open; system=ot')), ['it', 'ot-dedicated', 'ot-general']);
    const front = STANDARD.replace('level: 1\n', 'level: 1\nscope:\n  \n');
    const keyLine = front.split('\n').indexOf('scope:') + 1;
    assert.deepEqual(await complete(uri, front, { line: keyLine, character: 2 }), ['network', 'system']);
    const flow = STANDARD.replace('scope: { network: [closed] }', 'scope: { network: [');
    assert.deepEqual(await complete(uri, flow, at(flow, 'network: [', 10)), ['closed', 'open']);
  });

  it('quick-fix: adds a measure for the part of the scope left uncovered, and the error goes', async () => {
    const uri = await start('en');
    const diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'uncovered-control'));
    const diag = diags.find((x) => x.code === 'uncovered-control' && (x.data as { control: string }).control === 'BL-PR-05')!;
    assert.match(String(diag.message), /in network=open/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const scoped = actions.find((a) => a.title === 'Add a measure covering BL-PR-05 for network=open')!;
    assert.ok(scoped, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(STANDARD, scoped.edit!.changes![uri]);
    assert.ok(fixed.startsWith(STANDARD), 'only appends');
    assert.match(fixed, /\n対応: BL-PR-05\n適用範囲: network=open\n/);
    await client.change(uri, [{ text: fixed }]);
    assert.deepEqual((await client.nextDiagnostics(uri)).filter((d) => d.code === 'uncovered-control'), []);
  });

  it('quick-fix: narrows a whole-scope exemption to where no measure covers, and the warning goes', async () => {
    const standard = STANDARD.replace('    scope: { network: [closed] }\n', '') + '\n## EL-PR-05 定義ファイル\n対応: BL-PR-05\nScope: network=open\n定義ファイルを更新しなければならない。\n';
    const uri = await start('ja', standard);
    const diags = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'covered-and-exempted'));
    const diag = diags.find((x) => x.code === 'covered-and-exempted')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const narrow = actions.find((a) => a.title === 'BL-PR-05 の適用除外を network=closed に限定する')!;
    assert.ok(narrow, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(standard, narrow.edit!.changes![uri]);
    assert.match(fixed, /  - control: BL-PR-05\n    scope: \{ network: \[closed\] \}\n    rationale: /);
    await client.change(uri, [{ text: fixed }]);
    assert.deepEqual((await client.nextDiagnostics(uri)).map((d) => d.code), []);
  });
});
