// A backend over HTTPS with a certificate no browser trusts (Proxbox's *-nginx image makes
// one with mkcert). The extension names the certificate, sends nothing (the key least of
// all) until the user has accepted it in Chromium's warning page, then reads the logs: the
// worker's requests go through the offscreen document, which honours the acceptance.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../simulator/index';
import { backendRequests as backendRequestsOf, failedKeyAttempts } from '../simulator/test-client';
import { launchWithExtension, screenshot, type ExtensionBrowser, pollWorkerNow } from './browser';
import { addInstance, control, logIn, type Simulator } from './netbox';
import { openPanel, openSidePanel, shownText } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'discovery', writerRate: 0, seed: 31, backendTls: true });
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  await control(sim.origin, 'logs', { count: 6, message: 'Read over HTTPS' });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

afterEach(() => {
  expect(browser.uncaughtErrors).toEqual([]);
});

const backendRequests = () => backendRequestsOf(sim.origin);
const CERT_SENTENCE = /This browser does not trust the certificate of https:\/\/127\.0\.0\.1:\d+: it is signed by an authority this browser does not know/;

async function badgeTitle(): Promise<string> {
  return (await browser.worker()).evaluate(() => chrome.action.getTitle({}));
}

/** Chromium's warning page for the backend's certificate, in the tab a control opened: Advanced, then Proceed. */
async function proceedPastWarning(tab: Page): Promise<void> {
  await tab.locator('#details-button').click();
  await tab.locator('#proceed-link').click();
  await tab.getByText('Proxbox Backend - Swagger UI').waitFor();
}

describe('an HTTPS backend whose certificate this browser does not trust', () => {
  it('says so at Connect, sends nothing, and reads the logs after the certificate is accepted and Connect is clicked again', async () => {
    const options = await browser.openExtensionPage('options.html');
    const card = options.getByRole('article', { name: sim.baseUrl.replace('http://', '') });
    expect(await card.getByLabel('Backend address').inputValue()).toBe(sim.backendUrl);
    await card.getByLabel('Backend API key').fill(sim.backendApiKey!);
    await card.getByRole('button', { name: 'Connect' }).click();
    const said = card.getByRole('form').getByRole('status');
    await said.getByText(/^Backend's certificate not trusted\. /).waitFor();
    expect(await said.textContent()).toMatch(CERT_SENTENCE);
    // The options' check says the same on its Backend line.
    await card.getByRole('listitem').filter({ hasText: /^✗Failed: Backend: Backend's certificate not trusted/ }).waitFor();
    const sentence = (await said.textContent()) ?? '';
    expect(sentence).not.toMatch(/unreachable|cannot reach|another address|address your browser uses/i);
    expect(sentence).toMatch(/trust the authority that signed it/);
    await screenshot(options, 'certificate-options-untrusted');
    // The TLS handshake failed: no request, with or without the key, reached the backend.
    expect(await backendRequests()).toEqual([]);
    expect(await failedKeyAttempts(sim.origin)).toBe(0);

    const accept = card.getByRole('form').getByRole('link', { name: /certificate/ });
    expect(await accept.getAttribute('href')).toBe(`${sim.backendUrl}/docs`);
    const opened = browser.ctx.waitForEvent('page');
    await accept.click();
    await proceedPastWarning(await opened);

    // The key stayed in its field (the backend never saw it): Connect is the one more click.
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByText(/^Connected: the logs come from proxbox-api at 127\.0\.0\.1:\d+\.$/).waitFor();
    await card.getByText(/answers \(\/health\)/).waitFor();
    await screenshot(options, 'certificate-options-connected');
    await options.close();

    // A NetBox page loaded after the instance was added (its content script registered).
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 6 of 6');
    // Live over the same way: the stream runs through the offscreen document too.
    await control(sim.origin, 'logs', { count: 2, level: 'ERROR', message: 'Streamed over HTTPS' });
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 8 of 8');
    expect((await backendRequests()).filter((r) => r.path.startsWith('/admin/logs/stream'))).toHaveLength(1);
    expect(await failedKeyAttempts(sim.origin)).toBe(0);
  });

  it('when the acceptance no longer holds (a new certificate), every view says so again and offers the same control', async () => {
    await sim.renewBackendCertificate();
    const sw = await browser.worker();
    await pollWorkerNow(sw);
    await expect.poll(badgeTitle).toMatch(/does not trust the backend's certificate/);

    const logs = await openPanel(page);
    await logs.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => logs.getByText(CERT_SENTENCE).count(), { timeout: 15_000 }).toBe(1);
    // The rows read before stay.
    expect(await shownText(logs)).toBe('Showing 8 of 8');
    await screenshot(page, 'certificate-panel-untrusted');
    // The page's panel sends the user to the options page at this instance.
    const toOptions = browser.ctx.waitForEvent('page');
    await logs.getByRole('button', { name: "Accept the backend's certificate" }).click();
    const options = await toOptions;
    await options.waitForLoadState();
    expect(options.url()).toContain('options.html#instance=');
    await options.getByText(/Backend: Backend's certificate not trusted/).waitFor();
    await options.close();

    const side = await openSidePanel(browser, sim.baseUrl, { width: 400, height: 800 });
    const region = side.getByRole('region', { name: 'Backend Logs' });
    await region.getByText(CERT_SENTENCE).waitFor();
    await screenshot(side, 'certificate-sidepanel-untrusted');
    const warning = browser.ctx.waitForEvent('page');
    await region.getByRole('link', { name: "Accept the backend's certificate" }).click();
    await proceedPastWarning(await warning);

    // No reload: the side panel's next poll reads through the accepted certificate.
    await control(sim.origin, 'logs', { count: 1, level: 'ERROR', message: 'After the new certificate' });
    await expect.poll(() => shownText(region), { timeout: 20_000 }).toBe('Showing 9 of 9');
    expect(await region.getByText(CERT_SENTENCE).count()).toBe(0);
    await pollWorkerNow(sw);
    await expect.poll(badgeTitle).not.toMatch(/certificate/);
    expect(await failedKeyAttempts(sim.origin)).toBe(0);
    await side.close();
  });
});
