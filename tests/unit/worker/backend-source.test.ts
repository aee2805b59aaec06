import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectBackend } from '@/lib/background/connect-backend';
import { backendSource, readLogs, type SourceDeps } from '@/lib/background/log-sources';
import { getBackendKey, saveBackendKey } from '@/lib/browser/backend-keys';
import { fetchJson, fetchLogs } from '@/lib/core/fetch-logs';
import type { NetBoxInstance } from '@/lib/core/instance';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { wireEntry } from '../../fixtures/wire-entry';
import { stubExtensionApis } from './browser-stubs';

// The backend's defences (contract §3), as a fake proxbox-api: a request that could fail
// authentication is sent once; a 401 stops everything until a new key; a 429 until its
// Retry-After; nothing without a key; the NetBox session never goes to the backend.

const NETBOX = 'http://10.0.0.5:8000';
const BACKEND = 'http://10.0.0.7:8800';
const KEY = 'the-right-key';

interface Sent {
  url: string;
  key: string | null;
  credentials: RequestCredentials | undefined;
}

let sent: Sent[];
let backendKey: string | null;
let reachable: boolean;
let lockedUntil: number;
let clock: number;
let instance: NetBoxInstance;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const fakeBackend: typeof fetch = async (input, init) => {
  const url = String(input);
  const key = new Headers(init?.headers).get('X-Proxbox-API-Key');
  sent.push({ url, key, credentials: init?.credentials });
  if (!reachable) throw new TypeError('Failed to fetch');
  const path = new URL(url).pathname;
  if (path === '/health') return json(200, { status: 'ready', init_ok: true });
  if (clock < lockedUntil) return json(429, { detail: 'Too many failed authentication attempts. Please try again later.' }, { 'retry-after': '300' });
  if (backendKey === null) return json(401, { detail: 'No API key configured. Register a key via POST /auth/register-key or use an existing key.' });
  if (!key) return json(401, { detail: 'API key required. 4 attempts remaining.' });
  if (key !== backendKey) return json(401, { detail: 'Invalid API key. 3 attempts remaining.' });
  return json(200, { logs: [wireEntry('2'), wireEntry('1')], total: 2, has_more: false, active_filters: {} });
};

const deps: SourceDeps = {
  fetchLogs: (url, options) => fetchLogs(url, { ...options, fetchImpl: fakeBackend }),
  fetchJson: (url, options) => fetchJson(url, { ...options, fetchImpl: fakeBackend }),
  now: () => clock,
  isOnline: () => true,
  hasPermission: async (pattern) => pattern === 'http://10.0.0.7:8800/*' || pattern === 'http://10.0.0.5:8000/*',
};

const logsRequests = () => sent.filter((s) => new URL(s.url).pathname === '/admin/logs');

beforeEach(async () => {
  fakeBrowser.reset();
  stubExtensionApis();
  sent = [];
  backendKey = KEY;
  reachable = true;
  lockedUntil = 0;
  clock = 1_000_000;
  instance = { ...createInstance({ baseUrl: NETBOX, origin: NETBOX }), logsVia: 'backend', backendUrl: BACKEND, backendUrlFromNetBox: BACKEND };
  await saveInstances([instance]);
});

