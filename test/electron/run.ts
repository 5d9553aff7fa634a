// Desktop VS Code tests (@vscode/test-electron): the extension from this checkout, inside a real
// VS Code, on a copy of samples/. VS Code comes from VSCODE_EXECUTABLE or is downloaded; where
// neither works (these machines reach only the npm and Debian registries) the run says loudly that
// it did NOT run and exits 0, so no one mistakes it for a pass. The e2e tests (code-server) are the
// real-editor tests that run everywhere.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'out/test-electron');

async function vscodeExecutable(): Promise<string | undefined> {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  try {
    return await downloadAndUnzipVSCode({ version: 'stable', timeout: 20_000 });
  } catch (err) {
    console.log('');
    console.log('test-electron: DID NOT RUN. VS Code could not be downloaded and VSCODE_EXECUTABLE is not set.');
    console.log(`test-electron: reason: ${err instanceof Error ? err.message : String(err)}`);
    console.log('test-electron: set VSCODE_EXECUTABLE=/path/to/code to run the desktop suite here.');
    console.log('tests: 0 passed, 0 failed, 0 skipped (desktop VS Code suite did not run)');
    return undefined;
  }
}

async function main(): Promise<number> {
  const executable = await vscodeExecutable();
  if (!executable) return 0;
  await build({
    entryPoints: { index: path.join(import.meta.dirname, 'suite/index.ts'), 'kijun.test': path.join(import.meta.dirname, 'suite/kijun.test.ts') },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: OUT, outExtension: { '.js': '.cjs' },
    external: ['vscode', 'mocha'], logLevel: 'warning',
  });
  const scratch = mkdtempSync(path.join(tmpdir(), 'kijun-electron-'));
  const folder = path.join(scratch, 'samples');
  cpSync(path.join(ROOT, 'samples'), folder, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.cjs'),
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(scratch, 'user')}`],
    });
    return 0;
  } catch (err) {
    console.error(`test-electron: failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
