// The released world (contract §2a): NetBox's Proxbox plugin only says where proxbox-api
// is, and the backend wants its API key. The extension reads the logs from the backend
// itself, with a key the user types once into an extension page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import { backendRequests as backendRequestsOf, failedKeyAttempts } from '../simulator/test-client';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { expectNoSerious, scan } from './axe';
import { launchWithExtension, screenshot, type ExtensionBrowser, pollWorkerNow } from './browser';
import { addInstance, control, logIn, type Simulator } from './netbox';
import { openPanel, shownText } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
const consoleLines: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 11 });
  browser = await launchWithExtension();
  browser.ctx.on('page', (p) => p.on('console', (m) => consoleLines.push(m.text())));
  (await browser.worker()).on('console', (m) => consoleLines.push(m.text()));
  page = await browser.ctx.newPage();
  page.on('console', (m) => consoleLines.push(m.text()));
  await logIn(page, sim);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

afterEach(() => {
  expect(browser.uncaughtErrors).toEqual([]);
});

const backendRequests = () => backendRequestsOf(sim.origin);
const failedKeys = () => failedKeyAttempts(sim.origin);

/** The worker polls every instance now and settles (the badge's own requests included). */
async function workerPollsNow(): Promise<void> {
  const sw = await browser.worker();
  await pollWorkerNow(sw);
}

/** Opens the options page at the instance from the panel's button, as a user does. */
async function optionsFromPanel(): Promise<Page> {
  const logs = await openPanel(page);
  const opened = browser.ctx.waitForEvent('page');
  await logs.getByRole('button', { name: 'Enter backend API key' }).click();
  const options = await opened;
  await options.waitForLoadState();
  return options;
}

