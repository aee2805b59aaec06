// The sync running now (issue 22, part 4), in real Chromium against the simulator's
// released world (direct mode: the backend is read with its key). A run started in the
// backend shows in the page panel, the side panel and the popup, and in the badge's
// tooltip; "Show this run" narrows the view to the run's time; the indicator goes when
// the run ends; a backend without the route shows nothing and breaks nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import type { RequestRecord } from '../simulator/request-record';
import { backendRequests, failedKeyAttempts } from '../simulator/test-client';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { expectNoSerious, scan } from './axe';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, type Simulator } from './netbox';
import { openPanel, openSidePanel, panel, shownText } from './panel-helpers';
import { openToolbarPopup } from './raw-target';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let side: Page;
let label: string;

/** The views re-read the worker's answer every 5 s, the badge polls (and asks) every second. */
const FOLLOWS = { timeout: 15_000, interval: 200 };

interface Run {
  id: string;
  kind: string;
  started_at: string;
}

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 22 });
  label = sim.baseUrl.replace(/^https?:\/\//, '');
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await control(sim.origin, 'logs', { count: 5, message: 'Before the run' });
  await addInstance(browser, sim.baseUrl);
  // The key, and the badge's polling at the e2e build's floor, on the options page as a user does.
  const options = await browser.openExtensionPage('options.html');
  const card = options.getByRole('article', { name: label });
  await card.getByLabel('Backend API key').fill(sim.backendApiKey!);
  await card.getByRole('button', { name: 'Connect' }).click();
  await card.getByText(/^Connected:/).waitFor({ timeout: 15_000 });
  await card.getByRole('spinbutton', { name: 'Polling interval (seconds)' }).fill('1');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.locator('.saved', { hasText: 'Saved' }).waitFor();
  await options.close();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

afterEach(() => {
  expect(browser.uncaughtErrors).toEqual([]);
});

const indicator = (region: Locator) => region.getByRole('group', { name: 'Sync running' });
const tooltip = async () => (await browser.worker()).evaluate(() => chrome.action.getTitle({}));
const rowTexts = (region: Locator) => region.locator('[role="row"][data-entry-id]').allTextContents();
const since = (seq: number) => backendRequests(sim.origin).then((all) => all.filter((r) => r.seq > seq));
const lastSeq = async () => (await backendRequests(sim.origin)).at(-1)?.seq ?? 0;
const isProbe = (r: RequestRecord) => r.path === '/sync/active';
const isBadgePoll = (r: RequestRecord) => r.path.startsWith('/admin/logs?') && r.path.includes('errors_only=true') && r.path.includes('limit=100');

/** The popup's text for the instance's running sync, or null (the real toolbar popup). */
async function popupSyncLine(): Promise<{ text: string | null; close: () => Promise<void>; click: (selector: string) => Promise<void> }> {
  await page.bringToFront();
  const popup = await openToolbarPopup(browser);
  const selector = `[aria-label="Sync running on ${label}"]`;
  // Loaded: the instance's status and the recent operations (the run's tagged entries make one),
  // which come separately: a click must not land while the list above still moves the button.
  await expect.poll(() => popup.evaluate<number>(`document.querySelectorAll('.instances li').length`), FOLLOWS).toBe(1);
  await expect.poll(() => popup.evaluate<boolean>(`document.querySelector('.recent li') !== null`), FOLLOWS).toBe(true);
  return {
    text: await popup.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`),
    close: () => popup.detach(),
    click: (s) => popup.click(s),
  };
}

async function setNetBoxTheme(theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => document.documentElement.setAttribute('data-bs-theme', t), theme);
  await expect.poll(() => page.locator(`#${PANEL_HOST_ID} .pbl-root`).getAttribute('data-theme')).toBe(theme);
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}

describe('a sync running in the backend', () => {
  let run: Run;

  it('shows in the page panel, the side panel and the popup, with its operation ID; the tooltip mentions it', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 5 of 5');
    side = await openSidePanel(browser, sim.baseUrl, { width: 400, height: 760 });
    await expect.poll(() => shownText(panel(side)), FOLLOWS).toBe('Showing 5 of 5');
    expect(await indicator(logs).count()).toBe(0);

    ({ run } = await control<{ run: Run }>(sim.origin, 'sync', { kind: 'full-update' }));
    await control(sim.origin, 'logs', { count: 3, message: 'During the run' });

    const said = new RegExp(`^Sync running: full-update, started (\\d{2}:\\d{2}) \\(under a minute\\)Operation ID ${run.id}Show this run$`);
    await expect.poll(() => indicator(logs).textContent(), FOLLOWS).toMatch(said);
    await expect.poll(() => indicator(panel(side)).textContent(), FOLLOWS).toMatch(said);
    // The start in the views' zone (local by default): the browser's clock for the run's start.
    const started = await page.evaluate((iso) => {
      const d = new Date(iso);
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    }, run.started_at);
    expect((await indicator(logs).textContent())!.match(said)![1]).toBe(started);
    await expect.poll(tooltip, FOLLOWS).toBe(`Proxbox Backend Logs\n${label}: no new errors; sync running: full-update since ${started}`);

    const popup = await popupSyncLine();
    expect(popup.text).toMatch(new RegExp(`^Sync running: full-update, started ${started} \\(under a minute\\)Operation ID ${run.id}Show this run$`));
    await popup.close();

    // Light and dark, every view (the page panel follows NetBox's theme; the others the browser's).
    for (const theme of ['light', 'dark'] as const) {
      await setNetBoxTheme(theme);
      expectNoSerious(await scan(page, `#${PANEL_HOST_ID}`), `the page panel with a running sync (${theme})`);
      await screenshot(page, `sync-active-panel-${theme}`);
      const width = theme === 'light' ? 400 : 360;
      const view = await openSidePanel(browser, sim.baseUrl, { width, height: 760, colorScheme: theme });
      await indicator(panel(view)).waitFor({ timeout: FOLLOWS.timeout });
      // Nothing cut or sticking out of the narrow panel.
      expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expectNoSerious(await scan(view), `the side panel with a running sync (${theme}, ${width} px)`);
      await screenshot(view, `sync-active-sidepanel-${width}-${theme}`);
      await view.close();
      const popupPage = await browser.ctx.newPage();
      await popupPage.setViewportSize({ width: 380, height: 420 });
      await popupPage.emulateMedia({ colorScheme: theme });
      await popupPage.goto(browser.extensionUrl('popup.html'));
      await popupPage.getByRole('group', { name: `Sync running on ${label}` }).waitFor();
      expectNoSerious(await scan(popupPage), `the popup with a running sync (${theme})`);
      await screenshot(popupPage, `sync-active-popup-${theme}`);
      await popupPage.close();
    }
    await setNetBoxTheme('light');
  });

  it('"Show this run" narrows the view to the run\'s time (asked as `since`); the popup\'s opens the tab\'s panel so', async () => {
    const logs = panel(page);
    const before = await lastSeq();
    await indicator(logs).getByRole('button', { name: 'Show this run' }).click();
    // The run's entries: the two the backend tags with its id, and the untagged ones after its start.
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 5 of 5');
    const rows = (await rowTexts(logs)).join('\n');
    expect(rows).not.toContain('Before the run');
    expect(rows).toContain('During the run');
    expect(rows).toContain('Starting full_update sync');
    expect(await indicator(logs).textContent()).toContain('Showing this run');
    await screenshot(page, 'sync-active-panel-this-run');
    const asked = (await since(before)).filter((r) => r.path.startsWith('/admin/logs?') && r.path.includes('since='));
    expect(asked.length).toBeGreaterThan(0);
    // From is a filter: "Clear filters" brings every entry back.
    await logs.getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 10 of 10');

    const popup = await popupSyncLine();
    await popup.click(`[aria-label="Sync running on ${label}"] button`);
    await popup.close();
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 5 of 5');
    expect((await rowTexts(logs)).join('\n')).not.toContain('Before the run');
    await logs.getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 10 of 10');
  });

  it('costs one /sync/active per badge poll at most: the views re-read the worker, they ask the backend only as they open', async () => {
    const from = await lastSeq();
    await expect.poll(async () => (await since(from)).filter(isBadgePoll).length, { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(8);
    const window = (await since(from)).filter((r) => isBadgePoll(r) || isProbe(r));
    const badgePolls = window.filter(isBadgePoll).length;
    const probes = window.filter(isProbe).length;
    expect(probes).toBeLessThanOrEqual(badgePolls);
    expect(probes).toBeGreaterThanOrEqual(badgePolls - 2);
    expect(window.filter(isProbe).every((r) => r.status === 200 && r.key === 'valid')).toBe(true);
  });

  it('goes from every view and the tooltip when the run ends', async () => {
    await control(sim.origin, 'sync', { active: false });
    await expect.poll(() => indicator(panel(page)).count(), FOLLOWS).toBe(0);
    await expect.poll(() => indicator(panel(side)).count(), FOLLOWS).toBe(0);
    await expect.poll(tooltip, FOLLOWS).toBe(`Proxbox Backend Logs\n${label}: no new errors`);
    const popup = await popupSyncLine();
    expect(popup.text).toBeNull();
    await popup.close();
  });
});

describe('a backend without /sync/active (404)', () => {
  it('shows nothing and breaks nothing: the logs flow, no failure, no badge, no failed key attempt', async () => {
    await control(sim.origin, 'backend', { syncRoute: false });
    // A run the older backend cannot tell about.
    await control(sim.origin, 'sync', { kind: 'full-update', log: false });
    const from = await lastSeq();
    await page.reload();
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 10 of 10');
    await expect.poll(async () => (await since(from)).filter((r) => isProbe(r) && r.status === 404).length, FOLLOWS).toBeGreaterThanOrEqual(2);
    await control(sim.origin, 'logs', { message: 'Still flowing' });
    await expect.poll(() => shownText(logs), FOLLOWS).toBe('Showing 11 of 11');
    await expect.poll(() => shownText(panel(side)), FOLLOWS).toBe('Showing 11 of 11');
    expect(await indicator(logs).count()).toBe(0);
    expect(await indicator(panel(side)).count()).toBe(0);
    expect(await logs.getByRole('alert').count()).toBe(0);
    expect(await tooltip()).toBe(`Proxbox Backend Logs\n${label}: no new errors`);
    expect(await (await browser.worker()).evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    expect(await failedKeyAttempts(sim.origin)).toBe(0);
    await side.close();
  });
});
