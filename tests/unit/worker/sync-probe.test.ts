import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWorker, type Worker } from '@/lib/background/worker';
import { readWorkerState } from '@/lib/background/state-store';
import { dropBackendKey, getBackendGate, getBackendKey, saveBackendKey, setBackendGate } from '@/lib/browser/backend-keys';
import { saveDisplayPrefs } from '@/lib/browser/display-prefs-storage';
import { saveInstances } from '@/lib/browser/settings-storage';
import { fetchJson, fetchLogs } from '@/lib/core/fetch-logs';
import type { NetBoxInstance } from '@/lib/core/instance';
import { createInstance } from '@/lib/core/settings';
import { getInstanceState } from '@/lib/core/worker-state';
import { stubExtensionApis } from './browser-stubs';

vi.mock('@/lib/browser/messaging', async () => (await import('./browser-stubs')).inProcessMessaging());

// The worker asks proxbox-api's `GET /sync/active` with its badge polls (direct mode), as
// a fake backend with the real one's gate answers it. The probe is a help, never a fault:
// a 404 or any failure hides the indicator and changes nothing else; a 401 follows the key
// rule like a 401 anywhere; nothing is asked without a key, with the gate closed, or
// through NetBox.

const NETBOX = 'http://10.0.0.5:8000';
const BACKEND = 'http://10.0.0.7:8800';
const KEY = 'the-right-key';
const LABEL = '10.0.0.5:8000';
const OP = 'b8517053-da07-4d41-979b-3d76e167d578';
const IDLE = { active: false, started_at: null, id: null, kind: null, runs: [] };

interface Sent {
  path: string;
  key: string | null;
  credentials: RequestCredentials | undefined;
  redirect: RequestRedirect | undefined;
}

let sent: Sent[];
let backendKey: string;
/** The key /sync/active alone accepts (a key rotated between the badge's two requests). */
let syncKey: string;
/** What /sync/active answers past the key check. */
let syncAnswer: () => Response;
let clock: number;
let instance: NetBoxInstance;
let worker: Worker | undefined;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const busy = (startedAt: string) => () => json(200, { active: true, started_at: startedAt, id: OP, kind: 'full-update', runs: [{ id: OP, kind: 'full-update', started_at: startedAt }] });

const fakeBackend: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const key = new Headers(init?.headers).get('X-Proxbox-API-Key');
  sent.push({ path: url.pathname, key, credentials: init?.credentials, redirect: init?.redirect });
  if (url.origin === NETBOX) return json(200, { logs: [], total: 0, has_more: false });
  const wanted = url.pathname === '/sync/active' ? syncKey : backendKey;
  if (!key) return json(401, { detail: 'API key required. 4 attempts remaining.' });
  if (key !== wanted) return json(401, { detail: 'Invalid API key. 3 attempts remaining.' });
  if (url.pathname === '/sync/active') return syncAnswer();
  if (url.pathname === '/admin/logs') return json(200, { logs: [], total: 0, has_more: false, active_filters: {} });
  return json(404, { detail: 'Not Found' });
};

function start(): Promise<void> {
  worker = startWorker({
    fetchLogs: (url, o) => fetchLogs(url, { ...o, fetchImpl: fakeBackend }),
    fetchJson: (url, o) => fetchJson(url, { ...o, fetchImpl: fakeBackend }),
    now: () => clock,
    isOnline: () => true,
    hasPermission: async () => true,
  });
  return worker.ready;
}

/** Time passes, then the instance's alarm fires. */
async function tick(seconds = 30): Promise<void> {
  clock += seconds * 1000;
  await fakeBrowser.alarms.onAlarm.trigger({ name: `poll:${instance.id}`, scheduledTime: clock, periodInMinutes: 0.5 });
}

const probes = () => sent.filter((s) => s.path === '/sync/active');
const stored = async () => getInstanceState(await readWorkerState(), instance.id);
const status = async () => (await worker!.getStatus())[0]!;
const badge = async () => ({
  text: await fakeBrowser.action.getBadgeText({}),
  color: await fakeBrowser.action.getBadgeBackgroundColor({}),
  title: await fakeBrowser.action.getTitle({}),
});

beforeEach(async () => {
  fakeBrowser.reset();
  stubExtensionApis({ granted: () => true });
  sent = [];
  backendKey = KEY;
  syncKey = KEY;
  syncAnswer = () => json(200, IDLE);
  clock = Date.parse('2026-12-07T10:56:00Z');
  instance = { ...createInstance({ baseUrl: NETBOX, origin: NETBOX }), logsVia: 'backend', backendUrl: BACKEND, backendUrlFromNetBox: BACKEND };
  await saveInstances([instance]);
  await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
  await saveDisplayPrefs({ timeZone: 'utc' });
});

