// Faults where the browser matters, in real Chromium against the simulator: the session
// expiring while the panel is open (and coming back from a login in another tab), the
// backend down, NetBox not answering, the browser offline, and a NetBox that refuses
// connections (side panel). Each asserts the exact sentence, that the panel and the badge
// recover by themselves, and that no page threw. The whole matrix, fault by fault, is
// proven in tests/unit/faults (docs/faults.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let label: string;

const TITLE = 'Proxbox Backend Logs';
/** The panel polls every 5 s: a change shows within one interval plus a request. */
const ONE_INTERVAL = { timeout: 7_000, interval: 100 };

beforeAll(async () => {
  sim = await startNetBox();
  label = sim.baseUrl.replace(/^https?:\/\//, '');
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  await pollBadgeEverySecond(label);
  await control(sim.origin, 'logs', { count: 3, level: 'INFO', message: 'before the fault' });
  await page.goto(`${sim.baseUrl}/dcim/devices/`);
  await (await openPanel(page)).getByText('Showing 3 of 3').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** The options page, as a user sets the badge's polling interval to the e2e build's floor. */
async function pollBadgeEverySecond(name: string): Promise<void> {
  const options = await browser.openExtensionPage('options.html');
  const card = options.getByRole('article', { name });
  await card.getByRole('spinbutton', { name: 'Polling interval (seconds)' }).fill('1');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.locator('.saved', { hasText: 'Saved' }).waitFor();
  await options.close();
}

function logsPanel(on: Page = page): Locator {
  return on.getByRole('region', { name: 'Backend Logs' });
}

/** What the failure banner says, or null when there is none (read at once: it may go any moment). */
async function bannerText(on: Page = page): Promise<{ kind: string; title: string; sentence: string } | null> {
  const found = await logsPanel(on)
    .locator('[data-failure]')
    .evaluateAll((els) =>
      els.map((el) => ({
        kind: el.getAttribute('data-failure') ?? '',
        title: (el.querySelector('.pbl-banner-title')?.textContent ?? '').trim(),
        sentence: (el.querySelector('[role="alert"] > span')?.textContent ?? '').trim(),
      })),
    );
  return found[0] ?? null;
}

/** "Showing N of M", read at once. */
async function shownText(region: Locator): Promise<string | null> {
  const texts = await region.locator('.pbl-count').allTextContents();
  return texts[0]?.trim() ?? null;
}

async function badge(): Promise<{ text: string; color: number[]; title: string }> {
  const sw = await browser.worker();
  return sw.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: (await chrome.action.getBadgeBackgroundColor({})) as unknown as number[],
    title: await chrome.action.getTitle({}),
  }));
}

async function fault(spec: Record<string, unknown>): Promise<void> {
  await control(sim.origin, 'fault', spec);
}

