// Journey: the panel left open, from one NetBox page to the next, in Firefox ESR. The
// content script is registered at document_start, the worker asks for the panel's first
// page as each page's document answers (webRequest) or as the page starts, and the rows
// come with that one answer, made with the session of now: the browser behaviours the
// design rests on (docs/browser-facts.md), measured in Chromium, hold here too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { firstPageRequests } from '../simulator/test-client';
import { findByRole, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, logOut, netBoxWithFirefox, openPanel, textBecomes, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
  await control(sim.origin, 'logs', { count: 30, level: 'INFO', message: 'first screen' });
  page = await ext.newPage();
  await logIn(page, sim, 'admin', '/dcim/devices/');
  await addInstance(ext, sim.baseUrl);
  await page.goto(`${sim.baseUrl}/dcim/devices/`);
  const region = await openPanel(page); // left open from now on
  await textBecomes(region, (t) => t.includes('Showing 30 of 30'), 'the first page in the panel');
});

afterAll(() => closeAll(ext, sim));

/** The panel on this page, open by itself (never clicked open here). */
const leftOpenPanel = () => findByRole(page, 'region', 'Backend Logs', 15_000);

describe('firefox: the panel left open, from one NetBox page to the next', () => {
  it("has the panel's code come with each page of that NetBox (registered at document_start while it is left open)", async () => {
    const registered = () =>
      ext.inExtension(async (api) => (await api.scripting.getRegisteredContentScripts()).map((s: { id: string; runAt?: string; js?: string[] }) => `${s.id} ${s.runAt}: ${(s.js ?? []).join(' ')}`));
    await waitFor(async () => {
      const scripts = await registered();
      return scripts.length === 1 && scripts[0] === 'proxbox-logs-open document_start: content-panel.js content-scripts/content.js';
    }, 'the open-panel registration');
  });

  it('shows its rows on each new page after one request, made as the page started', async () => {
    for (const path of ['/dcim/sites/', '/', '/dcim/devices/']) {
      await control(sim.origin, 'requests/clear');
      await page.goto(`${sim.baseUrl}${path}`);
      await textBecomes(await leftOpenPanel(), (t) => t.includes('Showing 30 of 30'), `the rows on ${path}`);
      const requests = await firstPageRequests(sim.origin);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.status).toBe(200);
    }
  });

  it('after a logout, the next user sees only what their own session may read, never the rows before', async () => {
    await logOut(page, sim);
    await logIn(page, sim, 'viewer', '/dcim/devices/'); // no permission to view the backend's logs
    const region = await leftOpenPanel();
    const text = await textBecomes(region, (t) => t.includes('No permission to view backend logs'), 'the no-permission sentence');
    expect(text).not.toContain('first screen');
    expect(text).toMatch(/Showing 0\b/);
    await logOut(page, sim);
    await logIn(page, sim, 'admin', '/dcim/devices/');
    await textBecomes(await leftOpenPanel(), (t) => t.includes('Showing 30 of 30'), 'the rows again for admin');
  });
});
