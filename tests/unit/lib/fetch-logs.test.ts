// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fetchJson, fetchLogs, fetchNetBoxStatus, isAbortError } from '../../../lib/core/fetch-logs';

const URL_ = 'https://nb.example.com/api/plugins/proxbox/logs/?limit=200';
const LOGS = { logs: [{ id: '2', timestamp: 't', level: 'ERROR', module: 'm', message: 'boom' }], total: 1, has_more: false };

function respond(body: BodyInit | null, init: ResponseInit & { url?: string; redirected?: boolean } = {}): Response {
  const res = new Response(body, { status: 200, headers: { 'content-type': 'application/json' }, ...init });
  // Response's url/redirected are read-only getters; own properties shadow them for the test.
  if (init.url !== undefined) Object.defineProperty(res, 'url', { value: init.url });
  if (init.redirected !== undefined) Object.defineProperty(res, 'redirected', { value: init.redirected });
  return res;
}

type FetchFn = typeof fetch;
const fake = (impl: (url: string, init?: RequestInit) => Promise<Response> | Response) =>
  vi.fn(async (input: Parameters<FetchFn>[0], init?: RequestInit) => impl(String(input), init)) as unknown as FetchFn & ReturnType<typeof vi.fn>;

/** A fetch that never answers and ignores its signal. */
const hanging = () => fake(() => new Promise<Response>(() => {}));

