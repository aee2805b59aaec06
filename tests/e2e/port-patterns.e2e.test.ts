// Measured, not assumed (docs/permissions.md): Chromium matches a host permission's port, so
// the extension asks for "http://host:port/*" and holds that port alone. A throwaway probe
// extension holds one origin's pattern; another port of the same host is the control.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';
import { PROBE_MARK, startProbeServers, writeProbeExtension, type ProbeServers } from '../fixtures/port-probe';

let servers: ProbeServers;
let ctx: BrowserContext;
let sw: Worker;
let profile: string;
let granted: string;
let other: string;

beforeAll(async () => {
  servers = await startProbeServers();
  [granted, other] = servers.origins;
  const dir = await writeProbeExtension('chrome', [`${granted}/*`]);
  profile = await mkdtemp(path.join(tmpdir(), 'pbl-port-probe-profile-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
});

afterAll(async () => {
  await ctx?.close();
  await rm(profile, { recursive: true, force: true });
  servers?.close();
});

describe('chromium: a host permission with a port', () => {
  it('is a valid pattern, held as given, and covers that port alone', async () => {
    const seen = await sw.evaluate(
      async ({ granted, other }) => {
        const contains = (origin: string) => chrome.permissions.contains({ origins: [origin] });
        const status = (url: string) => fetch(url).then((r) => r.status, (e: Error) => e.message);
        return {
          held: (await chrome.permissions.getAll()).origins,
          thisPort: await contains(`${granted}/*`),
          otherPort: await contains(`${other}/*`),
          everyPort: await contains('http://127.0.0.1/*'),
          invalid: await contains('http://127.0.0.1:80x/*').then(String, (e: Error) => e.message),
          fetchThisPort: await status(`${granted}/`),
          fetchOtherPort: await status(`${other}/`),
        };
      },
      { granted, other },
    );
    expect(seen).toEqual({
      held: [`${granted}/*`],
      thisPort: true,
      otherPort: false,
      everyPort: false,
      invalid: 'Invalid value for origin pattern http://127.0.0.1:80x/*: Invalid port.',
      fetchThisPort: 200,
      fetchOtherPort: 'Failed to fetch',
    });
  });

  it('registers a content script on that port, which runs there and not on the other port', async () => {
    await sw.evaluate((matches) => chrome.scripting.registerContentScripts([{ id: 'mark', matches, js: ['mark.js'], runAt: 'document_start' }]), [`${granted}/*`, `${other}/*`]);
    const marks: Record<string, string | null> = {};
    for (const origin of [granted, other]) {
      const page = await ctx.newPage();
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      marks[origin] = await page.locator('html').getAttribute(PROBE_MARK);
      await page.close();
    }
    // Registered for both, it runs where the extension holds the host and port only.
    expect(marks).toEqual({ [granted]: 'ran', [other]: null });
  });
});
