// What the NetBox page, and code in the content script's isolated world (a stand-in for a
// compromised NetBox renderer), can reach, in real Chromium with the panel's shadow roots
// closed as users get them (docs/security.md). Direct mode, with a key connected: the most
// a page could take or spend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import { backendRequests, failedKeyAttempts } from '../simulator/test-client';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { launchWithExtension, screenshot, type ExtensionBrowser, pollWorkerNow } from './browser';
import { watchExtensionWorld, type IsolatedWorld } from './isolated-world';
import { addInstance, control, logIn, type Simulator } from './netbox';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let world: IsolatedWorld;
/** A server that would take the key: it answers like proxbox-api and records every request. */
let attacker: Server;
let attackerUrl: string;
const attackerSaw: string[] = [];
/** Every `message` event the page's main world received (recorded from before the content script ran). */
const MESSAGES = '__pageSawMessages';

const HOST = `document.getElementById(${JSON.stringify(PANEL_HOST_ID)})`;
/** In the isolated world: the panel's text, through the closed root (null while there is no panel). */
const PANEL_TEXT = `(() => { const h = ${HOST}; return h ? chrome.dom.openOrClosedShadowRoot(h)?.textContent ?? null : null; })()`;

beforeAll(async () => {
  attacker = createServer((req, res) => {
    attackerSaw.push(`${req.method} ${req.url} key=${req.headers['x-proxbox-api-key'] ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url === '/health' ? '{"status":"ready"}' : '{"logs":[],"total":0,"has_more":false}');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;

  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 17 });
  await control(sim.origin, 'logs', { count: 3, message: 'Entry before the page looked' });
  browser = await launchWithExtension({ shadowRoots: 'closed' });
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  const options = await browser.openExtensionPage('options.html');
  await options.getByLabel('Backend API key').fill(sim.backendApiKey!);
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByText(/^Connected:/).waitFor();
  await options.close();

  await page.addInitScript((name) => {
    const seen: string[] = ((window as unknown as Record<string, string[]>)[name] = []);
    window.addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));
  }, MESSAGES);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
  attacker?.close();
});

/** Sends a worker message from the content script's world, as @webext-core/messaging does. */
function sendFromContentScript(type: string, data?: unknown): Promise<{ res?: unknown; err?: { message: string } }> {
  return world.evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ id: 1, type, data, timestamp: 0 })})`);
}

async function storedSettings(): Promise<string> {
  const sw = await browser.worker();
  return JSON.stringify(await sw.evaluate(() => chrome.storage.local.get(['instances', 'backend-keys'])));
}

describe('the panel, its shadow root closed as users get it', () => {
  it('opens at a click on its launcher and shows the logs', async () => {
    world = await watchExtensionWorld(page, browser.extensionId);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await expect.poll(() => world.present() && world.evaluate<boolean>(`!!${HOST}`), { timeout: 15_000 }).toBe(true);
    // A real click on the launcher, found from the extension's world (the page's cannot see it).
    const at = await world.evaluate<{ x: number; y: number }>(
      `(() => { const b = [...chrome.dom.openOrClosedShadowRoot(${HOST}).querySelectorAll('button')].find((b) => b.textContent.trim() === 'Backend Logs'); const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => world.evaluate<string | null>(PANEL_TEXT), { timeout: 15_000 }).toContain('Entry before the page looked');
  });
});

describe('a content script (or a compromised NetBox renderer) talking to the worker', () => {
  it('cannot change settings, spend key attempts or learn about other instances: each such message is refused', async () => {
    const settings = await storedSettings();
    const failedBefore = await failedKeyAttempts(sim.origin);
    const tabsBefore = browser.ctx.pages().length;
    const instanceId = sim.baseUrl;
    const refused: [string, unknown][] = [
      ['connectBackend', { instanceId, backendUrl: attackerUrl, key: 'attacker-key', session: false }],
      // The lockout attack: six wrong keys for the real backend.
      ...Array.from({ length: 6 }, (_, i): [string, unknown] => ['connectBackend', { instanceId, backendUrl: sim.backendUrl, key: `guess-${i}`, session: false }]),
      ['pollNow', {}],
      ['getStatus', undefined],
      ['getRecentOperations', { instanceId }],
      ['openLogs', { instanceId }],
      ['errorsSeen', { instanceId: 'http://127.0.0.1:1', newestId: 1 }],
      ['fetchLogsPage', { instanceId: 'http://127.0.0.1:1', query: { limit: 1 } }],
      ['openOptions', { instanceId: 'http://127.0.0.1:1' }],
    ];
    for (const [type, data] of refused) {
      const answer = await sendFromContentScript(type, data);
      expect(answer.err?.message, type).toMatch(new RegExp(`^proxbox: ${type} refused: `));
      expect(answer.res, type).toBeUndefined();
    }
    expect(attackerSaw).toEqual([]);
    expect(await failedKeyAttempts(sim.origin)).toBe(failedBefore);
    expect(await storedSettings()).toBe(settings);
    expect(browser.ctx.pages().length).toBe(tabsBefore);
  });

  it('cannot read the key from the extension’s storage (kept where only the worker and extension pages reach)', async () => {
    const key = sim.backendApiKey!;
    const reach = await world.evaluate<{ local: string; session: string; databases: string }>(`(async () => ({
      local: JSON.stringify(await chrome.storage.local.get(null)),
      session: await chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => e.message),
      databases: JSON.stringify(await indexedDB.databases()),
    }))()`);
    // The content script's world does reach storage.local (its instances, layout): no key there.
    expect(reach.local).toContain('"instances"');
    expect(reach.local).not.toContain(key);
    expect(reach.session).toBe('Access to storage is not allowed from this context.');
    // Its IndexedDB is the web page's, not the extension's.
    expect(reach.databases).not.toContain('proxbox-secrets');
    // The worker holds it still: the panel reads on.
    const sw = await browser.worker();
    expect(await sw.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('proxbox-secrets');
  });

  it('may read its own page’s instance, with the key the user gave (the channel itself works)', async () => {
    const answer = await sendFromContentScript('fetchLogsPage', { instanceId: sim.baseUrl, query: { limit: 1 }, force: true });
    expect(answer).toMatchObject({ res: { ok: true, value: { logs: [expect.objectContaining({ id: expect.any(Number) })] } } });
    expect((await backendRequests(sim.origin)).filter((r) => r.key !== 'valid' && r.path !== '/health')).toEqual([]);
  });
});

describe('the NetBox page and the panel', () => {
  it('has no line to the worker: no runtime messaging in the page’s world (no externally_connectable)', async () => {
    const sendMessage = await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage);
    expect(sendMessage).toBe('undefined');
    // The same check in the content script's world finds it: the check can see the API.
    expect(await world.evaluate<string>('typeof chrome.runtime.sendMessage')).toBe('function');
  });

  it('cannot read the panel: its shadow root is closed and the page’s text holds none of it', async () => {
    await control(sim.origin, 'logs', { level: 'ERROR', message: 'Secret traceback line 41', traceback: 'Traceback: token=abc' });
    await expect.poll(() => world.evaluate<string | null>(PANEL_TEXT), { timeout: 15_000 }).toContain('Secret traceback line 41');
    await screenshot(page, 'page-isolation-closed-root');
    const seen = await page.evaluate((id) => {
      const host = document.getElementById(id)!;
      return {
        shadowRoot: host.shadowRoot,
        text: document.documentElement.textContent ?? '',
        innerText: document.body.innerText,
        html: document.documentElement.outerHTML,
        serialised: document.body.getHTML({ serializableShadowRoots: true }),
        childNodes: host.childNodes.length,
      };
    }, PANEL_HOST_ID);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.childNodes).toBe(0);
    for (const text of [seen.text, seen.innerText, seen.html, seen.serialised]) expect(text).not.toContain('Secret traceback');
  });

  it('nothing the page forges (WXT’s messages, a CustomEvent, attributes, removing the host) takes the panel away', async () => {
    const started = `${browser.extensionId}:content:wxt:content-script-started`;
    await page.evaluate(
      ({ started, id }) => {
        const detail = { contentScriptName: 'content', messageId: 'forged-by-the-page' };
        window.postMessage({ type: started, ...detail }, '*');
        document.dispatchEvent(new CustomEvent(started, { detail }));
        const html = document.documentElement;
        html.setAttribute('data-proxbox-logs', 'loaded');
        html.setAttribute('data-proxbox-logs-owner', 'forged-by-the-page');
        document.getElementById(id)!.remove();
      },
      { started, id: PANEL_HOST_ID },
    );
    // Still there, still following the backend.
    await control(sim.origin, 'logs', { message: 'Written after the forgeries' });
    await expect.poll(() => world.evaluate<string | null>(PANEL_TEXT), { timeout: 15_000 }).toContain('Written after the forgeries');
    const shown = await page.evaluate((id) => ({ hosts: document.querySelectorAll(`#${id}`).length, height: document.getElementById(id)!.getBoundingClientRect().height }), PANEL_HOST_ID);
    expect(shown.hosts).toBe(1);
    expect(shown.height).toBeGreaterThan(100);
  });

  it('a second copy of the content script takes the page over: one panel, which works', async () => {
    const sw = await browser.worker();
    await sw.evaluate(async (base) => {
      const [tab] = await chrome.tabs.query({ url: `${base}/*` });
      await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, files: ['content-scripts/content.js'] });
    }, sim.baseUrl);
    await control(sim.origin, 'logs', { message: 'Shown by the second copy' });
    await expect.poll(() => world.evaluate<string | null>(PANEL_TEXT), { timeout: 15_000 }).toContain('Shown by the second copy');
    expect(await page.evaluate((id) => document.querySelectorAll(`#${id}`).length, PANEL_HOST_ID)).toBe(1);
  });

  it('the page learns no extension ID from what the extension puts into it', async () => {
    // Since before the content script ran; the page's own forgeries above left out.
    const seen = await page.evaluate((name) => ({
      messages: ((window as unknown as Record<string, string[]>)[name] ?? null)?.filter((m) => !m.includes('forged-by-the-page')) ?? null,
      html: document.documentElement.outerHTML,
      resources: performance.getEntriesByType('resource').map((r) => r.name),
    }), MESSAGES);
    expect(seen.messages).not.toBeNull();
    expect(JSON.stringify(seen)).not.toContain(browser.extensionId);
  });

  it('known limit (docs/security.md): Chromium’s window.find() searches the closed root, so a page can test for a text it guesses', async () => {
    const found = await page.evaluate(() => {
      const win = window as unknown as { find(text: string): boolean };
      const guessed = win.find('Secret traceback line 41');
      getSelection()?.removeAllRanges();
      return { guessed, unguessed: win.find('Secret traceback line 42') };
    });
    expect(found).toEqual({ guessed: true, unguessed: false });
  });
});


describe('what the content script’s world can still write (docs/security.md, known limit)', () => {
  it('storage.local: a rewritten backend address sends the key nowhere, since the key is bound to the address it was given for', async () => {
    await world.evaluate(`(async () => {
      const { instances } = await chrome.storage.local.get('instances');
      await chrome.storage.local.set({ instances: instances.map((i) => ({ ...i, backendUrl: ${JSON.stringify(attackerUrl)} })) });
    })()`);
    const sw = await browser.worker();
    await expect
      .poll(async () => {
        await pollWorkerNow(sw);
        return sw.evaluate(async () => (await (globalThis as unknown as { proxboxWorker: { getStatus(): Promise<{ state: string }[]> } }).proxboxWorker.getStatus())[0]?.state);
      })
      .toBe('key-needed');
    expect(attackerSaw).toEqual([]);
  });
});
