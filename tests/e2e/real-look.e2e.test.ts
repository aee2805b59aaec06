// The extension on the pages recorded from a real NetBox 4.5 (look 'real', with Tabler's
// CSS and NetBox's setmode.js): the content script finds the page, the panel opens and
// shows the logs, on light and dark mode as setmode.js sets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;

beforeAll(async () => {
  sim = await startNetBox({ look: 'real' });
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe("the recorded NetBox pages (look 'real')", () => {
  it('logs in with the recorded form, and the panel works on the recorded devices page in both modes', async () => {
    const page = await browser.ctx.newPage();
    await logIn(page, sim); // the recorded form: #id_username, #id_password
    await addInstance(browser, sim.baseUrl);
    await control(sim.origin, 'logs', { level: 'ERROR', module: 'devices', message: 'Real look: device sync failed' });

    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    expect(await page.locator('html').getAttribute('data-bs-theme')).toBe('light'); // set by setmode.js
    const region = await openPanel(page);
    await expect.poll(() => region.getByText('Real look: device sync failed').count()).toBe(1);
    await screenshot(page, 'real-look-devices-light');

    await page.evaluate(() => localStorage.setItem('netbox-color-mode', 'dark'));
    await page.reload();
    expect(await page.locator('html').getAttribute('data-bs-theme')).toBe('dark');
    const dark = await openPanel(page);
    await expect.poll(() => dark.getByText('Real look: device sync failed').count()).toBe(1);
    await screenshot(page, 'real-look-devices-dark');
    await page.close();
  });

  it('throws no uncaught error in any page', () => {
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
