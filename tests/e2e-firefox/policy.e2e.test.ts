// Rolling out to a team, in Firefox ESR: a policies.json of the test's own (./policy-firefox.ts)
// sets the simulated NetBox for the production build, which holds no site permission. Firefox
// hands the extension the policy as written, so every wrong entry reaches it and is named.
// Headless Firefox cannot click a permission prompt: extensions.webextOptionalPermissionPrompts
// = false grants a permissions.request as the user's "Allow" would (as in permissions.e2e.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByRole, findByRole, launchWithExtension, PRODUCTION_DIR, queryAllByRole, screenshot, textOf, waitFor, type FirefoxExtension } from './firefox';
import { closeAll, control, logIn, startNetBox, type Simulator } from './netbox';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { policyFirefox, type PolicyFirefox } from './policy-firefox';

let ext: FirefoxExtension;
let sim: Simulator;
let policy: PolicyFirefox;
/** A NetBox the policy sets on another origin (nothing answers there). */
const SECOND = 'http://127.0.0.2:9';

beforeAll(async () => {
  // Firefox reads policies when it starts: the simulator runs first, so the policy can name it.
  sim = await startNetBox();
  policy = await policyFirefox({
    instances: [
      { url: sim.baseUrl, pollIntervalSec: 60, badgeLevels: ['ERROR', 'CRITICAL'] },
      { url: 'ftp://netbox.example.com' },
      { url: SECOND, pollIntervalSec: '60', apiKey: 'never-shown-anywhere', colour: 'blue' },
    ],
    allowUserInstances: false,
    surprise: true,
  });
  ext = await launchWithExtension({
    extensionDir: PRODUCTION_DIR,
    prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    executablePath: policy.executablePath,
  });
});

afterAll(async () => {
  await closeAll(ext, sim);
  await policy?.remove();
});

describe('firefox: a policy in effect', () => {
  it('names every wrong entry, the rest applies', async () => {
    const options = await ext.openExtensionPage('options.html');
    const section = await findByRole(options, 'region', 'Set by your administrator', 15_000);
    const problems = await Promise.all((await queryAllByRole(section, 'listitem')).map(textOf));
    expect(problems).toEqual([
      '"surprise" is not a setting of Proxbox Backend Logs; it was ignored.',
      '"instances[1].url" ("ftp://netbox.example.com") is not a NetBox address: Only http:// and https:// addresses are supported. That instance was left out.',
      '"instances[2].apiKey": a key is never part of a policy, so it was ignored; each user enters the backend\'s API key once on this page.',
      '"instances[2].colour" is not a setting of a NetBox instance; it was ignored.',
      '"instances[2].pollIntervalSec" must be a whole number of seconds, not text; it was ignored.',
    ]);
    const page = await options.evaluate(() => document.body.innerText);
    expect(page).not.toContain('never-shown-anywhere');
    expect(page).toContain('Your administrator set 2 NetBox instances for this browser. Adding others is turned off.');
    expect(await countByRole(options, 'textbox', 'NetBox URL')).toBe(0);
    await screenshot(options, 'options-policy');
    await options.close();
  });

  it('asks for every origin the policy names in one click, and then its content script runs on its pages', async () => {
    const options = await ext.openExtensionPage('options.html');
    const section = await findByRole(options, 'region', 'Set by your administrator', 15_000);
    expect(await textOf(section)).toContain('The browser still needs your permission to reach http://127.0.0.1, http://127.0.0.2.');
    await (await findByRole(section, 'button', 'Allow access to all 2')).click();
    await waitFor(async () => !(await textOf(section)).includes('still needs your permission'), 'the permissions to be granted');
    const granted = await ext.inExtension(async (api) => (await api.permissions.getAll()).origins as string[]);
    expect([...granted].sort()).toEqual(['http://127.0.0.1/*', 'http://127.0.0.2/*']);
    const card = await findByRole(options, 'article', sim.baseUrl.replace(/^https?:\/\//, ''));
    expect(await textOf(card)).toContain('Set by your administrator');
    expect(await countByRole(card, 'button', 'Remove')).toBe(0);
    await options.close();

    await control(sim.origin, 'logs', { count: 2, level: 'ERROR', message: 'team sync failed in firefox' });
    const page = await ext.newPage();
    await logIn(page, sim, 'admin', '/dcim/devices/');
    // The production build's panel is in a closed shadow root, which the harness cannot read:
    // here its content script runs on the policy's NetBox (its host appears in the page). The
    // panel's rows for a policy instance are checked in Chromium (tests/e2e/policy.e2e.test.ts),
    // where the e2e build opens roots for the harness.
    await waitFor(() => page.evaluate((id) => document.getElementById(id) !== null, PANEL_HOST_ID), 'the panel host on the policy NetBox page', 15_000);
    await page.close();
    expect(await ext.errors()).toEqual([]);
  });
});
