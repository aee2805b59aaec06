// @vitest-environment node
// proxbox-api served directly: API key, lockout, /admin/logs and the SSE stream (contract §3).
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { control } from './test-client';

let sim: Simulator;
let key: string;
beforeAll(async () => {
  sim = await startSimulator({ keepaliveMs: 100 });
  key = sim.state().backend_api_key;
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const get = (path: string, apiKey: string | null = key) =>
  fetch(`${sim.backendUrl}${path}`, { headers: apiKey === null ? {} : { 'X-Proxbox-API-Key': apiKey } });

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

describe('GET /admin/logs', () => {
  it('wants the X-Proxbox-API-Key header', async () => {
    const missing = await get('/admin/logs', null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ detail: 'Missing API key' });
    const ok = await get('/admin/logs');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ logs: [], total: 0, has_more: false });
  });

  it('answers 429 with Retry-After after five failed keys', async () => {
    for (let i = 0; i < 5; i++) expect((await get('/admin/logs', 'wrong')).status).toBe(401);
    const locked = await get('/admin/logs', 'wrong');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('/admin/logs')).status).toBe(429); // locked out, even with the right key
    await control(sim.origin, 'restart'); // a restart forgets
    expect((await get('/admin/logs')).status).toBe(200);
  });

  it('answers 422 FastAPI-style for a bad query', async () => {
    const res = await get('/admin/logs?level=LOUD&limit=9999');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: Array<Record<string, unknown>> };
    expect(body.detail.map((d) => d.loc)).toEqual([
      ['query', 'level'],
      ['query', 'limit'],
    ]);
  });

  it('unknown paths are FastAPI 404s', async () => {
    const res = await get('/nope');
    expect([res.status, await res.json()]).toEqual([404, { detail: 'Not Found' }]);
  });
});

describe('GET /admin/logs/stream', () => {
  it('sends `event: log` frames oldest first, from newer_than_id, then live entries', async () => {
    await control(sim.origin, 'logs', { count: 5 });
    const res = await get('/admin/logs/stream?newer_than_id=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    setTimeout(() => void control(sim.origin, 'logs', { count: 2 }), 50);
    const stream = await readStream(res, (s) => s.logs.length >= 5);
    expect(stream.text.startsWith('event: log\ndata: {"id":"3",')).toBe(true);
    expect(stream.logs.map((e) => e.id)).toEqual(['3', '4', '5', '6', '7']);
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
    const errors = await get('/admin/logs/stream?errors_only=true&level=DEBUG');
    setTimeout(() => void control(sim.origin, 'logs', { entries: [{ message: 'fine' }, { message: 'sync failed' }] }), 50);
    expect((await readStream(errors, (s) => s.logs.length >= 1)).logs.map((e) => e.id)).toEqual(['5']);
  });

  it('carries hostile messages intact, one event per entry', async () => {
    const message = 'line one\nline two\r\n\n<b>"quoted"</b> \u0000 ✓ 日本語';
    const res = await get('/admin/logs/stream?newer_than_id=0');
    setTimeout(() => void control(sim.origin, 'logs', { message, traceback: 'Traceback\n\n  x' }), 50);
    const stream = await readStream(res, (s) => s.logs.length >= 1);
    expect(stream.logs).toEqual([expect.objectContaining({ message, expandable: { traceback: 'Traceback\n\n  x' } })]);
  });

  it('sends `: keepalive` comments', async () => {
    const res = await get('/admin/logs/stream');
    const stream = await readStream(res, (s) => s.comments.length > 0);
    expect(stream.text).toContain(': keepalive\n\n');
    expect(stream.comments[0]?.trim()).toBe('keepalive');
  });

  it('a restart ends the stream; a bad query is 422', async () => {
    const res = await get('/admin/logs/stream');
    setTimeout(() => void control(sim.origin, 'restart'), 50);
    await readStream(res, () => false, 1500);
    expect(sim.state().open_streams).toBe(0);
    expect((await get('/admin/logs/stream?newer_than_id=x')).status).toBe(422);
    expect((await get('/admin/logs/stream', 'wrong')).status).toBe(401);
  });
});
