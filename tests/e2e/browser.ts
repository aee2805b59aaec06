// Launches Debian's Chromium with the e2e build of the extension loaded, in a fresh
// profile. Facts behind the flags: docs/browser-facts.md.
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_OPEN_ROOTS_KEY } from '../../lib/core/panel-injection';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3-e2e');
export const OUTPUT_DIR = path.resolve('test-output');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless flags that work on these machines (no sandbox as root, no GPU, no calls home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ExtensionBrowser {
  ctx: BrowserContext;
  extensionId: string;
  /** The current service worker (re-read after a stop/wake). */
  worker(): Promise<Worker>;
  /** Errors thrown in any page or the worker, for "nothing crashed" assertions. */
  uncaughtErrors: string[];
  extensionUrl(page: string): string;
  openExtensionPage(page: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * The page panel's shadow roots. 'open' (the default): Playwright's locators and axe-core
   * reach only into open roots, so the harness opens them through the e2e build's switch
   * (lib/content/e2e-shadow-roots.ts), written into the extension's storage where no page
   * can write. 'closed': as users get them; page-isolation.e2e.test.ts runs this way.
   */
  shadowRoots?: 'open' | 'closed';
  /** Another way to start Chromium (tests/e2e/policy-chromium.ts: with a policy of the test's own). */
  executablePath?: string;
}

/** Has the e2e build open the page panel's shadow roots from now on (see LaunchOptions). */
export async function openPanelShadowRoots(sw: Worker): Promise<void> {
  await sw.evaluate((key) => chrome.storage.local.set({ [key]: true }), E2E_OPEN_ROOTS_KEY);
}

/** Has the worker poll every instance now and settle (the e2e build exposes it as proxboxWorker). */
export async function pollWorkerNow(sw: Worker): Promise<void> {
  await sw.evaluate(() => (globalThis as unknown as { proxboxWorker: { pollNow(): Promise<void> } }).proxboxWorker.pollNow());
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'pbl-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
  });
  const uncaughtErrors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (e) => uncaughtErrors.push(`${page.url()}: ${e.message}`));
  ctx.pages().forEach(watch);
  ctx.on('page', watch);

  let sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  if (options.shadowRoots !== 'closed') await openPanelShadowRoots(sw);
  const extensionUrl = (page: string) => `chrome-extension://${extensionId}/${page}`;

  return {
    ctx,
    extensionId,
    uncaughtErrors,
    extensionUrl,
    async worker() {
      const live = ctx.serviceWorkers().find((w) => w.url().includes(extensionId));
      if (live) sw = live;
      return sw;
    },
    async openExtensionPage(page: string) {
      const tab = await ctx.newPage();
      await tab.goto(extensionUrl(page));
      return tab;
    },
    async close() {
      await ctx.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(OUTPUT_DIR, 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
