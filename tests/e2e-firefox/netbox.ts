// Journeys on the simulated NetBox, as a user does them in Firefox (puppeteer-core).
import type { ElementHandle, Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../simulator/index';
import { control } from '../simulator/test-client';
import { countByRole, fill, findByRole, launchWithExtension, queryAllByRole, textOf, waitFor, type FirefoxExtension, type LaunchOptions } from './firefox';

export { control };
export type { Simulator };

/** The documented logs proxy world ('proxy'): these journeys read logs through NetBox. */
export async function startNetBox(opts: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  return startSimulator({ plugin: 'proxy', writerRate: 0, seed: 7, ...opts });
}

/** The simulated NetBox and Firefox with the extension, as most journeys start. */
export async function netBoxWithFirefox(launch: LaunchOptions = {}): Promise<{ sim: Simulator; ext: FirefoxExtension }> {
  const sim = await startNetBox();
  try {
    return { sim, ext: await launchWithExtension(launch) };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** Closes what netBoxWithFirefox started (either may be missing after a failed start). */
export async function closeAll(ext: FirefoxExtension | undefined, sim: Simulator | undefined): Promise<void> {
  await ext?.close();
  await sim?.close();
}

export async function logIn(page: Page, sim: Simulator, user = 'admin', next = '/'): Promise<void> {
  await page.goto(`${sim.baseUrl}/login/?next=${encodeURIComponent(sim.basePath + next)}`);
  await fill((await page.waitForSelector('#id_username'))!, user);
  const password = (await page.waitForSelector('#id_password'))!;
  await fill(password, user);
  // Enter in the form, not a click on "Log in": the docked logs panel (open when it was
  // left open on this NetBox) may cover the button.
  await Promise.all([page.waitForNavigation(), password.press('Enter')]);
  if (new URL(page.url()).pathname.endsWith('/login/')) throw new Error(`login as ${user} failed`);
}

export async function logOut(page: Page, sim: Simulator): Promise<void> {
  await page.goto(`${sim.baseUrl}/`);
  const button = (await page.waitForSelector('#logout'))!;
  await button.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Adds a NetBox instance on the options page, as a user would, and waits for it to be listed. */
export async function addInstance(ext: FirefoxExtension, url: string): Promise<void> {
  const options = await ext.openExtensionPage('options.html');
  try {
    await fill(await findByRole(options, 'textbox', 'NetBox URL'), url);
    await (await findByRole(options, 'button', 'Add')).click();
    await findByRole(options, 'button', 'Remove', 10_000);
  } finally {
    await options.close();
  }
}

/** The content panel's launcher on a NetBox page (in the panel's shadow root). */
export function launcher(page: Page, timeoutMs = 15_000): Promise<ElementHandle> {
  return findByRole(page, 'button', 'Backend Logs', timeoutMs);
}

/** Opens the in-page panel (if it is not open) and returns its region. */
export async function openPanel(page: Page): Promise<ElementHandle> {
  const button = await launcher(page);
  if ((await countByRole(page, 'region', 'Backend Logs')) === 0) await button.click();
  return findByRole(page, 'region', 'Backend Logs');
}

/** The rows of the panel's log table, as the text of their cells (header row left out). */
export async function tableRows(region: ElementHandle): Promise<string[][]> {
  return region.evaluate((r) => {
    const table = r.querySelector('[role="treegrid"]');
    if (!table) return [];
    return [...table.querySelectorAll('[role="row"]')]
      .filter((row) => row.querySelector('[role="gridcell"]'))
      .map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((c) => (c as HTMLElement).innerText.trim()));
  });
}

/** Waits until the panel's table shows rows passing `test`; returns them. */
export function waitForRows(region: ElementHandle, test: (rows: string[][]) => boolean, what: string, timeoutMs = 15_000): Promise<string[][]> {
  return waitFor(
    async () => {
      const rows = await tableRows(region);
      return test(rows) ? rows : null;
    },
    what,
    timeoutMs,
  );
}

/** Waits until the element's visible text passes `test`; returns it. */
export function textBecomes(el: ElementHandle, test: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  return waitFor(async () => {
    const text = await textOf(el);
    return test(text) ? text : null;
  }, what, timeoutMs);
}

/** Sets an instance's polling interval on the options page and saves it, as a user would. */
export async function setPollInterval(ext: FirefoxExtension, seconds: number): Promise<void> {
  const options = await ext.openExtensionPage('options.html');
  try {
    await fill(await findByRole(options, 'spinbutton', 'Polling interval (seconds)'), String(seconds));
    await (await findByRole(options, 'button', 'Save')).click();
    await waitFor(
      async () => {
        const statuses = await queryAllByRole(options, 'status');
        for (const s of statuses) if ((await textOf(s)).includes('Saved')) return true;
        return false;
      },
      '"Saved" on the options page',
    );
  } finally {
    await options.close();
  }
}

/** The worker's status of each instance (from the e2e build's background). */
export function workerStatus(ext: FirefoxExtension) {
  return ext.inBackground(async (bg) => {
    await bg.proxboxWorker!.ready;
    return bg.proxboxWorker!.getStatus();
  });
}

/** Waits until the worker has polled every instance successfully at least once. */
export function waitForFirstPoll(ext: FirefoxExtension, timeoutMs = 15_000) {
  return waitFor(
    async () => {
      const statuses = await workerStatus(ext);
      return statuses.length > 0 && statuses.every((s) => s.lastSuccessAt != null) ? statuses : null;
    },
    'a first successful poll of every instance',
    timeoutMs,
  );
}
