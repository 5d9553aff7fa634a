// Measuring helpers: whole-process wall-clock timing, percentiles, machine facts.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProcessRun {
  ms: number;
  /** User + system CPU time of the process (all its threads), when /usr/bin/time is there. */
  cpuMs?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node ARGS` in a fresh process and times it from spawn to exit. Standard output goes to
 * /dev/null unless `capture` is set (so that a tool's report costs what it costs on a terminal
 * redirected to a file, not what our pipe reading costs); standard error is kept for diagnosis.
 */
export function timeNode(args: string[], cwd: string, options: { capture?: boolean; okCodes?: number[] } = {}): Promise<ProcessRun> {
  const timeFile = existsSync(GNU_TIME) ? path.join(os.tmpdir(), `kijun-bench-time-${process.pid}.txt`) : undefined;
  const [cmd, argv] = timeFile ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', options.capture ? 'pipe' : 'ignore', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += String(d)));
    child.stderr?.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const ok = options.okCodes ?? [0];
      if (code === null || !ok.includes(code)) {
        reject(new Error(`node ${args.join(' ')} (in ${cwd}) exited with ${code}\n${stderr.slice(0, 2000)}`));
        return;
      }
      resolve({ ms, code, stdout, stderr, cpuMs: timeFile ? cpuOf(timeFile) : undefined });
    });
  });
}

const GNU_TIME = '/usr/bin/time';

function cpuOf(file: string): number | undefined {
  try {
    const [user, system] = readFileSync(file, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return (user + system) * 1000;
  } catch {
    return undefined;
  }
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Machine {
  cores: string;
  memory: string;
  cpu: string;
  node: string;
  os: string;
}

export function machine(): Machine {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  const free = sh('free', ['-h']).split('\n').find((l) => l.startsWith('Mem:'))?.split(/\s+/)[1] ?? '?';
  return {
    cores: sh('nproc', []),
    memory: `${free} (free -h, total)`,
    cpu: os.cpus()[0]?.model ?? '?',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}