afterEach(() => {
  worker?.stop();
  worker = undefined;
});

describe('the sync running now, with the badge polls', () => {
  it('asks once per alarm with the key, no cookies, no redirect; the status and the tooltip say it; gone when the run ends', async () => {
    await start();
    expect(probes()).toEqual([{ path: '/sync/active', key: KEY, credentials: 'omit', redirect: 'manual' }]);
    expect((await stored()).sync).toEqual({ at: clock, activity: { state: 'idle' } });
    expect((await status()).sync).toBeUndefined();

    syncAnswer = busy('2026-12-07T10:56:03.123456Z');
    await tick();
    const run = { id: OP, kind: 'full-update', startedAt: Date.parse('2026-12-07T10:56:03.123Z') };
    expect((await status()).sync).toEqual({ run, alsoRunning: 0 });
    expect((await badge()).title).toBe(`Proxbox Backend Logs\n${LABEL}: no new errors; sync running: full-update since 10:56`);
    expect(await worker!.getActiveSync({ instanceId: instance.id })).toEqual({ run, alsoRunning: 0 });

    // A poll between alarms (Refresh, a view's new errors) asks nothing more.
    await worker!.pollNow(instance.id);
    expect(probes()).toHaveLength(2);
    expect(sent.filter((s) => s.path === '/admin/logs')).toHaveLength(3);

    syncAnswer = () => json(200, IDLE);
    await tick();
    expect(probes()).toHaveLength(3);
    expect((await status()).sync).toBeUndefined();
    expect((await badge()).title).toBe(`Proxbox Backend Logs\n${LABEL}: no new errors`);
    expect(await worker!.getActiveSync({ instanceId: instance.id })).toBeNull();
  });

  it('a backend without the route (404) shows nothing and changes nothing else; it is asked again at the next alarm', async () => {
    syncAnswer = () => json(404, { detail: 'Not Found' });
    await start();
    const before = { state: await stored(), badge: await badge() };
    expect(before.state.sync).toEqual({ at: clock, activity: { state: 'absent' } });
    expect(before.state).toMatchObject({ failure: null, consecutiveFailures: 0, backoffUntil: null, retryAfterUntil: null });
    expect(before.badge).toEqual({ text: '', color: before.badge.color, title: `Proxbox Backend Logs\n${LABEL}: no new errors` });
    expect(await getBackendGate(instance.id)).toEqual({});
    expect(await getBackendKey(instance.id, BACKEND)).toBe(KEY);
    await tick();
    expect(probes()).toHaveLength(2);
    expect(await badge()).toEqual(before.badge);
  });

  const failures: Array<[string, () => Response | Promise<Response>]> = [
    ['500', () => new Response('<h1>Internal Server Error</h1>', { status: 500, headers: { 'content-type': 'text/html' } })],
    ['502 from a proxy in front', () => json(502, { detail: 'Bad Gateway' })],
    ['429 rate limit', () => json(429, { detail: 'Rate limit exceeded. Please try again later.' }, { 'retry-after': '60' })],
    ['429 lockout', () => json(429, { detail: 'Too many failed authentication attempts. Please try again later.' }, { 'retry-after': '300' })],
    ['a redirect', () => new Response(null, { status: 307, headers: { location: 'http://elsewhere.example/' } })],
    ['connection refused', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['not JSON', () => new Response('{"active": tru', { status: 200, headers: { 'content-type': 'application/json' } })],
    ['JSON of another shape', () => json(200, { active: 'yes', started_at: 12 })],
    ['a body far too large', () => json(200, { active: true, started_at: '2026-12-07T10:56:03Z', id: OP, kind: 'x'.repeat(200_000), runs: [] })],
  ];
  for (const [name, answer] of failures) {
    it(`a failure of the probe (${name}) hides the indicator and changes nothing else: no failure, backoff, badge or gate`, async () => {
      syncAnswer = busy('2026-12-07T10:50:00Z');
      await start();
      expect((await status()).sync).toBeDefined();
      const badgeBefore = await badge();
      syncAnswer = answer as () => Response;
      await tick();
      const after = await stored();
      expect(after.sync).toEqual({ at: clock, activity: { state: 'unknown' } });
      expect(after).toMatchObject({ failure: null, consecutiveFailures: 0, backoffUntil: null, retryAfterUntil: null, lastSuccessAt: clock });
      expect((await status()).sync).toBeUndefined();
      expect((await badge()).text).toBe(badgeBefore.text);
      expect((await badge()).color).toEqual(badgeBefore.color);
      expect((await badge()).title).toBe(`Proxbox Backend Logs\n${LABEL}: no new errors`);
      expect(await getBackendGate(instance.id)).toEqual({});
      expect(await getBackendKey(instance.id, BACKEND)).toBe(KEY);
      // The next alarm reads the logs and asks again, as usual.
      syncAnswer = () => json(200, IDLE);
      await tick();
      expect(probes()).toHaveLength(3);
      expect((await stored()).sync?.activity).toEqual({ state: 'idle' });
    });
  }

  it('a 401 on /sync/active is the key rule: the key is dropped, the gate closes, nothing more is sent', async () => {
    await start();
    syncKey = 'rotated';
    await tick();
    expect(probes().at(-1)).toMatchObject({ key: KEY });
    expect(await getBackendKey(instance.id, BACKEND)).toBeNull();
    expect(await getBackendGate(instance.id)).toEqual({ rejected: 'Invalid API key. 3 attempts remaining.' });
    const count = sent.length;
    await tick();
    await tick();
    expect(sent).toHaveLength(count);
    // The badge says it at the next alarm, as for a 401 anywhere.
    expect((await stored()).failure).toMatchObject({ kind: 'key-rejected' });
    expect((await badge()).title).toContain('the backend rejected the API key');
  });

  it('nothing is asked with the gate closed (a lockout waiting out its Retry-After)', async () => {
    await setBackendGate(instance.id, { blockedUntil: clock + 300_000, blockedFor: 'locked-out' });
    await start();
    await tick();
    expect(await worker!.getActiveSync({ instanceId: instance.id, opening: true })).toBeNull();
    expect(sent).toEqual([]);
  });

  it('nothing is asked without a key', async () => {
    await dropBackendKey(instance.id);
    await start();
    await tick();
    expect(await worker!.getActiveSync({ instanceId: instance.id, opening: true })).toBeNull();
    expect(sent).toEqual([]);
  });

  it('through NetBox there is no /sync/active: nothing is asked, nothing shows', async () => {
    instance = { ...instance, logsVia: 'netbox', backendUrl: null, backendUrlFromNetBox: null };
    await saveInstances([instance]);
    await start();
    await tick();
    expect(await worker!.getActiveSync({ instanceId: instance.id, opening: true })).toBeNull();
    expect(sent.map((s) => s.path)).toEqual(['/api/plugins/proxbox/logs/', '/api/plugins/proxbox/logs/']);
    expect((await status()).sync).toBeUndefined();
  });
});

describe('a view opening', () => {
  it('asks the backend unless the answer is a few seconds old; later asks read the stored answer', async () => {
    await start();
    expect(probes()).toHaveLength(1);
    syncAnswer = busy('2026-12-07T10:56:03Z');
    clock += 4000;
    expect(await worker!.getActiveSync({ instanceId: instance.id, opening: true })).toBeNull();
    expect(probes()).toHaveLength(1);
    clock += 1000;
    expect(await worker!.getActiveSync({ instanceId: instance.id, opening: true })).toMatchObject({ run: { id: OP } });
    expect(probes()).toHaveLength(2);
    // The tooltip follows what the opening found.
    expect((await badge()).title).toContain('sync running: full-update since 10:56');
    clock += 10_000;
    expect(await worker!.getActiveSync({ instanceId: instance.id })).toMatchObject({ run: { id: OP } });
    expect(probes()).toHaveLength(2);
  });

  it('a NetBox page may ask for its own instance only; nothing while the badge poll fails', async () => {
    syncAnswer = busy('2026-12-07T10:56:03Z');
    await start();
    expect(await worker!.getActiveSync({ instanceId: instance.id }, { url: `${NETBOX}/dcim/devices/` })).toMatchObject({ run: { id: OP } });
    expect(await worker!.getActiveSync({ instanceId: instance.id }, { url: 'https://other.example.com/' })).toBeNull();
    expect(await worker!.getActiveSync({ instanceId: 'http://nowhere:1' })).toBeNull();

    backendKey = 'rotated';
    await tick();
    const count = probes().length;
    clock += 60_000;
    expect(await worker!.getActiveSync({ instanceId: instance.id, opening: true })).toBeNull();
    expect(probes()).toHaveLength(count);
  });
});
