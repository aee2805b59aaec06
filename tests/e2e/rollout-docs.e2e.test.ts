// docs/rollout.md's Chrome example, as written: the extension packed with Chromium's
// --pack-extension, served with the docs' updates.xml, force-installed by the docs' Linux
// policy file (only the id, the server's address and DeveloperToolsAvailability put in),
// in a Chromium that alone sees that policy (./policy-chromium.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM, EXTENSION_DIR, screenshot } from './browser';
import { policyChromium, type PolicyChromium } from './policy-chromium';

const DOCS_HOST = 'https://extensions.example.com/proxbox-backend-logs/';
const doc = readFileSync(path.resolve('docs/rollout.md'), 'utf8');
const [linuxExample] = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
const [updatesXml] = [...doc.matchAll(/```xml\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ''));

let dir: string;
let server: Server;
let withPolicy: PolicyChromium;
let ctx: BrowserContext;
let extensionId: string;

/** The id Chromium gives a packed extension: from the SHA-256 of its public key, in letters a-p. */
function packedExtensionId(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pbl-rollout-'));
  // The docs' step 1: Chromium packs the folder and writes the key beside it the first time.
  const folder = path.join(dir, 'proxbox-backend-logs');
  await cp(EXTENSION_DIR, folder, { recursive: true });
  await promisify(execFile)(CHROMIUM, ['--no-sandbox', `--pack-extension=${folder}`]);
  const crx = await readFile(`${folder}.crx`);
  extensionId = packedExtensionId(await readFile(`${folder}.pem`, 'utf8'));

  server = createServer((req, res) => {
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    if (req.url?.startsWith('/updates.xml')) res.end(updatesXml!.replaceAll('EXTENSION_ID', extensionId).replaceAll(DOCS_HOST, host));
    else if (req.url?.endsWith('.crx')) res.end(crx);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  withPolicy = await policyChromium();
  const file = JSON.parse(linuxExample!.replaceAll('EXTENSION_ID', extensionId).replaceAll(DOCS_HOST, host)) as Record<string, unknown>;
  // By default Chrome closes DevTools (and so this driver) out of extensions a policy installed.
  await withPolicy.setPolicyFile({ ...file, DeveloperToolsAvailability: 1 });
  ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: withPolicy.executablePath,
    headless: true,
    // Playwright's defaults switch off extensions and the networking that fetches them.
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-update'],
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
});

afterAll(async () => {
  await ctx?.close();
  server?.close();
  await withPolicy?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The options page once the browser has installed the extension (it downloads it after start). */
async function optionsPage(): Promise<Page> {
  const page = await ctx.newPage();
  await expect
    .poll(async () => (await page.goto(`chrome-extension://${extensionId}/options.html`).then(() => page.locator('h1').textContent(), () => null)) ?? '', { timeout: 30_000, interval: 500 })
    .toBe('Proxbox Backend Logs');
  return page;
}

describe("docs/rollout.md's Linux example in Chromium", () => {
  it('force-installs the packed extension and gives it the settings as written', async () => {
    const page = await optionsPage();
    const settings = (JSON.parse(linuxExample!) as { '3rdparty': { extensions: Record<string, unknown> } })['3rdparty'].extensions.EXTENSION_ID;
    // Chrome reads the extension's schema once it is installed, then hands over the policy.
    await expect.poll(() => page.evaluate(() => chrome.storage.managed.get()), { timeout: 15_000 }).toEqual(settings);
    const card = page.getByRole('article', { name: 'netbox.example.com' });
    await card.getByText('Set by your administrator', { exact: true }).waitFor();
    // A policy grants no site: the NetBox and the backend it names wait for the user's one click.
    const policy = page.getByRole('region', { name: 'Set by your administrator' });
    await expect(policy.getByText('The browser still needs your permission to reach http://10.0.0.7:8800, https://netbox.example.com.').count()).resolves.toBe(1);
    await expect(policy.getByRole('button', { name: 'Allow access to all 2' }).count()).resolves.toBe(1);
    await expect(page.getByRole('spinbutton', { name: 'Polling interval (seconds)' }).inputValue()).resolves.toBe('60');
    await screenshot(page, 'rollout-docs-force-installed');
    await page.close();
  });
});
