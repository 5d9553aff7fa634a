// Property-based tests over generated and mutated catalogs and standards (fast-check).
// Runs in about ten seconds by default; FC_NUM_RUNS=1000 raises the number of runs of every property,
// and FC_SEED=<seed> replays the seed of a reported failure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import { check, memoryFs, CATALOG, RATIONALE, markdown } from '../helpers/memoryWorkspace.js';
import { checkRanges } from '../fuzz/targets.js';
import { SNIPPETS, applyMutations, type Mutation } from '../fuzz/mutations.js';
import { decodeBytes } from '../../server/src/core/decode.js';
import { parseConfig } from '../../server/src/core/config.js';
import { LineIndex, type Range } from '../../server/src/core/text.js';
import { toDiagnostics } from '../../server/src/core/diagnostics.js';
import { toLspDiagnostic } from '../../server/src/core/services/lspDiagnostics.js';
import { codeActions } from '../../server/src/core/services/codeActions.js';
import { hover } from '../../server/src/core/services/hover.js';
import { completion } from '../../server/src/core/services/completion.js';
import { definition, references, documentSymbols, workspaceSymbols, codeLenses } from '../../server/src/core/services/navigation.js';
import { groupOf, type ServiceContext } from '../../server/src/core/services/context.js';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex.js';
import { loadWorkspace, type LoadedWorkspace } from '../../server/src/core/workspace.js';
import { sectorCoverage, type WorkspaceAnalysis } from '../../server/src/core/analyze.js';
import type { Report } from '../../server/src/core/report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const TODAY = '2026-11-24';

/** numRuns for a property: its default share of the time budget, or FC_NUM_RUNS; FC_SEED replays a reported seed. */
function options(defaultRuns: number): fc.Parameters<unknown> {
  const runs = Number(process.env.FC_NUM_RUNS);
  const seed = Number(process.env.FC_SEED);
  return { numRuns: Number.isFinite(runs) && runs > 0 ? runs : defaultRuns, ...(process.env.FC_SEED && Number.isFinite(seed) ? { seed } : {}) };
}

// ---- real shapes to start from ----

const YAML_STANDARD = `kind: standard
sector: finance
title: 金融分野
baseline: jp-ci-baseline@2026.1
level: 2
exemptions:
  - control: BL-PR-05
    rationale: ${RATIONALE}
    compensating: [FN-PR-01]
    review: 2026-01-31
measures:
  - id: FN-PR-01
    title: 多要素認証
    covers: [BL-PR-01, BL-PR-09]
    csf: [PR.AA-03, PR.AC-1]
  - id: FN-XX-01
    covers: [BL-XX-99]
`;

/** `measures:` in every shape YAML allows: flow, empty, aliased, last in the file without a line break. */
const YAML_HEAD = 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nlevel: 1\n';
const YAML_EXEMPTIONS = `exemptions:\n  - control: BL-GV-01\n    rationale: ${RATIONALE}\n`;
export const YAML_MEASURE_SHAPES: string[] = [
  `${YAML_HEAD}measures: [ {id: FN-PR-01, covers: [BL-PR-01]} ]\n${YAML_EXEMPTIONS}`,
  `${YAML_HEAD}measures: [\n  {id: FN-PR-01, covers: [BL-PR-01]},\n  {id: FN-GV-01, covers: [BL-GV-01]}\n]\nx-notes:\n  - 草案\n  - draft`,
  `${YAML_HEAD}measures: [ {id: FN-PR-01, covers: [BL-PR-01]}, ]  # trailing comma\nx-notes:\n  - a\n`,
  `${YAML_HEAD}measures: []\nx-notes:\n  - a\n  - b\n`,
  `${YAML_HEAD}measures:\n${YAML_EXEMPTIONS}`,
  `${YAML_HEAD}exemptions: []\nmeasures:   # none yet\n\nx-notes: [a]\n`,
  `${YAML_HEAD}x-base: &m\n  - id: FN-PR-01\n    covers: [BL-PR-01]\nmeasures: *m\nx-notes:\n  - a\n`,
  `${YAML_HEAD}measures: ~\nx-notes:\n  - a\n`,
  `${YAML_HEAD}${YAML_EXEMPTIONS}measures:\n  - id: FN-PR-01\n    covers: [BL-PR-01]`,
  `${YAML_HEAD}${YAML_EXEMPTIONS}measures:\n  - id: FN-PR-01\n    covers: [BL-PR-01]  # last line`,
  `${YAML_HEAD}x-e: &e []\nexemptions: *e\nmeasures:`,
  `${YAML_HEAD.replace('level: 1\n', 'level: 1')}`,
];

