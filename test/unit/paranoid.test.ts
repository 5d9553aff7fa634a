// The incremental index must always equal a fresh full analysis ("paranoid" mode, after marksman).
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex.js';
import { loadWorkspace } from '../../server/src/core/workspace.js';
import { sectorCoverage, type WorkspaceAnalysis } from '../../server/src/core/analyze.js';
import { memoryFs, CATALOG, RATIONALE } from '../helpers/memoryWorkspace.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CONTROLS = ['BL-PR-01', 'BL-PR-05', 'BL-GV-01', 'BL-RC-02', 'BL-PR-09', 'BL-XX-01'];
const SECTORS = ['electricity', 'gas', 'water'];

function randomStandard(rand: () => number, n: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const sector = pick(SECTORS);
  const exemptions = rand() < 0.4 ? `exemptions:\n  - control: ${pick(CONTROLS)}\n    rationale: ${rand() < 0.5 ? RATIONALE : '短い'}\n    compensating: [M-PR-0${Math.floor(rand() * 4)}]\n` : '';
  const measures = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => `## M-PR-0${(n + i) % 4} 対策\n対応: ${pick(CONTROLS)}、${pick(CONTROLS)}\n${rand() < 0.2 ? 'PR.AC-1\n' : ''}`);
  const broken = rand() < 0.1 ? 'sector: [\n' : '';
  return `---\nkind: standard\nsector: ${sector}\n${broken}baseline: jp-ci-baseline${rand() < 0.9 ? '@2026.1' : '@1999'}\nlevel: ${1 + Math.floor(rand() * 2)}\n${exemptions}---\n${measures.join('\n')}`;
}

function summary(a: WorkspaceAnalysis): unknown {
  return {
    findings: [...a.findings.entries()].sort(([x], [y]) => (x < y ? -1 : 1)),
    coverage: a.groups.map(sectorCoverage).sort((x, y) => (x.sector + x.baseline < y.sector + y.baseline ? -1 : 1)),
  };
}

describe('incremental index (paranoid check)', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a fresh full analysis after 150 random edits, creations, deletions and closes (seed ${seed})`, async () => {
      const rand = random(seed);
      const disk: Record<string, string> = { '/ws/c.yaml': CATALOG };
      const fs = memoryFs(disk);
      const index = new WorkspaceIndex(fs, { root: '/ws', today: () => '2026-11-24' });
      await index.loadAll();
      const open = new Map<string, string>();
      for (let step = 0; step < 150; step++) {
        const path = `/ws/s${Math.floor(rand() * 6)}.md`;
        const r = rand();
        if (r < 0.35) {
          const text = randomStandard(rand, step);
          open.set(path, text);
          index.setOpen(path, text);
        } else if (r < 0.6) {
          disk[path] = randomStandard(rand, step);
          await index.refreshFromDisk(path);
        } else if (r < 0.75) {
          delete disk[path];
          if (!open.has(path)) index.remove(path);
        } else if (r < 0.9 && open.has(path)) {
          open.delete(path);
          await index.close(path);
        } else {
          index.analysis();
        }
        if (step % 10 === 9 || step === 149) {
          const fresh = await loadWorkspace(fs, { root: '/ws', today: '2026-11-24', overlay: open });
          assert.deepEqual(summary(index.analysis()), summary(fresh.analysis), `diverged at step ${step}`);
        }
      }
    });
  }
});
