// An in-memory workspace for driving the core the way a host does.
import { loadWorkspace, type WorkspaceFs, type LoadedWorkspace } from '../../server/src/core/workspace.js';
import { buildReport, type Report } from '../../server/src/core/report.js';
import type { Locale } from '../../server/src/core/model.js';

export function memoryFs(files: Record<string, string | Uint8Array>): WorkspaceFs {
  const encoder = new TextEncoder();
  const bytes = (p: string): Uint8Array | undefined => {
    const v = files[p];
    return v === undefined ? undefined : typeof v === 'string' ? encoder.encode(v) : v;
  };
  return {
    async readFile(p) {
      const b = bytes(p);
      if (!b) throw new Error(`ENOENT: ${p}`);
      return b;
    },
    async stat(p) {
      const b = bytes(p);
      if (b) return { size: b.length, isDirectory: false };
      const dir = p.endsWith('/') ? p : `${p}/`;
      return Object.keys(files).some((f) => f.startsWith(dir)) ? { size: 0, isDirectory: true } : undefined;
    },
    async listFiles(dir) {
      const prefix = dir === '' ? '' : dir.endsWith('/') ? dir : `${dir}/`;
      return Object.keys(files).filter((f) => f.startsWith(prefix)).sort();
    },
  };
}

export interface CheckOptions {
  locale?: Locale;
  today?: string;
  paths?: string[];
}

/** Loads a workspace rooted at `/ws` (kijun.yaml used when present) and builds the report. */
export async function check(files: Record<string, string | Uint8Array>, options: CheckOptions = {}): Promise<{ report: Report; loaded: LoadedWorkspace }> {
  const full: Record<string, string | Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) full[`/ws/${k}`] = v;
  const configPath = '/ws/kijun.yaml' in full ? '/ws/kijun.yaml' : undefined;
  const loaded = await loadWorkspace(memoryFs(full), {
    root: '/ws', configPath, today: options.today ?? '2026-11-24', paths: options.paths?.map((p) => `/ws/${p}`),
  });
  const report = buildReport(loaded, {
    locale: options.locale ?? 'en', docsBase: 'file:///docs/rules/', displayPath: (p) => p.replace(/^\/ws\//, ''),
  });
  return { report, loaded };
}

export function diagnosticsOf(report: Report, path: string) {
  return report.files.find((f) => f.path === path)?.diagnostics ?? [];
}

/** Codes of the findings, leaving out the catalog-wide csf-gap note that every small test catalog has. */
export function codesOf(report: Report, path?: string): string[] {
  const files = path ? report.files.filter((f) => f.path === path) : report.files;
  return files.flatMap((f) => f.diagnostics.map((d) => d.code)).filter((c) => c !== 'csf-gap').sort();
}

/** A small catalog: two level-1 controls, a non-exemptable one, a level-2 one, a withdrawn one. */
export const CATALOG = `kind: catalog
id: jp-ci-baseline
version: "2026.1"
title: { ja: ベースライン, en: Baseline }
controls:
  - id: BL-PR-01
    function: PR
    level: 1
    title: { ja: 多要素認証, en: Multi-factor authentication }
    statement: { ja: 遠隔アクセスに多要素認証を用いること。, en: Use MFA for remote access. }
    csf: [PR.AA-03]
  - id: BL-PR-05
    function: PR
    level: 1
    title: { ja: 定義ファイルの更新, en: Malware definition updates }
    statement: { ja: 定義ファイルを最新に保つこと。, en: Keep malware definitions current. }
    csf: [PR.PS-05]
  - id: BL-GV-01
    function: GV
    level: 1
    exemptable: false
    title: { ja: 経営層の責任, en: Management accountability }
    statement: { ja: 経営層がサイバーリスクに責任を負うこと。, en: Top management is accountable for cyber risk. }
    csf: [GV.RR-01]
  - id: BL-RC-02
    function: RC
    level: 2
    title: { ja: 復旧計画, en: Recovery plan }
    statement: { ja: 復旧計画を定めること。, en: Maintain a recovery plan. }
    csf: [RC.RP-01]
  - id: BL-PR-09
    function: PR
    level: 1
    withdrawn: true
    replacedBy: BL-PR-01
    title: { ja: 旧管理策, en: Old control }
    statement: { en: Withdrawn. }
    csf: [PR.AA-03]
`;

export const RATIONALE = '制御系ネットワークはインターネットと接続しない閉域網であり、定義ファイル更新のための接続口を設けることがかえってリスクを高めるため。';

/** A Markdown standard with front matter lines and body. */
export function markdown(front: string, body: string): string {
  return `---\nkind: standard\nsector: electricity\nbaseline: jp-ci-baseline@2026.1\n${front}---\n${body}`;
}