/** Markdown standards that end inside an HTML block CommonMark closes only at its end text. */
const MD_BODY = '# 基準\n\n## EL-PR-01 認証\n対応: BL-PR-01\n\n';
export const MARKDOWN_OPEN_BLOCKS: string[] = [
  markdown('level: 1\n', `${MD_BODY}<!--\n下書き\nCovers: BL-PR-05\n`),
  markdown('level: 1\n', `${MD_BODY}<!-- covers: BL-PR-05`),
  markdown('level: 1\n', `${MD_BODY}<pre>\n対応: BL-PR-05\n\n\n## EL-PR-02 x\n`),
  markdown('level: 1\n', `${MD_BODY}<script>\nlet x = 1;\n`),
  markdown('level: 1\n', `${MD_BODY}<STYLE type="text/css">\np {}\n\n`),
  markdown('level: 1\n', `${MD_BODY}<textarea>\n## EL-GV-01\n`),
  markdown('level: 1\n', `${MD_BODY}<?php\necho 1;\n`),
  markdown('level: 1\n', `${MD_BODY}<![CDATA[\nx\n`),
  markdown('level: 1\n', `${MD_BODY}<!DOCTYPE\n`),
  markdown('level: 1\n', `${MD_BODY}<div>\n\`\`\`\n`),
  markdown('level: 1\n', `${MD_BODY}- item\n  <!--\n  x\n`),
  markdown('level: 1\nexemptions: []\n', `${MD_BODY}> <pre>\n> x\n`),
  markdown('level: 1\nexemptions:\n', `${MD_BODY}<!-- a --> <!--\n`),
];

const STANDARDS: { ext: '.md' | '.yaml'; text: string }[] = [
  { ext: '.md', text: read('test/fixtures/basic/standards/electricity.md') },
  { ext: '.md', text: read('test/fixtures/clean/warn.md') },
  { ext: '.md', text: read('test/fixtures/upgrade/electricity.md') },
  { ext: '.md', text: markdown('level: 2\nexemptions:\n  - control: BL-GV-01\n    rationale: 短い\n  - control: BL-PR-05\n    rationale: ' + RATIONALE + '\n', '# 基準\n\n## EL-PR-01 認証\n対応：BL-PR-01、BL-PR-09\n<!-- covers: BL-PR-07 -->\nPR.AC-1 と GV.RR-01\n\n```\nCovers: BL-RC-02\n```\n') },
  { ext: '.md', text: markdown('', '## EL-PR-01 Auth\r\nCovers: BL-PR-01\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r') },
  { ext: '.md', text: '---\nkind: standard\nsector: electricty\nbaseline: jp-ci-baseline@2026.1\n' },
  { ext: '.md', text: read('samples/standards/electricity/10-protect.md') },
  { ext: '.md', text: read('samples/standards/water/water-security.md').slice(0, 6000) },
  { ext: '.yaml', text: YAML_STANDARD },
  { ext: '.yaml', text: read('samples/standards/finance/finance-guideline.yaml').slice(0, 5000) },
  ...YAML_MEASURE_SHAPES.map((text) => ({ ext: '.yaml' as const, text })),
  ...MARKDOWN_OPEN_BLOCKS.map((text) => ({ ext: '.md' as const, text })),
];

const CATALOGS = [CATALOG, read('test/fixtures/upgrade/catalog-2027.1.yaml')];

// ---- arbitraries ----

const idArb = fc.oneof(
  fc.constantFrom('BL-PR-01', 'BL-PR-05', 'BL-GV-01', 'BL-RC-02', 'BL-PR-09', 'BL-XX-01', 'EL-PR-01', 'PR.AA-03', 'PR.AC-1', 'GV.SC'),
  fc.tuple(fc.constantFrom('BL', 'EL', 'FN', 'M'), fc.constantFrom('GV', 'PR', 'RC', 'DE'), fc.nat(12)).map(([a, b, n]) => `${a}-${b}-${String(n).padStart(2, '0')}`),
);
const anyChar = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const snippetArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SNIPPETS) },
  { weight: 2, arbitrary: idArb },
  { weight: 1, arbitrary: fc.string({ unit: anyChar, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);
const at = fc.nat(999_999);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: snippetArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at, length: fc.integer({ min: 1, max: 8 }), text: snippetArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), at, other: at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('marker' as const), at, ids: fc.array(idArb, { minLength: 1, maxLength: 3 }), fullWidth: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constantFrom<Mutation>({ op: 'crlf' }, { op: 'tabs' }) },
);
const mutationsArb = (max: number) => fc.array(mutationArb, { maxLength: max });

