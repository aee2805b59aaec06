// Search looks through everything the backend holds for the filters, not only the page the
// panel loaded: a match 2,000 entries back appears, and the footer says the matches it
// counts are among everything the backend holds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, shownText } from './panel-helpers';
import { recordedRequests } from '../simulator/test-client';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  sim = await startNetBox({ seed: 51 });
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  await control(sim.origin, 'logs', { count: 1, level: 'ERROR', message: 'VM 4242 failed to sync: storage timeout' });
  await control(sim.origin, 'logs', { count: 2000, message: 'routine entry' });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

afterEach(() => {
  expect(browser.uncaughtErrors).toEqual([]);
});

describe('search over everything the backend holds', () => {
  it('finds an entry 2,000 back that the panel had not loaded, and says it searched everything', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 200 of 2001');
    expect(await logs.getByRole('row').filter({ hasText: 'VM 4242' }).count()).toBe(0);

    await logs.getByRole('textbox', { name: /^Search/ }).fill('VM 4242');
    await expect.poll(() => logs.getByRole('row').filter({ hasText: 'VM 4242 failed to sync' }).count(), { timeout: 15_000 }).toBe(1);
    await logs.getByText('· matches among all 2,001 entries the backend holds').waitFor();
    expect(await shownText(logs)).toBe('Showing 1 of 2001');
    await screenshot(page, 'panel-search-everything');
    // Found rows are rows like any other: they expand.
    await logs.getByRole('row').filter({ hasText: 'VM 4242 failed to sync' }).click();
    await expect.poll(() => logs.getByRole('row', { expanded: true }).count()).toBe(1);

    // Cleared, the search keeps what it read; a new one asks nothing more of the backend.
    const before = (await recordedRequests(sim.origin)).at(-1)?.seq ?? 0;
    await logs.getByRole('textbox', { name: /^Search/ }).fill('routine');
    await expect.poll(() => shownText(logs)).toBe('Showing 2000 of 2001');
    const asked = (await recordedRequests(sim.origin, before)).filter((r) => r.path.includes('older_than_id'));
    expect(asked).toEqual([]);
  });
});
