// The key goes only to the address the user confirmed: a backend address that redirects
// (to an origin the extension holds no permission for, which would answer CORS and take
// the key) gets no request with the key followed there, from Connect, the views' polls,
// the badge or the live stream; the user reads where it pointed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import { launchWithExtension, screenshot, type ExtensionBrowser, pollWorkerNow } from './browser';
import { addInstance, control, logIn, type Simulator } from './netbox';
import { openPanel, shownText } from './panel-helpers';
import { startRedirectingBackend, type RedirectingBackend } from './redirecting-backend';

let browser: ExtensionBrowser;
let sim: Simulator;
let front: RedirectingBackend;
let page: Page;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 41 });
  front = await startRedirectingBackend(sim.backendUrl);
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  await control(sim.origin, 'logs', { count: 5, message: 'Through the front address' });
});

afterAll(async () => {
  await browser?.close();
  await front?.close();
  await sim?.close();
});

afterEach(() => {
  expect(browser.uncaughtErrors).toEqual([]);
});

async function pollNow(): Promise<void> {
  await pollWorkerNow(await browser.worker());
}

async function connect(options: Page): Promise<string> {
  const card = options.getByRole('article', { name: sim.baseUrl.replace('http://', '') });
  await card.getByLabel('Backend address').fill(front.url);
  await card.getByLabel('Backend API key').fill(sim.backendApiKey!);
  await card.getByRole('button', { name: 'Connect' }).click();
  const status = card.getByRole('form').getByRole('status');
  await expect.poll(async () => (await status.textContent())?.trim() ?? '').toMatch(/^(Connected|Backend address redirects)/);
  return (await status.textContent()) ?? '';
}

describe('a backend address that redirects', () => {
  it('Connect follows no redirect: the key never reaches the other origin, and the sentence says where it pointed', async () => {
    const options = await browser.openExtensionPage('options.html');
    const said = await connect(options);
    expect(said).toContain(`Backend address redirects. ${front.url} answered with a redirect to ${front.targetUrl}/admin/logs?limit=1`);
    expect(said).toContain('enter that address');
    await screenshot(options, 'redirect-options');
    // Not even a preflight: the redirect was never followed.
    expect(front.arrivals).toEqual([]);
    await options.close();
  });

  it('once connected, a redirect that appears later stops the key at the panel, the badge and the stream', async () => {
    front.redirecting = false;
    const options = await browser.openExtensionPage('options.html');
    expect(await connect(options)).toMatch(/^Connected/);
    await options.close();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 5 of 5');

    front.redirecting = true;
    // The stream in flight ends (as a proxy restart would); its reconnection meets the redirect.
    await control(sim.origin, 'restart');
    await pollNow();
    await logs.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => logs.getByText(/answered with a redirect to http:\/\/127\.0\.0\.2:\d+\/admin\/logs/).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await browser.worker()).evaluate(() => chrome.action.getTitle({}))).toContain('the backend address redirects');
    await screenshot(page, 'redirect-panel');
    // The stream's reconnection met the redirect too, and followed it no more than the rest.
    await expect.poll(() => front.redirected.some((p) => p.startsWith('/admin/logs/stream')), { timeout: 20_000 }).toBe(true);
    expect(front.redirected.some((p) => p.startsWith('/admin/logs?errors_only=true'))).toBe(true);
    expect(front.arrivals).toEqual([]);
  });
});
