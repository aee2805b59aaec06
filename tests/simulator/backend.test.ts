// @vitest-environment node
// proxbox-api served directly: rate limit, API key and lockout, /health, /admin/logs, the
// SSE stream and /sync/active (contract §3). The recorded answers themselves are replayed in contract.test.ts.
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { control } from './test-client';

let sim: Simulator;
let key: string;
beforeAll(async () => {
  sim = await startSimulator({ keepaliveMs: 100, backendRateLimit: 40 });
  key = sim.backendApiKey!;
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const get = (path: string, apiKey: string | null = key) =>
  fetch(`${sim.backendUrl}${path}`, { headers: apiKey === null ? {} : { 'X-Proxbox-API-Key': apiKey } });

const detail = async (res: Response) => ((await res.json()) as { detail: unknown }).detail;

interface Stream {
  /** Raw text, for checking the framing itself. */
  text: string;
  /** `log` events' entries, as a real SSE parser sees them. */
  logs: Array<{ id: string; level: string }>;
  comments: string[];
}

/** Reads an SSE stream until `until` says enough, the server ends it, or the time runs out. */
async function readStream(res: Response, until: (s: Stream) => boolean, ms = 2000): Promise<Stream> {
  const stream: Stream = { text: '', logs: [], comments: [] };
  const parser = createParser({
    onEvent: (event) => {
      expect(event.event).toBe('log');
      stream.logs.push(JSON.parse(event.data) as { id: string; level: string });
    },
    onComment: (comment) => stream.comments.push(comment),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const deadline = setTimeout(() => void reader.cancel(), ms);
  try {
    while (!until(stream)) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      const chunk = decoder.decode(value, { stream: true });
      stream.text += chunk;
      parser.feed(chunk);
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => undefined);
  }
  return stream;
}

describe('the gate: rate limit, key, lockout', () => {
  it('counts down the attempts left, a missing key too, and a success resets the count', async () => {
    expect(await detail(await get('/admin/logs', null))).toBe('API key required. 4 attempts remaining.');
    expect(await detail(await get('/admin/logs', 'wrong'))).toBe('Invalid API key. 3 attempts remaining.');
    expect((await get('/admin/logs')).status).toBe(200);
    expect(await detail(await get('/admin/logs', 'wrong'))).toBe('Invalid API key. 4 attempts remaining.');
  });

  it('locks the address out for 300 s after five failures, even with the right key', async () => {
    for (let i = 0; i < 4; i++) expect((await get('/admin/logs', 'wrong')).status).toBe(401);
    const fifth = await get('/admin/logs', null);
    expect([fifth.status, await detail(fifth)]).toEqual([401, 'API key required.']);
    const locked = await get('/admin/logs');
    expect([locked.status, locked.headers.get('retry-after'), await detail(locked)]).toEqual([
      429,
      '300',
      'Too many failed authentication attempts. Please try again later.',
    ]);
    await control(sim.origin, 'restart'); // a restart forgets
    expect((await get('/admin/logs')).status).toBe(200);
  });

  it('says when no key is configured, without counting a failure; a rotated key refuses the old one', async () => {
    await control(sim.origin, 'backend', { apiKey: null });
    for (let i = 0; i < 6; i++) {
      const res = await get('/admin/logs');
      expect([res.status, await detail(res)]).toEqual([401, 'No API key configured. Register a key via POST /auth/register-key or use an existing key.']);
    }
    await control(sim.origin, 'backend', { apiKey: 'rotated-key' });
    expect(await detail(await get('/admin/logs'))).toBe('Invalid API key. 4 attempts remaining.');
    expect((await get('/admin/logs', 'rotated-key')).status).toBe(200);
    expect(sim.backendApiKey).toBe('rotated-key');
    sim.reset();
    expect(sim.backendApiKey).toBe(key);
  });

  it('checks the key before routing and before CORS: unknown paths and preflights get 401 without CORS headers', async () => {
    const unknown = await get('/nope', null);
    expect(unknown.status).toBe(401);
    const preflight = await fetch(`${sim.backendUrl}/admin/logs`, {
      method: 'OPTIONS',
      headers: { Origin: sim.origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'X-Proxbox-API-Key' },
    });
    expect(preflight.status).toBe(401);
    expect([...preflight.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const res = await get('/nope');
    expect([res.status, await res.json()]).toEqual([404, { detail: 'Not Found' }]);
  });

  it('lets the NetBox origin read an answer (CORS), other origins not', async () => {
    const allowed = await fetch(`${sim.backendUrl}/admin/logs?limit=1`, { headers: { 'X-Proxbox-API-Key': key, Origin: sim.origin } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(sim.origin);
    const other = await fetch(`${sim.backendUrl}/admin/logs?limit=1`, { headers: { 'X-Proxbox-API-Key': key, Origin: 'http://evil.example' } });
    expect([other.status, other.headers.get('access-control-allow-origin'), other.headers.get('vary')]).toEqual([200, null, 'Origin']);
  });

  it('/health needs no key and counts no failure', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await get('/health', null);
      expect([res.status, await res.json()]).toEqual([200, { status: 'ready', init_ok: true }]);
    }
    expect((await get('/admin/logs')).status).toBe(200);
  });

  it('/docs and its stylesheet need no key: a page a browser shows without an error', async () => {
    const docs = await get('/docs', null);
    const html = await docs.text();
    expect([docs.status, docs.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const href = /<link[^>]+rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    // Under nosniff a stylesheet answered in JSON is blocked, which Firefox reports as the page's error.
    const css = await get(href!, null);
    expect([css.status, css.headers.get('content-type'), css.headers.get('x-content-type-options')]).toEqual([200, 'text/css; charset=utf-8', 'nosniff']);
  });

  it('answers 429 with Retry-After: 60 past the per-address rate limit, good requests included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await get('/health', null)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    const limited = await get('/admin/logs');
    expect([limited.status, limited.headers.get('retry-after'), await detail(limited)]).toEqual([429, '60', 'Rate limit exceeded. Please try again later.']);
  });

  it('records each backend request with how its key compared', async () => {
    await get('/admin/logs', null);
    await get('/admin/logs', 'wrong');
    await get('/admin/logs');
    await get('/health', null);
    const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: Array<{ server: string; path: string; key?: string; status: number }> };
    expect(requests.map((r) => [r.server, r.path, r.key, r.status])).toEqual([
      ['backend', '/admin/logs', 'none', 401],
      ['backend', '/admin/logs', 'invalid', 401],
      ['backend', '/admin/logs', 'valid', 200],
      ['backend', '/health', 'none', 200],
    ]);
  });
});

describe('GET /admin/logs', () => {
  it('answers 422 FastAPI-style for a bad query, every bad parameter listed', async () => {
    const res = await get('/admin/logs?level=LOUD&limit=9999');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: Array<Record<string, unknown>> };
    expect(body.detail.map((d) => d.loc)).toEqual([
      ['query', 'level'],
      ['query', 'limit'],
    ]);
  });

  it('redacts secrets in messages and tracebacks before storing them', async () => {
    await control(sim.origin, 'logs', {
      message: 'login with password=hunter2hunter2 and Authorization: Bearer abc.def-ghi, token: 0123456789abcdef',
      traceback: 'Traceback\n  headers={"X-Proxbox-API-Key": "x"} X-Proxbox-API-Key: abc123',
    });
    const { logs } = (await (await get('/admin/logs')).json()) as { logs: Array<{ message: string; expandable: { traceback: string } }> };
    expect(logs[0]!.message).toBe('login with [REDACTED] and Authorization: Bearer [REDACTED], [REDACTED]');
    expect(logs[0]!.expandable.traceback).toBe('Traceback\n  headers={"X-Proxbox-API-Key": "x"} X-Proxbox-API-Key: [REDACTED]');
  });
});

describe('GET /admin/logs/stream', () => {
  it('on connect sends the newest 200 matching, oldest first, then what arrives', async () => {
    await control(sim.origin, 'logs', { count: 250 });
    const res = await get('/admin/logs/stream');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    setTimeout(() => void control(sim.origin, 'logs', { count: 2 }), 50);
    const stream = await readStream(res, (s) => s.logs.length >= 202);
    expect(stream.logs.map((e) => Number(e.id))).toEqual(Array.from({ length: 202 }, (_, i) => 51 + i));
  });

  it('from newer_than_id; more than 200 in one wake: the older ones are skipped', async () => {
    await control(sim.origin, 'logs', { count: 5 });
    const res = await get('/admin/logs/stream?newer_than_id=2');
    setTimeout(() => void control(sim.origin, 'logs', { count: 300 }), 50);
    const stream = await readStream(res, (s) => s.logs.length >= 203);
    expect(stream.logs.slice(0, 3).map((e) => e.id)).toEqual(['3', '4', '5']);
    expect(stream.logs.slice(3).map((e) => Number(e.id))).toEqual(Array.from({ length: 200 }, (_, i) => 106 + i));
  });

  it('writes Python json.dumps: spaced separators, non-ASCII and control characters escaped', async () => {
    const message = 'line one\nline two <b>"quoted"</b> \u0000 ✓ 日本語 😀 \u007f';
    await control(sim.origin, 'logs', { message, traceback: 'Traceback\n\n  x' });
    const stream = await readStream(await get('/admin/logs/stream'), (s) => s.logs.length >= 1);
    expect(stream.text).toContain(
      '"message": "line one\\nline two <b>\\"quoted\\"</b> \\u0000 \\u2713 \\u65e5\\u672c\\u8a9e \\ud83d\\ude00 \\u007f", "operation_id": null',
    );
    expect(stream.text.startsWith('event: log\ndata: {"id": "1", "timestamp": "')).toBe(true);
    expect(stream.logs).toEqual([expect.objectContaining({ message, expandable: { traceback: 'Traceback\n\n  x' } })]);
  });

  it('honours level, errors_only and operation_id', async () => {
    const op = '11111111-2222-4333-8444-555555555555';
    const res = await get(`/admin/logs/stream?level=ERROR&operation_id=${op}`);
    setTimeout(() => {
      void control(sim.origin, 'logs', {
        entries: [{ level: 'ERROR' }, { level: 'ERROR', operation_id: op }, { level: 'INFO', operation_id: op }],
      });
    }, 50);
    expect((await readStream(res, (s) => s.logs.length >= 1)).logs.map((e) => e.id)).toEqual(['2']);
    const errors = await get('/admin/logs/stream?errors_only=true&level=DEBUG&newer_than_id=3');
    setTimeout(() => void control(sim.origin, 'logs', { entries: [{ message: 'fine' }, { message: 'sync failed' }] }), 50);
    expect((await readStream(errors, (s) => s.logs.length >= 1)).logs.map((e) => e.id)).toEqual(['5']);
  });

  it('sends `: keepalive` after keepaliveMs without entries', async () => {
    const res = await get('/admin/logs/stream');
    const stream = await readStream(res, (s) => s.comments.length > 0);
    expect(stream.text).toBe(': keepalive\n\n');
  });

  it('a restart ends the stream; a bad query is 422; a wrong key 401', async () => {
    const res = await get('/admin/logs/stream');
    setTimeout(() => void control(sim.origin, 'restart'), 50);
    await readStream(res, () => false, 1500);
    expect(sim.state().open_streams).toBe(0);
    expect((await get('/admin/logs/stream?newer_than_id=x')).status).toBe(422);
    expect((await get('/admin/logs/stream', 'wrong')).status).toBe(401);
  });

  it('`stream: false` takes the route away: open streams end, a new one is 404 (logs still 200); reset brings it back', async () => {
    const res = await get('/admin/logs/stream');
    setTimeout(() => void control(sim.origin, 'backend', { stream: false }), 50);
    await readStream(res, () => false, 1500);
    expect(sim.state().open_streams).toBe(0);
    const refused = await get('/admin/logs/stream');
    expect([refused.status, await refused.json()]).toEqual([404, { detail: 'Not Found' }]);
    expect((await get('/admin/logs?limit=1')).status).toBe(200);
    sim.reset();
    const again = await get('/admin/logs/stream');
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });
});

describe('/sync/active: the runs in flight', () => {
  const IDLE = { active: false, started_at: null, id: null, kind: null, runs: [] };
  const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/;

  it('idle as recorded; a run started through the control API is active with its operation id, kind and start (UTC, Z), oldest first', async () => {
    expect(await (await get('/sync/active')).json()).toEqual(IDLE);
    const first = (await control(sim.origin, 'sync', { kind: 'full-update' })) as { run: { id: string; started_at: string } };
    expect(first.run.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.run.started_at).toMatch(ISO_Z);
    const second = (await control(sim.origin, 'sync', { kind: 'full-update', id: 'second-run', log: false })) as { run: { started_at: string } };
    const busy = await (await get('/sync/active')).json();
    expect(busy).toEqual({
      active: true,
      started_at: first.run.started_at,
      id: first.run.id,
      kind: 'full-update',
      runs: [
        { id: first.run.id, kind: 'full-update', started_at: first.run.started_at },
        { id: 'second-run', kind: 'full-update', started_at: second.run.started_at },
      ],
    });
    expect(Object.keys(busy as object)).toEqual(['active', 'started_at', 'id', 'kind', 'runs']);
    // The oldest run ends: the next one is on top; then every run ends.
    await control(sim.origin, 'sync', { active: false, id: first.run.id });
    expect(await (await get('/sync/active')).json()).toMatchObject({ active: true, id: 'second-run', runs: [{ id: 'second-run' }] });
    expect(await control(sim.origin, 'sync', { active: false })).toEqual({ ended: [{ id: 'second-run', kind: 'full-update', started_at: second.run.started_at }], sync: IDLE });
    expect(await (await get('/sync/active')).json()).toEqual(IDLE);
  });

  it("a run's start logs the two entries the real backend tags with its id, written after started_at; the rest of a run is a time range", async () => {
    await control(sim.origin, 'logs', { message: 'before the run' });
    const { run } = (await control(sim.origin, 'sync', {})) as { run: { id: string; started_at: string } };
    await control(sim.origin, 'logs', { message: 'during the run' });
    const tagged = (await (await get(`/admin/logs?operation_id=${run.id}`)).json()) as { logs: Array<{ message: string; module: string; operation: string | null }> };
    expect(tagged.logs.map((e) => [e.message, e.module, e.operation])).toEqual([
      ['[bulk_prerequisites] Reconciling device dependency phases', '\u001b[90mstructured_logging\u001b[0m', 'device_sync'],
      ['Starting full_update sync', '\u001b[90mfull_update\u001b[0m', null],
    ]);
    const since = encodeURIComponent(run.started_at);
    const fromStart = (await (await get(`/admin/logs?since=${since}`)).json()) as { logs: Array<{ message: string }> };
    expect(fromStart.logs.map((e) => e.message)).toEqual(['during the run', '[bulk_prerequisites] Reconciling device dependency phases', 'Starting full_update sync']);
  });

  it('needs the key; `syncRoute: false` answers 404 as an older backend does; a restart and reset forget the runs', async () => {
    await control(sim.origin, 'sync', { kind: 'full-update' });
    expect((await get('/sync/active', null)).status).toBe(401);
    await control(sim.origin, 'backend', { syncRoute: false });
    const old = await get('/sync/active');
    expect([old.status, await old.json()]).toEqual([404, { detail: 'Not Found' }]);
    expect(sim.state().sync_active).toBeNull();
    await control(sim.origin, 'backend', { syncRoute: true });
    expect(sim.state().sync_active).toMatchObject({ active: true });
    await control(sim.origin, 'restart');
    expect(await (await get('/sync/active')).json()).toEqual(IDLE);
    await control(sim.origin, 'sync', {});
    await control(sim.origin, 'backend', { syncRoute: false });
    sim.reset();
    expect(await (await get('/sync/active')).json()).toEqual(IDLE);
  });

  it('refuses a malformed control call', async () => {
    for (const body of [{ active: 'no' }, { kind: '' }, { kind: 3 }, { id: ' ' }, { log: 'yes' }]) {
      const res = await fetch(`${sim.origin}/__sim/sync`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
    expect(await (await get('/sync/active')).json()).toEqual(IDLE);
  });
});