describe('fetchLogs', () => {
  it('asks with the session, following redirects, uncached, for JSON', async () => {
    const fetchImpl = fake(() => respond(JSON.stringify(LOGS)));
    const out = await fetchLogs(URL_, { fetchImpl });
    expect(out).toEqual({
      ok: true,
      value: {
        logs: [
          {
            id: 2, timestamp: 't', level: 'ERROR', module: 'm', message: 'boom',
            operationId: null, operation: null, phase: null, resourceType: null, resourceId: null, traceback: null,
          },
        ],
        total: 1,
        hasMore: false,
      },
    });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0]! as [string, RequestInit];
    expect(url).toBe(URL_);
    expect(init).toMatchObject({
      method: 'GET',
      credentials: 'include',
      redirect: 'follow',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('spots a redirect to the login page', async () => {
    const fetchImpl = fake(() =>
      respond('<html><form><input name="csrfmiddlewaretoken"><input type="password"></form></html>', {
        headers: { 'content-type': 'text/html' },
        url: 'https://nb.example.com/login/?next=/api/plugins/proxbox/logs/',
        redirected: true,
      }),
    );
    expect(await fetchLogs(URL_, { fetchImpl })).toEqual({
      ok: false,
      failure: { kind: 'logged-out', status: 200, detail: 'redirected to the login page' },
    });
  });

  it('passes statuses and lower-cased headers to the parser', async () => {
    const fetchImpl = fake(() => respond(JSON.stringify({ detail: 'slow down' }), { status: 429, headers: { 'Retry-After': '7' } }));
    expect(await fetchLogs(URL_, { fetchImpl })).toEqual({
      ok: false,
      failure: { kind: 'rate-limited', status: 429, detail: 'slow down', retryAfterMs: 7000 },
    });
    const down = fake(() => respond(JSON.stringify({ detail: 'Proxbox backend unreachable' }), { status: 502 }));
    expect(await fetchLogs(URL_, { fetchImpl: down })).toEqual({
      ok: false,
      failure: { kind: 'backend-down', status: 502, detail: 'Proxbox backend unreachable' },
    });
  });

  it('a network error is offline when the browser says so, network otherwise', async () => {
    const failing = () => fake(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchLogs(URL_, { fetchImpl: failing(), isOnline: () => false })).toEqual({ ok: false, failure: { kind: 'offline' } });
    expect(await fetchLogs(URL_, { fetchImpl: failing(), isOnline: () => true })).toEqual({
      ok: false,
      failure: { kind: 'network', detail: 'Failed to fetch' },
    });
    expect(await fetchLogs(URL_, { fetchImpl: failing() })).toEqual({ ok: false, failure: { kind: 'network', detail: 'Failed to fetch' } });
  });

  it('a fetch that throws synchronously, or rejects with a non-error, is a network failure', async () => {
    const sync = vi.fn(() => {
      throw new TypeError('bad\u0000 url');
    }) as unknown as typeof fetch;
    expect(await fetchLogs(URL_, { fetchImpl: sync })).toEqual({ ok: false, failure: { kind: 'network', detail: 'bad url' } });
    const weird = fake(() => Promise.reject(42));
    expect(await fetchLogs(URL_, { fetchImpl: weird })).toEqual({ ok: false, failure: { kind: 'network', detail: '42' } });
  });

  it('times out with a fetch that honours its signal', async () => {
    const fetchImpl = fake(
      (_url, init) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    expect(await fetchLogs(URL_, { fetchImpl, timeoutMs: 20 })).toEqual({
      ok: false,
      failure: { kind: 'timeout', detail: 'no answer within 20 ms' },
    });
  });

  it('times out even with a fetch that ignores its signal', async () => {
    const started = Date.now();
    const out = await fetchLogs(URL_, { fetchImpl: hanging(), timeoutMs: 30 });
    expect(out.ok ? null : out.failure.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out while the body is still arriving', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"logs": ['));
      },
    });
    const fetchImpl = fake(() => respond(stream));
    const out = await fetchLogs(URL_, { fetchImpl, timeoutMs: 1500 });
    expect(out).toEqual({ ok: false, failure: { kind: 'timeout', detail: 'no answer within 1.5 s' } });
  });

  it("rejects with an AbortError when the caller's signal aborts, before or during", async () => {
    const before = new AbortController();
    before.abort();
    const fetchImpl = fake(() => respond(JSON.stringify(LOGS)));
    await expect(fetchLogs(URL_, { fetchImpl, signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fetchImpl).not.toHaveBeenCalled();

    const during = new AbortController();
    const pending = fetchLogs(URL_, { fetchImpl: hanging(), signal: during.signal, timeoutMs: 10_000 });
    setTimeout(() => during.abort(), 10);
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(error).toBeInstanceOf(DOMException);
  });

  it('isAbortError', () => {
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new TypeError('x'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });

  it('refuses an answer above the size cap, by Content-Length or while streaming', async () => {
    const declared = fake(() => respond('{"logs": []}', { headers: { 'content-length': '999999999' } }));
    expect(await fetchLogs(URL_, { fetchImpl: declared })).toEqual({ ok: false, failure: { kind: 'malformed', detail: 'answer too large' } });

    const chunk = new Uint8Array(1024).fill(32);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(chunk);
      },
    });
    const streaming = fake(() => respond(endless));
    expect(await fetchLogs(URL_, { fetchImpl: streaming, maxBytes: 64 * 1024 })).toEqual({
      ok: false,
      failure: { kind: 'malformed', detail: 'answer too large' },
    });
    expect(sent).toBeLessThan(100);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ logs: [{ id: 1, message: 'Привет 日本語 🚀' }] }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const out = await fetchLogs(URL_, { fetchImpl: fake(() => respond(stream)) });
    expect(out.ok && out.value.logs[0]!.message).toBe('Привет 日本語 🚀');
  });
});

describe('fetchJson', () => {
  it('returns parsed JSON or the same failures as fetchLogs', async () => {
    expect(await fetchJson('https://x/api/', { fetchImpl: fake(() => respond('{"a": 1}')) })).toEqual({ ok: true, value: { a: 1 } });
    expect(
      await fetchJson('https://x/api/', {
        fetchImpl: fake(() => respond(JSON.stringify({ detail: 'Authentication credentials were not provided.' }), { status: 403 })),
      }),
    ).toEqual({ ok: false, failure: { kind: 'logged-out', status: 403, detail: 'Authentication credentials were not provided.' } });
  });
});

