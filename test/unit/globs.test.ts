// PRODUCT.md §1.4: with kijun.yaml globs, the globs decide which files are catalogs and standards;
// a file that only looks like one (`kind: catalog`) is not loaded unless it is opened or named.
import assert from 'node:assert/strict';
import { check, memoryFs, CATALOG } from '../helpers/memoryWorkspace.js';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex.js';

const NEXT = CATALOG.replace(/^version: .*$/m, 'version: "2099.1"');
const CONFIG = 'catalogs: [baseline/*.yaml]\nstandards: [standards/*.md]\n';
const STANDARD = `---
kind: standard
sector: electricity
baseline: jp-ci-baseline@2026.1
level: 1
---
# s
`;
const FILES = { 'kijun.yaml': CONFIG, 'baseline/c.yaml': CATALOG, 'drafts/next.yaml': NEXT, 'standards/s.md': STANDARD };

describe('kijun.yaml globs decide what is checked', () => {
  it('a draft catalog outside the globs is not loaded, by workspace or by folder', async () => {
    for (const paths of [undefined, ['.'], ['drafts', 'standards']]) {
      const { loaded } = await check(FILES, { paths: paths?.map((p) => (p === '.' ? '' : p)).filter(Boolean) });
      assert.deepEqual([...loaded.analysis.catalogs.keys()], ['jp-ci-baseline@2026.1'], String(paths));
      assert.ok(!loaded.analysis.files.has('/ws/drafts/next.yaml'));
    }
  });

  it('a file named on the command line is checked even outside the globs', async () => {
    const { loaded } = await check(FILES, { paths: ['drafts/next.yaml', 'standards'] });
    assert.ok(loaded.analysis.catalogs.has('jp-ci-baseline@2099.1'));
  });

  it('without globs, files are found by their kind', async () => {
    const { loaded } = await check({ ...FILES, 'kijun.yaml': 'locale: en\n' });
    assert.ok(loaded.analysis.catalogs.has('jp-ci-baseline@2099.1'));
  });

  it('the editor\'s index agrees: the draft stays out on disk and comes in while it is open', async () => {
    const disk: Record<string, string> = {};
    for (const [k, v] of Object.entries(FILES)) disk[`/ws/${k}`] = v;
    const index = new WorkspaceIndex(memoryFs(disk), { root: '/ws', configPath: '/ws/kijun.yaml', today: () => '2026-11-24' });
    await index.loadAll();
    assert.deepEqual([...index.analysis().catalogs.keys()], ['jp-ci-baseline@2026.1']);
    await index.refreshFromDisk('/ws/drafts/next.yaml');
    assert.deepEqual([...index.analysis().catalogs.keys()], ['jp-ci-baseline@2026.1']);
    index.setOpen('/ws/drafts/next.yaml', NEXT);
    assert.ok(index.analysis().catalogs.has('jp-ci-baseline@2099.1'));
    await index.close('/ws/drafts/next.yaml');
    assert.deepEqual([...index.analysis().catalogs.keys()], ['jp-ci-baseline@2026.1']);
  });
});
