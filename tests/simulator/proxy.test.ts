// @vitest-environment node
// The plugin's logs proxy (contract §2) and every fault mode, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { control, TestClient } from './test-client';

const LOGS = '/api/plugins/proxbox/logs/';
let sim: Simulator;
let admin: TestClient;

beforeAll(async () => {
  sim = await startSimulator({ plugin: 'proxy', seed: 3 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  admin = new TestClient(sim.origin);
  await admin.login();
});

const fault = (body: Record<string, unknown>) => control(sim.origin, 'fault', body);

describe('logs proxy', () => {
  it('returns the backend answer unchanged, byte for byte', async () => {
    await control(sim.origin, 'burst', { count: 300 });
    const proxied = await admin.request(`${LOGS}?limit=50&errors_only=true`);
    const direct = await fetch(`${sim.backendUrl}/admin/logs?limit=50&errors_only=true`, {
      headers: { 'X-Proxbox-API-Key': sim.backendApiKey! },
    });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('content-type')).toBe('application/json');
    expect(await proxied.text()).toBe(await direct.text());
  });

  it('answers the seed four calls', async () => {
    const op = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
    await control(sim.origin, 'logs', { count: 250 });
    await control(sim.origin, 'logs', { level: 'ERROR', operation_id: op, traceback: 'Traceback (most recent call last):\n  x' });
    const all = await admin.json<{ logs: Array<{ id: string }>; total: number; has_more: boolean }>(LOGS);
    expect([all.body.logs.length, all.body.total, all.body.has_more, all.body.logs[0]?.id]).toEqual([200, 251, true, '251']);
    const errors = await admin.json<{ logs: Array<{ id: string; expandable: unknown }> }>(`${LOGS}?level=ERROR`);
    expect(errors.body.logs).toEqual([expect.objectContaining({ id: '251', expandable: { traceback: 'Traceback (most recent call last):\n  x' } })]);
    const byOp = await admin.json<{ logs: unknown[] }>(`${LOGS}?operation_id=${op}`);
    expect(byOp.body.logs).toHaveLength(1);
    const page2 = await admin.json<{ logs: Array<{ id: string }>; has_more: boolean }>(`${LOGS}?limit=200&offset=200`);
    expect([page2.body.logs.length, page2.body.logs[0]?.id, page2.body.has_more]).toEqual([51, '51', false]);
  });

  it('passes the backend 422 through', async () => {
    const { status, body } = await admin.json<{ detail: Array<{ loc: string[] }> }>(`${LOGS}?limit=0`);
    expect(status).toBe(422);
    expect(body.detail[0]?.loc).toEqual(['query', 'limit']);
  });

  it('403 for a user without view permission on FastAPIEndpoint', async () => {
    const viewer = new TestClient(sim.origin);
    await viewer.login('viewer');
    const { status, body } = await viewer.json(LOGS);
    expect([status, body]).toEqual([403, { detail: 'You do not have permission to view FastAPI endpoints.' }]);
  });

  it('404 when no enabled endpoint is configured', async () => {
    await control(sim.origin, 'endpoint', { enabled: false });
    const { status, body } = await admin.json(LOGS);
    expect([status, body]).toEqual([404, { detail: 'No enabled FastAPIEndpoint is configured.' }]);
  });

  it('passes the backend 401 through for a wrong key, then 429 with Retry-After', async () => {
    await control(sim.origin, 'endpoint', { apiKey: 'stale-key' });
    for (let i = 0; i < 5; i++) {
      const { status, body } = await admin.json(LOGS);
      expect([status, body]).toEqual([401, { detail: i < 4 ? `Invalid API key. ${4 - i} attempts remaining.` : 'Invalid API key.' }]);
    }
    const locked = await admin.json<{ detail: string }>(LOGS);
    expect(locked.status).toBe(429);
    expect(Number(locked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(typeof locked.body.detail).toBe('string');
  });
});

describe('faults', () => {
  it('down: 502 JSON detail', async () => {
    await fault({ mode: 'down' });
    const { status, body } = await admin.json<{ detail: string }>(LOGS);
    expect(status).toBe(502);
    expect(body.detail).toMatch(/Proxbox backend/);
  });

  it('slow: answers late, or 504 past the proxy timeout', async () => {
    await fault({ mode: 'slow', delayMs: 150 });
    let started = performance.now();
    expect((await admin.request(LOGS)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await fault({ mode: 'slow', delayMs: 5000, timeoutMs: 100 });
    started = performance.now();
    const { status, body } = await admin.json(LOGS);
    expect([status, body]).toEqual([504, { detail: 'Backend did not answer in time.' }]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('hang: never answers until the client gives up', async () => {
    await fault({ mode: 'hang' });
    const abort = new AbortController();
    const pending = admin.request(LOGS, { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.state().held_requests).toBe(1);
    abort.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.state().held_requests).toBe(0);
  });

  it('status: 500 HTML, 401 and 429 JSON with Retry-After, custom bodies', async () => {
    await fault({ mode: 'status', status: 500 });
    const html = await admin.request(LOGS);
    expect([html.status, html.headers.get('content-type')]).toEqual([500, 'text/html; charset=utf-8']);
    await fault({ mode: 'status', status: 401, body: { detail: 'Invalid API key' } });
    expect((await admin.json(LOGS)).body).toEqual({ detail: 'Invalid API key' });
    await fault({ mode: 'status', status: 429, body: { detail: 'Slow down' }, headers: { 'Retry-After': '7' } });
    const limited = await admin.json(LOGS);
    expect([limited.status, limited.res.headers.get('retry-after'), limited.body]).toEqual([429, '7', { detail: 'Slow down' }]);
    await fault({ mode: 'status', status: 429 });
    expect((await admin.request(LOGS)).headers.get('retry-after')).toBe('30');
  });

  it('malformed: truncated JSON, text, HTML, empty', async () => {
    await control(sim.origin, 'logs', { count: 10 });
    await fault({ mode: 'malformed' });
    const truncated = await admin.request(LOGS);
    expect(truncated.status).toBe(200);
    const text = await truncated.text();
    expect(text.startsWith('{"logs":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    for (const variant of ['text', 'html', 'empty']) {
      await fault({ mode: 'malformed', variant });
      const res = await admin.request(LOGS);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(() => JSON.parse(body)).toThrow();
    }
  });

  it('wrong-shape: null logs, items, missing fields, wrong types, a bare array', async () => {
    await control(sim.origin, 'logs', { count: 4 });
    const shapeOf = async (variant?: string) => {
      await fault({ mode: 'wrong-shape', ...(variant ? { variant } : {}) });
      const { status, body } = await admin.json<Record<string, unknown>>(LOGS);
      expect(status).toBe(200);
      return body;
    };
    expect((await shapeOf()).logs).toBeNull();
    expect(await shapeOf('items')).toEqual({ items: [], count: 0 });
    const missing = (await shapeOf('missing-fields')).logs as Array<Record<string, unknown>>;
    expect(missing.map((e) => ['id', 'level', 'message', 'timestamp'].filter((k) => !(k in e)))).toEqual([['id'], ['level'], ['message'], ['timestamp']]);
    const typed = await shapeOf('wrong-types');
    expect(typed.total).toBe('many');
    expect((typed.logs as Array<Record<string, unknown>>)[0]?.level).toBe(40);
    expect(Array.isArray(await shapeOf('array'))).toBe(true);
  });

  it('discovery: the released plugin answer (discovery.test.ts), before the permission and endpoint checks', async () => {
    await fault({ mode: 'discovery' });
    const { status, body } = await admin.json(LOGS);
    await control(sim.origin, 'plugin', { mode: 'discovery' });
    expect([status, body]).toEqual([200, (await admin.json(LOGS)).body]);
    await control(sim.origin, 'plugin', { mode: 'proxy' });
    const viewer = new TestClient(sim.origin);
    await viewer.login('viewer');
    expect((await viewer.json<{ logs_api_url: string }>(LOGS)).body.logs_api_url).toBe('');
  });

  it('one-shot faults clear themselves after `times` requests; sticky ones stay until none', async () => {
    await fault({ mode: 'down', times: 2 });
    expect((await admin.request(LOGS)).status).toBe(502);
    expect((await admin.request(LOGS)).status).toBe(502);
    expect((await admin.request(LOGS)).status).toBe(200);
    await fault({ mode: 'down' });
    for (let i = 0; i < 3; i++) expect((await admin.request(LOGS)).status).toBe(502);
    await fault({ mode: 'none' });
    expect((await admin.request(LOGS)).status).toBe(200);
  });

  it('checks permission and endpoint before the fault applies', async () => {
    await fault({ mode: 'down', times: 1 });
    const viewer = new TestClient(sim.origin);
    await viewer.login('viewer');
    expect((await viewer.request(LOGS)).status).toBe(403);
    expect((await new TestClient(sim.origin).request(LOGS)).status).toBe(403);
    expect((await admin.request(LOGS)).status).toBe(502);
  });

  it('rejects a bad fault spec', async () => {
    const res = await fetch(`${sim.origin}/__sim/fault`, { method: 'POST', body: JSON.stringify({ mode: 'status' }) });
    expect(res.status).toBe(400);
  });
});
