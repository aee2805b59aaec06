// Least privilege in the running browser: after a full journey (add an instance, panel,
// side panel, popup, failures, session expiry, badge polls), every request the extension
// made went to the added NetBox and nowhere else; a second NetBox the user is logged in to
// but did not add (another site: `localhost` instead of `127.0.0.1`) saw no request from
// it; and no secret (session cookie, CSRF token, API keys) is in any storage area or any
// console message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage, Page, Request, Worker } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, panel, shownText } from './panel-helpers';
import { DEFAULT_API_TOKENS } from '../simulator/auth';

let browser: ExtensionBrowser;
let netbox: Simulator; // added to the extension
let other: Simulator; // another NetBox, on another site, not added
let page: Page;

interface SeenRequest {
  url: string;
  method: string;
  /** 'worker' (the extension's service worker), or the URL of the frame that made it. */
  from: string;
  resourceType: string;
  navigation: boolean;
  cookie: string;
}
const requests: SeenRequest[] = [];
const pendingHeaders: Promise<unknown>[] = [];
const consoleLines: string[] = [];
/** Every session cookie and CSRF token value the browser held during the journey. */
const cookieSecrets = new Map<string, string>();

async function collectSecrets(): Promise<void> {
  for (const c of await browser.ctx.cookies()) {
    if (c.name === 'sessionid' || c.name === 'csrftoken') cookieSecrets.set(`${c.name}@${c.domain}=${c.value.slice(0, 4)}`, c.value);
  }
}

interface SimRecord {
  method: string;
  path: string;
  session: boolean;
  server: string;
}
async function record(sim: Simulator): Promise<SimRecord[]> {
  const res = await fetch(`${sim.origin}/__sim/requests`);
  return ((await res.json()) as { requests: SimRecord[] }).requests;
}

type Status = { instanceId: string; count: number; state: string; lastSuccessAt: number | null; lastError?: { kind: string } };
async function workerStatus(): Promise<Status[]> {
  const sw = await browser.worker();
  return sw.evaluate(async () => {
    const w = (globalThis as unknown as { proxboxWorker: { ready: Promise<void>; getStatus(): Promise<unknown> } }).proxboxWorker;
    await w.ready;
    return w.getStatus();
  }) as Promise<Status[]>;
}
async function lastSuccess(): Promise<number> {
  return (await workerStatus())[0]?.lastSuccessAt ?? 0;
}
/** Waits for `n` more successful badge polls (the worker polls every second here). */
async function morePolls(n: number): Promise<void> {
  let last = await lastSuccess();
  for (let i = 0; i < n; i++) {
    const before = last;
    await expect.poll(lastSuccess, { timeout: 15_000 }).toBeGreaterThan(before);
    last = await lastSuccess();
  }
}

function watchWorker(sw: Worker): void {
  sw.on('console', (m: ConsoleMessage) => consoleLines.push(`[worker] ${m.type()}: ${m.text()}`));
}

beforeAll(async () => {
  netbox = await startNetBox();
  other = await startNetBox({ host: 'localhost', seed: 8 });
  browser = await launchWithExtension();
  const { ctx } = browser;
  ctx.on('request', (r: Request) => {
    let from = 'worker';
    if (!r.serviceWorker()) {
      try {
        from = r.frame().url();
      } catch {
        from = 'unknown';
      }
    }
    const seen: SeenRequest = { url: r.url(), method: r.method(), from, resourceType: r.resourceType(), navigation: r.isNavigationRequest(), cookie: '' };
    requests.push(seen);
    pendingHeaders.push(
      r.allHeaders().then(
        (h) => (seen.cookie = h.cookie ?? ''),
        () => undefined,
      ),
    );
  });
  ctx.on('console', (m: ConsoleMessage) => consoleLines.push(`[${m.page()?.url() ?? '?'}] ${m.type()}: ${m.text()}`));
  ctx.serviceWorkers().forEach(watchWorker);
  ctx.on('serviceworker', watchWorker);
  page = await ctx.newPage();
});

afterAll(async () => {
  await browser?.close();
  await netbox?.close();
  await other?.close();
});

