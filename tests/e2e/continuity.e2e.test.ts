// Continuity under load, in real Chromium against the simulator:
// 1. the toolbar badge counts exactly the ERROR/CRITICAL entries written over 10,000+
//    entries in bursts, across a backend restart and two network flaps (panel closed:
//    viewing errors would clear the count);
// 2. the live panel shows every entry of 10,000+ streamed in bursts (some far larger than a
//    page, one phase from the continuous writer), across two network flaps and a backend
//    restart, exactly once and in order, with the restart marked as a gap and no other gap
//    (the backend's ring buffer evicts entries the panel already has: no loss, no gap);
// 3. an eviction the panel could not keep up with (a small ring buffer) is marked as a gap
//    with the exact number of entries lost.
// What the panel holds is read from its own "Download JSON" export; what the backend holds
// from the backend's /admin/logs, snapshotted as the test goes (before anything is evicted).
import { stripEscapes } from '../../lib/core/parse-logs-response';
import type { WireLogEntry } from '../simulator/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, shownText } from './panel-helpers';
import { ROW_HEIGHT } from '../../components/LogList';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;

interface ExportedEntry {
  id: string;
  timestamp: string;
  level: string;
  module: string;
  message: string;
  operation_id: string | null;
  traceback: string | null;
}
interface Written {
  count: number;
  first_id: string | null;
  last_id: string | null;
}

