// Headless Chromium for the benchmarks, with the flags of tests/e2e/browser.ts (facts
// behind them: ../shared/browser-testing.md). With `extensionDir`, that build is loaded.
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';

export { CHROMIUM };

export interface BenchBrowser {
  ctx: BrowserContext;
  extensionId: string | null;
  worker(): Promise<Worker>;
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

export async function launch(extensionDir?: string): Promise<BenchBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'pbl-bench-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ],
  });
  let extensionId: string | null = null;
  if (extensionDir) {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    extensionId = new URL(sw.url()).host;
  }
  return {
    ctx,
    extensionId,
    async worker() {
      const live = ctx.serviceWorkers().find((w) => extensionId !== null && w.url().includes(extensionId));
      if (!live) throw new Error('no extension service worker');
      return live;
    },
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await ctx.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Used JS heap of the page's renderer after a full garbage collection, bytes. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

export async function cdpOf(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}
