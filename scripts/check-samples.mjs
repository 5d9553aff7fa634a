// `npm run check:samples`: builds, then checks the samples and streams the report. The samples
// hold deliberate gaps, so the checker's exit 1 is the expected result, but only when it comes
// with findings: a failed build, a crash (node exits 1 on an uncaught error too), a usage error or
// an unusable workspace must fail this script, with one line saying why.
//
//   node scripts/check-samples.mjs [--no-build | --build FILE] [--bin FILE] [FOLDER]
//
// FOLDER defaults to samples; --build names the build script (default esbuild.mjs); --bin the
// checker (default bin/kijun.cjs). The options exist so the script itself can be tested.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Summary lines of the text report, in both languages (server/src/cli/textFormat.ts). */
const SUMMARY = [/^(\d+) errors?, (\d+) warnings?\b/m, /^エラー (\d+) 件、警告 (\d+) 件/m];
/** A finding line: path:line:column: severity code: message. */
const FINDING = /^[^\s:][^:]*:\d+:\d+: \S+ [a-z-]+: /m;

function options(argv) {
  const out = { build: 'esbuild.mjs', bin: 'bin/kijun.cjs', folder: 'samples' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-build') out.build = undefined;
    else if (argv[i] === '--build') out.build = argv[++i];
    else if (argv[i] === '--bin') out.bin = argv[++i];
    else out.folder = argv[i];
  }
  return out;
}

function fail(reason) {
  process.stderr.write(`check:samples: ${reason}\n`);
  process.exit(1);
}

/** Runs the checker, passing its output through as it comes and keeping a copy of stdout. */
function runChecker(bin, folder) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve(ROOT, bin), 'check', folder], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (err) => resolve({ status: undefined, signal: undefined, stdout, error: err }));
    child.on('close', (status, signal) => resolve({ status, signal, stdout }));
  });
}

/** Errors plus warnings the report's summary line announces, or undefined without one. */
function announced(stdout) {
  for (const pattern of SUMMARY) {
    const m = pattern.exec(stdout);
    if (m) return Number(m[1]) + Number(m[2]);
  }
  return undefined;
}

const { build, bin, folder } = options(process.argv.slice(2));
if (build) {
  const built = spawnSync(process.execPath, [path.resolve(ROOT, build)], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) fail(`the build failed (${build} exited ${built.status ?? built.signal})`);
}
const result = await runChecker(bin, folder);
if (result.error) fail(`the checker could not be started: ${result.error.message}`);
if (result.status === 0) process.exit(0);
if (result.status !== 1) fail(`the checker exited ${result.status ?? `on signal ${result.signal}`}, not 0 or 1 with findings`);
const count = announced(result.stdout);
if (count === undefined || count === 0 || !FINDING.test(result.stdout)) fail('the checker exited 1 without a report of findings (a crash?)');
