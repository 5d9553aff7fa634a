// The language-service facade on an in-memory workspace, as vscode-markdown-languageservice tests
// its own: each method answers what the editor would show, and a cancelled token gets the fallback
// the method documents (a request cancelled part-way never returns a list that looks complete).
import { strict as assert } from 'node:assert';
import { memoryFs, CATALOG, markdown } from '../helpers/memoryWorkspace.js';
import { loadSnapshot, type Snapshot } from '../../server/src/core/snapshot.js';
import { createKijunService, snapshotContext, snapshotDiagnostics, sectorChoices, lensKey, type Cancellation, type CodeActionRequest, type KijunService } from '../../server/src/core/service.js';

const STD = '/ws/standards/electricity.md';
const TEXT = markdown('', '# 電力\n\n## EL-PR-01 多要素認証\n対応: BL-PR-01\n\n遠隔アクセスには多要素認証を用いなければならない。\n\n## EL-GV-01 経営層\n対応: BL-GV-10\n');
// Lines of TEXT (the front matter takes 0–4): the BL-PR-01 reference, the misspelt BL-GV-10.
const COVERS_LINE = 8;
const MISSPELT_LINE = 13;
const CANCELLED: Cancellation = { isCancellationRequested: true };
const textOf = (p: string) => (p === STD ? TEXT : undefined);

async function workspace(extra: Record<string, string> = {}): Promise<{ service: KijunService; snapshot: Snapshot }> {
  const files = { '/ws/kijun.yaml': 'locale: en\n', '/ws/baseline/catalog.yaml': CATALOG, [STD]: TEXT, ...extra };
  const snapshot = await loadSnapshot(memoryFs(files), { root: '/ws', configPath: '/ws/kijun.yaml', today: () => '2026-11-24' });
  const service = createKijunService(() => snapshotContext(snapshot, { locale: 'en', toUri: (p) => `file://${p}`, today: '2026-11-24' }));
  return { service, snapshot };
}

/** A token that turns cancelled after it has been read `reads` times: cancellation part-way through a loop. */
function cancelledAfter(reads: number): Cancellation {
  let left = reads;
  return { get isCancellationRequested() { return left-- <= 0; } };
}

const DIAGNOSTIC_OPTIONS = { locale: 'en' as const, rules: {}, docsBase: 'file:///docs/rules/' };

function actionRequest(service: KijunService, only?: string[]): CodeActionRequest {
  const published = service.diagnostics(STD, DIAGNOSTIC_OPTIONS);
  const misspelt = published.find((d) => d.code === 'unknown-control')!;
  return { path: STD, text: TEXT, range: misspelt.range, context: { diagnostics: only ? [] : published, only }, published };
}

