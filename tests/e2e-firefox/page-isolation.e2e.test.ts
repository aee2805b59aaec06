// What a NetBox page's own scripts can reach of the panel in Firefox, with its shadow roots
// closed as users get them (docs/security.md; the Chromium suite's page-isolation test does
// the same with the content script's messages too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { ADDON_ID, launchWithExtension, screenshot, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  sim = await startNetBox();
  ext = await launchWithExtension({ shadowRoots: 'closed' });
  page = await ext.newPage();
  await logIn(page, sim);
  await addInstance(ext, sim.baseUrl);
  // Left open on this NetBox: the panel opens by itself, and the page's layout makes room for
  // it (a spacer after the host grows) once its first screen is drawn.
  await ext.inExtension((api, id) => api.storage.local.set({ panelLayout: { [id]: { open: true, height: null } } }), sim.baseUrl);
  await control(sim.origin, 'logs', { level: 'ERROR', module: 'sync', message: 'Firefox secret traceback line 7' });
});

afterAll(async () => {
  await ext?.close();
  await sim?.close();
});

/** What the page's main world gets of the panel's host. */
function hostSeenByPage() {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    return host
      ? { hosts: document.querySelectorAll(`#${id}`).length, shadowRoot: host.shadowRoot === null ? null : 'readable', height: host.getBoundingClientRect().height, connected: host.isConnected }
      : null;
  }, PANEL_HOST_ID);
}

describe('firefox: the NetBox page and the panel', () => {
  it('cannot read the panel: the shadow root is closed and the page’s text holds none of it', async () => {
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const seen = await waitFor(async () => {
      const h = await hostSeenByPage();
      return h && h.height > 100 ? h : null;
    }, 'the open panel, its first screen drawn');
    expect(seen).toEqual({ hosts: 1, shadowRoot: null, height: seen.height, connected: true });
    await screenshot(page, 'page-isolation-closed-root');
    const text = await page.evaluate(() => `${document.documentElement.textContent}\n${document.body.innerText}\n${document.documentElement.outerHTML}`);
    expect(text).not.toContain('Firefox secret traceback');
    expect(text).not.toContain('Auto-refresh'); // the panel's own words
  });

  it('nothing the page forges (WXT’s messages, a CustomEvent, attributes, removing the host) takes the panel away', async () => {
    await page.evaluate(
      (started, id) => {
        const detail = { contentScriptName: 'content', messageId: 'forged-by-the-page' };
        window.postMessage({ type: started, ...detail }, '*');
        document.dispatchEvent(new CustomEvent(started, { detail }));
        document.documentElement.setAttribute('data-proxbox-logs-owner', 'forged-by-the-page');
        document.getElementById(id)!.remove();
      },
      `${ADDON_ID}:content:wxt:content-script-started`,
      PANEL_HOST_ID,
    );
    // Put back at once, whole: still the open panel.
    const seen = await waitFor(async () => {
      const h = await hostSeenByPage();
      return h?.connected && h.height > 100 ? h : null;
    }, 'the panel back in the page');
    expect(seen.hosts).toBe(1);
  });

  it('known limit (docs/security.md): Firefox’s window.find() searches the closed root too, so a page can test for a text it guesses', async () => {
    const found = await page.evaluate(() => {
      const win = window as unknown as { find(text: string): boolean };
      const guessed = win.find('Firefox secret traceback line 7');
      getSelection()?.removeAllRanges();
      return { guessed, unguessed: win.find('Firefox secret traceback line 8') };
    });
    expect(found).toEqual({ guessed: true, unguessed: false });
  });
});
