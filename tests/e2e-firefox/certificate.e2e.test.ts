// A backend over HTTPS with a certificate Firefox does not trust (Proxbox's *-nginx image
// makes one with mkcert). The extension names the certificate, sends nothing (the key least
// of all) until the user has accepted it on Firefox's warning page (about:certerror), then
// reads the logs: the event page's own fetch honours the exception. The Chromium journey:
// ../e2e/certificate.e2e.test.ts; the facts behind it: ../../docs/firefox.md.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { certificateProblemOf } from '../../lib/core/network-error';
import { startSimulator } from '../simulator/index';
import { certificateAuthority, selfSignedCertificate, type SelfSignedCertificate } from '../simulator/self-signed';
import { backendRequests as backendRequestsOf, failedKeyAttempts } from '../simulator/test-client';
import { fill, findByRole, findPasswordField, launchWithExtension, pageUrl, queryAllByRole, screenshot, textOf, waitFor, type ExtensionApi, type FirefoxExtension } from './firefox';
import { addInstance, control, logIn, openPanel, tableRows, textBecomes, waitForRows, type Simulator } from './netbox';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 31, backendTls: true });
  ext = await launchWithExtension();
  page = await ext.newPage();
  await logIn(page, sim);
  await addInstance(ext, sim.baseUrl);
  await control(sim.origin, 'logs', { count: 6, message: 'Read over HTTPS' });
});

afterAll(async () => {
  await ext?.close();
  await sim?.close();
});

const backendRequests = () => backendRequestsOf(sim.origin);
const failedKeys = () => failedKeyAttempts(sim.origin);
// What Firefox's webRequest says of the simulator's certificate (the panel shows it as the detail).
const FIREFOX_SAYS = 'The certificate is not trusted because it is self-signed.';
const CERT_SENTENCE = /This browser does not trust the certificate of https:\/\/127\.0\.0\.1:\d+: it is self-signed/;
const ACCEPT = "Accept the backend's certificate";

/** The options check's line that starts with `start` (its ✓/✗ mark and hidden "Passed: "/"Failed: " included). */
function checkLine(options: Page, start: string, timeoutMs = 15_000): Promise<string> {
  return waitFor(async () => {
    for (const item of await queryAllByRole(options, 'listitem')) {
      const text = await item.evaluate((el) => el.textContent ?? '');
      if (text.startsWith(start)) return text;
    }
    return null;
  }, `the check's line "${start}"`, timeoutMs);
}

/** Presses Connect in the options page's form; returns the form's status line once it settles. */
async function connect(options: Page): Promise<string> {
  await (await findByRole(options, 'button', 'Connect')).click();
  const status = (await options.waitForSelector('form.pbl-connect [role="status"]'))!;
  return textBecomes(status, (t) => t.trim() !== '' && !t.startsWith('Checking'), 'the outcome of Connect');
}

function badgeTitle(): Promise<string> {
  return ext.inExtension((api) => api.action.getTitle({}) as Promise<string>);
}

function pollNow(): Promise<void> {
  return ext.inBackground(async (bg) => {
    await bg.proxboxWorker!.ready;
    await bg.proxboxWorker!.pollNow();
  });
}

/**
 * Firefox's warning page for the backend's certificate, in the tab the extension opened:
 * "Advanced", then "Proceed to … (Risky)", trusted clicks inside <net-error-card>'s shadow
 * root. Firefox keeps the second button disabled for a moment after the first.
 */
async function proceedPastWarning(): Promise<void> {
  const docs = `${sim.backendUrl}/docs`;
  const tab = await ext.waitForTab((url) => url === docs);
  // The address bar keeps the backend's URL; the document is Firefox's own warning.
  await waitFor(async () => (await tab.evaluate(() => document.documentURI)).startsWith('about:certerror'), 'about:certerror');
  await (await tab.waitForSelector('net-error-card >>> moz-button#advanced-button'))!.click();
  const enabled = await tab.waitForFunction(() => {
    const button = document.querySelector('net-error-card')?.shadowRoot?.querySelector<HTMLButtonElement>('moz-button#exception-button');
    return button && !button.disabled ? button : null;
  });
  const proceed = enabled.asElement() as ElementHandle;
  expect(await textOf(proceed)).toMatch(/^Proceed to 127\.0\.0\.1:\d+ \(Risky\)$/);
  await proceed.click();
  await waitFor(async () => (await tab.evaluate(() => document.title)) === 'Proxbox Backend - Swagger UI', 'the backend\'s /docs past the warning', 15_000);
  expect(await pageUrl(tab)).toBe(docs);
  await tab.close();
}

