// `kijun check --fix` and the editor's "fix all": only fixes that need no judgement, written
// into the files that have them, every other byte kept.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { spawnKijun, inProcess } from '../helpers/cli.js';
import { CATALOG } from '../helpers/memoryWorkspace.js';
import { safeFixEdits, applyEdits } from '../../server/src/core/services/fixAll.js';
import { nearest } from '../../server/src/core/ids.js';

const STANDARD = `---\r\nkind: standard\r\nsector: electricity\r\nbaseline: jp-ci-baseline@2026.1\r\n---\r\n## EL-PR-01 多要素認証 😀\r\n対応: BL-PR-09、BLーGVー01\r\nCovers: BL-PR-5\r\n関連: PR.AC-1 と PR.AC-7\r\n`;

function workspace(): string {
  const dir = tempDir('kijun-fix-');
  writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [catalog.yaml]\nstandards: [el.md]\n');
  writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
  writeFileSync(path.join(dir, 'el.md'), `\ufeff${STANDARD}`);
  return dir;
}

describe('kijun check --fix', () => {
  it('writes the certain fixes, keeps the BOM, CRLF and every other character, and reports what is left', () => {
    const dir = workspace();
    const r = spawnKijun(['check', '--fix', '--format', 'json'], dir);
    const after = readFileSync(path.join(dir, 'el.md'), 'utf8');
    const expected = `\ufeff${STANDARD.replace('BL-PR-09', 'BL-PR-01').replace('BLーGVー01', 'BL-GV-01').replace('BL-PR-5', 'BL-PR-05').replace('PR.AC-7', 'PR.AA-03')}`;
    // PR.AC-1 has more than one CSF 2.0 successor: a judgement, so it stays (and is still reported).
    assert.equal(after, expected);
    assert.match(r.stderr, /el\.md/);
    const json = JSON.parse(r.stdout) as { files: { diagnostics: { code: string }[] }[] };
    const codes = json.files.flatMap((f) => f.diagnostics.map((d) => d.code)).filter((c) => c !== 'csf-gap');
    assert.ok(codes.every((c) => c === 'unknown-csf'), codes.join(','));
  });

  it('without --fix nothing is written, from the bundle or in process', async () => {
    const dir = workspace();
    const before = readFileSync(path.join(dir, 'el.md'));
    spawnKijun(['check'], dir);
    await inProcess(['check'], dir);
    assert.deepEqual(readFileSync(path.join(dir, 'el.md')), before);
  });

  it('a second --fix has nothing left to write', () => {
    const dir = workspace();
    spawnKijun(['check', '--fix'], dir);
    const once = readFileSync(path.join(dir, 'el.md'));
    const again = spawnKijun(['check', '--fix'], dir);
    assert.deepEqual(readFileSync(path.join(dir, 'el.md')), once);
    assert.doesNotMatch(again.stderr, /el\.md/);
  });
});

describe('safe fixes', () => {
  it('an id equally near two known ids is not suggested, so fix-all cannot guess', () => {
    assert.equal(nearest('BL-PR-03', ['BL-PR-01', 'BL-PR-05']), undefined);
    assert.equal(nearest('BL-PR-5', ['BL-PR-05', 'BL-GV-01']), 'BL-PR-05');
  });

  it('skips multi-line and overlapping ranges and tokens that already read as the replacement', () => {
    const text = 'ab\ncd\n';
    const d = (line: number, s: number, e: number, replacement: string, endLine = line) => ({
      range: { start: { line, character: s }, end: { line: endLine, character: e } }, message: '', code: 'marker-syntax', source: 'kijun', data: { replacement },
    });
    const edits = safeFixEdits(text, [d(0, 0, 2, 'XY'), d(0, 1, 2, 'Z'), d(0, 0, 1, 'Q', 1), d(1, 0, 2, 'cd')]);
    assert.equal(applyEdits(text, edits), 'XY\ncd\n');
  });
});

describe('nearest id', () => {
  it('counts a swap of two neighbours as one typo, so BL-PR-10 suggests BL-PR-01 alone', () => {
    assert.equal(nearest('BL-PR-10', ['BL-PR-01', 'BL-PR-05', 'BL-PR-09']), 'BL-PR-01');
  });
});

describe('fix-all and the quick-fix agree on what may be replaced', () => {
  it('an unknown id read through a YAML alias is not rewritten by fix-all (its finding sits on the key)', async () => {
    const { check, CATALOG: catalog } = await import('../helpers/memoryWorkspace.js');
    const { toDiagnostics } = await import('../../server/src/core/diagnostics.js');
    const { toLspDiagnostic } = await import('../../server/src/core/services/lspDiagnostics.js');
    const yaml = 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nx-list: &m\n  - id: FN-PR-01\n    covers: [BL-PR-10]\nmeasures: *m\n';
    const { loaded } = await check({ 'c.yaml': catalog, 'fin.yaml': yaml });
    const diagnostics = toDiagnostics(loaded.analysis.findings.get('/ws/fin.yaml') ?? [], { locale: 'en', rules: {}, docsBase: '' }).map(toLspDiagnostic);
    const unknown = diagnostics.filter((d) => d.code === 'unknown-control');
    assert.equal(unknown.length, 1);
    assert.equal((unknown[0].data as { suggestion?: string }).suggestion, 'BL-PR-01');
    assert.equal(applyEdits(yaml, safeFixEdits(yaml, diagnostics)), yaml);
  });
});
