// The background worker in real Chromium against the simulator, as a user meets it: the
// options page (add, check, interval, remove), the toolbar badge rising on a new ERROR and
// clearing when the errors are seen, the "log in" badge after logging out of NetBox, and
// the count surviving the service worker being stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { control, logIn, logOut, startNetBox, type Simulator } from './netbox';
import { openPanel } from './panel-helpers';
import { watchExtensionWorld } from './isolated-world';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let label: string;

const TITLE = 'Proxbox Backend Logs';
const OP = '7d1c9a55-2b8e-4f0a-b6c3-91e4d2a7f810';

beforeAll(async () => {
  sim = await startNetBox();
  label = sim.baseUrl.replace(/^https?:\/\//, '');
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

async function badge(): Promise<{ text: string; title: string }> {
  const sw = await browser.worker();
  return sw.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
}
const badgeText = async () => (await badge()).text;
const badgeTitle = async () => (await badge()).title;

interface Status {
  count: number;
  state: string;
  lastSuccessAt: number | null;
}

/** The worker's getStatus, sent from an extension page as the popup does (it also wakes a stopped worker). */
async function status(from: Page): Promise<Status> {
  const answer = await from.evaluate(() => chrome.runtime.sendMessage({ id: 1, type: 'getStatus', timestamp: Date.now() }));
  const { res } = answer as { res: Status[] };
  expect(res).toHaveLength(1);
  return res[0]!;
}

async function writeError(message: string): Promise<void> {
  await control(sim.origin, 'logs', {
    level: 'ERROR',
    module: 'virtual_machines',
    operation_id: OP,
    operation: 'vm_sync',
    message,
    traceback: 'Traceback (most recent call last):\n  File "sync.py", line 12, in sync_vm\nHTTPError: 500',
  });
}

describe('options page', () => {
  it('adds a NetBox: its status line, a bad address with its reason, and a 1-s polling interval', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.setViewportSize({ width: 1000, height: 700 });
    const url = options.getByRole('textbox', { name: 'NetBox URL' });

    await url.fill('ftp://netbox.example.com');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => options.locator('.add-form [role="alert"]').textContent()).toBe('Only http:// and https:// addresses are supported.');
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');

    await url.fill(sim.url);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    const card = options.getByRole('article', { name: label });
    // Each step proved, and green only once the worker has read logs (Check again asks anew).
    await expect
      .poll(() => card.locator('.check-steps li').first().textContent(), { timeout: 10_000 })
      .toBe('✓Passed: NetBox: NetBox 4.6.8 · Proxbox plugin 0.0.24 · logged in');
    await expect(card.locator('.check-steps').textContent()).resolves.toContain('Plugin: Serves the logs through NetBox.');
    await expect
      .poll(async () => {
        await card.getByRole('button', { name: 'Check again' }).click();
        return card.locator('.check .state').textContent();
      }, { timeout: 10_000 })
      .toBe('Logs can be read · through NetBox');
    await expect(options.locator('.notice').textContent()).resolves.toBe(`Added ${label}.`);
    await expect(url.inputValue()).resolves.toBe('');
    await expect(options.locator('.add-form [role="alert"]').textContent()).resolves.toBe('');

    // The user sets the badge to check every second (the e2e build's floor).
    const interval = card.getByRole('spinbutton', { name: 'Polling interval (seconds)' });
    await expect(interval.inputValue()).resolves.not.toBe('1');
    await interval.fill('1');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.locator('.saved').textContent()).toBe('Saved');
    await options.evaluate(() => window.scrollTo(0, 0));
    await screenshot(options, 'options-light');

    const sw = await browser.worker();
    await expect
      .poll(() => sw.evaluate(async () => (await chrome.alarms.getAll()).map((a) => [a.name, Math.round(a.periodInMinutes! * 60)])))
      .toEqual([[`poll:${sim.baseUrl}`, 1]]);
    // The worker polled the new instance at once: its cursor is set, nothing counted yet.
    await expect.poll(async () => (await status(options)).lastSuccessAt).not.toBeNull();
    expect(await badge()).toEqual({ text: '', title: `${TITLE}\n${label}: no new errors` });
    await options.close();
  });
});

