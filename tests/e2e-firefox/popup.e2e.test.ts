// Journey: in the popup, type an operation ID and press "Show logs": the logs of that
// operation open, and only those. Firefox has no side panel: away from NetBox the popup
// opens the sidebar (sidebar_action) on sidepanel.html with the filter in its query string;
// on a NetBox tab it opens that page's own panel, filtered.
//
// The popup is opened as a page in a tab (a test cannot click the toolbar button); it then
// sees as "active tab" whatever tab is active in its window, so a test picks that tab by
// loading the popup in a background tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { fill, findByRole, screenshot, textOf, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, netBoxWithFirefox, type Simulator, tableRows, waitForRows } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;

const OP_A = '0f8e2c1a-5b7d-4c39-9a1e-2b3c4d5e6f70';
const OP_B = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SHORT_A = OP_A.slice(0, 8);

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
  await control(sim.origin, 'logs', {
    entries: [
      { operation_id: OP_A, operation: 'vm_sync', module: 'virtual_machines', message: 'A: discover VMs' },
      { operation_id: OP_B, operation: 'device_sync', module: 'devices', message: 'B: discover devices' },
      { operation_id: OP_A, operation: 'vm_sync', module: 'virtual_machines', level: 'ERROR', message: 'A: write failed' },
      { message: 'no operation here' },
      { operation_id: OP_B, operation: 'device_sync', module: 'devices', message: 'B: write devices' },
    ],
  });
  const page = await ext.newPage();
  await logIn(page, sim);
  await addInstance(ext, sim.baseUrl);
  await page.close();
});

afterAll(() => closeAll(ext, sim));

/**
 * Opens popup.html in a background tab while `front` stays the active tab. The tab is made
 * by puppeteer (so it is tracked from the start) and navigated once `front` is in front.
 */
async function openPopupBehind(front: Page): Promise<Page> {
  const popup = await ext.newPage();
  await front.bringToFront();
  await ext.navigateToExtensionPage(popup, 'popup.html');
  // Started: it has read the instances and asked the worker for their status.
  await findByRole(popup, 'region', 'NetBox instances', 15_000);
  return popup;
}

async function showLogsFor(popup: Page, operationId: string): Promise<void> {
  // An <input list=…> (it suggests recent operations) is a combobox, not a textbox.
  await fill(await findByRole(popup, 'combobox', 'Operation ID'), operationId);
  await (await findByRole(popup, 'button', 'Show logs')).click();
}

function expectOnlyOperationA(rows: string[][]): void {
  const messages = rows.map((r) => r[3]);
  expect(messages).toEqual(expect.arrayContaining(['A: discover VMs', 'A: write failed']));
  expect(messages).not.toContain('B: discover devices');
  expect(messages).not.toContain('no operation here');
  for (const row of rows) expect(row[4]).toBe(SHORT_A);
}

describe('firefox: the popup operation ID filter', () => {
  it('refuses an empty operation ID with a message', async () => {
    const blank = await ext.newPage();
    const popup = await openPopupBehind(blank);
    await (await findByRole(popup, 'button', 'Show logs')).click();
    const alert = await waitFor(async () => {
      const el = await findByRole(popup, 'alert');
      return (await textOf(el)).trim() || null;
    }, 'the popup error');
    expect(alert).toBe('Enter an operation ID');
    await popup.close();
    await blank.close();
  });

  it('away from NetBox, opens the sidebar on that operation, which shows only its entries', async () => {
    const blank = await ext.newPage(); // the active tab: about:blank
    const popup = await openPopupBehind(blank);
    await screenshot(popup, 'popup');
    await showLogsFor(popup, OP_A);

    const sidebar = await waitFor(
      async () => {
        const s = await ext.inExtension(async (api) => ({
          open: (await api.sidebarAction.isOpen({})) as boolean,
          panel: (await api.sidebarAction.getPanel({})) as string,
        }));
        return s.open && s.panel.includes('operation_id=') ? s : null;
      },
      'the sidebar open on a filtered panel',
    ).catch(async (error) => {
      // openLogsPanel falls back to a tab when the sidebar refuses (no gesture left).
      const tabs = await ext.inExtension(async (api) => (await api.tabs.query({})).map((t: { url?: string }) => t.url));
      throw new Error(`${String(error)}; tabs: ${JSON.stringify(tabs)}`);
    });
    const panelUrl = new URL(sidebar.panel);
    expect(panelUrl.pathname).toBe('/sidepanel.html');
    expect(panelUrl.searchParams.get('operation_id')).toBe(OP_A);
    expect(panelUrl.searchParams.get('instance')).toBe(sim.baseUrl);

    // The sidebar's document is not a tab WebDriver can reach; the same page in a tab is.
    const view = await ext.openExtensionPage(`sidepanel.html${panelUrl.search}`);
    const region = await findByRole(view, 'region', 'Backend Logs', 15_000);
    const opField = await findByRole(region, 'textbox', 'Operation ID');
    expect(await opField.evaluate((el) => (el as HTMLInputElement).value)).toBe(OP_A);
    const rows = await waitForRows(region, (r) => r.length >= 2, 'the entries of operation A');
    expectOnlyOperationA(rows);
    await screenshot(view, 'popup-sidebar-view');
    await view.close();
    await ext.closeSidebar();
    if (!popup.isClosed()) await popup.close().catch(() => undefined);
    await blank.close();
  });

  it('on a NetBox tab, opens that page’s panel filtered to the operation', async () => {
    const netbox = await ext.newPage();
    await netbox.goto(`${sim.baseUrl}/dcim/devices/`);
    await findByRole(netbox, 'button', 'Backend Logs', 15_000);
    const popup = await openPopupBehind(netbox);
    await showLogsFor(popup, OP_A);

    const region = await findByRole(netbox, 'region', 'Backend Logs', 10_000).catch(async (error) => {
      // Say where the logs went instead (the popup falls back to the sidebar or a tab).
      const where = await ext.inExtension(async (api) => ({
        sidebar: (await api.sidebarAction.isOpen({})) ? await api.sidebarAction.getPanel({}) : 'closed',
        tabs: (await api.tabs.query({})).map((t: { url?: string; active?: boolean }) => `${t.active ? '*' : ''}${t.url}`),
      }));
      throw new Error(`${String(error)}; instead: ${JSON.stringify(where)}`);
    });
    const opField = await findByRole(region, 'textbox', 'Operation ID');
    await waitFor(async () => (await opField.evaluate((el) => (el as HTMLInputElement).value)) === OP_A, 'the panel filtered to A');
    const rows = await waitForRows(region, (r) => r.length >= 2 && r.every((row) => row[4] === SHORT_A), 'only entries of A');
    expectOnlyOperationA(rows);
    expect(await tableRows(region)).toHaveLength(2);
    await screenshot(netbox, 'popup-netbox-panel');
    // The logs opened in the page itself: no sidebar, no extra tab.
    expect(await ext.inExtension((api) => api.sidebarAction.isOpen({}))).toBe(false);
    if (!popup.isClosed()) await popup.close().catch(() => undefined);
    await netbox.close();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