describe('faults in the browser', () => {
  it('session expired mid-use: "Not logged in" with a login link, then resumes by itself after logging in in another tab', async () => {
    await control(sim.origin, 'expire-sessions');
    await control(sim.origin, 'logs', { count: 2, level: 'ERROR', message: 'while logged out' });
    await expect.poll(() => bannerText(), ONE_INTERVAL).toEqual({
      kind: 'logged-out',
      title: 'Not logged in to NetBox',
      sentence: `Log in to ${label} in this browser; the logs resume by themselves after you log in.`,
    });
    const link = logsPanel().getByRole('link', { name: 'Log in to NetBox' });
    expect(await link.getAttribute('href')).toBe(`${sim.baseUrl}/login/?next=/plugins/proxbox/logs/`);
    expect(await shownText(logsPanel())).toBe('Showing 3 of 3'); // what was loaded stays
    await expect.poll(badge, { timeout: 4_000 }).toEqual({
      text: '?',
      color: [0xf5, 0x9f, 0x00, 255],
      title: `${TITLE}\n${label}: log in to NetBox`,
    });
    await screenshot(page, 'fault-logged-out');

    const other = await browser.ctx.newPage();
    await logIn(other, sim);
    await other.close();
    await expect.poll(() => bannerText(), ONE_INTERVAL).toBeNull();
    await expect.poll(() => shownText(logsPanel())).toBe('Showing 5 of 5');
    // The panel saw the two errors at the top, so the badge has nothing new to count.
    await expect.poll(badge, { timeout: 4_000 }).toEqual({
      text: '',
      color: [0xd6, 0x39, 0x39, 255],
      title: `${TITLE}\n${label}: no new errors`,
    });
    expect(browser.uncaughtErrors).toEqual([]);
  });

  it('502 backend down: the panel and the badge say so, and both recover when it is back', async () => {
    await fault({ mode: 'down' });
    await expect.poll(() => bannerText(), ONE_INTERVAL).toEqual({
      kind: 'backend-down',
      title: 'Proxbox backend unreachable',
      sentence: 'NetBox cannot reach the Proxbox backend. Check that proxbox-api is running. Retrying…',
    });
    await expect.poll(badge, { timeout: 4_000 }).toEqual({
      text: '×',
      color: [0xd9, 0x48, 0x0f, 255],
      title: `${TITLE}\n${label}: Proxbox backend unreachable`,
    });
    expect(await shownText(logsPanel())).toBe('Showing 5 of 5');
    await screenshot(page, 'fault-backend-down');

    // Written before the fault clears, so the first good poll already holds it.
    await control(sim.origin, 'logs', { count: 1, level: 'INFO', message: 'backend is back' });
    await fault({ mode: 'none' });
    await expect.poll(() => bannerText(), ONE_INTERVAL).toBeNull();
    await expect.poll(() => shownText(logsPanel())).toBe('Showing 6 of 6');
    // The badge backs off while the backend is down (1, 2, 4 s here): back within its next allowed poll.
    await expect.poll(async () => (await badge()).text === '' && (await badge()).title, { timeout: 10_000 }).toBe(
      `${TITLE}\n${label}: no new errors`,
    );
    expect(browser.uncaughtErrors).toEqual([]);
  });

  it('offline: navigator.onLine turns false, the panel says "You are offline" and resumes when back online', async () => {
    await browser.ctx.setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    await expect.poll(() => bannerText(), ONE_INTERVAL).toEqual({
      kind: 'offline',
      title: 'You are offline',
      sentence: 'You are offline. The logs resume by themselves when the connection is back.',
    });
    expect(await shownText(logsPanel())).toBe('Showing 6 of 6');
    // Written before going back online: the panel asks at once on 'online', and that first
    // answer must already hold it.
    await control(sim.origin, 'logs', { count: 1, level: 'INFO', message: 'online again' });
    await browser.ctx.setOffline(false);
    await expect.poll(() => bannerText(), ONE_INTERVAL).toBeNull();
    await expect.poll(() => shownText(logsPanel())).toBe('Showing 7 of 7');
    expect(browser.uncaughtErrors).toEqual([]);
  });

  it('NetBox does not answer at all: "did not answer in time" at our deadline (3 s in this build), then recovers', async () => {
    await fault({ mode: 'hang' });
    await expect.poll(() => bannerText(), { timeout: 10_000, interval: 100 }).toEqual({
      kind: 'timeout',
      title: 'NetBox did not answer in time',
      sentence: `${label} did not answer in time. Retrying…`,
    });
    expect(await logsPanel().locator('[data-failure] .pbl-muted').textContent()).toBe('no answer within 3 s');
    await control(sim.origin, 'logs', { count: 1, level: 'INFO', message: 'answering again' });
    await fault({ mode: 'none' });
    await expect.poll(() => bannerText(), ONE_INTERVAL).toBeNull();
    await expect.poll(() => shownText(logsPanel())).toBe('Showing 8 of 8');
    expect(browser.uncaughtErrors).toEqual([]);
  });

  it('connection refused (side panel): "cannot be reached", then the logs once NetBox is up again', async () => {
    // A second NetBox on a port nobody listens on (localhost: its own cookies).
    const port = await freePort();
    const where = `http://localhost:${port}`;
    const other = `localhost:${port}`;
    await addInstance(browser, where);
    await pollBadgeEverySecond(other);
    const side = await browser.openExtensionPage(`sidepanel.html?instance=${encodeURIComponent(where)}`);
    await expect.poll(() => bannerText(side), ONE_INTERVAL).toEqual({
      kind: 'network',
      title: 'NetBox cannot be reached',
      sentence: `${other} cannot be reached. Check the address and your network or VPN. Retrying…`,
    });
    await expect.poll(async () => (await badge()).title, { timeout: 4_000 }).toBe(
      `${TITLE}\n${label}: no new errors\n${other}: NetBox cannot be reached`,
    );
    expect((await badge()).text).toBe('×');

    const second = await startNetBox({ host: 'localhost', port });
    try {
      await control(second.origin, 'logs', { count: 4, level: 'INFO', message: 'second NetBox' });
      const login = await browser.ctx.newPage();
      await logIn(login, second);
      // Back to the side panel first: it follows the active tab, and the tab behind the
      // login page shows the first NetBox.
      await side.bringToFront();
      await login.close();
      await expect.poll(() => bannerText(side), ONE_INTERVAL).toBeNull();
      await expect.poll(() => shownText(logsPanel(side))).toBe('Showing 4 of 4');
      await expect.poll(async () => (await badge()).title, { timeout: 10_000 }).toBe(
        `${TITLE}\n${label}: no new errors\n${other}: no new errors`,
      );
      await side.close();
    } finally {
      await second.close();
    }
    expect(browser.uncaughtErrors).toEqual([]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
