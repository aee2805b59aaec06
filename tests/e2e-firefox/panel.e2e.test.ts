// Journey: on an added NetBox, the "Backend Logs" launcher opens the in-page panel, which
// shows the backend's entries fetched with the user's NetBox session, and says so when the
// user is logged out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findByRole, screenshot, textOf, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, logOut, netBoxWithFirefox, openPanel, type Simulator, waitForRows } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
});

afterAll(() => closeAll(ext, sim));

const OP = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

describe('firefox: the in-page panel', () => {
  it('opens from the launcher on a NetBox page and shows the entries with the session', async () => {
    await control(sim.origin, 'logs', {
      entries: [
        { level: 'INFO', module: 'devices', message: 'Firefox sees the device sync start', operation_id: OP, operation: 'device_sync' },
        { level: 'ERROR', module: 'devices', message: 'Firefox sees a failed device write', operation_id: OP, operation: 'device_sync' },
        { level: 'WARNING', module: 'storage', message: 'Firefox sees a storage warning' },
      ],
    });
    const page = await ext.newPage();
    await logIn(page, sim);
    await addInstance(ext, sim.baseUrl);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);

    const region = await openPanel(page);
    const rows = await waitForRows(region, (r) => r.length >= 3, 'three entries in the panel');
    const messages = rows.map((r) => r[3]);
    expect(messages).toEqual(
      expect.arrayContaining(['Firefox sees the device sync start', 'Firefox sees a failed device write', 'Firefox sees a storage warning']),
    );
    const errorRow = rows.find((r) => r[3] === 'Firefox sees a failed device write')!;
    expect(errorRow[1]).toMatch(/ERROR/);
    expect(errorRow[2]).toBe('devices');
    await screenshot(page, 'panel-entries');

    // A new entry shows up without a reload (the panel refreshes itself).
    await control(sim.origin, 'logs', { level: 'INFO', module: 'sync', message: 'Firefox sees a later entry' });
    const refresh = await findByRole(region, 'button', 'Refresh');
    await refresh.click();
    await waitForRows(region, (r) => r.some((row) => row[3] === 'Firefox sees a later entry'), 'the later entry');
    await page.close();
  });

  it('says the user is not logged in when the session has ended', async () => {
    const page = await ext.newPage();
    await logIn(page, sim);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const region = await openPanel(page);
    await waitForRows(region, (r) => r.length > 0, 'entries while logged in');

    // The session ends elsewhere (another tab logs out); this page is still shown.
    const other = await ext.newPage();
    await logOut(other, sim);
    await other.close();
    await (await findByRole(region, 'button', 'Refresh')).click();
    const text = await waitFor(async () => {
      const t = await textOf(region);
      return /not logged in/i.test(t) ? t : null;
    }, 'the not-logged-in sentence');
    expect(text).toMatch(/Not logged in to NetBox/);
    await screenshot(page, 'panel-logged-out');
    await page.close();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
