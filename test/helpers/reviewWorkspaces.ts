// Workspaces for the report formats: the samples, one with hostile strings in every text field,
// and an empty one (a catalog, no standards); and the review model built the way the CLI does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { check, CATALOG } from './memoryWorkspace.js';
import type { Locale } from '../../server/src/core/model.js';
import type { Report } from '../../server/src/core/report.js';
import type { LoadedWorkspace } from '../../server/src/core/workspace.js';
import { buildReviewModel, type ReviewModel } from '../../server/src/core/formats/reviewModel.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const TODAY = '2026-11-24';

/** Every file below a folder of the repository, keyed by its path inside that folder. */
export function filesOf(dir: string): Record<string, string> {
  const base = path.join(ROOT, dir);
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(base, p).split(path.sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(base);
  return out;
}

/** Strings that break out of HTML text, attributes, table cells, XML and Markdown if unescaped. */
export const EVIL = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  td: '</td></tr></table>',
  attr: "' onmouseover='alert(1)",
  md: '| **bold** [link](javascript:alert(1)) `code` &amp; https://evil.example',
  xml: ']]> <![CDATA[ &lt; \u0001',
};
export const HOSTILE = Object.values(EVIL).join(' ');
const q = (s: string): string => JSON.stringify(s);
const HOSTILE_ONE_LINE = HOSTILE.replace(/\u0001/g, '');

/** Hostile strings in every text field the schemas allow them in. */
export function hostileWorkspace(): Record<string, string> {
  const version = '1</td><script>x</script>';
  const catalog = `kind: catalog
id: jp-ci-baseline
version: ${q(version)}
title: { ja: ${q(HOSTILE)}, en: ${q(HOSTILE)} }
controls:
  - id: BL-PR-01
    function: PR
    level: 1
    title: { ja: ${q(`多要素認証 ${HOSTILE}`)}, en: ${q(`MFA ${HOSTILE}`)} }
    statement: { ja: ${q(HOSTILE)}, en: ${q(HOSTILE)} }
    csf: [PR.AA-03]
  - id: BL-PR-05
    function: PR
    level: 1
    title: { ja: ${q(`定義ファイル ${EVIL.img}`)}, en: ${q(`Definitions ${EVIL.img}`)} }
    statement: { ja: ${q(EVIL.td)}, en: ${q(EVIL.td)} }
    csf: [PR.PS-05]
  - id: BL-GV-01
    function: GV
    level: 1
    exemptable: false
    title: { ja: ${q(EVIL.td)}, en: ${q(EVIL.td)} }
    statement: { ja: ${q(EVIL.script)}, en: ${q(EVIL.script)} }
    csf: [GV.RR-01]
  - id: BL-RC-02
    function: RC
    level: 1
    title: { ja: ${q(EVIL.md)}, en: ${q(EVIL.md)} }
    statement: { en: ${q(EVIL.attr)} }
    csf: [RC.RP-01]
`;
  const baseline = `jp-ci-baseline@${version}`;
  const electricity = `---
kind: standard
sector: electricity
title: ${q(HOSTILE_ONE_LINE)}
baseline: ${q(baseline)}
level: 1
exemptions:
  - control: BL-PR-05
    rationale: ${q(`閉域網であり接続口を設けることがかえってリスクを高めるため。${HOSTILE}`)}
    compensating: [${q('EL-PR-01')}]
    review: 2026-12-01
  - control: ${q(EVIL.img)}
    rationale: ${q(HOSTILE)}
    compensating: [${q(EVIL.script)}]
  - control: BL-RC-02
    rationale: ${q('<b>短い</b>')}
---
# ${HOSTILE_ONE_LINE}

## EL-PR-01 ${HOSTILE_ONE_LINE}
Covers: BL-PR-01

${HOSTILE_ONE_LINE}

## EL-PR-02 ${EVIL.td} ${EVIL.attr}
Covers: BL-PR-09, BL-PR-01
`;
  const finance = `kind: standard
sector: finance
title: ${q(HOSTILE)}
baseline: ${q(baseline)}
level: 1
measures:
  - id: FN-PR-01
    title: ${q(HOSTILE)}
    covers: [BL-PR-01, BL-PR-05, BL-RC-02]
    csf: [PR.AA-03, PR.AC-1]
    text: ${q(HOSTILE)}
`;
  const water = `---
kind: standard
sector: water
title: ${q(EVIL.td)}
baseline: ${q(baseline)}
---
## WT-PR-01 ${EVIL.script}
対応: BL-PR-01, BL-PR-05
`;
  const config = `catalogs: [baseline/*.yaml]
standards: [standards/**/*.md, standards/**/*.yaml]
sectors:
  - id: electricity
    name: { ja: ${q(`電力 ${EVIL.script}`)}, en: ${q(`Electricity ${EVIL.img}`)} }
  - id: finance
    name: { ja: ${q(EVIL.td)}, en: ${q(EVIL.md)} }
`;
  return {
    'kijun.yaml': config,
    'baseline/catalog.yaml': catalog,
    'standards/electricity.md': electricity,
    'standards/finance.yaml': finance,
    // A file name is text too.
    [`standards/${'"><img src=x onerror=alert(1)>&amp;'}.md`]: water,
  };
}

export function emptyWorkspace(): Record<string, string> {
  return { 'baseline/catalog.yaml': CATALOG };
}

export interface Reviewed {
  report: Report;
  loaded: LoadedWorkspace;
  review: ReviewModel;
}

/** Loads a workspace as the CLI does and builds the review model, with web links that take line anchors. */
export async function reviewed(files: Record<string, string>, locale: Locale = 'en', today = TODAY): Promise<Reviewed> {
  const { report, loaded } = await check(files, { locale, today });
  const review = buildReviewModel(loaded, report, {
    displayPath: (p) => p.replace(/^\/ws\//, ''),
    docsBase: 'https://kijun.example/docs/rules/',
    today,
    version: '9.9.9',
    link: (p) => `https://git.example/org/repo/blob/abc/${p.split('/').map(encodeURIComponent).join('/')}`,
    lineAnchors: true,
  });
  return { report, loaded, review };
}
