// Runtime origin permissions in Firefox MV3: the production build declares no host
// permission, only optional_host_permissions (http://*/*, https://*/*). Adding a NetBox asks
// for its origin; with that granted the content script runs there; revoked, it stops.
//
// Headless Firefox cannot click a permission prompt. The pref
// extensions.webextOptionalPermissionPrompts = false makes Firefox grant a permissions.request
// without one (the same path as the user's "Allow"), so this file installs the production
// build with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { findByRole, PRODUCTION_DIR, sleep, textOf, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, logIn, netBoxWithFirefox, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox({ extensionDir: PRODUCTION_DIR, prefs: { 'extensions.webextOptionalPermissionPrompts': false } }));
});

afterAll(() => closeAll(ext, sim));

/**
 * What the page shows of the panel (null: no host). The production build closes the panel's
 * shadow root, so from the page the launcher is the host element under its place: fixed
 * 1rem from the window's bottom right corner, 2.25rem high (components/panel.css).
 */
function panelHost(page: Page): Promise<{ launcherShown: boolean } | null> {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    return host ? { launcherShown: document.elementFromPoint(window.innerWidth - 40, window.innerHeight - 30) === host } : null;
  }, PANEL_HOST_ID);
}

function holdsLoopback(): Promise<boolean> {
  return ext.inExtension((api) => api.permissions.contains({ origins: ['http://127.0.0.1/*'] }) as Promise<boolean>);
}

describe('firefox: runtime host permissions (production build)', () => {
  it('declares no host permission and holds none at install', async () => {
    const info = await ext.inExtension(async (api) => ({ manifest: api.runtime.getManifest(), granted: await api.permissions.getAll() }));
    expect(info.manifest.host_permissions ?? []).toEqual([]);
    expect(info.manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(info.granted.origins).toEqual([]);
  });

  it('asks for the origin when a NetBox is added, then runs the panel there', async () => {
    const page = await ext.newPage();
    await logIn(page, sim);
    await addInstance(ext, sim.baseUrl);
    expect(await holdsLoopback()).toBe(true);

    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await waitFor(async () => (await panelHost(page))?.launcherShown, 'the launcher drawn in the page', 15_000);
    await page.close();
  });

  it('stops running on the origin once the permission is taken back', async () => {
    await ext.inExtension((api) => api.permissions.remove({ origins: ['http://127.0.0.1/*'] }));
    expect(await holdsLoopback()).toBe(false);
    await waitFor(
      async () => (await ext.inExtension((api) => api.scripting.getRegisteredContentScripts())).length === 0,
      'the content script to be unregistered',
    );
    const page = await ext.newPage();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.waitForSelector('h1');
    await sleep(1000);
    expect(await panelHost(page)).toBeNull();
    await page.close();

    // The options page says so and offers to ask again.
    const options = await ext.openExtensionPage('options.html');
    const allow = await findByRole(options, 'button', 'Allow access');
    expect(await textOf(allow)).toBe('Allow access');
    await options.close();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
