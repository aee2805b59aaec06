// The options page's check, line by line, in real Chromium against the released world
// (NetBox's plugin names proxbox-api, which wants its key): each line says how things are
// now, and the plugin's line names the address the logs are really read from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, logIn, type Simulator } from './netbox';

let browser: ExtensionBrowser;
let sim: Simulator;

beforeAll(async () => {
  // NetBox names an address only it can reach (a closed port here, "http://proxbox-api:8800" in Docker).
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 19, advertisedBackendUrl: 'http://127.0.0.1:9' });
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** The check's lines, as the user reads them (the mark, then the words). */
function checkLines(options: Page): Promise<string[]> {
  return options.locator('.check-steps li').evaluateAll((items) => items.map((li) => `${li.querySelector('.step-mark')?.textContent} ${li.textContent?.replace(/^.(Passed|Failed|Pending): /, '')}`));
}

describe('the options check', () => {
  it('added before logging in to NetBox: once logged in it waits for the backend key, with no stale "not logged in"', async () => {
    await addInstance(browser, sim.baseUrl);
    const sw = await browser.worker();
    // The worker's first read, before the login.
    await expect
      .poll(() => sw.evaluate(async () => (await (globalThis as unknown as { proxboxWorker: { getStatus(): Promise<{ state: string }[]> } }).proxboxWorker.getStatus())[0]?.state))
      .toBe('logged-out');
    const page = await browser.ctx.newPage();
    await logIn(page, sim);
    const options = await browser.openExtensionPage('options.html');
    await options.getByText("Waiting for the backend's API key").waitFor();
    const lines = await checkLines(options);
    expect(lines[0]).toMatch(/^✓ NetBox: NetBox [\d.]+ · Proxbox plugin [\d.]+ · logged in$/);
    expect(lines.at(-1)).toBe("… Logs: Waiting for the backend's API key: enter it below.");
    expect(lines.join('\n')).not.toContain('Not logged in');
    await screenshot(options, 'options-check-waiting-for-key');
    await options.close();
    await page.close();
  });

  it('names the address the logs are read from when NetBox names another', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.getByLabel('Backend address').fill(sim.backendUrl);
    await options.getByLabel('Backend API key').fill(sim.backendApiKey!);
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByText(/^Logs can be read · from proxbox-api at 127\.0\.0\.1:\d+$/).waitFor();
    const here = sim.backendUrl.replace('http://', '');
    expect(await checkLines(options)).toContain(`✓ Plugin: Names the backend at http://127.0.0.1:9; the logs are read from ${here}, the address set below.`);
    await screenshot(options, 'options-check-named-elsewhere');
    await options.close();
  });
});
