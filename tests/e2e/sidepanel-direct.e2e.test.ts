// Direct mode (contract §2a: the backend wants its API key) in the side panel and the popup,
// in real Chromium. The side panel is an extension page, so it takes the key itself, in a
// form inline; the popup says what is missing and opens the options page at the instance.
// The page panel and options journeys: ./direct.e2e.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import { backendRequests, failedKeyAttempts } from '../simulator/test-client';
import { expectNoSerious, scan } from './axe';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, type Simulator } from './netbox';
import { openSidePanel, panel, shownText } from './panel-helpers';
import { openToolbarPopup } from './raw-target';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let label: string;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 14 });
  label = sim.baseUrl.replace(/^https?:\/\//, '');
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await control(sim.origin, 'logs', { count: 9, module: '\u001b[90mdevices\u001b[0m', message: 'Side panel reads the backend' });
  await addInstance(browser, sim.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

afterEach(() => {
  expect(browser.uncaughtErrors).toEqual([]);
});

describe('popup: a direct instance without a key', () => {
  it('says "Backend API key needed." and opens the options page at the instance', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.bringToFront();
    const popup = await openToolbarPopup(browser);
    await expect
      .poll(() => popup.evaluate<string | null>(`document.querySelector('.instances li .instance-text')?.textContent ?? null`), { timeout: 15_000 })
      .toBe(`${label}: Backend API key needed. Enter backend API key`);
    expect(await popup.evaluate<string | null>(`document.querySelector('.instances li .instance-text button')?.textContent ?? null`)).toBe(
      'Enter backend API key',
    );
    await popup.screenshot('popup-direct-key-needed');

    const opened = browser.ctx.waitForEvent('page');
    await popup.click('.instances li .instance-text button');
    const options = await opened;
    await options.waitForLoadState();
    expect(options.url()).toBe(browser.extensionUrl(`options.html#instance=${encodeURIComponent(sim.baseUrl)}`));
    // The popup closed itself once it had asked for the options page.
    await popup.closed;
    await popup.detach();
    // Where the key goes: that instance's key field, focused.
    const key = options.getByLabel('Backend API key');
    await expect.poll(() => key.evaluate((el) => el === document.activeElement)).toBe(true);
    await options.close();
  });
});

describe('side panel: a direct instance', () => {
  it('asks for the key, takes it inline with Connect, and shows the logs', async () => {
    const side = await openSidePanel(browser, sim.baseUrl, { width: 400, height: 800 });
    const logs = panel(side);
    await expect.poll(() => logs.getByText('Backend API key needed').count(), { timeout: 15_000 }).toBe(1);
    // Nothing but the reachability probe (GET /health, no key) reached the backend.
    expect((await backendRequests(sim.origin)).filter((r) => r.path !== '/health')).toEqual([]);

    await logs.getByRole('button', { name: 'Enter backend API key' }).click();
    const form = side.getByRole('form', { name: `Connect ${label} to its Proxbox backend` });
    await form.waitFor();
    expect(await form.getByLabel('Backend address').inputValue()).toBe(sim.backendUrl);
    const key = form.getByLabel('Backend API key');
    expect(await key.getAttribute('type')).toBe('password');
    // The form opened on demand: typing goes straight into the key field.
    await expect.poll(() => key.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Forget the key when the browser closes' }).isChecked()).toBe(false);
    await key.fill(sim.backendApiKey!);
    // The form fits the narrow panel: nothing sticks out sideways.
    expect(await side.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    expect(
      await form.evaluate((f) =>
        [...f.querySelectorAll<HTMLElement>('*')]
          .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > f.getBoundingClientRect().right + 0.5)
          .map((el) => el.tagName + (el.textContent ? `: ${el.textContent.slice(0, 40)}` : '')),
      ),
    ).toEqual([]);
    await screenshot(side, 'sidepanel-direct-key');
    expectNoSerious(await scan(side), 'side panel with the backend key form (400 px)');

    await form.getByRole('button', { name: 'Connect' }).click();
    // Connected: the form goes and the logs come, read with the key.
    await form.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 9 of 9');
    await expect.poll(() => logs.getByText('Backend API key needed').count()).toBe(0);
    const cells = await logs.locator('[role="row"][data-entry-id] [role="cell"]').allTextContents();
    expect(cells.join('\n')).not.toContain('\u001b');
    await screenshot(side, 'sidepanel-direct-logs');

    // No request went without the key (but /health) or with a wrong one.
    expect(await failedKeyAttempts(sim.origin)).toBe(0);
    // The key never reached the side panel's DOM or its URL.
    expect(await side.content()).not.toContain(sim.backendApiKey!);
    expect(side.url()).not.toContain(sim.backendApiKey!);
    await side.close();
  });
});
