// What a daily user sees (issue 14's view items, issue 15's dark mode), in real Chromium:
// the side panel at Chrome's real width, the operation id's copy and filter in both views,
// the panel's opening height, and NetBox's dark mode followed live, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type ExtensionBrowser } from './browser';
import { closeAll, control, netBoxWithExtension, type Simulator } from './netbox';
import { boxes, outside, overlaps } from './layout-boxes';
import { openPanel, openSidePanel, shownText } from './panel-helpers';
import { ROW_HEIGHT } from '../../components/LogList';

let browser: ExtensionBrowser;
let sim: Simulator;

const OP = '7d1c9a55-2b8e-4f0a-b6c3-91e4d2a7f810';
const SHORT = OP.slice(0, 8);

beforeAll(async () => {
  ({ sim, browser } = await netBoxWithExtension());
  await control(sim.origin, 'logs', { count: 20, module: 'storage', message: 'Storage pool checked on every node of the cluster' });
  await control(sim.origin, 'logs', {
    entries: [
      { level: 'INFO', message: 'Fetched 6 devices from cluster pve' },
      { level: 'WARNING', message: 'Device pve03 has no primary IP' },
      { level: 'ERROR', message: 'Failed to sync device pve02: 500 Internal Server Error', traceback: 'Traceback (most recent call last):\n  File "sync.py", line 42\nHTTPError: 500' },
      { level: 'CRITICAL', message: 'Sync aborted' },
    ],
    module: 'devices',
    operation_id: OP,
    operation: 'device_sync',
  });
});

afterAll(() => closeAll(browser, sim));

const sidePanel = (width: number, query = ''): Promise<Page> => openSidePanel(browser, sim.baseUrl, { width, query });

describe('side panel at Chrome’s real width (400 px)', () => {
  it('shows every header control and filter whole, none over another; rows lead with the message', async () => {
    const side = await sidePanel(400);
    const logs = side.getByRole('region', { name: 'Backend Logs' });
    await expect.poll(() => shownText(logs)).toBe('Showing 24 of 24');

    const controls = await boxes(logs, '.pbl-header h1, .pbl-picker > span, .pbl-header select, .pbl-header .pbl-switch, .pbl-header button, .pbl-filters > *');
    expect(controls.length).toBeGreaterThanOrEqual(11);
    expect(outside(controls, 400)).toEqual([]);
    expect(overlaps(controls)).toEqual([]);

    const rows = side.locator('[role="row"][data-entry-id]');
    for (const i of [0, 3]) {
      const cells = await boxes(rows.nth(i), ':scope > [role="gridcell"]');
      // Message, time, level: in that order, side by side, inside the row.
      expect(cells.sort((a, b) => a.left - b.left).map((c) => c.what.match(/pbl-cell--(\w+)/)?.[1])).toEqual(['message', 'time', 'level']);
      expect(overlaps(cells)).toEqual([]);
      expect(outside(cells, 400)).toEqual([]);
    }
    // Time and level are never cut (only a long message is).
    const cut = await logs.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('[role="row"] .pbl-cell--time, [role="row"] .pbl-cell--level, [role="row"] .pbl-badge, [role="columnheader"]')]
        .filter((c) => c.getClientRects().length > 0 && (c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1))
        .map((c) => `${c.className}: ${c.textContent}`),
    );
    expect(cut).toEqual([]);
    await screenshot(side, 'sidepanel-400');

    // The operation is on the expanded row: its full id, copy and filter.
    await rows.filter({ hasText: 'Failed to sync device pve02' }).click();
    const details = side.locator('.pbl-details');
    await expect(details.textContent()).resolves.toContain(OP);
    const detailBoxes = await boxes(logs, '.pbl-details-actions > button');
    expect(outside(detailBoxes, 400)).toEqual([]);
    expect(overlaps(detailBoxes)).toEqual([]);
    await screenshot(side, 'sidepanel-400-expanded');
    await side.close();
  });
});

describe('operation id: one click to copy the full id, one click to filter by it', () => {
  it('in the page panel, from the row', async () => {
    const page = await browser.ctx.newPage();
    await browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs)).toBe('Showing 24 of 24');
    // Never resized: it opened showing at least 12 rows of this 900 px window.
    const listHeight = await logs.locator('.pbl-scroll').evaluate((el) => el.clientHeight);
    expect(listHeight).toBeGreaterThanOrEqual(12 * ROW_HEIGHT);
    const row = logs.locator('[role="row"][data-entry-id]').filter({ hasText: 'Sync aborted' });
    await row.getByRole('button', { name: `Copy operation ID ${SHORT}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(OP);
    await expect.poll(() => logs.getByText('Copied operation ID.').isVisible()).toBe(true);
    // Copying did not expand the row.
    await expect(row.getAttribute('aria-expanded')).resolves.toBe('false');

    await row.getByRole('button', { name: `Filter by operation ${SHORT}` }).click();
    await expect.poll(() => shownText(logs)).toBe('Showing 4 of 4');
    await expect(logs.getByRole('textbox', { name: 'Operation ID' }).inputValue()).resolves.toBe(OP);
    await logs.getByRole('button', { name: 'Clear filters' }).click();
    await page.close();
  });

  it('in the side panel, from the expanded row', async () => {
    const side = await sidePanel(400);
    const logs = side.getByRole('region', { name: 'Backend Logs' });
    await expect.poll(() => shownText(logs)).toBe('Showing 24 of 24');
    const row = side.locator('[role="row"][data-entry-id]').filter({ hasText: 'Sync aborted' });
    await row.click();
    await row.getByRole('button', { name: 'Copy operation ID' }).click();
    await expect.poll(() => logs.getByText('Copied operation ID.').isVisible()).toBe(true);
    // The browser's clipboard, read where reading is granted (an extension page cannot be).
    const reader = await browser.ctx.newPage();
    await reader.goto(`${sim.baseUrl}/login/`);
    await expect.poll(() => reader.evaluate(() => navigator.clipboard.readText())).toBe(OP);
    await reader.close();
    await side.bringToFront();
    await row.getByRole('button', { name: 'Show this operation only' }).click();
    await expect.poll(() => shownText(logs)).toBe('Showing 4 of 4');
    await side.close();
  });
});