describe('toolbar badge', () => {
  it('rises within one poll of a new ERROR, names the instance and count, and clears when the errors are seen', async () => {
    await writeError('Failed to sync VM 101 on node pve01: 500 Internal Server Error');
    const started = Date.now();
    await expect.poll(badgeText, { timeout: 4_000, interval: 100 }).toBe('1');
    // One poll every second: the badge is up well within two intervals plus a request.
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(await badgeTitle()).toBe(`${TITLE}\n${label}: 1 new error`);
    const sw = await browser.worker();
    expect(await sw.evaluate(() => chrome.action.getBadgeBackgroundColor({}))).toEqual([214, 57, 57, 255]);

    await writeError('Failed to sync VM 102 on node pve01: 500 Internal Server Error');
    await expect.poll(badgeText, { timeout: 4_000, interval: 100 }).toBe('2');
    expect(await badgeTitle()).toBe(`${TITLE}\n${label}: 2 new errors`);

    // Viewing them: the panel on a NetBox page, newest error at the top.
    await page.goto(`${sim.baseUrl}/virtualization/virtual-machines/`);
    const logs = await openPanel(page);
    const top = logs.locator('[role="row"][aria-rowindex="2"]');
    await expect.poll(() => top.textContent()).toContain('Failed to sync VM 102 on node pve01');
    await expect(logs.locator('[role="row"][aria-rowindex="3"]').textContent()).resolves.toContain('Failed to sync VM 101');
    await expect.poll(badgeText).toBe('');
    expect(await badgeTitle()).toBe(`${TITLE}\n${label}: no new errors`);

    // Closed again, so that the next NetBox pages do not open it (and see errors) by themselves.
    await page.getByRole('button', { name: 'Backend Logs' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Backend Logs' }).count()).toBe(0);
  });

  it('asks to log in after logging out of NetBox, and recovers by itself after logging in again', async () => {
    await logOut(page, sim);
    await expect.poll(badgeText, { timeout: 5_000, interval: 100 }).toBe('?');
    expect(await badgeTitle()).toBe(`${TITLE}\n${label}: log in to NetBox`);
    const sw = await browser.worker();
    expect(await sw.evaluate(() => chrome.action.getBadgeBackgroundColor({}))).toEqual([245, 159, 0, 255]);

    // An error while logged out is counted once the session is back.
    await writeError('Failed to sync VM 103 on node pve02: timeout');
    await logIn(page, sim);
    await expect.poll(badgeText, { timeout: 15_000, interval: 200 }).toBe('1');
    expect(await badgeTitle()).toBe(`${TITLE}\n${label}: 1 new error`);
  });

  it('keeps the count when the service worker is stopped, and counts a new ERROR once after waking', async () => {
    expect(await badgeText()).toBe('1');
    const ext = await browser.openExtensionPage('options.html');

    // Stop the worker as Chrome does when it is idle (not while Playwright holds it otherwise).
    const cdp = await browser.ctx.newCDPSession(ext);
    let versionId: string | undefined;
    const seen: string[] = []; // running statuses of our worker, in order
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (v.scriptURL !== browser.extensionUrl('background.js')) continue;
        versionId = v.versionId;
        seen.push(v.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => seen.at(-1)).toBe('running');
    // Something only the running worker's memory holds.
    await (await browser.worker()).evaluate(() => ((globalThis as { beforeStop?: boolean }).beforeStop = true));
    const stopAt = seen.length;
    await cdp.send('ServiceWorker.stopWorker', { versionId: versionId! });
    await expect.poll(() => seen.slice(stopAt)).toContain('stopped');

    // Woken (by the message, or the next alarm): the count comes from storage, not from memory.
    expect((await status(ext)).count).toBe(1);
    await expect.poll(() => seen.at(-1)).toBe('running');
    expect(await (await browser.worker()).evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop)).toBeUndefined();
    expect(await badgeText()).toBe('1');

    await writeError('Failed to sync VM 104 on node pve02: 500 Internal Server Error');
    await expect.poll(badgeText, { timeout: 4_000, interval: 100 }).toBe('2');
    // Two more polls later it is still 2: nothing counted twice.
    const since = Date.now();
    await expect.poll(async () => (await status(ext)).lastSuccessAt ?? 0, { timeout: 5_000 }).toBeGreaterThan(since + 1_000);
    expect(await badge()).toEqual({ text: '2', title: `${TITLE}\n${label}: 2 new errors` });
    await cdp.detach();
    await ext.close();
  });
});

describe('removing the instance', () => {
  it('stops the content script on newly loaded NetBox pages and unregisters it', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.getByRole('article', { name: label }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => options.locator('.notice').textContent()).toBe(`Removed ${label}.`);
    await expect.poll(() => options.getByRole('article').count()).toBe(0);
    await expect(options.getByText('No NetBox added yet. Add the address you open NetBox at.').count()).resolves.toBe(1);

    const sw = await browser.worker();
    await expect.poll(() => sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    await expect.poll(() => sw.evaluate(async () => (await chrome.alarms.getAll()).length)).toBe(0);
    await expect.poll(badge).toEqual({ text: '', title: `${TITLE}: add a NetBox instance in the options` });

    const fresh = await browser.ctx.newPage();
    const world = await watchExtensionWorld(fresh, browser.extensionId);
    await fresh.goto(`${sim.baseUrl}/dcim/devices/`, { waitUntil: 'load' });
    await fresh.locator('html[data-netbox-version="4.6.8"]').waitFor();
    expect(world.present()).toBe(false);
    expect(await fresh.getByRole('button', { name: 'Backend Logs' }).count()).toBe(0);
    await fresh.close();
    await options.close();
  });

  it('throws no uncaught error in any page', () => {
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
