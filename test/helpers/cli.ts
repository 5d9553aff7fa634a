// Runs the checker the two ways users and tests meet it: the built binary in a child process, and
// `run` in this process (same output expected). Dates are pinned so review-date findings are stable.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { run } from '../../server/src/cli/main.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/kijun.cjs');

export interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

export function spawnKijun(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Result {
  // A bound, so that a checker that hangs (a named pipe read to its end) fails the test instead of the run.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, KIJUN_TODAY: '2026-11-24', ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export async function inProcess(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, { cwd, env: { KIJUN_TODAY: '2026-11-24', ...env }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}
