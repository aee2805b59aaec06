import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backendRequestOptions, explainBackendFailure, type BackendNet } from '@/lib/background/backend-net';
import { checkHealth, connectBackend } from '@/lib/background/connect-backend';
import { backendSource, type SourceDeps } from '@/lib/background/log-sources';
import type { NetworkNote } from '@/lib/background/network-watch';
import { getBackendKey, saveBackendKey } from '@/lib/browser/backend-keys';
import { saveInstances } from '@/lib/browser/settings-storage';
import { fetchJson, fetchLogs } from '@/lib/core/fetch-logs';
import type { NetBoxInstance } from '@/lib/core/instance';
import { createInstance } from '@/lib/core/settings';
import { stubExtensionApis } from './browser-stubs';

// Every request to the backend goes one way (lib/background/backend-net.ts): no cookies,
// no redirects followed, and a failure named with what the browser's network layer saw.

const NETBOX = 'http://10.0.0.5:8000';
const BACKEND = 'https://10.0.0.7:8443';
const KEY = 'the-right-key';

interface Sent {
  url: string;
  key: string | null;
  redirect: RequestRedirect | undefined;
  credentials: RequestCredentials | undefined;
}

let sent: Sent[];
let answer: () => Response;
let seen: NetworkNote | null;
let instance: NetBoxInstance;

const network: typeof fetch = async (input, init) => {
  sent.push({ url: String(input), key: new Headers(init?.headers).get('X-Proxbox-API-Key'), redirect: init?.redirect, credentials: init?.credentials });
  return answer();
};
const net: BackendNet = { fetchFor: () => network, watch: { explain: async () => seen } };
const deps: SourceDeps = {
  fetchLogs,
  fetchJson,
  now: () => 1_000_000,
  isOnline: () => true,
  hasPermission: async () => true,
  backendNet: net,
};

const refused = (): Response => {
  throw new TypeError('Failed to fetch');
};
// What a fetch with redirect: 'manual' hands back in a browser: status 0, no headers.
const opaqueRedirect = (): Response => ({ status: 0, type: 'opaqueredirect', url: '', redirected: false, headers: new Headers(), body: null, text: async () => '' }) as unknown as Response;

beforeEach(async () => {
  fakeBrowser.reset();
  stubExtensionApis();
  sent = [];
  seen = null;
  answer = () => new Response('{"status":"ready"}', { status: 200, headers: { 'content-type': 'application/json' } });
  instance = { ...createInstance({ baseUrl: NETBOX, origin: NETBOX }), logsVia: 'backend', backendUrl: BACKEND, backendUrlFromNetBox: BACKEND };
  await saveInstances([instance]);
});

describe('backendRequestOptions', () => {
  it('sends no cookies, follows no redirect, and the key only when there is one', () => {
    expect(backendRequestOptions(undefined, `${BACKEND}/health`)).toEqual({ credentials: 'omit', redirect: 'manual' });
    expect(backendRequestOptions(net, `${BACKEND}/admin/logs`, KEY)).toEqual({
      credentials: 'omit',
      redirect: 'manual',
      headers: { 'X-Proxbox-API-Key': KEY },
      fetchImpl: network,
    });
  });
});

describe('explainBackendFailure', () => {
  it('a refused certificate is named, never "unreachable"', async () => {
    seen = { certificate: 'unknown-authority', error: 'net::ERR_CERT_AUTHORITY_INVALID' };
    expect(await explainBackendFailure(net, `${BACKEND}/health`, 0, { kind: 'network', detail: 'Failed to fetch', backendUrl: BACKEND })).toEqual({
      kind: 'backend-certificate',
      certificate: 'unknown-authority',
      detail: 'net::ERR_CERT_AUTHORITY_INVALID',
      backendUrl: BACKEND,
    });
  });

  it('a network failure the browser names no reason for stays "unreachable"', async () => {
    expect(await explainBackendFailure(net, `${BACKEND}/health`, 0, { kind: 'network', detail: 'Failed to fetch' })).toEqual({ kind: 'backend-unreachable', detail: 'Failed to fetch' });
  });

  it('a redirect says where it pointed, from what the browser saw', async () => {
    seen = { redirectTo: 'http://127.0.0.2:9/admin/logs' };
    expect(await explainBackendFailure(net, `${BACKEND}/admin/logs`, 0, { kind: 'logged-out', status: 0, detail: 'redirected' })).toEqual({
      kind: 'backend-redirect',
      redirectTo: 'http://127.0.0.2:9/admin/logs',
    });
  });
});

describe('the backend source and Connect, through it', () => {
  it('a page that meets a redirect: the failure, one request, and the key sent only to the address given', async () => {
    await saveBackendKey(instance.id, { key: KEY, backendUrl: BACKEND }, { session: false });
    answer = opaqueRedirect;
    seen = { redirectTo: 'http://elsewhere.example/admin/logs' };
    expect(await backendSource(instance, deps).fetchPage({ limit: 5 })).toEqual({
      ok: false,
      failure: { kind: 'backend-redirect', redirectTo: 'http://elsewhere.example/admin/logs', backendUrl: BACKEND },
    });
    expect(sent).toEqual([{ url: `${BACKEND}/admin/logs?limit=5`, key: KEY, redirect: 'manual', credentials: 'omit' }]);
    // A redirect is not the key's fault: it is kept.
    expect(await getBackendKey(instance.id, BACKEND)).toBe(KEY);
  });

  it('Connect to an address whose certificate is refused stops at /health: the key is never sent', async () => {
    answer = refused;
    seen = { certificate: 'self-signed', error: 'The certificate is not trusted because it is self-signed.' };
    expect(await connectBackend({ instanceId: instance.id, backendUrl: BACKEND, key: KEY, session: false }, deps)).toEqual({
      ok: false,
      step: 'reach',
      failure: { kind: 'backend-certificate', certificate: 'self-signed', detail: 'The certificate is not trusted because it is self-signed.', backendUrl: BACKEND },
    });
    expect(sent.map((s) => [new URL(s.url).pathname, s.key])).toEqual([['/health', null]]);
  });

  it('Connect to an address whose /health redirects stops there too', async () => {
    answer = opaqueRedirect;
    const outcome = await connectBackend({ instanceId: instance.id, backendUrl: BACKEND, key: KEY, session: false }, deps);
    expect(outcome).toMatchObject({ ok: false, step: 'reach', failure: { kind: 'backend-redirect', backendUrl: BACKEND } });
    expect(sent.filter((s) => s.key !== null)).toEqual([]);
  });

  it("the options page's /health check names the address in its failure", async () => {
    answer = refused;
    expect(await checkHealth(BACKEND, deps)).toEqual({ ok: false, failure: { kind: 'backend-unreachable', detail: 'Failed to fetch', backendUrl: BACKEND } });
  });
});
