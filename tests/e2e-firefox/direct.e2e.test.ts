// The released world (contract §2a) in Firefox: NetBox's Proxbox plugin only says where
// proxbox-api is, and the backend wants its API key. The page panel asks for the key, the
// options page takes it (Connect), and the panel shows the logs read from the backend.
// A wrong key costs exactly one request. The Chromium journeys: ../e2e/direct.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startSimulator } from '../simulator/index';
import { backendRequests as backendRequestsOf, failedKeyAttempts } from '../simulator/test-client';
import { fill, findByRole, findPasswordField, launchWithExtension, pageUrl, screenshot, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, control, logIn, openPanel, textBecomes, waitForRows, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 13 });
  ext = await launchWithExtension();
  page = await ext.newPage();
  await logIn(page, sim);
});

afterAll(async () => {
  await ext?.close();
  await sim?.close();
});

const backendRequests = () => backendRequestsOf(sim.origin);
const failedKeys = () => failedKeyAttempts(sim.origin);

/** The panel's "Enter backend API key" opens the options page at the instance (a tab the worker creates). */
async function optionsFromPanel(): Promise<Page> {
  const logs = await openPanel(page);
  await (await findByRole(logs, 'button', 'Enter backend API key')).click();
  const options = await ext.waitForTab((url) => url.includes('/options.html#instance='));
  await findByRole(options, 'button', 'Connect', 15_000);
  return options;
}

/** Types the key into the options page's form and presses Connect; returns the form's status line once it settles. */
async function connectWith(options: Page, key: string): Promise<string> {
  await fill(await findPasswordField(options, 'Backend API key'), key);
  await (await findByRole(options, 'button', 'Connect')).click();
  const form = (await options.waitForSelector('form.pbl-connect'))!;
  const status = (await form.$('[role="status"]'))!;
  return textBecomes(status, (t) => t.trim() !== '' && !t.startsWith('Checking'), 'the outcome of Connect');
}

describe('firefox: reading logs straight from proxbox-api', () => {
  it('adds the instance, asks for the key in the page panel, takes it on the options page and shows the logs', async () => {
    await control(sim.origin, 'logs', { count: 8, module: '\u001b[90msync\u001b[0m', message: 'Firefox reads the backend' });
    await addInstance(ext, sim.baseUrl);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await textBecomes(logs, (t) => t.includes('Backend API key needed'), '"Backend API key needed" in the page panel');
    await screenshot(page, 'direct-panel-key-needed');
    // Nothing but the reachability probe (GET /health, no key, the options page's check) reached the backend.
    expect((await backendRequests()).filter((r) => r.path !== '/health')).toEqual([]);

    const options = await optionsFromPanel();
    expect(await pageUrl(options)).toContain(`options.html#instance=${encodeURIComponent(sim.baseUrl)}`);
    // Scrolled to the instance, the key field has the focus; the address is the one NetBox names.
    await waitFor(() => options.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'password'), 'the key field focused');
    expect(await (await findByRole(options, 'textbox', 'Backend address')).evaluate((el) => (el as HTMLInputElement).value)).toBe(sim.backendUrl);
    const outcome = await connectWith(options, sim.backendApiKey!);
    expect(outcome).toMatch(/^Connected: the logs come from proxbox-api at 127\.0\.0\.1:\d+\.$/);
    // The key is never shown back.
    expect(await (await findPasswordField(options, 'Backend API key')).evaluate((el) => (el as HTMLInputElement).value)).toBe('');
    await screenshot(options, 'direct-options-connected');
    await options.close();

    const rows = await waitForRows(logs, (r) => r.length === 8, 'the 8 backend entries in the page panel');
    expect(rows.map((r) => r[3])).toEqual(Array(8).fill('Firefox reads the backend'));
    // The module's terminal colour codes are gone.
    expect(rows.map((r) => r[2])).toEqual(Array(8).fill('sync'));
    await screenshot(page, 'direct-panel-logs');

    // The key never entered the web page; only /health went to the backend without one.
    const html = await page.evaluate(() => {
      const host = [...document.querySelectorAll('*')].find((el) => el.shadowRoot);
      return document.documentElement.outerHTML + (host?.shadowRoot?.innerHTML ?? '');
    });
    expect(html).not.toContain(sim.backendApiKey!);
    // Nor storage.local, which content scripts can read: it is in the extension origin's IndexedDB.
    expect(JSON.stringify(await ext.inExtension((api) => api.storage.local.get(null)))).not.toContain(sim.backendApiKey!);
    expect(await ext.inExtension(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('proxbox-secrets');
    expect(await failedKeys()).toBe(0);
    expect((await backendRequests()).filter((r) => r.session)).toEqual([]);
  });

  it('a wrong key costs exactly one request and says so; the kept key goes on reading', async () => {
    // Connected, the panel asks for nothing: the user changes the key on the options page.
    const options = await ext.openExtensionPage('options.html');
    await findByRole(options, 'button', 'Connect', 15_000);
    const outcome = await connectWith(options, 'not-the-key');
    expect(outcome).toMatch(/^Backend API key rejected\. proxbox-api at 127\.0\.0\.1:\d+ rejected the API key \(Invalid API key\. \d attempts remaining\.\)/);
    await screenshot(options, 'direct-options-wrong-key');
    await options.close();
    expect(await failedKeys()).toBe(1);

    // The badge's poll and the panel's next read use the kept key: no second failure.
    await ext.inBackground(async (bg) => {
      await bg.proxboxWorker!.ready;
      await bg.proxboxWorker!.pollNow();
    });
    await control(sim.origin, 'logs', { count: 2, message: 'Still read with the kept key' });
    const logs = await openPanel(page);
    await (await findByRole(logs, 'button', 'Refresh')).click();
    await waitForRows(logs, (r) => r.length === 10, 'the 2 new entries in the page panel');
    expect(await failedKeys()).toBe(1);
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
