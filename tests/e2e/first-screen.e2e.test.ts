// The panel's first screen: opening it has the worker fetch its first page while the
// panel's code is injected, and the panel's own first request takes that answer. In the
// browser: one request to NetBox for the first page, answer or failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RequestRecord } from '../simulator/request-record';
import type { ExtensionBrowser } from './browser';
import { closeAll, control, netBoxWithExtension, type Simulator } from './netbox';
import { panel, shownText } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  ({ sim, browser } = await netBoxWithExtension());
  page = await browser.ctx.newPage();
  await control(sim.origin, 'logs', { count: 30, level: 'INFO', message: 'first screen' });
});

afterAll(() => closeAll(browser, sim));

/** Requests NetBox received for a first page (no filter, no cursor; any size, so one fetched ahead with another query would show). */
async function firstPageRequests(): Promise<RequestRecord[]> {
  const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: RequestRecord[] };
  return requests.filter((r) => r.server === 'netbox' && /\/logs\/\?limit=\d+$/.test(r.path));
}

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
    const requests = await firstPageRequests();
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
    expect(await firstPageRequests()).toHaveLength(0);
    expect(await page.getByRole('button', { name: 'Backend Logs' }).getAttribute('aria-expanded')).toBe('false');
    await cdp.detach();

    // The click only mounts it: one request, as always.
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await expect.poll(() => shownText(panel(page))).toBe('Showing 30 of 30');
    expect(await firstPageRequests()).toHaveLength(1);
    await panel(page).getByRole('button', { name: 'Close' }).click();
  });

  it('asks NetBox once when that first page fails: one request, one "Not logged in"', async () => {
    await freshPage();
    await control(sim.origin, 'expire-sessions');
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await panel(page).getByText('Not logged in to NetBox').waitFor();
    const requests = await firstPageRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.status).toBeGreaterThanOrEqual(400);
  });
});
