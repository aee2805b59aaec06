// Journeys on the simulated NetBox, as a user does them in the browser.
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../simulator/index';
import { control } from '../simulator/test-client';
import { launchWithExtension, type ExtensionBrowser } from './browser';

export { control };
export type { Simulator };

/** The documented logs proxy world ('proxy'): these journeys read logs through NetBox. */
export async function startNetBox(opts: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  return startSimulator({ plugin: 'proxy', writerRate: 0, seed: 7, ...opts });
}

export async function logIn(page: Page, sim: Simulator, user = 'admin', next = '/'): Promise<void> {
  await page.goto(`${sim.baseUrl}/login/?next=${encodeURIComponent(sim.basePath + next)}`);
  await page.fill('#id_username', user);
  await page.fill('#id_password', user);
  // Enter, not a click: an open Backend Logs panel may cover the button on small viewports.
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login/')), page.press('#id_password', 'Enter')]);
}

export async function logOut(page: Page, sim: Simulator): Promise<void> {
  await page.goto(`${sim.baseUrl}/`);
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/login/')), page.click('#logout')]);
}

/** Adds a NetBox instance on the options page, as a user would, and waits for it to be listed. */
export async function addInstance(browser: ExtensionBrowser, url: string): Promise<void> {
  const options = await browser.openExtensionPage('options.html');
  await options.getByRole('textbox', { name: 'NetBox URL' }).fill(url);
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await options.getByRole('button', { name: 'Remove' }).first().waitFor();
  await options.close();
}

/** The simulated NetBox and Chromium with the extension, logged in, the instance added. */
export async function netBoxWithExtension(): Promise<{ sim: Simulator; browser: ExtensionBrowser }> {
  const sim = await startNetBox();
  const browser = await launchWithExtension();
  const page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  await page.close();
  return { sim, browser };
}

/** Closes what netBoxWithExtension started (either may be missing after a failed start). */
export async function closeAll(browser: ExtensionBrowser | undefined, sim: Simulator | undefined): Promise<void> {
  await browser?.close();
  await sim?.close();
}
