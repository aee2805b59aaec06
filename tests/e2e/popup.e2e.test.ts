// The popup's operation ID filter and the side panel, in real Chromium against the simulator.
//
// The popup is opened for real, as a click on the toolbar icon does
// (chrome.action.openPopup() from the worker): it then belongs to the window whose active
// tab the test chose, so "the active tab" is what a user would have. Playwright does not
// list the popup or the side panel among ctx.pages(); ./raw-target.ts drives them over CDP
// with real input events, so a click in the popup is a user gesture and Chrome really
// opens the side panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, openSidePanel, panel, shownText } from './panel-helpers';
import { attachToTarget, openToolbarPopup, waitForExtensionTarget, type RawTarget } from './raw-target';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let label: string;

const OP_VM = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
const OP_DEVICE = '3b9d4e7f-1a2c-4d5e-8f90-a1b2c3d4e5f6';

beforeAll(async () => {
  sim = await startNetBox();
  label = sim.baseUrl.replace(/^https?:\/\//, '');
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  await control(sim.origin, 'logs', { count: 20, module: 'storage', message: 'Storage pool checked' });
  await control(sim.origin, 'logs', {
    entries: [
      { message: 'Discovering VMs on cluster pve', phase: 'discover' },
      { message: 'Fetched 14 VMs from node pve01', phase: 'fetch' },
      { level: 'WARNING', message: 'VM 105 has no primary IP', phase: 'compare' },
    ],
    module: 'virtual_machines',
    operation_id: OP_VM,
    operation: 'vm_sync',
  });
  await control(sim.origin, 'logs', { count: 10, module: 'network', message: 'Interface checked' });
  await control(sim.origin, 'logs', {
    entries: [
      { message: 'Fetched 6 devices from cluster pve', phase: 'fetch' },
      { level: 'ERROR', message: 'Failed to sync device pve02: 500 Internal Server Error', phase: 'write' },
    ],
    module: 'devices',
    operation_id: OP_DEVICE,
    operation: 'device_sync',
  });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** The popup's recent operations as shown: [name, short id] pairs, top first. */
function recentOperations(popup: RawTarget): Promise<string[][]> {
  return popup.evaluate<string[][]>(
    `[...document.querySelectorAll('.recent-op')].map((b) => [b.querySelector('.op-name').textContent, b.querySelector('.op-id').textContent])`,
  );
}

function text(target: RawTarget, selector: string): Promise<string | null> {
  return target.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);
}

describe('popup: operation ID filter', () => {
  it('lists the recent operations newest first with their names', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.bringToFront();
    const popup = await openToolbarPopup(browser);
    await expect.poll(() => recentOperations(popup)).toEqual([
      ['device_sync', OP_DEVICE.slice(0, 8)],
      ['vm_sync', OP_VM.slice(0, 8)],
    ]);
    await expect.poll(() => text(popup, '.instances li .instance-text')).toBe(`${label}: No new errors.`);
    await popup.screenshot('popup');
    await popup.evaluate('window.close()').catch(() => undefined);
    await popup.closed;
    await popup.detach();
  });

  it('on a NetBox page, opens the page’s own panel on exactly that operation', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.getByRole('button', { name: 'Backend Logs' }).waitFor();
    expect(await panel(page).count()).toBe(0);
    await page.bringToFront();

    const popup = await openToolbarPopup(browser);
    await expect.poll(() => recentOperations(popup)).toHaveLength(2);
    await popup.click('form.operation input[type="text"]');
    await popup.type(OP_VM);
    await popup.click('form.operation button[type="submit"]');
    // It asked the tab and closed itself: no side panel.
    await popup.closed;
    await popup.detach();

    const logs = panel(page);
    await logs.waitFor({ timeout: 10_000 });
    await expect.poll(() => shownText(logs)).toBe('Showing 3 of 3');
    const rows = logs.locator('[role="row"][data-entry-id]');
    await expect.poll(() => rows.count()).toBe(3);
    await expect(rows.getByRole('button', { name: `Filter by operation ${OP_VM.slice(0, 8)}` }).count()).resolves.toBe(3);
    await expect(logs.getByRole('textbox', { name: 'Operation ID' }).inputValue()).resolves.toBe(OP_VM);
    await expect(rows.first().textContent()).resolves.toContain('VM 105 has no primary IP');
    await screenshot(page, 'popup-filtered-page-panel');
  });

  it('elsewhere, opens the side panel on that operation (picked from the recent list)', async () => {
    const other = await browser.ctx.newPage();
    await other.goto('about:blank');
    await other.bringToFront();

    const popup = await openToolbarPopup(browser);
    await expect.poll(() => recentOperations(popup)).toHaveLength(2);
    await popup.click(`.recent-op[title="${OP_DEVICE}"]`);
    await expect
      .poll(() => popup.evaluate<string>(`document.querySelector('form.operation input[type="text"]').value`))
      .toBe(OP_DEVICE);
    await popup.click('form.operation button[type="submit"]');
    await popup.closed;
    await popup.detach();

    const path = `sidepanel.html?instance=${encodeURIComponent(sim.baseUrl)}&operation_id=${OP_DEVICE}`;
    const sw = await browser.worker();
    expect(await sw.evaluate(() => chrome.sidePanel.getOptions({}))).toEqual({ enabled: true, path });
    // Chrome opened it: the side panel is a page of its own, filtered to the operation.
    const side = await attachToTarget(browser, await waitForExtensionTarget(browser, path));
    await expect.poll(() => side.evaluate<string>('document.body.innerText'), { timeout: 10_000 }).toContain('Showing 2 of 2');
    expect(
      await side.evaluate<string[]>(`[...document.querySelectorAll('[role="row"][data-entry-id]')].map((r) => r.querySelector('.pbl-op')?.textContent)`),
    ).toEqual([OP_DEVICE.slice(0, 8), OP_DEVICE.slice(0, 8)]);
    expect(await side.evaluate<string>(`document.querySelector('.pbl-picker select').value`)).toBe(sim.baseUrl);
    // Chrome's side panel is narrow (360 px here): time, level and operation id still fit, only messages are cut.
    expect(await side.evaluate<number>('innerWidth')).toBeLessThan(500);
    expect(
      await side.evaluate<string[]>(
        `[...document.querySelectorAll('[role="row"] [role="gridcell"]:not(.pbl-cell--message), [role="columnheader"]:not(:last-child)')]
          .filter((c) => c.getClientRects().length > 0 && c.scrollWidth > c.clientWidth)
          .map((c) => c.className + ': ' + c.textContent)`,
      ),
    ).toEqual([]);
    await side.screenshot('sidepanel-real');
    await side.detach();
    await other.close();
  });
});

describe('side panel page', () => {
  it('shows the logs of the instance named in its address, with the instance picker', async () => {
    const side = await openSidePanel(browser, sim.baseUrl, { width: 1000, height: 700 });
    const logs = panel(side);
    await expect.poll(() => shownText(logs)).toBe('Showing 35 of 35');
    const picker = side.getByRole('combobox', { name: 'NetBox instance' });
    await expect(picker.inputValue()).resolves.toBe(sim.baseUrl);
    await expect(picker.locator('option').allTextContents()).resolves.toEqual([label]);
    await expect(logs.locator('[role="row"][aria-rowindex="2"]').textContent()).resolves.toContain(
      'Failed to sync device pve02: 500 Internal Server Error',
    );
    await screenshot(side, 'sidepanel');

    await side.goto(browser.extensionUrl(`sidepanel.html?instance=${encodeURIComponent(sim.baseUrl)}&operation_id=${OP_VM}`));
    await expect.poll(() => shownText(panel(side))).toBe('Showing 3 of 3');
    await side.close();
  });

  it('throws no uncaught error in any page', async () => {
    // The page's own panel is still there and usable after all of it.
    await openPanel(page);
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