/** Sets the polling interval of the (only) instance on the options page, as a user does. */
async function setPollInterval(seconds: number): Promise<void> {
  const options = await browser.openExtensionPage('options.html');
  await options.getByRole('spinbutton', { name: 'Polling interval (seconds)' }).fill(String(seconds));
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await options.close();
}

describe('privacy', () => {
  it('goes through a full journey on the added NetBox while logged in to another one', async () => {
    await control(netbox.origin, 'burst', { count: 300 });
    await control(netbox.origin, 'logs', { level: 'ERROR', module: 'devices', message: 'Failed to sync device pve02', traceback: 'Traceback (most recent call last):\n  boom' });
    await control(other.origin, 'burst', { count: 50 });

    // The user is logged in to both NetBoxes and adds only the first.
    await logIn(page, other);
    await logIn(page, netbox);
    await collectSecrets();
    await addInstance(browser, netbox.baseUrl);
    await setPollInterval(1);
    await expect.poll(lastSuccess, { timeout: 15_000 }).toBeGreaterThan(0);

    // The panel in a NetBox page: load, filter, expand, copy, download.
    await page.goto(`${netbox.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toMatch(/^Showing 200 of 301$/);
    await logs.getByRole('switch', { name: 'Errors only' }).check();
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toMatch(/^Showing \d+ of \d+$/);
    await logs.locator('.pbl-scroll [role="row"] .pbl-cell--time').first().click();
    await logs.getByRole('button', { name: 'Copy entry' }).click();
    const download = page.waitForEvent('download');
    await logs.getByRole('button', { name: 'Download JSON' }).click();
    expect((await download).suggestedFilename()).toMatch(/^proxbox-logs-.*\.json$/);
    await logs.getByRole('switch', { name: 'Errors only' }).uncheck();

    // The side panel (as a tab) and the popup.
    const side = await browser.openExtensionPage('sidepanel.html');
    await expect.poll(() => shownText(panel(side)), { timeout: 15_000 }).toMatch(/^Showing 200 of 301$/);
    const popup = await browser.openExtensionPage('popup.html');
    await popup.getByText('127.0.0.1', { exact: false }).first().waitFor();

    // Failures: the backend down for a while, then every session ends and the user logs in again.
    await control(netbox.origin, 'fault', { mode: 'down', times: 4 });
    await expect.poll(async () => (await workerStatus())[0]?.lastError?.kind ?? null, { timeout: 15_000 }).toBe('backend-down');
    await morePolls(1);
    await control(netbox.origin, 'expire-sessions');
    await expect.poll(async () => (await workerStatus())[0]?.lastError?.kind ?? null, { timeout: 15_000 }).toBe('logged-out');
    await logIn(page, netbox, 'admin', '/dcim/devices/');
    await collectSecrets();
    await morePolls(1);
    await control(netbox.origin, 'logs', { level: 'CRITICAL', message: 'Sync aborted' });
    await morePolls(1);

    // The other NetBox: the user browses it; the extension must not act there.
    const otherPage = await browser.ctx.newPage();
    await otherPage.goto(`${other.baseUrl}/dcim/devices/`);
    await otherPage.getByRole('heading', { name: 'Devices' }).first().waitFor();
    await morePolls(3); // the extension was busy meanwhile: three more polls of the added one
    expect(await otherPage.locator('#proxbox-backend-logs').count()).toBe(0);
    expect(await otherPage.getByRole('button', { name: 'Backend Logs' }).count()).toBe(0);
    await screenshot(otherPage, 'privacy-other-netbox');

    await Promise.all([side.close(), popup.close(), otherPage.close()]);
    await Promise.all(pendingHeaders);
    expect(browser.uncaughtErrors).toEqual([]);
  });

  it('sent every extension request to the added NetBox, and nothing to the other one', async () => {
    const ext = `chrome-extension://${browser.extensionId}`;
    const origin = (u: string) => {
      if (u.startsWith(`${ext}/`)) return ext; // Node's URL gives 'null' for this scheme
      try {
        return new URL(u).origin;
      } catch {
        return u;
      }
    };
    const fromExtension = requests.filter((r) => r.from === 'worker' || r.from.startsWith(ext));
    // The worker's own fetches are visible to the test (Chromium reports service worker
    // requests to the context), so this list is not trivially empty.
    const workerRequests = fromExtension.filter((r) => r.from === 'worker' && !r.url.startsWith(ext));
    expect(workerRequests.length).toBeGreaterThan(3);
    const leaving = fromExtension.filter((r) => !r.url.startsWith(ext) && origin(r.url) !== netbox.origin);
    expect(leaving.map((r) => `${r.from} -> ${r.method} ${r.url}`)).toEqual([]);

    // Everything in the browser: only the two NetBoxes and the extension itself.
    const origins = new Set(requests.map((r) => origin(r.url)).filter((o) => !o.startsWith('data:') && !o.startsWith('blob:')));
    expect([...origins].sort()).toEqual([ext, netbox.origin, other.origin].sort());

    // What reached the other NetBox came from its own tab only (the user's navigations),
    // never from an extension page or the worker, and was never an API call.
    const toOther = requests.filter((r) => origin(r.url) === other.origin);
    expect(toOther.filter((r) => !r.from.startsWith(other.origin) && !r.navigation).map((r) => `${r.from} -> ${r.url}`)).toEqual([]);
    const otherRecord = await record(other);
    expect(otherRecord.length).toBeGreaterThan(0);
    expect(otherRecord.filter((r) => r.server !== 'netbox' || r.path.includes('/api/')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // The user's own page loads (and the browser's favicon request), nothing else.
    const userPaths = new Set(['GET /', 'GET /dcim/devices/', 'GET /login/', 'POST /login/', 'GET /favicon.ico']);
    const otherPaths = [...new Set(otherRecord.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`))];
    expect(otherPaths).toContain('GET /dcim/devices/');
    expect(otherPaths.filter((p) => !userPaths.has(p))).toEqual([]);

    // The added NetBox's own cookies never travelled anywhere else.
    const cookies = await browser.ctx.cookies(netbox.origin);
    const session = cookies.find((c) => c.name === 'sessionid')?.value;
    const csrf = cookies.find((c) => c.name === 'csrftoken')?.value;
    expect(session).toMatch(/\w{8,}/);
    expect(csrf).toMatch(/\w{8,}/);
    const carried = requests.filter((r) => origin(r.url) !== netbox.origin && (r.cookie.includes(session!) || r.cookie.includes(csrf!)));
    expect(carried.map((r) => r.url)).toEqual([]);

    // And the extension's calls to the added NetBox's API all carried its session (they need it).
    const api = (await record(netbox)).filter((r) => r.path.startsWith('/api/plugins/proxbox/logs/'));
    expect(api.length).toBeGreaterThan(10);
  });

  it('keeps no secret in any storage area or console message', async () => {
    await collectSecrets();
    const secrets = new Map(cookieSecrets);
    // Both NetBoxes' sessions and tokens, and the added one's again after it logged in anew.
    const names = [...secrets.keys()];
    for (const host of ['127.0.0.1', 'localhost']) {
      for (const name of ['sessionid', 'csrftoken']) expect(names.filter((n) => n.startsWith(`${name}@${host}`)).length, `${name}@${host}`).toBeGreaterThanOrEqual(host === 'localhost' ? 1 : 2);
    }
    secrets.set('backend API key', netbox.state().backend_api_key ?? '');
    for (const [i, token] of Object.keys(DEFAULT_API_TOKENS).entries()) secrets.set(`NetBox API token ${i}`, token);

    const sw = await browser.worker();
    const areas = await sw.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: await chrome.storage.session.get(null),
    }));
    // Storage is not empty (the journey left instances and the worker's state there).
    expect(Object.keys(areas.local).length).toBeGreaterThan(0);
    const options = await browser.openExtensionPage('options.html');
    const pageStorage = await options.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
    await options.close();
    const netboxPageStorage = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
    const stored = JSON.stringify({ areas, pageStorage, netboxPageStorage });

    const consoleText = consoleLines.join('\n');
    const leaks: string[] = [];
    for (const [name, value] of secrets) {
      if (stored.includes(value)) leaks.push(`${name} in storage`);
      if (consoleText.includes(value)) leaks.push(`${name} in the console`);
    }
    expect(leaks).toEqual([]);
  });
});