describe('language service facade', () => {
  it('diagnostics: a file\'s findings as editor diagnostics, the same as the server publishes for the snapshot', async () => {
    const { service, snapshot } = await workspace();
    const diagnostics = service.diagnostics(STD, DIAGNOSTIC_OPTIONS);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['uncovered-control', 'uncovered-control', 'unknown-control']);
    assert.deepEqual(snapshotDiagnostics(snapshot, DIAGNOSTIC_OPTIONS, (p) => `file://${p}`).get(STD), diagnostics);
    assert.deepEqual(service.diagnostics(STD, DIAGNOSTIC_OPTIONS, CANCELLED), []);
  });

  it('hover: the control\'s title and statement; cancelled: null', async () => {
    const { service } = await workspace();
    const at = { line: COVERS_LINE, character: 6 };
    const hover = service.hover(STD, at, TEXT, textOf);
    assert.match(JSON.stringify(hover?.contents), /BL-PR-01.*Multi-factor authentication/);
    assert.deepEqual(service.hoverPaths(STD), [STD]);
    assert.equal(service.hover(STD, at, TEXT, textOf, CANCELLED), null);
  });

  it('completion: the baseline\'s control ids where a control is named; cancelled: none', async () => {
    const { service } = await workspace();
    const at = { line: MISSPELT_LINE, character: 4 };
    const labels = service.completion(STD, TEXT, at, false).map((c) => c.label);
    assert.ok(labels.includes('BL-GV-01'), JSON.stringify(labels));
    assert.deepEqual(service.completion(STD, TEXT, at, false, CANCELLED), []);
  });

  it('definition and references: the catalog entry and every mention; cancelled part-way: none', async () => {
    const { service } = await workspace();
    const at = { line: COVERS_LINE, character: 6 };
    assert.deepEqual(service.definition(STD, at, TEXT).map((l) => l.uri), ['file:///ws/baseline/catalog.yaml']);
    const refs = service.references(STD, at, true, TEXT);
    assert.ok(refs.some((l) => l.uri === `file://${STD}` && l.range.start.line === COVERS_LINE), JSON.stringify(refs));
    assert.ok(refs.some((l) => l.uri === 'file:///ws/baseline/catalog.yaml'));
    assert.deepEqual(service.definition(STD, at, TEXT, CANCELLED), []);
    assert.deepEqual(service.references(STD, at, true, TEXT, CANCELLED), []);
    assert.deepEqual(service.references(STD, at, true, TEXT, cancelledAfter(1)), []);
  });

  it('document and workspace symbols; cancelled part-way: none', async () => {
    const { service } = await workspace();
    assert.deepEqual(service.documentSymbols(STD).map((s) => s.name), ['EL-PR-01 多要素認証', 'EL-GV-01 経営層']);
    const all = service.workspaceSymbols('');
    assert.ok(all.some((s) => s.name === 'BL-PR-01 Multi-factor authentication') && all.some((s) => s.name === 'EL-GV-01 経営層'));
    assert.deepEqual(service.workspaceSymbols('el-gv').map((s) => s.name), ['EL-GV-01 経営層']);
    assert.deepEqual(service.documentSymbols(STD, CANCELLED), []);
    assert.deepEqual(service.workspaceSymbols('', cancelledAfter(1)), []);
  });

  it('code lenses: the sector\'s coverage on the baseline line; cancelled: none', async () => {
    const { service } = await workspace();
    const lenses = service.codeLenses(STD);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, '1 of 3 required controls covered, 0 exempt');
    assert.deepEqual(service.codeLenses(STD, CANCELLED), []);
  });

  it('code actions: the assistant first, then the quick-fixes; fix-all on request; cancelled part-way: none', async () => {
    const { service } = await workspace();
    const request = actionRequest(service);
    assert.deepEqual(service.codeActionPaths(request), [STD]);
    const titles = service.codeActions(request, textOf).map((a) => a.title);
    assert.equal(titles[0], 'Covered by EL-GV-01 「経営層」');
    assert.ok(titles.includes('Replace with BL-GV-01'), JSON.stringify(titles));
    assert.ok(titles.indexOf('Replace with BL-GV-01') > titles.indexOf('Covered by EL-GV-01 「経営層」'));
    const fixAll = service.codeActions(actionRequest(service, ['source.fixAll']), textOf);
    assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.kijun']);
    assert.deepEqual(service.codeActionPaths(actionRequest(service, ['source.fixAll'])), []);
    assert.deepEqual(service.codeActions(actionRequest(service, ['refactor']), textOf), []);
    assert.deepEqual(service.codeActions(request, textOf, CANCELLED), []);
    // Cancelled while the quick-fixes are computed, after the assistant's actions: still nothing.
    assert.deepEqual(service.codeActions(request, textOf, cancelledAfter(2)), []);
    assert.deepEqual(service.codeActions(actionRequest(service, ['source.fixAll']), textOf, CANCELLED), []);
  });

  it('coverage view, summary and file info; the view cancelled part-way is empty', async () => {
    const { service, snapshot } = await workspace();
    assert.deepEqual(service.coverageViewPaths(), [STD]);
    const view = service.coverageView(textOf);
    assert.equal(view.sectors.length, 1);
    assert.deepEqual(view.catalogs.map((c) => c.key), ['jp-ci-baseline@2026.1']);
    const [summary] = service.coverageSummary();
    assert.deepEqual([summary.sector, summary.covered, summary.required, summary.files], ['electricity', 1, 3, [`file://${STD}`]]);
    // The lenses are refreshed when this key changes: covering one more control changes it.
    const fixed = await workspace({ [STD]: TEXT.replace('BL-GV-10', 'BL-GV-01') });
    assert.notEqual(lensKey(fixed.snapshot.analysis()), lensKey(snapshot.analysis()));
    assert.deepEqual(service.coverageView(textOf, CANCELLED), { sectors: [], catalogs: [] });
    assert.deepEqual(service.coverageView(textOf, cancelledAfter(1)), { sectors: [], catalogs: [] });
    // Cancelled while the candidates are sought (after the sectors): still empty, not a view without candidates.
    assert.deepEqual(service.coverageView(textOf, cancelledAfter(2)), { sectors: [], catalogs: [] });
    const info = service.fileInfo(STD);
    assert.deepEqual([info.kind, info.sector, info.baseline], ['standard', 'electricity', 'jp-ci-baseline@2026.1']);
  });

  it('pinned: answers from the snapshot current when it was pinned, after the host swapped in the next one', async () => {
    const before = await workspace();
    const after = await workspace({ [STD]: TEXT.replace('BL-GV-10', 'BL-GV-01') });
    let current = before.snapshot;
    const service = createKijunService(() => snapshotContext(current, { locale: 'en', toUri: (p) => `file://${p}`, today: '2026-11-24' }));
    const pinned = service.pinned();
    current = after.snapshot;
    assert.equal(pinned.codeLenses(STD)[0].command?.title, '1 of 3 required controls covered, 0 exempt');
    assert.equal(service.codeLenses(STD)[0].command?.title, '2 of 3 required controls covered, 0 exempt');
  });

  it('scaffold and sector choices: a new standard for a sector, sectors named in the locale asked for', async () => {
    const { service, snapshot } = await workspace();
    const scaffold = service.scaffold('jp-ci-baseline@2026.1', 'electricity', 1, 'en');
    assert.match(scaffold ?? '', /^---\nkind: standard\nsector: electricity\n/);
    assert.equal(service.scaffold('no-such-catalog@1', 'electricity', 1, 'en'), undefined);
    const sectors = sectorChoices(snapshot, 'ja');
    assert.equal(sectors.find((s) => s.id === 'electricity')?.name, '電力');
  });
});
