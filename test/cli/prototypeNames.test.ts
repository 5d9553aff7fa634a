// Ids that are also names of Object.prototype (`constructor`, `__proto__`, `toString`, …) are
// ordinary workspace text: every output format and every editor service must treat them as ids.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import { tempDir } from '../helpers/tmp.js';
import { spawnKijun } from '../helpers/cli.js';
import { check } from '../helpers/memoryWorkspace.js';
import { toDiagnostics } from '../../server/src/core/diagnostics.js';
import { toLspDiagnostic } from '../../server/src/core/services/lspDiagnostics.js';
import { codeActions } from '../../server/src/core/services/codeActions.js';
import { hover } from '../../server/src/core/services/hover.js';
import { completion } from '../../server/src/core/services/completion.js';
import { definition, references, documentSymbols, workspaceSymbols, codeLenses } from '../../server/src/core/services/navigation.js';
import { LineIndex } from '../../server/src/core/text.js';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

function control(id: string, level: number): string {
  return `  - id: ${id}\n    function: PR\n    level: ${level}\n    title: { ja: 管理策 ${id}, en: Control ${id} }\n    statement: { ja: 文, en: Text. }\n    csf: [PR.AA-03]\n`;
}

/** Prototype names as control ids (level 2, so a level-1 sector has no cell for them), measure ids, a sector and OSCAL element names. */
function workspace(): Record<string, string> {
  const dimensions = 'dimensions:\n  constructor: { values: [toString, valueOf], title: { en: C } }\n  __proto__: { values: [a, b], title: { en: P } }\n';
  const catalog = `kind: catalog\nid: jp-ci-baseline\nversion: "2026.1"\ntitle: { ja: ベースライン, en: Baseline }\n${dimensions}controls:\n`
    + control('BL-PR-01', 1) + NAMES.map((n) => control(n, 2)).join('')
    + control('BL-PR-02', 1).replace('    csf:', '    appliesTo: { constructor: [toString] }\n    csf:');
  const oscal = '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724"><metadata><title>T</title>'
    + '<last-modified>2024-01-01T00:00:00Z</last-modified><version>1</version><oscal-version>1.1.2</oscal-version></metadata>'
    + '<control id="c-1"><title>x</title><constructor><toString>y</toString><prop name="a" value="b"/></constructor><__proto__><hash>1</hash></__proto__></control></catalog>\n';
  return {
    'kijun.yaml': 'catalogs: [baseline/*.yaml, oscal/*.xml]\nstandards: [standards/*]\nlocale: en\n',
    'baseline/catalog.yaml': catalog,
    'oscal/c.xml': oscal,
    'standards/electricity.md': '---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\nlevel: 1\nscope: { constructor: [toString, valueOf], __proto__: [a] }\n---\n# 電力\n\n## EL-PR-01 認証\nCovers: BL-PR-01, constructor\n\n## EL-PR-02 x\nScope: constructor=toString\nCovers: BL-PR-02\n',
    'standards/finance.yaml': [
      'kind: standard', 'sector: finance', 'baseline: jp-ci-baseline@2026.1', 'level: 2',
      'exemptions:', '  - control: toString', '    rationale: ""', '  - control: __proto__', '    rationale: ""', '    compensating: [hasOwnProperty]',
      'measures:', '  - id: FN-PR-01', '    covers: [BL-PR-01, constructor, valueOf]', '  - id: valueOf', '    covers: [__proto__]', '',
    ].join('\n'),
    'standards/other.yaml': 'kind: standard\nsector: constructor\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n  - id: toString\n    covers: [BL-PR-01]\n',
  };
}

describe('ids named like Object.prototype members', () => {
  let dir = '';
  before(() => {
    dir = tempDir('kijun-proto-');
    for (const [name, text] of Object.entries(workspace())) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  });

  for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
    it(`kijun check --format ${format} reports them as findings (exit 1), never crashes`, () => {
      const r = spawnKijun(['check', '--no-cache', '--format', format], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 1);
      assert.ok(r.stdout.includes('constructor'), 'the control constructor is named in the report');
    });
  }

  it('every editor service answers at every position of every file', async () => {
    const files = workspace();
    const { loaded } = await check(files);
    const ctx = { analysis: loaded.analysis, locale: 'en' as const, toUri: (p: string) => `file://${p}`, today: '2026-11-24' };
    for (const [rel, text] of Object.entries(files)) {
      const p = `/ws/${rel}`;
      const diagnostics = toDiagnostics(loaded.analysis.findings.get(p) ?? [], { locale: 'en', rules: loaded.config.rules, docsBase: 'file:///docs/' }).map(toLspDiagnostic);
      const actions = codeActions(ctx, p, text, diagnostics);
      for (const a of actions) for (const e of Object.values(a.edit?.changes ?? {}).flat() as TextEdit[]) assert.ok(!e.newText.includes('function '), a.title);
      const lines = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset += 3) {
        const position = lines.positionAt(offset);
        hover(ctx, p, position, text);
        completion(ctx, p, text, position);
        definition(ctx, p, position, text);
        references(ctx, p, position, true, text);
      }
      documentSymbols(ctx, p);
      codeLenses(ctx, p);
    }
    workspaceSymbols(ctx, '');
    assert.ok([...loaded.analysis.findings.values()].flat().some((f) => f.code === 'uncovered-control'));
  });

  it('an OSCAL XML element named constructor or __proto__ is reported by its name', async () => {
    const { report } = await check(workspace());
    const messages = report.files.find((f) => f.path === 'oscal/c.xml')?.diagnostics.map((d) => d.message) ?? [];
    assert.deepEqual(messages, ['Key constructor is not allowed.', 'Key __proto__ is not allowed.']);
  });
});
