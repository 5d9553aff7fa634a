// Temporary folders for tests, removed when the run ends (loaded as a mocha root-hook plugin).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const created: string[] = [];

export function tempDir(prefix = 'kijun-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export const mochaHooks = {
  afterAll(): void {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  },
};