/** The text an editor would show for these characters: what survives UTF-8, without a leading BOM. */
function editorText(text: string): string {
  const decoded = decodeBytes(new TextEncoder().encode(text));
  const out = decoded.ok ? decoded.text : '';
  return out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
}

const standardArb = (maxMutations: number) =>
  fc.record({ base: fc.nat(STANDARDS.length - 1), mutations: mutationsArb(maxMutations) })
    .map(({ base, mutations }) => ({ ext: STANDARDS[base].ext, text: editorText(applyMutations(STANDARDS[base].text, mutations)) }));

const catalogArb = fc.oneof(
  { weight: 3, arbitrary: fc.nat(CATALOGS.length - 1).map((i) => CATALOGS[i]) },
  { weight: 1, arbitrary: fc.record({ base: fc.nat(CATALOGS.length - 1), mutations: mutationsArb(4) }).map(({ base, mutations }) => editorText(applyMutations(CATALOGS[base], mutations))) },
);

/** A workspace: one catalog and one to three standards (relative paths → text). */
const workspaceArb = (maxMutations: number) =>
  fc.record({ catalog: catalogArb, standards: fc.array(standardArb(maxMutations), { minLength: 1, maxLength: 3 }) }).map(({ catalog, standards }) => {
    const files: Record<string, string> = { 'baseline/catalog.yaml': catalog };
    standards.forEach((s, i) => (files[`standards/s${i}${s.ext}`] = s.text));
    return files;
  });

const positionArb = fc.record({ line: fc.nat(60), character: fc.nat(90) });

// ---- helpers ----