describe('reading logs straight from proxbox-api', () => {
  it('adds the instance, finds the backend through NetBox, asks for the key once, and shows the logs', async () => {
    await control(sim.origin, 'logs', { count: 12, module: '\u001b[90msync\u001b[0m', message: 'Backend entry through the key' });
    await addInstance(browser, sim.baseUrl);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => logs.getByText('Backend API key needed').count()).toBe(1);
    await screenshot(page, 'direct-panel-key-needed');
    // The panel only: NetBox's own page is not ours to judge.
    expectNoSerious(await scan(page, `#${PANEL_HOST_ID}`), 'page panel asking for the backend key');
    // Nothing reached the backend without a key but the options page's reachability probe.
    expect((await backendRequests()).filter((r) => r.path !== '/health')).toEqual([]);

    const options = await optionsFromPanel();
    expect(options.url()).toContain('options.html#instance=');
    const key = options.getByLabel('Backend API key');
    await expect.poll(() => key.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await options.getByLabel('Backend address').inputValue()).toBe(sim.backendUrl);
    expectNoSerious(await scan(options), 'options with the backend key form');
    await key.fill(sim.backendApiKey!);
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText(/^Connected: the logs come from proxbox-api at 127\.0\.0\.1:\d+\.$/).waitFor();
    await options.getByText(/^Logs can be read · from proxbox-api/).waitFor();
    await screenshot(options, 'direct-options-connected');
    await options.close();

    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 12 of 12');
    // The module's terminal colour codes are gone.
    await expect.poll(() => logs.getByRole('row').filter({ hasText: 'Backend entry through the key' }).first().textContent()).not.toContain('\u001b');
    await screenshot(page, 'direct-panel-logs');

    // Live: new entries arrive without a click.
    await control(sim.origin, 'logs', { count: 3, message: 'Arrived after connecting' });
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 15 of 15');

    // Only /health (the reachability probe, which needs no key) went without one.
    expect(await failedKeys()).toBe(0);
    // The NetBox session cookie never went to the backend's address (another port of the same host).
    expect((await backendRequests()).filter((r) => r.session)).toEqual([]);
  });

  it('follows the backend live through one shared stream: new entries without a single logs request', async () => {
    const logs = await openPanel(page);
    const side = await browser.openExtensionPage('sidepanel.html');
    await expect.poll(() => shownText(side.getByRole('region', { name: 'Backend Logs' })), { timeout: 15_000 }).toBe('Showing 15 of 15');
    const sw = await browser.worker();
    await expect.poll(() => sw.evaluate(() => (globalThis as unknown as { proxboxWorker: { sharedFetch: { stats: { live: number } } } }).proxboxWorker.sharedFetch.stats.live)).toBeGreaterThan(0);
    const before = (await backendRequests()).length;
    await control(sim.origin, 'logs', { count: 2, message: 'Streamed to every view' });
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 17 of 17');
    await expect.poll(() => shownText(side.getByRole('region', { name: 'Backend Logs' })), { timeout: 15_000 }).toBe('Showing 17 of 17');
    const during = (await backendRequests()).slice(before);
    // Two views, one stream (opened before), and the entries came through it: no /admin/logs request.
    expect(during.filter((r) => r.path.startsWith('/admin/logs?')).map((r) => r.path)).toEqual([]);
    expect((await backendRequests()).filter((r) => r.path.startsWith('/admin/logs/stream'))).toHaveLength(1);
    await side.close();
  });

  it('keeps the key out of every page, console, synced storage, export and URL', async () => {
    const keyText = sim.backendApiKey!;
    const logs = await openPanel(page);
    const html = await page.evaluate(() => {
      const host = [...document.querySelectorAll('*')].find((el) => el.shadowRoot);
      return document.documentElement.outerHTML + (host?.shadowRoot?.innerHTML ?? '') + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    });
    expect(html).not.toContain(keyText);
    const sw = await browser.worker();
    const synced = await sw.evaluate(() => chrome.storage.sync.get(null));
    expect(JSON.stringify(synced)).not.toContain(keyText);
    const [download] = await Promise.all([page.waitForEvent('download'), logs.getByRole('button', { name: 'Download JSON' }).click()]);
    const exported = await download.path().then((p) => import('node:fs/promises').then((fs) => fs.readFile(p!, 'utf8')));
    expect(exported).toContain('Streamed to every view');
    expect(exported).not.toContain(keyText);
    expect(consoleLines.join('\n')).not.toContain(keyText);
    expect((await backendRequests()).map((r) => r.path).join('\n')).not.toContain(keyText);
  });

  it('stops at once when the key is revoked on the backend: one failed attempt, then nothing', async () => {
    const logs = await openPanel(page);
    await control(sim.origin, 'backend', { apiKey: 'rotated-key-nobody-has' });
    // The next request to the backend (here the badge's alarm) meets the 401: everything stops.
    await workerPollsNow();
    await expect.poll(() => logs.getByText('Backend API key rejected').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'direct-panel-key-rejected');
    expect(await failedKeys()).toBe(1);
    // The badge's poll, the panel's Refresh: nothing is sent without a new key.
    await workerPollsNow();
    await logs.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => logs.getByRole('button', { name: 'Refresh' }).getAttribute('aria-busy')).toBe('false');
    expect(await failedKeys()).toBe(1);
    await expect.poll(async () => (await sw()).evaluate(() => chrome.action.getTitle({}))).toContain('the backend rejected the API key');

    async function sw() {
      return browser.worker();
    }
  });

  it('a wrong key costs exactly one request and says so; the right one brings the logs back', async () => {
    const options = await optionsFromPanel();
    await options.getByLabel('Backend API key').fill('still-not-the-key');
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText(/^Backend API key rejected\. proxbox-api at 127\.0\.0\.1:\d+ rejected the API key \(Invalid API key\. \d attempts remaining\.\)/).waitFor();
    expect(await failedKeys()).toBe(2);
    await workerPollsNow();
    expect(await failedKeys()).toBe(2);

    await options.getByLabel('Backend API key').fill('rotated-key-nobody-has');
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText(/^Connected:/).waitFor();
    await options.close();
    const logs = await openPanel(page);
    await expect.poll(() => logs.getByText('Backend API key rejected').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 17 of 17');
    expect(await failedKeys()).toBe(2);
  });
});

describe('a backend address only NetBox can reach (Docker)', () => {
  let docker: Simulator;
  let dockerPage: Page;

  afterAll(async () => {
    await docker?.close();
  });

  it('says the browser cannot reach it, takes the address the browser uses, and shows the logs', async () => {
    // A closed port on this host stands in for "http://proxbox-api:8800" (a name only NetBox resolves).
    docker = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 12, host: 'localhost', advertisedBackendUrl: 'http://localhost:9' });
    await control(docker.origin, 'logs', { count: 4, message: 'Reached at the right address' });
    dockerPage = await browser.ctx.newPage();
    await logIn(dockerPage, docker);
    await addInstance(browser, docker.baseUrl);
    const options = await browser.openExtensionPage('options.html');
    const card = options.getByRole('article', { name: docker.baseUrl.replace('http://', '') });
    await card.getByLabel('Backend API key').fill(docker.backendApiKey!);
    expect(await card.getByLabel('Backend address').inputValue()).toBe('http://localhost:9');
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByText(/This browser cannot reach proxbox-api at localhost:9\. .*set the address your browser uses/).waitFor();
    await screenshot(options, 'direct-options-unreachable');

    await card.getByLabel('Backend address').fill(docker.backendUrl.replace('127.0.0.1', 'localhost'));
    await card.getByLabel('Backend API key').fill(docker.backendApiKey!);
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByText(/^Connected:/).waitFor();
    await options.close();

    await dockerPage.goto(`${docker.baseUrl}/`);
    const logs = await openPanel(dockerPage);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 4 of 4');
  });
});
