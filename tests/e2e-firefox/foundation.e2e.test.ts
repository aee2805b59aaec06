// The Firefox build installs in Firefox ESR as an MV3 add-on, its background (an event page)
// runs, extension pages open and can be read, the content script runs on an added NetBox and
// nowhere else, and the background reaches the logs proxy with the user's NetBox session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADDON_ID, countByRole, findByRole, launchWithExtension, pageUrl, screenshot, textOf, type FirefoxExtension } from './firefox';
import { addInstance, control, launcher, logIn, logOut, startNetBox, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
let plain: Server;
let plainUrl: string;

beforeAll(async () => {
  sim = await startNetBox();
  // A page on another loopback origin that is not NetBox: the extension must stay out.
  plain = createServer((_, res) => res.end('<!doctype html><html><body><p>Not NetBox</p></body></html>'));
  await new Promise<void>((r) => plain.listen(0, 'localhost', r));
  plainUrl = `http://localhost:${(plain.address() as AddressInfo).port}/`;
  // As installed: the sidebar is left as Firefox put it (see the sidebar test).
  ext = await launchWithExtension({ keepSidebar: true });
});

afterAll(async () => {
  await ext?.close();
  await sim?.close();
  plain?.close();
});

/** What the background gets from the logs proxy, fetched in the background's own window. */
function backgroundFetchProxy(): Promise<{ status: number; body: string }> {
  return ext.inBackground(async (bg, url) => {
    const res = await (bg as unknown as Window).fetch(url, { credentials: 'include' });
    return { status: res.status, body: await res.text() };
  }, `${sim.baseUrl}/api/plugins/proxbox/logs/?limit=1`);
}

describe('firefox foundation', () => {
  it('installs the MV3 build as a temporary add-on with the pinned internal UUID', async () => {
    expect(ext.addonId).toBe(ADDON_ID);
    const info = await ext.inExtension((api) => ({ root: api.runtime.getURL(''), manifest: api.runtime.getManifest() }));
    expect(info.root).toBe(`moz-extension://${ext.uuid}/`);
    expect(info.manifest).toMatchObject({
      manifest_version: 3,
      name: 'Proxbox Backend Logs',
      // Firefox's getManifest() resolves the extension's own paths to moz-extension URLs.
      background: { scripts: [ext.extensionUrl('background.js')] },
      sidebar_action: { default_panel: ext.extensionUrl('sidepanel.html') },
      action: { default_popup: ext.extensionUrl('popup.html') },
      options_ui: { page: ext.extensionUrl('options.html') },
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      browser_specific_settings: { gecko: { id: ADDON_ID, strict_min_version: '128.0' } },
    });
    expect(info.manifest.permissions).not.toContain('sidePanel');
    expect(info.manifest.background.service_worker ?? undefined).toBeUndefined();
  });

  it('runs the background event page, which the e2e build exposes as proxboxWorker', async () => {
    const status = await ext.inBackground(async (bg) => {
      if (!bg.proxboxWorker) return null;
      await bg.proxboxWorker.ready;
      return bg.proxboxWorker.getStatus();
    });
    expect(status).toEqual([]);
    expect(await ext.badgeText()).toBe('');
  });

  it('does not open the sidebar at install (sidebar_action.open_at_install: false)', async () => {
    // Firefox opens an add-on's sidebar on install unless the manifest says otherwise; Chrome
    // never opens a side panel by itself. A logs view open from the start also marks every
    // error as seen, so the badge would never show one.
    const open = await ext.inExtension((api) => api.sidebarAction.isOpen({}) as Promise<boolean>);
    if (open) await ext.closeSidebar();
    expect(open).toBe(false);
  });

  it('holds the declared loopback host permissions (granted by the temporary install) and no others', async () => {
    const granted = await ext.inExtension(async (api) => ({
      loopback: await api.permissions.contains({ origins: ['http://127.0.0.1/*'] }),
      localhost: await api.permissions.contains({ origins: ['http://localhost/*'] }),
      other: await api.permissions.contains({ origins: ['https://netbox.example.com/*'] }),
    }));
    expect(granted).toEqual({ loopback: true, localhost: true, other: false });
  });

  it('opens an extension page in a tab and reads it', async () => {
    const options = await ext.openExtensionPage('options.html');
    expect(await pageUrl(options)).toBe(ext.extensionUrl('options.html'));
    expect(await options.evaluate(() => typeof (globalThis as { browser?: unknown }).browser)).toBe('object');
    const heading = await findByRole(options, 'heading');
    expect(await textOf(heading)).toMatch(/\S/);
    await screenshot(options, 'foundation-options');
    await options.close();
  });

  it('runs the content script on an added NetBox page and not on a non-NetBox page', async () => {
    const page = await ext.newPage();
    await logIn(page, sim);
    await addInstance(ext, sim.baseUrl);

    const registered = await ext.inExtension((api) => api.scripting.getRegisteredContentScripts());
    expect(registered).toEqual([expect.objectContaining({ matches: ['http://127.0.0.1/*'] })]);

    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await launcher(page);
    expect(await countByRole(page, 'button', 'Backend Logs')).toBe(1);
    await screenshot(page, 'foundation-netbox-page');

    const other = await ext.newPage();
    await other.goto(plainUrl);
    await other.waitForSelector('p');
    // The content script is registered for the added origin only; localhost is another origin.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countByRole(other, 'button', 'Backend Logs')).toBe(0);
    await other.close();
    await page.close();
  });

  it('fetches the logs proxy from the background with the session, and gets 403 after logout', async () => {
    const page = await ext.newPage();
    await logIn(page, sim);
    await control(sim.origin, 'logs', { level: 'INFO', module: 'sync', message: 'hello from the backend' });
    const ok = await backgroundFetchProxy();
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ logs: expect.any(Array), total: expect.any(Number) });

    await logOut(page, sim);
    const denied = await backgroundFetchProxy();
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({ detail: 'Authentication credentials were not provided.' });
    await page.close();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
