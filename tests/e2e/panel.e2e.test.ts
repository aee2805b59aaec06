// The Backend Logs panel on NetBox pages: the seed's three use cases, in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, panel, shownText } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;

const OP_LIVE = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
const OP_FAILED = '7d1c9a55-2b8e-4f0a-b6c3-91e4d2a7f810';

beforeAll(async () => {
  sim = await startNetBox();
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('Backend Logs panel', () => {
  it('watches a sync live by operation ID', async () => {
    await control(sim.origin, 'logs', { count: 30, message: 'routine entry of another job' });
    await control(sim.origin, 'logs', {
      count: 3,
      module: 'virtual_machines',
      operation_id: OP_LIVE,
      operation: 'vm_sync',
      message: 'Syncing VM batch',
    });
    await page.goto(`${sim.baseUrl}/virtualization/virtual-machines/`);
    const logs = await openPanel(page);

    await logs.getByRole('textbox', { name: 'Operation ID' }).fill(OP_LIVE);
    await logs.getByRole('textbox', { name: 'Operation ID' }).press('Enter');
    await expect.poll(() => shownText(logs)).toBe('Showing 3 of 3');

    // The sync goes on: new entries of the operation appear without a click (auto-refresh).
    await control(sim.origin, 'logs', { count: 2, operation_id: OP_LIVE, operation: 'vm_sync', message: 'VM 104 written' });
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 5 of 5');
    await expect(logs.getByRole('row').filter({ hasText: 'VM 104 written' }).count()).resolves.toBe(2);
    await expect(logs.getByRole('row').filter({ hasText: 'another job' }).count()).resolves.toBe(0);
    await screenshot(page, 'panel-operation-filter');

    await logs.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownText(logs)).toBe('Showing 35 of 35');
  });

  it('finds the ERROR and CRITICAL entries of a failed sync and reads the traceback', async () => {
    await control(sim.origin, 'logs', { count: 5, operation_id: OP_FAILED, operation: 'device_sync', message: 'Device fetched' });
    await control(sim.origin, 'logs', {
      level: 'ERROR',
      module: 'devices',
      operation_id: OP_FAILED,
      operation: 'device_sync',
      message: 'Failed to sync device pve02: 500 Internal Server Error',
      traceback: 'Traceback (most recent call last):\n  File "sync.py", line 42, in sync_device\nHTTPError: 500',
    });
    await control(sim.origin, 'logs', { level: 'CRITICAL', module: 'sync', operation_id: OP_FAILED, message: 'Sync aborted' });
    await page.reload();
    const logs = await openPanel(page);

    await logs.getByRole('switch', { name: 'Errors only' }).check();
    await expect.poll(() => shownText(logs)).toBe('Showing 2 of 2');
    const failed = logs.getByRole('row').filter({ hasText: 'Failed to sync device pve02' });
    await failed.click();
    await expect(logs.getByText('line 42, in sync_device').isVisible()).resolves.toBe(true);
    await screenshot(page, 'panel-traceback');

    await logs.getByRole('switch', { name: 'Errors only' }).uncheck();
    await logs.getByRole('combobox', { name: 'Level' }).selectOption('CRITICAL');
    await expect.poll(() => shownText(logs)).toBe('Showing 1 of 1');
    await logs.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('browses routine INFO logs with load more to the end', async () => {
    await control(sim.origin, 'restart');
    await control(sim.origin, 'logs', { count: 450, level: 'INFO', module: 'storage', message: 'Storage pool checked' });
    await control(sim.origin, 'logs', { count: 20, level: 'WARNING', module: 'network', message: 'Interface without MAC' });
    await page.reload();
    const logs = await openPanel(page);
    await logs.getByRole('combobox', { name: 'Level' }).selectOption('INFO');
    await expect.poll(() => shownText(logs)).toBe('Showing 200 of 450');
    await logs.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => shownText(logs)).toBe('Showing 400 of 450');
    await logs.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => shownText(logs)).toBe('Showing 450 of 450');
    await expect.poll(() => logs.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // Paged by id cursor, never by offset.
    const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as {
      requests: { path: string }[];
    };
    const pages = requests.filter((r) => r.path.includes('/api/plugins/proxbox/logs/') && r.path.includes('older_than_id'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(requests.some((r) => r.path.includes('offset='))).toBe(false);
  });

  it('follows NetBox dark mode and survives HTMX swaps with one panel', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/?theme=dark`);
    await openPanel(page);
    await screenshot(page, 'panel-dark');
    await page.click('#htmx-swap-page');
    await page.click('#htmx-swap');
    await expect.poll(() => page.getByRole('region', { name: 'Backend Logs' }).count()).toBe(1);
    await expect(page.getByRole('button', { name: 'Backend Logs' }).count()).resolves.toBe(1);
  });

  it('shows the panel in light mode for the README', async () => {
    await control(sim.origin, 'burst', { count: 300 });
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs)).toMatch(/^Showing 200 of \d+$/);
    await screenshot(page, 'panel-light');
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
