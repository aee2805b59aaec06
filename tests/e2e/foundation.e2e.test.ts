// The extension loads in real Chromium, its content script runs on an added NetBox and
// nowhere else, and the worker reaches the logs proxy with the user's NetBox session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, logOut, startNetBox, type Simulator } from './netbox';
import { watchExtensionWorld } from './isolated-world';

let browser: ExtensionBrowser;
let sim: Simulator;
let plain: Server;
let plainUrl: string;

beforeAll(async () => {
  sim = await startNetBox();
  // A page on another loopback origin that is not NetBox: the extension must stay out.
  plain = createServer((_, res) => res.end('<!doctype html><html><body><p>Not NetBox</p></body></html>'));
  await new Promise<void>((r) => plain.listen(0, 'localhost', r));
  plainUrl = `http://localhost:${(plain.address() as AddressInfo).port}/`;
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
  plain?.close();
});

/** What the worker gets from the logs proxy, fetched inside the service worker. */
async function workerFetchProxy(): Promise<{ status: number; body: string }> {
  const sw = await browser.worker();
  return sw.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'include' });
    return { status: res.status, body: await res.text() };
  }, `${sim.baseUrl}/api/plugins/proxbox/logs/?limit=1`);
}

describe('foundation', () => {
  it('loads the extension with a service worker', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const sw = await browser.worker();
    const manifest = await sw.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.name).toBe('Proxbox Backend Logs');
  });

  it('runs the content script on an added NetBox page and not on a non-NetBox page', async () => {
    const page = await browser.ctx.newPage();
    await logIn(page, sim);
    await addInstance(browser, sim.baseUrl);

    const netboxWorld = await watchExtensionWorld(page, browser.extensionId);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await expect
      .poll(() => page.getByRole('button', { name: 'Backend Logs' }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(netboxWorld.present()).toBe(true);
    await screenshot(page, 'foundation-netbox-page');

    const other = await browser.ctx.newPage();
    const otherWorld = await watchExtensionWorld(other, browser.extensionId);
    await other.goto(plainUrl, { waitUntil: 'load' });
    await other.getByText('Not NetBox').waitFor();
    // The content script is registered for the added origin only; localhost is another origin:
    // no script of the extension runs in that page at all.
    expect(otherWorld.present()).toBe(false);
    expect(await other.getByRole('button', { name: 'Backend Logs' }).count()).toBe(0);
    await other.close();
    await page.close();
  });

  it('fetches the logs proxy from the worker with the session, and gets 403 after logout', async () => {
    const page = await browser.ctx.newPage();
    await logIn(page, sim);
    await control(sim.origin, 'logs', { level: 'INFO', module: 'sync', message: 'hello from the backend' });
    const ok = await workerFetchProxy();
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ logs: expect.any(Array), total: expect.any(Number) });

    await logOut(page, sim);
    const denied = await workerFetchProxy();
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({ detail: 'Authentication credentials were not provided.' });
    await page.close();
  });

  it('throws no uncaught error in any page', () => {
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
