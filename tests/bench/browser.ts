// Headless Chromium for the benchmarks, with the flags of tests/e2e/browser.ts (facts
// behind them: docs/browser-facts.md). With `extensionDir`, that build is loaded.
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CHROMIUM, CHROMIUM_ARGS, openPanelShadowRoots } from '../e2e/browser';

export { CHROMIUM };

export interface BenchBrowser {
  ctx: BrowserContext;
  /** The fresh profile directory (it identifies the browser's processes). */
  profile: string;
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
    // The benches read the page panel from the page (the e2e build opens its roots on request).
    await openPanelShadowRoots(sw);
  }
  return {
    ctx,
    profile,
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

/** Proportional set size (shared pages split between their users) of every process of the browser, bytes. */
export function browserMemory(browser: BenchBrowser): number {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parent = new Map<string, string>();
  let root: string | null = null;
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a === `--user-data-dir=${browser.profile}`) && !cmd.some((a) => a.startsWith('--type='))) root = pid;
    } catch {
      // the process ended meanwhile
    }
  }
  if (!root) throw new Error("the browser's process was not found");
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(pid) || !tree.has(ppid)) continue;
      tree.add(pid);
      grew = true;
    }
  }
  let bytes = 0;
  for (const pid of tree) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      bytes += Number(pss?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return bytes;
}

/** CPU time of the page's main thread so far, s (CDP Performance domain, enabled on first use). */
export async function mainThreadTime(cdp: CDPSession): Promise<number> {
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const t = metrics.find((m) => m.name === 'ThreadTime');
  if (!t) throw new Error('no ThreadTime metric');
  return t.value;
}
