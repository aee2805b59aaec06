// @vitest-environment node
// The /__sim/ control API and the request record.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from './request-record';
import { startSimulator, type Simulator } from './simulator';
import { control, TestClient } from './test-client';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11, capacity: 50 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const state = async () => (await (await fetch(`${sim.origin}/__sim/state`)).json()) as ReturnType<Simulator['state']>;

describe('control API', () => {
  it('POST /__sim/logs writes plain entries with the given fields and returns their ids', async () => {
    const one = await control<{ ids: string[] }>(sim.origin, 'logs', { level: 'ERROR', message: 'x', traceback: 'Traceback\n  y', resource_id: 'abc' });
    expect(one.ids).toEqual(['1']);
    expect(sim.buffer.get(1)).toEqual({
      id: '1',
      timestamp: expect.stringMatching(/\+00:00$/),
      level: 'ERROR',
      module: 'sync',
      message: 'x',
      operation_id: null,
      operation: null,
      phase: null,
      resource_type: null,
      resource_id: 'abc',
      expandable: { traceback: 'Traceback\n  y' },
    });
    const many = await control<{ ids: string[]; first_id: string; last_id: string }>(sim.origin, 'logs', { count: 3, module: 'devices' });
    expect([many.ids, many.first_id, many.last_id]).toEqual([['2', '3', '4'], '2', '4']);
    const listed = await control<{ ids: string[] }>(sim.origin, 'logs', {
      level: 'WARNING',
      entries: [{ message: 'a' }, { message: 'b', level: 'DEBUG', timestamp: '2020-01-01T00:00:00+00:00' }],
    });
    expect(listed.ids).toEqual(['5', '6']);
    expect([sim.buffer.get(5)?.level, sim.buffer.get(6)?.level, sim.buffer.get(6)?.timestamp]).toEqual(['WARNING', 'DEBUG', '2020-01-01T00:00:00+00:00']);
  });

  it('POST /__sim/burst {spreadOverHours} stamps a history over the last hours, in bursts, rising with the ids', async () => {
    await control(sim.origin, 'logs', { timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString() });
    const before = Date.now();
    const burst = await control<{ count: number; ids: string[] }>(sim.origin, 'burst', { count: 40, spreadOverHours: 6, level: 'INFO' });
    expect(burst.count).toBe(40);
    const stamps = burst.ids.map((id) => Date.parse(sim.buffer.get(Number(id))!.timestamp));
    // After the newest entry held (two hours ago), not before, up to now; each after the one before.
    expect(Math.min(...stamps)).toBeGreaterThan(before - 2 * 3_600_000);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(Date.now());
    expect(stamps.every((t, i) => i === 0 || t >= stamps[i - 1]!)).toBe(true);
    expect(new Set(burst.ids.map((id) => sim.buffer.get(Number(id))!.timestamp)).size).toBe(40);
    expect(burst.ids.every((id) => sim.buffer.get(Number(id))!.level === 'INFO')).toBe(true);
    // Entries written afterwards come later still.
    await control(sim.origin, 'logs', {});
    expect(Date.parse(sim.buffer.get(42)!.timestamp)).toBeGreaterThanOrEqual(Math.max(...stamps));
    const res = await fetch(`${sim.origin}/__sim/burst`, { method: 'POST', body: JSON.stringify({ spreadOverHours: 0 }) });
    expect([res.status, await res.json()]).toEqual([400, { error: 'spreadOverHours must be a number above 0, at most 168' }]);
  });

  it('POST /__sim/burst writes realistic entries; capacity evicts', async () => {
    const burst = await control<{ count: number; last_id: string }>(sim.origin, 'burst', { count: 80 });
    expect([burst.count, burst.last_id]).toEqual([80, '80']);
    const s = await state();
    expect(s.buffer).toEqual({ size: 50, capacity: 50, oldest_id: '31', newest_id: '80', next_id: '81' });
  });

  it('POST /__sim/restart empties the buffer and ids start from 1', async () => {
    await control(sim.origin, 'logs', { count: 5 });
    await control(sim.origin, 'restart');
    expect((await state()).buffer.size).toBe(0);
    expect((await control<{ ids: string[] }>(sim.origin, 'logs', {})).ids).toEqual(['1']);
  });

  it('POST /__sim/writer plays entries at a rate, and pauses', async () => {
    await control(sim.origin, 'writer', { rate: 200 });
    await new Promise((r) => setTimeout(r, 300));
    await control(sim.origin, 'writer', { paused: true });
    const written = (await state()).writer.written;
    expect(written).toBeGreaterThan(20);
    await new Promise((r) => setTimeout(r, 100));
    expect((await state()).writer).toMatchObject({ written, paused: true, rate: 200 });
  });

  it('GET /__sim/requests records what the server received', async () => {
    const c = new TestClient(sim.origin);
    await c.request('/api/status/?x=1');
    await c.login();
    await c.request('/api/plugins/proxbox/logs/?limit=5');
    const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: RequestRecord[] };
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.session}`)).toEqual([
      'GET /api/status/?x=1 403 false',
      'GET /login/ 200 false',
      'POST /login/ 302 false',
      'GET /api/plugins/proxbox/logs/?limit=5 200 true',
    ]);
    expect(requests[3]?.bytes).toBeGreaterThan(50);
    expect(requests[0]?.server).toBe('netbox');
    expect(typeof requests[0]?.time).toBe('string');
    const after = (await (await fetch(`${sim.origin}/__sim/requests?after=${requests[2]!.seq}`)).json()) as { requests: RequestRecord[] };
    expect(after.requests).toHaveLength(1);
    await control(sim.origin, 'requests/clear');
    expect(((await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: unknown[] }).requests).toEqual([]);
  });

  it('POST /__sim/reset puts everything back', async () => {
    const c = new TestClient(sim.origin);
    await c.login();
    await control(sim.origin, 'logs', { count: 3 });
    await control(sim.origin, 'fault', { mode: 'down' });
    await control(sim.origin, 'endpoint', { enabled: false });
    await control(sim.origin, 'writer', { rate: 5 });
    const after = await control<ReturnType<Simulator['state']>>(sim.origin, 'reset');
    expect(after.buffer.size).toBe(0);
    expect(after.fault).toEqual({ mode: 'none' });
    expect(after.endpoint).toEqual({ enabled: true, api_key_valid: true });
    expect(after.writer.rate).toBe(0);
    expect(after.sessions).toBe(0);
  });

  it('answers 400 for bad input and 404 for unknown routes', async () => {
    const post = (path: string, body: string) => fetch(`${sim.origin}/__sim/${path}`, { method: 'POST', body });
    expect((await post('logs', '{nope')).status).toBe(400);
    expect((await post('logs', JSON.stringify({ count: -1 }))).status).toBe(400);
    expect((await post('writer', JSON.stringify({ rate: 'fast' }))).status).toBe(400);
    expect((await post('endpoint', JSON.stringify({ enabled: 'no' }))).status).toBe(400);
    expect((await post('fault', JSON.stringify({ mode: 'explode' }))).status).toBe(400);
    expect((await post('nothing', '{}')).status).toBe(404);
  });
});
