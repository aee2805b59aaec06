// @vitest-environment node
// The released world (the default): the plugin answers where the backend is, whatever the
// query; the logs come only from the backend, on its own origin, with its key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { control, TestClient } from './test-client';

const LOGS = '/api/plugins/proxbox/logs/';
const KEYS = ['fastapi_url', 'fastapi_websocket_url', 'logs_api_url', 'sse_stream_url', 'backend_log_file_path'];
const EMPTY = { fastapi_url: '', fastapi_websocket_url: '', logs_api_url: '', sse_stream_url: '', backend_log_file_path: '/var/log/proxbox.log' };
let sim: Simulator;
let admin: TestClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  admin = new TestClient(sim.origin);
  await admin.login();
});

describe('discovery (the released plugin)', () => {
  it('is the default, on a backend of another origin', () => {
    expect(sim.state().plugin).toBe('discovery');
    expect(new URL(sim.backendUrl).origin).not.toBe(sim.origin);
  });

  it('answers 200 with the real keys pointing at the backend, query ignored', async () => {
    await control(sim.origin, 'logs', { count: 3 });
    for (const query of ['', '?level=ERROR', '?limit=0', '?operation_id=x&offset=-1']) {
      const { status, body } = await admin.json<Record<string, string>>(`${LOGS}${query}`);
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(KEYS);
      expect(body).toEqual({
        fastapi_url: sim.backendUrl,
        fastapi_websocket_url: `${sim.backendUrl.replace('http:', 'ws:')}/ws`,
        logs_api_url: `${sim.backendUrl}/admin/logs`,
        sse_stream_url: `${sim.backendUrl}/admin/logs/stream`,
        backend_log_file_path: '/var/log/proxbox.log',
      });
    }
    // The named URL is the real backend: with the key it answers logs.
    const logs = await fetch(`${sim.backendUrl}/admin/logs`, { headers: { 'X-Proxbox-API-Key': sim.backendApiKey! } });
    expect(((await logs.json()) as { total: number }).total).toBe(3);
  });

  it('empty URL strings, still 200, without permission or without an enabled endpoint; 403 logged out', async () => {
    const viewer = new TestClient(sim.origin);
    await viewer.login('viewer');
    expect(await viewer.json(LOGS)).toMatchObject({ status: 200, body: EMPTY });
    await control(sim.origin, 'endpoint', { enabled: false });
    expect(await admin.json(LOGS)).toMatchObject({ status: 200, body: EMPTY });
    const anonymous = new TestClient(sim.origin);
    expect(await anonymous.json(LOGS)).toMatchObject({ status: 403, body: { detail: 'Authentication credentials were not provided.' } });
  });

  it('names the advertised address when NetBox reaches the backend by another (Docker)', async () => {
    await control(sim.origin, 'backend', { advertisedUrl: 'http://proxbox-api:8800' });
    const { body } = await admin.json<Record<string, string>>(LOGS);
    expect(body).toMatchObject({ fastapi_url: 'http://proxbox-api:8800', fastapi_websocket_url: 'ws://proxbox-api:8800/ws', logs_api_url: 'http://proxbox-api:8800/admin/logs' });
    await control(sim.origin, 'backend', { advertisedUrl: null });
    expect((await admin.json<Record<string, string>>(LOGS)).body.fastapi_url).toBe(sim.backendUrl);
  });

  it('an option sets the advertised address from the start; reset keeps it', async () => {
    const docker = await startSimulator({ advertisedBackendUrl: 'http://127.0.0.1:9' });
    try {
      const c = new TestClient(docker.origin);
      await c.login();
      expect((await c.json<Record<string, string>>(LOGS)).body.logs_api_url).toBe('http://127.0.0.1:9/admin/logs');
      docker.reset();
      expect(docker.state().advertised_backend_url).toBe('http://127.0.0.1:9');
    } finally {
      await docker.close();
    }
  });

  it('POST /__sim/plugin switches the world per test; reset switches it back', async () => {
    await control(sim.origin, 'logs', { count: 2 });
    expect(await control(sim.origin, 'plugin', { mode: 'proxy' })).toEqual({ plugin: 'proxy' });
    expect((await admin.json<{ total: number }>(LOGS)).body.total).toBe(2);
    const state = await control<{ plugin: string }>(sim.origin, 'reset');
    expect(state.plugin).toBe('discovery');
    const bad = await fetch(`${sim.origin}/__sim/plugin`, { method: 'POST', body: JSON.stringify({ mode: 'both' }) });
    expect(bad.status).toBe(400);
  });

  it('POST /__sim/backend validates its input and shows in /__sim/state', async () => {
    const post = (body: unknown) => fetch(`${sim.origin}/__sim/backend`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ apiKey: 5 })).status).toBe(400);
    expect((await post({ apiKey: '' })).status).toBe(400);
    expect((await post({ advertisedUrl: 'proxbox-api:8800' })).status).toBe(400);
    expect((await post({ stream: 'off' })).status).toBe(400);
    expect((await post({ syncRoute: 'off' })).status).toBe(400);
    expect(await (await post({ apiKey: 'new-key', advertisedUrl: 'http://proxbox-api:8800' })).json()).toEqual({
      backend_api_key: 'new-key',
      advertised_backend_url: 'http://proxbox-api:8800',
      stream: true,
      sync_route: true,
    });
    const state = (await (await fetch(`${sim.origin}/__sim/state`)).json()) as Record<string, unknown>;
    expect(state).toMatchObject({ backend_api_key: 'new-key', advertised_backend_url: 'http://proxbox-api:8800', plugin: 'discovery' });
    expect(state.endpoint).toEqual({ enabled: true, api_key_valid: false }); // NetBox still holds the old key
  });
});
