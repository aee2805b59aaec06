// The panel's first screen: opening it has the worker fetch its first page while the
// panel's code is injected, and the panel's own first request takes that answer. In the
// browser: one request to NetBox for the first page, answer or failure; with the panel left
// open, one per NetBox page, made as the page started, with the session of now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { firstPageRequests } from '../simulator/test-client';
import type { ExtensionBrowser } from './browser';
import { closeAll, control, logIn, logOut, netBoxWithExtension, type Simulator } from './netbox';
import { openPanel, panel, shownText } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  ({ sim, browser } = await netBoxWithExtension());
  page = await browser.ctx.newPage();
  await control(sim.origin, 'logs', { count: 30, level: 'INFO', message: 'first screen' });
});

afterAll(() => closeAll(browser, sim));

/** A fresh NetBox page with the launcher (the panel closed), and NetBox's request log emptied. */
async function freshPage(): Promise<void> {
  await page.goto(`${sim.baseUrl}/dcim/devices/`);
  const launcher = page.getByRole('button', { name: 'Backend Logs' });
  await launcher.waitFor();
  expect(await launcher.getAttribute('aria-expanded')).toBe('false');
  await control(sim.origin, 'requests/clear');
}

describe("the panel's first screen", () => {
  it('shows the first page after one request, made while the panel loads', async () => {
    await freshPage();
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await expect.poll(() => shownText(panel(page))).toBe('Showing 30 of 30');
    const requests = await firstPageRequests(sim.origin);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.status).toBe(200);
    await panel(page).getByRole('button', { name: 'Close' }).click();
  });

  it('where the panel was opened before, loads its code ahead and asks NetBox nothing before the click', async () => {
    // Opened (and closed) here once: a layout is saved for this NetBox.
    await freshPage();
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await expect.poll(() => shownText(panel(page))).toBe('Showing 30 of 30');
    await panel(page).getByRole('button', { name: 'Close' }).click();
    const sw = await browser.worker();
    await expect.poll(() => sw.evaluate(async () => JSON.stringify((await chrome.storage.local.get('panelLayout')).panelLayout ?? null))).toContain('"open":false');

    // A new page: the panel's script is evaluated in it before any click. (Listening after
    // Debugger.enable, which reports the scripts already there: this page's, from the click.)
    const cdp = await browser.ctx.newCDPSession(page);
    await cdp.send('Debugger.enable');
    let panelScriptParsed = false;
    cdp.on('Debugger.scriptParsed', (e: { url: string }) => {
      if (e.url.endsWith('/content-panel.js')) panelScriptParsed = true;
    });
    await control(sim.origin, 'requests/clear');
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.getByRole('button', { name: 'Backend Logs' }).waitFor();
    await expect.poll(() => panelScriptParsed).toBe(true); // once the page is idle (at most 2 s)
    expect(await firstPageRequests(sim.origin)).toHaveLength(0);
    expect(await page.getByRole('button', { name: 'Backend Logs' }).getAttribute('aria-expanded')).toBe('false');
    await cdp.detach();

    // The click only mounts it: one request, as always.
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await expect.poll(() => shownText(panel(page))).toBe('Showing 30 of 30');
    expect(await firstPageRequests(sim.origin)).toHaveLength(1);
    await panel(page).getByRole('button', { name: 'Close' }).click();
  });

  it('asks NetBox once when that first page fails: one request, one "Not logged in"', async () => {
    await freshPage();
    await control(sim.origin, 'expire-sessions');
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await panel(page).getByText('Not logged in to NetBox').waitFor();
    const requests = await firstPageRequests(sim.origin);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.status).toBeGreaterThanOrEqual(400);
  });
});

// The panel left open on every NetBox navigation (NetBox loads a new page at each click):
// the content script runs as the page starts, the worker fetches the panel's first page and
// injects its code at once, and the rows come with that one answer. (The panel mounted while
// the page is still parsed moves to the end of <body>: tests/unit/components/page-ready.test.ts.)
describe('the panel left open, from one NetBox page to the next', () => {
  beforeAll(async () => {
    await logIn(page, sim, 'admin', '/dcim/devices/'); // the sessions were expired above
    await openPanel(page); // left open from now on
    await panel(page).getByText('Showing 30 of 30').waitFor();
  });

  it("has the panel's code come with each page of that NetBox (registered while it is left open)", async () => {
    const sw = await browser.worker();
    const registered = () => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => `${s.id}: ${(s.js ?? []).join(' ')}`));
    await expect.poll(registered).toEqual(['proxbox-logs-open: content-panel.js content-scripts/content.js']);
  });

  it('shows its rows on each new page after one request, made as the page started', async () => {
    for (const path of ['/dcim/sites/', '/', '/dcim/devices/']) {
      await control(sim.origin, 'requests/clear');
      const started = Date.now();
      await page.goto(`${sim.baseUrl}${path}`, { waitUntil: 'commit' });
      await expect.poll(() => shownText(panel(page))).toBe('Showing 30 of 30');
      const requests = await firstPageRequests(sim.origin);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.status).toBe(200);
      expect(Date.parse(requests[0]!.time)).toBeGreaterThanOrEqual(started - 1000); // the clocks are one machine's; ISO time keeps ms
    }
  });

  it('after a logout, the next user sees only what their own session may read, never the rows before', async () => {
    await logOut(page, sim);
    await logIn(page, sim, 'viewer', '/dcim/devices/'); // no permission to view the backend's logs
    await panel(page).getByText('No permission to view backend logs').waitFor();
    expect(await panel(page).getByText('first screen').count()).toBe(0);
    expect(await shownText(panel(page))).toMatch(/^Showing 0\b/);
    await logOut(page, sim);
    await logIn(page, sim, 'admin', '/dcim/devices/');
    await expect.poll(() => shownText(panel(page))).toBe('Showing 30 of 30');
  });
});