describe('reading from proxbox-api with the key', () => {
  it('sends nothing without a key, or without an address', async () => {
    expect(await backendSource(instance, deps).fetchPage({})).toEqual({ ok: false, failure: { kind: 'key-needed', backendUrl: BACKEND } });
    expect(await backendSource({ ...instance, backendUrl: null }, deps).fetchPage({})).toEqual({ ok: false, failure: { kind: 'no-backend-address' } });
    expect(sent).toEqual([]);
  });

  it('sends the key in its header only, never the NetBox session, and reads the page', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
    const out = await backendSource(instance, deps).fetchPage({ level: 'ERROR', limit: 5 });
    expect(out.ok && out.value.logs.map((e) => e.id)).toEqual([2, 1]);
    expect(sent).toEqual([{ url: `${BACKEND}/admin/logs?level=ERROR&limit=5`, key: KEY, credentials: 'omit' }]);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain(KEY);
  });

  it('a revoked key: one failed request, then nothing for anyone until a new key', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
    backendKey = 'rotated';
    const first = await backendSource(instance, deps).fetchPage({});
    expect(first).toEqual({ ok: false, failure: { kind: 'key-rejected', status: 401, detail: 'Invalid API key. 3 attempts remaining.', backendUrl: BACKEND } });
    for (let i = 0; i < 5; i++) {
      expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'key-rejected', detail: 'Invalid API key. 3 attempts remaining.' } });
    }
    expect(logsRequests()).toHaveLength(1);
    expect(await getBackendKey(instance.id, BACKEND)).toBeNull();
  });

  it('"No API key configured" is its own state, and stops requests too', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
    backendKey = null;
    expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'key-not-registered' } });
    expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'key-not-registered' } });
    expect(logsRequests()).toHaveLength(1);
  });

  it('a lockout waits out its Retry-After without a request, then reads again', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
    lockedUntil = clock + 300_000;
    expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'locked-out', retryAfterMs: 300_000 } });
    clock += 200_000;
    expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'locked-out', retryAfterMs: 100_000 } });
    expect(logsRequests()).toHaveLength(1);
    clock += 100_001;
    expect((await backendSource(instance, deps).fetchPage({})).ok).toBe(true);
  });

  it('an unreachable address is the browser not reaching the backend', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
    reachable = false;
    expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'backend-unreachable', backendUrl: BACKEND } });
  });

  it('a key is bound to its address: a new address has none', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: 'http://proxbox-api:8800' }, { session: false });
    expect(await backendSource(instance, deps).fetchPage({})).toMatchObject({ ok: false, failure: { kind: 'key-needed' } });
    expect(sent).toEqual([]);
  });
});

describe('a plugin that names the backend', () => {
  it('switches the instance to the backend at the named address, keeping one the user set', async () => {
    const netboxFirst: SourceDeps = {
      ...deps,
      fetchLogs: async (url, options) =>
        url.startsWith(NETBOX)
          ? { ok: false, failure: { kind: 'discovery', status: 200, backendUrl: 'http://proxbox-api:8800' } }
          : deps.fetchLogs(url, options),
    };
    const proxied = createInstance({ baseUrl: NETBOX, origin: NETBOX });
    await saveInstances([{ ...proxied, backendUrl: BACKEND }]);
    const out = await readLogs({ ...proxied, backendUrl: BACKEND }, netboxFirst).fetchPage({});
    expect(out).toMatchObject({ ok: false, failure: { kind: 'key-needed' } });
    expect((await loadInstances())[0]).toMatchObject({ logsVia: 'backend', backendUrl: BACKEND, backendUrlFromNetBox: 'http://proxbox-api:8800' });
  });
});

describe('Connect', () => {
  const request = (key: string, backendUrl = BACKEND) => ({ instanceId: instance.id, backendUrl, key, session: false });

  it('probes /health without a key, tests the key with one request, and keeps it', async () => {
    expect(await connectBackend(request(KEY), deps)).toEqual({ ok: true });
    expect(sent.map((s) => [new URL(s.url).pathname, s.key])).toEqual([
      ['/health', null],
      ['/admin/logs', KEY],
    ]);
    expect(await getBackendKey(instance.id, BACKEND)).toBe(KEY);
  });

  it('a wrong key costs exactly one request, keeps nothing, and says what the backend said', async () => {
    const answer = await connectBackend(request('wrong'), deps);
    expect(answer).toEqual({
      ok: false,
      step: 'key',
      failure: { kind: 'key-rejected', status: 401, detail: 'Invalid API key. 3 attempts remaining.', backendUrl: BACKEND },
    });
    expect(logsRequests()).toHaveLength(1);
    expect(await getBackendKey(instance.id, BACKEND)).toBeNull();
  });

  it('an address the browser cannot reach stops before any key is sent', async () => {
    reachable = false;
    expect(await connectBackend(request(KEY), deps)).toMatchObject({ ok: false, step: 'reach', failure: { kind: 'backend-unreachable' } });
    expect(sent.filter((s) => s.key !== null)).toEqual([]);
  });

  it('keeps the key for the session only when asked, and a new address takes the old one’s place', async () => {
    expect(await connectBackend({ ...request(KEY, 'http://10.0.0.7:8800/'), session: true }, deps)).toEqual({ ok: true });
    expect(await fakeBrowser.storage.session.get('backend-keys')).toEqual({ 'backend-keys': { [instance.id]: { key: KEY, backendUrl: BACKEND } } });
    expect(await fakeBrowser.storage.local.get('backend-keys')).toEqual({});
  });
});