beforeAll(async () => {
  sim = await startNetBox();
  browser = await launchWithExtension();
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  // Errors from before the instance was added are history: the first poll only sets the cursor.
  await control(sim.origin, 'logs', { count: 5, level: 'ERROR', message: 'old error, before the instance was added' });
  await addInstance(browser, sim.baseUrl);
  await setPollInterval(1);
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** Sets the polling interval of every instance on the options page, as a user does. */
async function setPollInterval(seconds: number): Promise<void> {
  const options = await browser.openExtensionPage('options.html');
  const intervals = options.getByRole('spinbutton', { name: 'Polling interval (seconds)' });
  await intervals.first().waitFor(); // the instances are listed once read from storage
  for (const field of await intervals.all()) await field.fill(String(seconds));
  for (const save of await options.getByRole('button', { name: 'Save' }).all()) await save.click();
  await options.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
  await options.close();
}

/** Every entry the backend holds with an id above `after`, newest first (its own API, paged by id). */
async function backendNewerThan(s: Simulator, after: number): Promise<WireLogEntry[]> {
  const key = s.state().backend_api_key ?? '';
  const out: WireLogEntry[] = [];
  let older: string | null = null;
  for (;;) {
    const q = new URLSearchParams({ newer_than_id: String(after), limit: '5000' });
    if (older) q.set('older_than_id', older);
    const res = await fetch(`${s.backendUrl}/admin/logs?${q}`, { headers: { 'X-Proxbox-API-Key': key } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { logs: WireLogEntry[]; has_more: boolean };
    out.push(...body.logs);
    if (!body.has_more || body.logs.length === 0) return out;
    older = body.logs.at(-1)!.id;
  }
}

/** The Download JSON export of a panel: what it has loaded, newest first. */
async function exported(target: Page, logs: Locator): Promise<ExportedEntry[]> {
  const download = target.waitForEvent('download');
  await logs.getByRole('button', { name: 'Download JSON' }).click();
  const file = await (await download).path();
  return JSON.parse(await readFile(file, 'utf8')) as ExportedEntry[];
}

/** Splits a newest-first list into runs of strictly decreasing ids (a backend run each). */
function epochs(entries: ExportedEntry[]): ExportedEntry[][] {
  const out: ExportedEntry[][] = [];
  let prev = Infinity;
  for (const e of entries) {
    const id = Number(e.id);
    if (id >= prev || out.length === 0) out.push([]);
    out.at(-1)!.push(e);
    prev = id;
  }
  return out;
}

// The backend's terminal colour codes (module, INFO and above) never reach an export.
const same = (e: ExportedEntry, w: WireLogEntry) =>
  e.id === w.id &&
  e.timestamp === w.timestamp &&
  e.level === w.level &&
  e.module === stripEscapes(w.module) &&
  e.message === stripEscapes(w.message) &&
  e.operation_id === w.operation_id &&
  e.traceback === (w.expandable?.traceback ?? null);

// ---------------------------------------------------------------------------------------
// The badge

type Status = { count: number; state: string; lastSuccessAt: number | null; lastError?: { kind: string } };
async function status(): Promise<Status> {
  const sw = await browser.worker();
  const all = (await sw.evaluate(async () => {
    const w = (globalThis as unknown as { proxboxWorker: { ready: Promise<void>; getStatus(): Promise<unknown> } }).proxboxWorker;
    await w.ready;
    return w.getStatus();
  })) as Status[];
  expect(all.length).toBe(1);
  return all[0]!;
}
/** The logs proxy requests the simulator served (after `afterSeq`), oldest first. */
async function proxyRequests(afterSeq = 0): Promise<{ seq: number; status: number | null }[]> {
  const res = await fetch(`${sim.origin}/__sim/requests?after=${afterSeq}`);
  const { requests } = (await res.json()) as { requests: { seq: number; path: string; status: number | null }[] };
  return requests.filter((r) => r.path.startsWith('/api/plugins/proxbox/logs/'));
}
async function badgeText(): Promise<string> {
  return (await browser.worker()).evaluate(() => chrome.action.getBadgeText({}));
}

/** `n` entries that are not errors, a few of them looking like errors to errors_only. */
function noise(n: number, round: number): object[] {
  return Array.from({ length: n }, (_, k) => {
    if (k % 97 === 5) return { level: 'WARNING', module: 'virtual_machines', message: `Request to pve01.lab.example:8006 failed (attempt 1/3), retrying in 2 s: ReadTimeout [${round}.${k}]` };
    if (k % 131 === 7) return { level: 'INFO', module: 'sync', message: `Recovered after a retry [${round}.${k}]`, traceback: 'Traceback (most recent call last):\n  File "sync.py", line 1\nTimeoutError' };
    if (k % 211 === 9) return { level: 'WARNING', module: 'sync', message: `vm_sync finished in 4.2 s: 3 created, 1 updated, 2 failed [${round}.${k}]` };
    return { level: k % 3 === 0 ? 'DEBUG' : 'INFO', module: 'sync', message: `Routine line [${round}.${k}]` };
  });
}

/** A burst of `total` entries, `errors` of them ERROR or CRITICAL, spread through it. */
async function burstWithErrors(total: number, errors: number, round: number): Promise<number> {
  const entries = noise(total - errors, round);
  for (let i = 0; i < errors; i++) {
    const at = Math.floor(((i + 0.5) * entries.length) / errors);
    entries.splice(at + i, 0, {
      level: i % 5 === 4 ? 'CRITICAL' : 'ERROR',
      module: 'devices',
      message: `Failed to sync device ${round}-${i}: 500 Internal Server Error`,
      traceback: 'Traceback (most recent call last):\n  File "devices.py", line 42\nHTTPError: 500',
    });
  }
  const written = await control<Written>(sim.origin, 'logs', { entries });
  expect(written.count).toBe(total);
  return total;
}

// ---------------------------------------------------------------------------------------

describe('continuity', () => {
  it('counts every ERROR/CRITICAL written on the badge exactly once, across a restart and two flaps', async () => {
    const started = Date.now();
    await expect.poll(async () => (await status()).lastSuccessAt, { timeout: 15_000 }).not.toBeNull();
    await expect.poll(status, { timeout: 15_000 }).toMatchObject({ count: 0, state: 'ok' });

    let expected = 0;
    let written = 0;
    const step = async (total: number, errors: number, round: number) => {
      written += await burstWithErrors(total, errors, round);
      expected += errors;
      await expect.poll(async () => (await status()).count, { timeout: 15_000 }).toBe(expected);
    };

    // Bursts of all sizes, some far larger than a poll's page (100).
    await step(40, 2, 1);
    await step(1_800, 6, 2);
    await step(3, 1, 3);
    await step(2_500, 5, 4);

    // Flap 1: the backend is unreachable for a while; errors written meanwhile still count.
    await control(sim.origin, 'fault', { mode: 'down' });
    await expect.poll(async () => (await status()).lastError?.kind ?? null, { timeout: 15_000 }).toBe('backend-down');
    written += await burstWithErrors(700, 4, 5);
    expected += 4;
    await control(sim.origin, 'fault', { mode: 'none' });
    await expect.poll(async () => (await status()).count, { timeout: 20_000 }).toBe(expected);
    expect((await status()).state).toBe('ok');

    // Restart: the new backend's ids start from 1 again; its errors are new, not repeats.
    await step(1_200, 3, 6);
    await control(sim.origin, 'restart');
    await step(30, 3, 7);
    await step(1_500, 4, 8);

    // Flap 2: NetBox answers 502 for the next few requests only.
    const seq = (await proxyRequests()).at(-1)?.seq ?? 0;
    await control(sim.origin, 'fault', { mode: 'down', times: 2 });
    written += await burstWithErrors(900, 5, 9);
    expected += 5;
    await expect.poll(async () => (await status()).count, { timeout: 20_000 }).toBe(expected);
    expect((await proxyRequests(seq)).slice(0, 3).map((r) => r.status)).toEqual([502, 502, 200]);
    await step(1_600, 4, 10);

    expect(written).toBeGreaterThanOrEqual(10_000);
    // Never double: a few more polls change nothing.
    const settled = (await status()).lastSuccessAt!;
    await expect.poll(async () => (await status()).lastSuccessAt!, { timeout: 15_000 }).toBeGreaterThan(settled + 2_000);
    expect(await status()).toMatchObject({ count: expected, state: 'ok' });
    expect(await badgeText()).toBe(String(expected));
    console.log(`badge: ${written} entries, ${expected} errors counted exactly, in ${Date.now() - started} ms`);
  });

  it('streams 10,000+ entries into the live panel: each held entry exactly once, in order, the restart as a gap', async () => {
    const started = Date.now();
    await control(sim.origin, 'restart'); // a clean run for the panel
    const truth: Map<number, WireLogEntry>[] = [new Map()];
    let truthMax = 0;
    const snapshot = async () => {
      for (const e of await backendNewerThan(sim, truthMax)) truth.at(-1)!.set(Number(e.id), e);
      truthMax = Math.max(truthMax, ...truth.at(-1)!.keys());
    };
    let writtenTotal = 0;
    const burst = async (count: number) => {
      const w = await control<Written>(sim.origin, 'burst', { count });
      writtenTotal += w.count;
      await snapshot();
      return Number(w.last_id);
    };
    const plain = async (count: number) => {
      const w = await control<Written>(sim.origin, 'logs', { count, message: `plain line ${writtenTotal}` });
      writtenTotal += w.count;
      await snapshot();
      return Number(w.last_id);
    };

    let top = await burst(500);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 200 of 500');
    const firstShown = top - 199;

    const topRow = () => logs.locator('.pbl-scroll [role="row"][data-entry-id]').first().getAttribute('data-entry-id');
    const caughtUp = (id: number, timeout = 15_000) => expect.poll(topRow, { timeout }).toBe(String(id));
    const refresh = () => logs.getByRole('button', { name: 'Refresh' }).click();
    const banner = () => logs.locator('.pbl-banner').getAttribute('data-failure', { timeout: 1_000 }).catch(() => null);

    // Auto-refresh alone brings a small burst in.
    top = await burst(37);
    await caughtUp(top);
    // Bursts larger than a page, fetched by one refresh.
    top = await burst(1_200);
    await refresh();
    await caughtUp(top);
    top = await plain(2_500);
    await refresh();
    await caughtUp(top);

    // Flap 1: NetBox answers 502; what arrives meanwhile comes in after the retry (by itself).
    await control(sim.origin, 'fault', { mode: 'down' });
    top = await burst(800);
    await refresh();
    await expect.poll(banner, { timeout: 15_000 }).toBe('backend-down');
    top = await burst(150);
    await control(sim.origin, 'fault', { mode: 'none' });
    await caughtUp(top, 20_000);
    await expect.poll(banner, { timeout: 15_000 }).toBeNull();

    // The writer streams continuously while the panel polls by itself.
    await control(sim.origin, 'writer', { rate: 400 });
    const from = top;
    await expect.poll(async () => Number(await topRow()), { timeout: 20_000 }).toBeGreaterThan(from + 1_000);
    await control(sim.origin, 'writer', { paused: true, rate: 0 });
    await snapshot();
    top = truthMax;
    writtenTotal += top - from;
    await refresh();
    await caughtUp(top);

    // The backend's ring buffer (10,000) now evicts entries the panel already holds.
    top = await burst(4_000);
    await refresh();
    await caughtUp(top);
    expect(sim.state().buffer.size).toBe(10_000);

    // Flap 2: the browser goes offline.
    await browser.ctx.setOffline(true);
    top = await burst(400);
    await refresh();
    await expect.poll(banner, { timeout: 15_000 }).toMatch(/^(network|offline)$/);
    await browser.ctx.setOffline(false);
    await refresh();
    await caughtUp(top);
    await expect.poll(banner, { timeout: 15_000 }).toBeNull();
    const lastCaughtUp = top;

    // Entries written just before a restart that the panel may not have fetched are lost
    // with the restart; the restart marker says so.
    await burst(120);
    const oldestHeldAtRestart = Number(sim.state().buffer.oldest_id);
    await control(sim.origin, 'restart');
    truth.push(new Map());
    truthMax = 0;

    top = await plain(60);
    await caughtUp(top);
    top = await burst(1_500);
    await refresh();
    await caughtUp(top);
    top = await burst(260);
    await caughtUp(top);
    expect(writtenTotal).toBeGreaterThanOrEqual(10_000);

    // --- What the panel holds, against what the backend held.
    const all = await exported(page, logs);
    const runs = epochs(all);
    expect(runs.length).toBe(2);
    const [now, before] = runs as [ExportedEntry[], ExportedEntry[]];

    // The running backend: everything it holds, exactly, in order.
    const held = [...truth[1]!.values()].sort((a, b) => Number(b.id) - Number(a.id));
    expect(now.length).toBe(held.length);
    expect(now.map((e) => e.id)).toEqual(held.map((e) => e.id));
    expect(now.filter((e, i) => !same(e, held[i]!)).map((e) => e.id)).toEqual([]);

    // The previous run: one unbroken range of ids from the first page shown up to at least
    // where the panel had caught up, each entry as the backend had it.
    const ids = before.map((e) => Number(e.id));
    const max = ids[0]!;
    const min = ids.at(-1)!;
    expect(min).toBe(firstShown);
    expect(max).toBeGreaterThanOrEqual(lastCaughtUp);
    expect(ids.length).toBe(max - min + 1); // strictly decreasing and no hole
    expect(before.filter((e) => !truth[0]!.has(Number(e.id)) || !same(e, truth[0]!.get(Number(e.id))!)).map((e) => e.id)).toEqual([]);
    const lostInRestart = Math.max(...truth[0]!.keys()) - max;
    // The backend itself evicted entries the panel still shows: no loss, so no gap for them.
    const evictedButShown = ids.filter((id) => id < oldestHeldAtRestart).length;
    expect(evictedButShown).toBeGreaterThan(0);

    // Exactly one gap in the list (the table counts rows = entries + gaps, plus its header).
    const rowCount = Number(await logs.getByRole('treegrid', { name: 'Log entries' }).getAttribute('aria-rowcount'));
    expect(rowCount - 1 - all.length).toBe(1);
    // ...and it is the restart marker, between the two runs.
    await logs.locator('.pbl-scroll').evaluate((el, y) => (el.scrollTop = y), now.length * ROW_HEIGHT - 90);
    const gap = logs.locator(`.pbl-scroll [role="row"][data-index="${now.length}"]`);
    await expect.poll(() => gap.getAttribute('class')).toContain('pbl-row--gap');
    expect(await gap.textContent()).toBe('The backend restarted here: the entries below are from its previous run.');
    expect(await logs.locator(`[role="row"][data-index="${now.length - 1}"]`).getAttribute('data-entry-id')).toBe(now.at(-1)!.id);
    expect(await logs.locator(`[role="row"][data-index="${now.length + 1}"]`).getAttribute('data-entry-id')).toBe(before[0]!.id);
    await screenshot(page, 'continuity-restart-gap');
    // The total counts what the running backend holds plus the entries kept from its previous run.
    expect(await shownText(logs)).toBe(`Showing ${all.length} of ${held.length + before.length}`);

    expect(browser.uncaughtErrors).toEqual([]);
    console.log(
      `panel: ${writtenTotal} entries written, ${all.length} shown (${now.length} + ${before.length}), ` +
        `${lostInRestart} lost in the restart, ${evictedButShown} evicted by the backend but still shown, ${Date.now() - started} ms`,
    );
  });

  it('marks entries the ring buffer dropped before the panel fetched them as a gap of the exact size', async () => {
    // A second NetBox with a small buffer, on another host (its own cookies).
    const small = await startNetBox({ host: 'localhost', capacity: 1_000 });
    try {
      const tab = await browser.ctx.newPage();
      await logIn(tab, small);
      await addInstance(browser, small.baseUrl);
      await control(small.origin, 'burst', { count: 300 });
      await tab.goto(`${small.baseUrl}/dcim/devices/`);
      const logs = await openPanel(tab);
      await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe('Showing 200 of 300');
      await logs.getByRole('switch', { name: 'Auto-refresh' }).uncheck();

      // 2,500 arrive at once: the buffer keeps the newest 1,000, 1,500 are gone unseen.
      await control(small.origin, 'burst', { count: 2_500 });
      await logs.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => logs.locator('.pbl-scroll [role="row"][data-entry-id]').first().getAttribute('data-entry-id'), { timeout: 15_000 }).toBe('2800');

      const all = await exported(tab, logs);
      expect(all.map((e) => Number(e.id))).toEqual([
        ...Array.from({ length: 1_000 }, (_, i) => 2_800 - i),
        ...Array.from({ length: 200 }, (_, i) => 300 - i),
      ]);
      const held = await backendNewerThan(small, 0);
      expect(all.slice(0, 1_000).filter((e, i) => !same(e, held[i]!)).map((e) => e.id)).toEqual([]);

      const rowCount = Number(await logs.getByRole('treegrid', { name: 'Log entries' }).getAttribute('aria-rowcount'));
      expect(rowCount - 1 - all.length).toBe(1);
      await logs.locator('.pbl-scroll').evaluate((el, y) => (el.scrollTop = y), 1_000 * ROW_HEIGHT - 90);
      const gap = logs.locator('.pbl-scroll [role="row"][data-index="1000"]');
      await expect.poll(() => gap.textContent()).toBe('Up to 1500 entries are missing here: the backend dropped them before they were fetched.');
      await screenshot(tab, 'continuity-eviction-gap');
      await tab.close();
    } finally {
      await small.close();
    }
  });
});
