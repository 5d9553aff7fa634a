// Bundles the CLI, the language server and the VS Code client into out/ as CommonJS.
import * as esbuild from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __KIJUN_VERSION__: JSON.stringify(pkg.version) },
};

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'out/cli.cjs' },
  { entryPoints: ['server/src/node/extractWorker.ts'], outfile: 'out/worker.cjs' },
  { entryPoints: ['server/src/lsp/serverMain.ts'], outfile: 'out/server.cjs' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.cjs', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