describe('fetchNetBoxStatus', () => {
  const STATUS = { 'django-version': '5.2', 'netbox-version': '4.6.8', plugins: { netbox_proxbox: '0.0.24', other: '1.0' } };
  const CREDENTIALS = JSON.stringify({ detail: 'Authentication credentials were not provided.' });

  function netbox(routes: Record<string, () => Response>) {
    return fake((url) => {
      const path = new URL(url).pathname;
      const route = routes[path];
      return route ? route() : respond('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } });
    });
  }

  it('logged in: versions and loggedIn true, under a BASE_PATH', async () => {
    const fetchImpl = netbox({
      '/netbox/api/status/': () => respond(JSON.stringify(STATUS)),
      '/netbox/api/authentication-check/': () => respond('{"id": 1, "username": "admin"}'),
    });
    expect(await fetchNetBoxStatus('https://tools.example.com/netbox', { fetchImpl })).toEqual({
      ok: true,
      value: { netboxVersion: '4.6.8', proxboxVersion: '0.0.24', loggedIn: true },
    });
    expect(fetchImpl.mock.calls.map((c) => c[0])).toEqual([
      'https://tools.example.com/netbox/api/status/',
      'https://tools.example.com/netbox/api/authentication-check/',
    ]);
  });

  it('status answers anonymous users (LOGIN_REQUIRED off) but the check says logged out', async () => {
    const fetchImpl = netbox({
      '/api/status/': () => respond(JSON.stringify(STATUS)),
      '/api/authentication-check/': () => respond(CREDENTIALS, { status: 403 }),
    });
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl })).toEqual({
      ok: true,
      value: { netboxVersion: '4.6.8', proxboxVersion: '0.0.24', loggedIn: false },
    });
  });

  it('logged out: ok with loggedIn false and nothing known', async () => {
    const fetchImpl = netbox({ '/api/status/': () => respond(CREDENTIALS, { status: 403 }) });
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl })).toEqual({
      ok: true,
      value: { netboxVersion: '', proxboxVersion: null, loggedIn: false },
    });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('no Proxbox plugin: proxboxVersion null', async () => {
    const fetchImpl = netbox({
      '/api/status/': () => respond(JSON.stringify({ 'netbox-version': '4.6.8', plugins: {} })),
      '/api/authentication-check/': () => respond('{"id": 1}'),
    });
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl })).toEqual({
      ok: true,
      value: { netboxVersion: '4.6.8', proxboxVersion: null, loggedIn: true },
    });
  });

  it('an older NetBox without the authentication check: status decides', async () => {
    const fetchImpl = netbox({ '/api/status/': () => respond(JSON.stringify(STATUS)) });
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl })).toEqual({
      ok: true,
      value: { netboxVersion: '4.6.8', proxboxVersion: '0.0.24', loggedIn: true },
    });
  });

  it('not a NetBox: 404, other JSON, network failures', async () => {
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl: netbox({}) })).toEqual({
      ok: false,
      failure: {
        kind: 'unexpected',
        status: 404,
        detail: 'no NetBox API at this address (/api/status/ not found): check the address and its base path',
      },
    });
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl: netbox({ '/api/status/': () => respond('{"ok": true}') }) })).toEqual({
      ok: false,
      failure: { kind: 'wrong-shape', status: 200, detail: 'not a NetBox /api/status/ answer (no "netbox-version")' },
    });
    const refused = fake(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl: refused })).toEqual({
      ok: false,
      failure: { kind: 'network', detail: 'Failed to fetch' },
    });
  });

  it('a failing authentication check other than 403/404 is reported', async () => {
    const fetchImpl = netbox({
      '/api/status/': () => respond(JSON.stringify(STATUS)),
      '/api/authentication-check/': () => respond('{"detail": "oops"}', { status: 500 }),
    });
    expect(await fetchNetBoxStatus('https://nb.example.com', { fetchImpl })).toEqual({
      ok: false,
      failure: { kind: 'server-error', status: 500, detail: 'oops' },
    });
  });
});