const toUri = (p: string) => `file://${p}`;
const fromUri = (uri: string) => uri.replace(/^file:\/\//, '');

function context(loaded: LoadedWorkspace): ServiceContext {
  return { analysis: loaded.analysis, locale: 'ja', toUri, today: TODAY };
}

function lspDiagnostics(loaded: LoadedWorkspace, absPath: string): LspDiagnostic[] {
  const findings = loaded.analysis.findings.get(absPath) ?? [];
  return toDiagnostics(findings, { locale: 'en', rules: loaded.config.rules, docsBase: 'file:///docs/rules/' }).map(toLspDiagnostic);
}

function textOf(files: Record<string, string>, absPath: string): string {
  return files[absPath.replace(/^\/ws\//, '')];
}

function assertRangesInside(files: Record<string, string>, report: Report): void {
  for (const file of report.files) {
    const text = files[file.path];
    assert.ok(text !== undefined, `reported file ${file.path} exists`);
    checkRanges(text, file.diagnostics.map((d) => d.range), `${file.path} diagnostic`);
  }
}

// ---- properties ----

describe('properties (fast-check)', function () {
  this.timeout(120_000);

  it('checking never throws, every finding lies inside its document, and the same input gives the same report', async () => {
    await fc.assert(fc.asyncProperty(workspaceArb(8), async (files) => {
      const first = await check(files);
      assertRangesInside(files, first.report);
      const second = await check(files);
      assert.deepEqual(second.report, first.report);
    }), options(80));
  });

  it('hover, completion, definition, references, symbols and code lenses never throw and answer with ranges inside their documents', async () => {
    await fc.assert(fc.asyncProperty(workspaceArb(6), fc.array(positionArb, { minLength: 1, maxLength: 6 }), async (files, positions) => {
      const { loaded } = await check(files);
      const ctx = context(loaded);
      const inside = (uri: string, ranges: Range[], what: string) => {
        const text = textOf(files, fromUri(uri));
        assert.ok(text !== undefined, `${what} points at a file of the workspace: ${uri}`);
        checkRanges(text, ranges, what);
      };
      for (const rel of Object.keys(files)) {
        const p = `/ws/${rel}`;
        const text = files[rel];
        for (const position of positions) {
          const h = hover(ctx, p, position, text);
          if (h?.range) inside(toUri(p), [h.range], 'hover');
          for (const item of completion(ctx, p, text, position)) {
            const edit = item.textEdit as TextEdit | undefined;
            if (edit?.range) inside(toUri(p), [edit.range], 'completion edit');
          }
          for (const l of definition(ctx, p, position, text)) inside(l.uri, [l.range], 'definition');
          for (const l of references(ctx, p, position, true, text)) inside(l.uri, [l.range], 'reference');
        }
        for (const s of documentSymbols(ctx, p)) inside(toUri(p), [s.range, s.selectionRange, ...(s.children ?? []).flatMap((c) => [c.range, c.selectionRange])], 'symbol');
        for (const lens of codeLenses(ctx, p)) inside(toUri(p), [lens.range], 'code lens');
      }
      for (const s of workspaceSymbols(ctx, '')) inside(s.location.uri, [s.location.range], 'workspace symbol');
    }), options(60));
  });

  it('the incremental index equals a full analysis after any sequence of edits, saves, deletions and closes', async () => {
    const step = fc.record({
      file: fc.nat(2),
      kind: fc.constantFrom('open', 'disk', 'delete', 'close', 'analyse'),
      doc: standardArb(4),
    });
    await fc.assert(fc.asyncProperty(catalogArb, fc.array(step, { minLength: 1, maxLength: 14 }), async (catalog, steps) => {
      const disk: Record<string, string> = { '/ws/baseline/catalog.yaml': catalog };
      const fs = memoryFs(disk);
      const index = new WorkspaceIndex(fs, { root: '/ws', today: () => TODAY });
      await index.loadAll();
      const open = new Map<string, string>();
      for (const s of steps) {
        const p = `/ws/standards/s${s.file}${s.doc.ext}`;
        if (s.kind === 'open') {
          open.set(p, s.doc.text);
          index.setOpen(p, s.doc.text);
        } else if (s.kind === 'disk') {
          disk[p] = s.doc.text;
          await index.refreshFromDisk(p);
        } else if (s.kind === 'delete') {
          delete disk[p];
          if (!open.has(p)) index.remove(p);
        } else if (s.kind === 'close' && open.has(p)) {
          open.delete(p);
          await index.close(p);
        } else {
          index.analysis();
        }
      }
      const fresh = await loadWorkspace(fs, { root: '/ws', today: TODAY, overlay: open });
      assert.deepEqual(summary(index.analysis()), summary(fresh.analysis));
    }), options(60));
  });

  it('quick-fixes keep every character of the author text, remove what they target and add no error', async () => {
    await fc.assert(fc.asyncProperty(workspaceArb(6), fc.nat(), async (files, choice) => {
      const { loaded, report } = await check(files);
      const offered = Object.keys(files).flatMap((rel) => {
        const p = `/ws/${rel}`;
        return codeActions(context(loaded), p, files[rel], lspDiagnostics(loaded, p)).map((action) => ({ rel, action }));
      });
      // Every offered fix is checked when there are few; otherwise three of them, chosen by fast-check.
      const picked = offered.length <= 3 ? offered : [0, 1, 2].map((k) => offered[(choice + k * 7919) % offered.length]);
      for (const { rel, action } of picked) await assertSafeFix(files, rel, action, report);
    }), options(60));
  });
});

describe('property counterexamples, kept as regression tests', () => {
  const fixesFor = async (text: string, code: string) => {
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.md': text };
    const { loaded, report } = await check(files);
    const fixes = codeActions(context(loaded), '/ws/standards/s0.md', text, lspDiagnostics(loaded, '/ws/standards/s0.md')).filter((a) => a.diagnostics?.[0].code === code);
    assert.ok(fixes.length > 0, `a ${code} fix is offered`);
    return { files, report, fixes };
  };

  const yamlFixes = async (text: string) => {
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.yaml': text };
    const { loaded, report } = await check(files);
    const fixes = codeActions(context(loaded), '/ws/standards/s0.yaml', text, lspDiagnostics(loaded, '/ws/standards/s0.yaml')).filter((a) => a.diagnostics?.[0].code === 'uncovered-control');
    return { files, report, fixes };
  };

  it('YAML: a measure or an exemption is added to a flow, empty or last-line list where the list is, or not offered', async () => {
    // [shape, whether "add a measure" is offered (one per uncovered control), whether "add an exemption" is]
    // (No measure: a flow list with a trailing comma, an alias, an explicit null. No exemption: an alias.)
    const expected: [boolean, boolean][] = [[true, true], [true, true], [false, true], [true, true], [true, true], [true, true], [false, true], [false, true], [true, true], [true, true], [true, false], [true, true]];
    for (const [i, [measure, exemption]] of expected.entries()) {
      const { files, report, fixes } = await yamlFixes(YAML_MEASURE_SHAPES[i]);
      assert.ok(report.files.some((f) => f.diagnostics.some((d) => d.code === 'uncovered-control')), `shape ${i} has an uncovered control`);
      for (const fix of fixes) await assertSafeFix(files, 'standards/s0.yaml', fix, report);
      assert.equal(fixes.some((f) => f.isPreferred), measure, `shape ${i}: add a measure ${measure ? 'offered' : 'not offered'}`);
      assert.equal(fixes.some((f) => !f.isPreferred), exemption, `shape ${i}: add an exemption ${exemption ? 'offered' : 'not offered'}`);
    }
    const flow = (await yamlFixes(YAML_MEASURE_SHAPES[0])).fixes.find((f) => f.isPreferred)!;
    assert.match(flow.edit!.changes!['file:///ws/standards/s0.yaml'][0].newText, /^, \{ id: FN-\w+-\d+, title: "[^"]+", covers: \[BL-[A-Z]+-\d+\], /);
  });

  it('an unknown id read through a YAML alias gets no replacement (its finding sits on the key, not the id)', async () => {
    const text = `${YAML_HEAD}x-base: &m\n  - id: FN-PR-01\n    covers: [BL-GV-00R-01]\nmeasures: *m\nx-notes:\n  - a\n`;
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.yaml': text };
    const { loaded, report } = await check(files);
    const diagnostics = lspDiagnostics(loaded, '/ws/standards/s0.yaml').filter((d) => d.code === 'unknown-control');
    assert.equal(diagnostics.length, 1);
    const fixes = codeActions(context(loaded), '/ws/standards/s0.yaml', text, diagnostics);
    for (const fix of fixes) await assertSafeFix(files, 'standards/s0.yaml', fix, report);
    assert.deepEqual(fixes, []);
  });

  it('Markdown: a measure added to a document that ends inside an HTML block closes the block first', async () => {
    for (const [i, text] of MARKDOWN_OPEN_BLOCKS.entries()) {
      const { files, report, fixes } = await fixesFor(text, 'uncovered-control');
      for (const fix of fixes) await assertSafeFix(files, 'standards/s0.md', fix, report);
      // Closing `<!-- covers: BL-PR-05` would turn the author's draft into a marker: no measure then.
      assert.equal(fixes.some((f) => f.isPreferred), i !== 1, `block ${i}: add a measure ${i !== 1 ? 'is' : 'is not'} offered`);
    }
    const comment = (await fixesFor(MARKDOWN_OPEN_BLOCKS[0], 'uncovered-control')).fixes.find((f) => f.isPreferred)!;
    assert.match(comment.edit!.changes!['file:///ws/standards/s0.md'][0].newText, /^-->\n\n## EL-\w+-\d+ /);
    const pre = (await fixesFor(MARKDOWN_OPEN_BLOCKS[2], 'uncovered-control')).fixes.find((f) => f.isPreferred)!;
    assert.match(pre.edit!.changes!['file:///ws/standards/s0.md'][0].newText, /^<\/pre>\n\n## EL-/);
  });

  it('a measure added to a document that ends inside a code block closes the block first, so the measure counts', async () => {
    const { files, report, fixes } = await fixesFor(markdown('level: 1\n', '## EL-PR-01 認証\n対応: BL-PR-01、BL-PR-05\n\n```\nCovers: BL-RC-02\n'), 'uncovered-control');
    for (const fix of fixes) await assertSafeFix(files, 'standards/s0.md', fix, report);
    assert.match(fixes[0].edit!.changes!['file:///ws/standards/s0.md'][0].newText, /^```\n\n## EL-GV-01 /);
  });

  it('an unknown control in an exemption is never replaced by a control that cannot be exempted', async () => {
    const text = markdown(`level: 1\nexemptions:\n  - control: BL-GV-02\n    rationale: ${RATIONALE}\n`, '## EL-PR-01 認証\n対応: BL-PR-01、BL-GV-01\n');
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.md': text };
    const { loaded, report } = await check(files);
    const diagnostics = lspDiagnostics(loaded, '/ws/standards/s0.md').filter((d) => d.code === 'unknown-control');
    assert.equal(diagnostics.length, 1);
    assert.notEqual((diagnostics[0].data as { suggestion?: string }).suggestion, 'BL-GV-01');
    for (const fix of codeActions(context(loaded), '/ws/standards/s0.md', text, diagnostics)) await assertSafeFix(files, 'standards/s0.md', fix, report);
  });

  it('a flagged value that spans a lone CR (one YAML scalar, two editor lines) gets no replacement', async () => {
    const text = markdown('level: 1\n', '## EL-PR-01 Auth\nCovers: BL-PR-01\n').replace('sector: electricity', 'sector: electricity\r\u0001');
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.md': text };
    const { loaded } = await check(files);
    const diagnostics = lspDiagnostics(loaded, '/ws/standards/s0.md').filter((d) => d.range.start.line !== d.range.end.line);
    assert.ok(diagnostics.length > 0, 'the sector value is flagged across the CR');
    assert.deepEqual(codeActions(context(loaded), '/ws/standards/s0.md', text, diagnostics).filter((a) => a.diagnostics?.[0].code !== 'uncovered-control'), []);
  });

  it('a sector value with spaces is replaced whole by the suggested sector', async () => {
    const { files, report, fixes } = await fixesFor(markdown('level: 1\n', '## EL-PR-01 認証\n対応: BL-PR-01、BL-PR-05、BL-GV-01\n').replace('sector: electricity', 'sector: e  - lectricity'), 'unknown-sector');
    for (const fix of fixes) await assertSafeFix(files, 'standards/s0.md', fix, report);
  });

  // Found by the soak test: the server handles editor and file events concurrently, so a disk read
  // for one event can end after a newer event on the same file. The newer event must win.
  const raceWorkspace = async () => {
    const text = markdown('level: 1\n', '## EL-PR-01 認証\nCovers: BL-PR-01\n');
    const disk: Record<string, string> = { '/ws/kijun.yaml': 'catalogs: [c.yaml]\nstandards: [s.md]\n', '/ws/c.yaml': CATALOG, '/ws/s.md': text };
    const index = new WorkspaceIndex(memoryFs(disk), { root: '/ws', configPath: '/ws/kijun.yaml', today: () => TODAY });
    await index.loadAll();
    return { disk, index, text };
  };

  it('a file deleted while its close is being handled stays deleted (no stale diagnostics)', async () => {
    const { disk, index, text } = await raceWorkspace();
    index.setOpen('/ws/s.md', text);
    const closing = index.close('/ws/s.md');
    delete disk['/ws/s.md'];
    index.remove('/ws/s.md');
    await closing;
    assert.equal(index.file('/ws/s.md'), undefined);
    assert.equal(index.analysis().findings.has('/ws/s.md'), false);
  });

  it('a document opened while the file is read from disk keeps the editor text', async () => {
    const { index, text } = await raceWorkspace();
    const reading = index.refreshFromDisk('/ws/s.md');
    index.setOpen('/ws/s.md', `${text}Covers: BL-PR-05\n`);
    await reading;
    const model = index.file('/ws/s.md')?.model;
    assert.deepEqual(model?.kind === 'standard' && model.measures[0].covers.map((c) => c.id), ['BL-PR-01', 'BL-PR-05']);
  });

  it('replacing a CSF 1.1 id written in a Covers line fixes unknown-csf; the id stays unknown as a control, and nothing else is new', async () => {
    const text = markdown('level: 1\n', '## EL-PR-01 認証\nCovers: BL-PR-01, PR.AC-1\n');
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.md': text };
    const { loaded, report } = await check(files);
    const fixes = codeActions(context(loaded), '/ws/standards/s0.md', text, lspDiagnostics(loaded, '/ws/standards/s0.md')).filter((a) => a.diagnostics?.[0].code === 'unknown-csf');
    assert.ok(fixes.length > 0);
    for (const fix of fixes) await assertSafeFix(files, 'standards/s0.md', fix, report);
    const fixed = (await check({ ...files, 'standards/s0.md': text.replace('PR.AC-1', 'PR.AA-01') })).report;
    assert.deepEqual(fixed.files.find((f) => f.path === 'standards/s0.md')!.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.control]).filter(([c]) => c !== 'uncovered-control'), [['unknown-control', 'PR.AA-01']]);
  });

  it('a range never ends between the CR and LF of a CRLF line break', () => {
    const text = '  - :\r\n   l';
    const findings = parseConfig(text).findings;
    assert.ok(findings.length > 0);
    checkRanges(text, findings.map((f) => f.range), 'config finding');
    assert.deepEqual(new LineIndex('ab\r\ncd').positionAt(3), { line: 0, character: 2 });
  });

  it('completion asked past the end of a line answers with an edit range inside the line', async () => {
    const files = { 'baseline/catalog.yaml': CATALOG, 'standards/s0.md': read('test/fixtures/basic/standards/electricity.md') };
    const { loaded } = await check(files);
    const items = completion(context(loaded), '/ws/standards/s0.md', files['standards/s0.md'], { line: 0, character: 14 });
    for (const item of items) checkRanges(files['standards/s0.md'], [(item.textEdit as TextEdit).range], 'completion edit');
  });
});

function summary(a: WorkspaceAnalysis): unknown {
  return {
    findings: [...a.findings.entries()].sort(([x], [y]) => (x < y ? -1 : 1)),
    coverage: a.groups.map(sectorCoverage).sort((x, y) => (x.sector + x.baseline < y.sector + y.baseline ? -1 : 1)),
  };
}

// ---- quick-fix safety ----

type Keyed = { path: string; code: string; control?: string; message: string };

/** A replaced token: the errors it had before are the same errors, now about the new token. */
interface Rename {
  path: string;
  range: Range;
  from: string;
  to: string;
}

/** Error-severity findings of a report, as a multiset of keys that do not depend on positions. */
function errorKeys(report: Report, rename?: Rename): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      if (d.severity !== 'error') continue;
      // Messages may name another finding's place ("first defined in a.md:9"), which an insertion moves.
      let message = d.message.replace(/:\d+(?::\d+)?/g, ':#');
      let control = d.control;
      if (rename && f.path === rename.path && JSON.stringify(d.range) === JSON.stringify(rename.range)) {
        message = message.split(rename.from).join(rename.to);
        if (control === rename.from) control = rename.to;
      }
      const key = JSON.stringify({ path: f.path, code: d.code, control, message } satisfies Keyed);
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

/** Errors of `after` that `before` does not have (counting repeats). */
function newErrors(before: Report, after: Report, rename?: Rename): Keyed[] {
  const had = errorKeys(before, rename);
  const out: Keyed[] = [];
  for (const [key, n] of errorKeys(after)) {
    for (let i = had.get(key) ?? 0; i < n; i++) out.push(JSON.parse(key) as Keyed);
  }
  return out;
}

/** Applies one edit and checks that the author's characters all survive, in order. */
function applySafely(text: string, edit: TextEdit, diagnostic: LspDiagnostic): string {
  checkRanges(text, [edit.range], 'quick-fix edit');
  const lines = new LineIndex(text);
  const start = lines.offsetAt(edit.range.start);
  const end = lines.offsetAt(edit.range.end);
  if (start !== end) {
    // A replacement: exactly the flagged token (an id, or a scalar such as a sector value, which
    // may hold spaces), on one line, by one id.
    assert.deepEqual(edit.range, diagnostic.range, 'a replacement covers exactly the flagged range');
    const token = text.slice(start, end);
    assert.match(token, /^[^\r\n]+$/u, `the replaced text is on one line: ${JSON.stringify(token)}`);
    assert.match(edit.newText, /^[^\s]+$/u, `the replacement is one token: ${JSON.stringify(edit.newText)}`);
  }
  const fixed = text.slice(0, start) + edit.newText + text.slice(end);
  assert.ok(fixed.startsWith(text.slice(0, start)) && fixed.endsWith(text.slice(end)), 'the text around the edit is unchanged');
  return fixed;
}

async function assertSafeFix(files: Record<string, string>, rel: string, action: CodeAction, before: Report): Promise<void> {
  const uri = toUri(`/ws/${rel}`);
  assert.equal(action.diagnostics?.length, 1, 'a quick-fix targets one diagnostic');
  const diagnostic = action.diagnostics![0];
  assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [uri], 'a quick-fix edits only the document of its diagnostic');
  const edits = action.edit!.changes![uri];
  assert.equal(edits.length, 1, 'one edit');
  const fixed = applySafely(files[rel], edits[0], diagnostic);
  const { report: after, loaded } = await check({ ...files, [rel]: fixed });
  const control = (diagnostic.data as { control?: string } | undefined)?.control;
  if (isExemptionFix(action)) {
    await assertExemptionFix(files, rel, fixed, edits[0], control!, before, after);
    return;
  }
  // A replaced token keeps the other errors it had, about its new text (a CSF id in a Covers line stays unknown as a control).
  const token = files[rel].slice(new LineIndex(files[rel]).offsetAt(edits[0].range.start), new LineIndex(files[rel]).offsetAt(edits[0].range.end));
  const rename = token ? { path: rel, range: edits[0].range, from: token, to: edits[0].newText } : undefined;
  const added = newErrors(before, after, rename).filter((e) => !joinedSectorFinding(diagnostic, e, sectorFiles(loaded, rel)) && !listedToAdd(diagnostic, e));
  assert.deepEqual(added, [], `"${action.title}" adds no error`);
  assert.ok(!stillThere(after, sectorFiles(loaded, rel), rel, diagnostic, control), `"${action.title}" removes ${diagnostic.code} at ${JSON.stringify(diagnostic.range.start)}`);
}

/** The files of the sector a file belongs to (relative paths). */
function sectorFiles(loaded: LoadedWorkspace, rel: string): string[] {
  return (groupOf(loaded.analysis, `/ws/${rel}`)?.paths ?? [`/ws/${rel}`]).map((p) => p.replace(/^\/ws\//, ''));
}

/** The diagnostic a fix targets, found again after the fix (a replaced token keeps its start; a control stays uncovered in its sector). */
function stillThere(after: Report, sector: string[], rel: string, target: LspDiagnostic, control: string | undefined): boolean {
  const diagnostics = after.files.find((f) => f.path === rel)?.diagnostics ?? [];
  if (target.code === 'uncovered-control') {
    return after.files.some((f) => sector.includes(f.path) && f.diagnostics.some((d) => d.code === 'uncovered-control' && d.control === control));
  }
  return diagnostics.some((d) => d.code === target.code && d.range.start.line === target.range.start.line && d.range.start.character === target.range.start.character);
}

/**
 * The sector quick-fix rejoins a file to the sector it was meant for ("a typo silently splits it",
 * docs/rules/unknown-sector.md): the joined sector's cross-file findings (measure ids defined twice,
 * controls its level requires, compensating measures) then apply to it. Only those may be new.
 */
function joinedSectorFinding(target: LspDiagnostic, e: Keyed, sector: string[]): boolean {
  return target.code === 'unknown-sector' && ['duplicate-id', 'uncovered-control', 'unknown-measure'].includes(e.code) && sector.includes(e.path);
}

/**
 * Moving the baseline pin (docs/rules/outdated-baseline.md: "then cover what it lists") makes the
 * controls the diagnostic lists under "must add" uncovered, and nothing else.
 */
function listedToAdd(target: LspDiagnostic, e: Keyed): boolean {
  if (target.code !== 'outdated-baseline' || e.code !== 'uncovered-control' || !e.control) return false;
  const list = /must add: ([^;]*);/.exec(typeof target.message === 'string' ? target.message : '')?.[1] ?? '';
  return list.split(/[,\s]+/).includes(e.control);
}

function isExemptionFix(action: CodeAction): boolean {
  return action.diagnostics?.[0].code === 'uncovered-control' && !action.isPreferred;
}

/**
 * The exemption quick-fix is unsound on purpose: it writes `rationale: ""` so that the control
 * stays uncovered, with an exemption-without-rationale error, until the author writes the
 * rationale (docs/rules/exemption-without-rationale.md). So: exactly that one new error, on the
 * inserted text; and once the placeholder is filled, the control is exempted and no error is new.
 */
async function assertExemptionFix(files: Record<string, string>, rel: string, fixed: string, edit: TextEdit, control: string, before: Report, after: Report): Promise<void> {
  // The control stays uncovered; its message now names the unsound exemption, which is not a new error.
  const uncovered = (r: Report) => r.files.some((f) => f.diagnostics.some((d) => d.code === 'uncovered-control' && d.control === control && d.severity === 'error'));
  const added = newErrors(before, after).filter((k) => !(k.code === 'uncovered-control' && k.control === control && uncovered(before)));
  assert.deepEqual(added.map((k) => [k.path, k.code, k.control]), [[rel, 'exemption-without-rationale', control]], 'the only new error is the missing rationale');
  const lines = new LineIndex(fixed);
  const insertedAt = lines.offsetAt(edit.range.start);
  const inserted = fixed.slice(insertedAt, insertedAt + edit.newText.length);
  assert.match(inserted, /rationale: ""/);
  const filled = fixed.slice(0, insertedAt) + inserted.replace('rationale: ""', `rationale: ${RATIONALE}`) + fixed.slice(insertedAt + edit.newText.length);
  const { report: done, loaded } = await check({ ...files, [rel]: filled });
  assert.deepEqual(newErrors(before, done), [], 'with the rationale written, no error is new');
  assert.ok(!stillThere(done, sectorFiles(loaded, rel), rel, { code: 'uncovered-control' } as LspDiagnostic, control), `${control} is exempted once the rationale is written`);
}
