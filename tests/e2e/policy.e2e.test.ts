// Rolling out to a team: Chromium with an administrator's policy in effect (read from
// /etc/chromium/policies/managed/, which only this browser sees: ./policy-chromium.ts). The
// instance it sets works as if the user had added it, the options page says who set it and
// names what is wrong, and a change of policy applies while the browser runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSerious, scan } from './axe';
import { launchWithExtension, screenshot, type ExtensionBrowser, pollWorkerNow } from './browser';
import { control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, shownText } from './panel-helpers';
import { policyChromium, type PolicyChromium } from './policy-chromium';

let sim: Simulator;
let chromiumWithPolicy: PolicyChromium;
let browser: ExtensionBrowser;
/** A NetBox on an origin the e2e build holds no permission for (it declares 127.0.0.1 only). */
const UNGRANTED = 'http://127.0.0.2:8000';

function firstPolicy() {
  return {
    instances: [
      { url: sim.baseUrl, pollIntervalSec: 5, badgeLevels: ['ERROR', 'CRITICAL'], apiKey: 'never-a-policy-key' },
      { url: UNGRANTED },
      { url: 'ftp://netbox.example.com' },
    ],
    allowUserInstances: false,
  };
}

beforeAll(async () => {
  sim = await startNetBox();
  chromiumWithPolicy = await policyChromium();
  await chromiumWithPolicy.setPolicy(firstPolicy());
  browser = await launchWithExtension({ executablePath: chromiumWithPolicy.executablePath });
  const page = await browser.ctx.newPage();
  await logIn(page, sim);
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await chromiumWithPolicy?.remove();
  await sim?.close();
});

const options = () => browser.openExtensionPage('options.html');
const card = (page: Page, label: string) => page.getByRole('article', { name: label });
const simLabel = () => sim.baseUrl.replace(/^https?:\/\//, '');

describe('a policy in effect', () => {
  it('reaches the unpacked extension by the id its path gives, as Chromium checked it against the schema', async () => {
    expect(browser.extensionId).toBe(chromiumWithPolicy.extensionId);
    const sw = await browser.worker();
    const managed = await sw.evaluate(() => chrome.storage.managed.get());
    // Chromium removes what the schema does not declare (the key) before the extension sees it.
    expect(managed).toEqual({ ...firstPolicy(), instances: firstPolicy().instances.map(({ apiKey: _key, ...rest }) => rest) });
  });

  it('shows the instance as "Set by your administrator", names the bad entry and offers one button for the missing origin', async () => {
    const page = await options();
    const team = card(page, simLabel());
    await expect.poll(() => team.getByText('Set by your administrator', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await expect(team.getByRole('button', { name: 'Remove' }).count()).resolves.toBe(0);
    await expect(team.getByRole('spinbutton', { name: 'Polling interval (seconds)' }).getAttribute('readonly')).resolves.not.toBeNull();
    await expect(team.getByRole('checkbox', { name: 'ERROR' }).isDisabled()).resolves.toBe(true);

    const policy = page.getByRole('region', { name: 'Set by your administrator' });
    await expect(policy.getByText('Your administrator set 2 NetBox instances for this browser. Adding others is turned off.').count()).resolves.toBe(1);
    await expect(policy.getByRole('listitem').allTextContents()).resolves.toEqual([
      '"instances[2].url" ("ftp://netbox.example.com") is not a NetBox address: Only http:// and https:// addresses are supported. That instance was left out.',
    ]);
    // Headless Chromium cannot answer the prompt (docs/browser-facts.md): the button is
    // shown for the one origin the browser withholds; the prompt itself is unit-tested.
    await expect(policy.getByText('The browser still needs your permission to reach http://127.0.0.2:8000.').count()).resolves.toBe(1);
    await expect(policy.getByRole('button', { name: 'Allow access' }).count()).resolves.toBe(1);
    await expect(page.getByRole('textbox', { name: 'NetBox URL' }).count()).resolves.toBe(0);

    await team.getByText('logged in').first().waitFor();
    for (const [scheme, width] of [['light', 1000], ['dark', 1000], ['light', 400]] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 1000 });
      const name = `options-policy-${scheme}${width === 400 ? '-400' : ''}`;
      expectNoSerious(await scan(page), name);
      await screenshot(page, name);
    }
    await page.close();
  });

  it('works on its pages as if the user had added it: the panel shows the logs, the badge counts its errors', async () => {
    await control(sim.origin, 'logs', { count: 4, message: 'team sync entry' });
    await control(sim.origin, 'logs', { count: 2, level: 'ERROR', message: 'team sync failed' });
    const page = await browser.ctx.newPage();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 6 of 6');
    await expect(logs.getByRole('row').filter({ hasText: 'team sync failed' }).count()).resolves.toBe(2);
    await screenshot(page, 'policy-panel');
    await page.close();

    await control(sim.origin, 'logs', { count: 3, level: 'CRITICAL', message: 'later failure' });
    const sw = await browser.worker();
    await pollWorkerNow(sw);
    await expect.poll(() => sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('3');
  });

  it('applies a change of policy while the browser runs', async () => {
    const page = await options();
    await chromiumWithPolicy.setPolicy({ instances: [{ url: sim.baseUrl, pollIntervalSec: 7 }] });
    // Chromium reads the folder again a few seconds after a change (about 5 s here).
    const interval = card(page, simLabel()).getByRole('spinbutton', { name: 'Polling interval (seconds)' });
    await expect.poll(() => interval.inputValue(), { timeout: 30_000 }).toBe('7');
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'is not a NetBox address' }).count()).toBe(0);
    // Users may add their own again; the instance the policy no longer sets stays, as theirs.
    await page.getByRole('textbox', { name: 'NetBox URL' }).waitFor();
    await expect(card(page, '127.0.0.2:8000').getByRole('button', { name: 'Remove' }).count()).resolves.toBe(1);
    await expect(card(page, simLabel()).getByText('Set by your administrator', { exact: true }).count()).resolves.toBe(1);
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