/** An HTTPS server on a free loopback port with this certificate; its URL. */
async function serveHttps(certificate: SelfSignedCertificate, servers: Server[]): Promise<string> {
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (_req, res) => res.end('{}'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

describe('firefox: an HTTPS backend whose certificate this browser does not trust', () => {
  it('Firefox names an untrusted chain in one sentence, whatever else is wrong, and the extension classifies it', async () => {
    const ca = await certificateAuthority();
    const servers: Server[] = [];
    try {
      const urls = [
        await serveHttps(await selfSignedCertificate('127.0.0.1'), servers),
        await serveHttps(await selfSignedCertificate('127.0.0.1', { expired: true, otherName: true }), servers),
        // mkcert's certificates until its root is installed; an internal CA's.
        await serveHttps(await selfSignedCertificate('127.0.0.1', { signedBy: ca }), servers),
        await serveHttps(await selfSignedCertificate('127.0.0.1', { signedBy: ca, expired: true, otherName: true }), servers),
      ];
      // The event page's own fetch (tabId -1), as the worker's; what its fetch and webRequest say.
      const said = await ext.inBackground(async (bg, list) => {
        const page = bg as unknown as { browser: ExtensionApi; fetch: typeof fetch };
        const errors: Record<string, string> = {};
        const listener = (d: { url: string; error: string; tabId: number }) => {
          if (d.tabId === -1) errors[d.url] = d.error;
        };
        page.browser.webRequest.onErrorOccurred.addListener(listener, { urls: ['https://127.0.0.1/*'] });
        const out: Array<{ fetch: string; webRequest?: string }> = [];
        for (const url of list) {
          const fetched = await page.fetch(url).then((r) => `HTTP ${r.status}`, (e: unknown) => String(e));
          // onErrorOccurred can come a moment after the fetch's rejection.
          for (let i = 0; i < 40 && !errors[url]; i++) await new Promise((r) => setTimeout(r, 25));
          out.push({ fetch: fetched, webRequest: errors[url] });
        }
        page.browser.webRequest.onErrorOccurred.removeListener(listener);
        return out;
      }, urls);
      const fetchSays = 'TypeError: NetworkError when attempting to fetch resource.';
      const unknownIssuer = 'Peer’s Certificate issuer is not recognized.';
      expect(said).toEqual([
        { fetch: fetchSays, webRequest: FIREFOX_SAYS },
        { fetch: fetchSays, webRequest: FIREFOX_SAYS },
        { fetch: fetchSays, webRequest: unknownIssuer },
        { fetch: fetchSays, webRequest: unknownIssuer },
      ]);
      expect(said.map((s) => certificateProblemOf(s.webRequest!))).toEqual(['self-signed', 'self-signed', 'unknown-authority', 'unknown-authority']);
    } finally {
      for (const server of servers) server.close();
    }
  });

  it('says so at Connect, sends nothing, and reads the logs after the certificate is accepted and Connect is clicked again', async () => {
    const options = await ext.openExtensionPage('options.html');
    const keyField = await findPasswordField(options, 'Backend API key', 15_000);
    expect(await (await findByRole(options, 'textbox', 'Backend address')).evaluate((el) => (el as HTMLInputElement).value)).toBe(sim.backendUrl);
    await fill(keyField, sim.backendApiKey!);
    const said = await connect(options);
    expect(said).toMatch(/^Backend's certificate not trusted\. /);
    expect(said).toMatch(CERT_SENTENCE);
    expect(said).toMatch(/trust the authority that signed it/);
    expect(said).not.toMatch(/unreachable|cannot reach|another address|address your browser uses/i);
    // The options' check says the same on its Backend line.
    expect(await checkLine(options, "✗Failed: Backend: Backend's certificate not trusted")).toMatch(CERT_SENTENCE);
    await screenshot(options, 'certificate-options-untrusted');
    // The TLS handshake failed: no request, with or without the key, reached the backend.
    expect(await backendRequests()).toEqual([]);
    expect(await failedKeys()).toBe(0);

    const form = (await options.waitForSelector('form.pbl-connect'))!;
    const accept = await findByRole(form, 'link', ACCEPT);
    expect(await accept.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${sim.backendUrl}/docs`);
    await accept.click();
    await proceedPastWarning();

    // The key stayed in its field (the backend never saw it): Connect is the one more click.
    await options.bringToFront();
    expect(await keyField.evaluate((el) => (el as HTMLInputElement).value)).toBe(sim.backendApiKey);
    expect(await connect(options)).toMatch(/^Connected: the logs come from proxbox-api at 127\.0\.0\.1:\d+\.$/);
    expect(await checkLine(options, '✓Passed: Backend:')).toMatch(/answers \(\/health\)/);
    await screenshot(options, 'certificate-options-connected');
    await options.close();

    await page.bringToFront();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await waitForRows(logs, (r) => r.length === 6, 'the 6 backend entries in the page panel');
    // Live over the same way: the event page's stream honours the exception too.
    await control(sim.origin, 'logs', { count: 2, message: 'Streamed over HTTPS' });
    await waitForRows(logs, (r) => r.length === 8, 'the 2 streamed entries in the page panel');
    expect((await backendRequests()).filter((r) => r.path.startsWith('/admin/logs/stream'))).toHaveLength(1);

    // The badge counts errors written while no logs view is in sight (a poll first: what was read so far is not new).
    await pollNow();
    const elsewhere = await ext.newPage();
    await control(sim.origin, 'logs', { entries: [{ level: 'ERROR', message: 'Failed over HTTPS' }, { level: 'CRITICAL' }, { level: 'INFO' }] });
    await pollNow();
    await waitFor(async () => ((await ext.badgeText()) === '2' ? true : null), 'badge "2"');
    expect(await badgeTitle()).toMatch(/: 2 new errors$/);
    await elsewhere.close();
    await page.bringToFront();
    await waitForRows(logs, (r) => r.length === 11, 'the 3 new entries in the page panel');
    expect(await failedKeys()).toBe(0);
  });

  it('when the acceptance no longer holds (a new certificate), the views say so again and offer the same control', async () => {
    // Firefox stores the exception for host:port by the certificate's fingerprint: a new one is not covered.
    await sim.renewBackendCertificate();
    await pollNow();
    await waitFor(async () => (/does not trust the backend's certificate/.test(await badgeTitle()) ? true : null), 'the badge tooltip naming the certificate');

    await page.bringToFront();
    const logs = await openPanel(page);
    await (await findByRole(logs, 'button', 'Refresh')).click();
    const banner = await textBecomes(logs, (t) => CERT_SENTENCE.test(t), 'the certificate sentence in the page panel');
    // Firefox's own words, as the detail.
    expect(banner).toContain(FIREFOX_SAYS);
    // The rows read before stay.
    expect(await tableRows(logs)).toHaveLength(11);
    await screenshot(page, 'certificate-panel-untrusted');
    // The page's panel sends the user to the options page at this instance.
    await (await findByRole(logs, 'button', ACCEPT)).click();
    const options = await ext.waitForTab((url) => url.includes('/options.html#instance='));
    expect(await pageUrl(options)).toContain(`options.html#instance=${encodeURIComponent(sim.baseUrl)}`);
    expect(await checkLine(options, "✗Failed: Backend: Backend's certificate not trusted")).toMatch(CERT_SENTENCE);
    await options.close();

    // The sidebar's page (in a tab: WebDriver cannot reach the sidebar) offers the warning page itself.
    const side = await ext.openExtensionPage(`sidepanel.html?instance=${encodeURIComponent(sim.baseUrl)}`);
    const region = await findByRole(side, 'region', 'Backend Logs', 15_000);
    await textBecomes(region, (t) => CERT_SENTENCE.test(t), 'the certificate sentence in the sidebar');
    await screenshot(side, 'certificate-sidebar-untrusted');
    await (await findByRole(region, 'link', ACCEPT)).click();
    await proceedPastWarning();

    // No reload: the sidebar's next read goes through the new exception.
    await side.bringToFront();
    await control(sim.origin, 'logs', { count: 1, level: 'ERROR', message: 'After the new certificate' });
    await waitForRows(region, (r) => r.length === 12, 'the new entry in the sidebar', 20_000);
    expect(CERT_SENTENCE.test(await textOf(region))).toBe(false);
    await pollNow();
    await waitFor(async () => (/certificate/.test(await badgeTitle()) ? null : true), 'the badge tooltip without the certificate');
    expect(await failedKeys()).toBe(0);
    await side.close();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
