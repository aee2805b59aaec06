// @vitest-environment node
// The simulator against the real software: every answer recorded from a running
// proxbox-api (tests/fixtures/recorded/proxbox-api/) and from NetBox with the released plugin
// (tests/fixtures/recorded/netbox/) is replayed here, and the simulator's answer must match it in
// status, error body, the headers that matter, entry shape and order, total/has_more,
// active_filters and SSE framing. Data values are the recording's own only where the
// simulator holds the same entries (loaded below, ids kept).
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { realEntries } from '../fixtures/real-entries';
import { readJson, REAL_NETBOX, REAL_PROXBOX_API, recordedExchanges, recordedStream, type RecordedExchange } from '../fixtures/real-recordings';
import { isErrorish } from './log-buffer';
import { startSimulator, type Simulator } from './simulator';
import { control, TestClient } from './test-client';
import type { LogsAnswer, WireLogEntry } from './types';

const KEEPALIVE_MS = 300;
let sim: Simulator;
let key: string;

/** The newest id the backend held when /admin/logs was recorded (later ones arrive in a stream recording). */
function lastListedId(): number {
  return Math.max(...recordedExchanges().flatMap((x) => ((x.body as Partial<LogsAnswer>).logs ?? []).map((e) => Number(e.id))));
}

/**
 * The buffer as the recording backend held it: ids 1..1351 with every recorded entry at its
 * own id, and quiet DEBUG fillers (no error word, no operation, a microsecond after the entry
 * before) where no recording shows the entry.
 */
function loadRecordedBuffer(s: Simulator): void {
  const known = new Map(realEntries().map((e) => [Number(e.id), e]));
  const last = lastListedId();
  let previous = realEntries()[0]!.timestamp;
  let fillers = 0;
  for (let id = 1; id <= last; id++) {
    const real = known.get(id);
    if (real) {
      const { id: _id, ...entry } = real;
      s.buffer.append(entry);
      previous = real.timestamp;
      fillers = 0;
    } else {
      const micros = Number(previous.slice(20, 26)) + ++fillers;
      const timestamp = `${previous.slice(0, 20)}${String(micros).padStart(6, '0')}${previous.slice(26)}`;
      s.buffer.append({ timestamp, level: 'DEBUG', module: 'filler', message: 'quiet line', operation_id: null, operation: null, phase: null, resource_type: null, resource_id: null, expandable: null });
    }
  }
  expect(s.buffer.get(last)?.message).toBe(known.get(last)!.message); // the ids line up
}

beforeAll(async () => {
  sim = await startSimulator({ keepaliveMs: KEEPALIVE_MS });
  key = sim.backendApiKey!;
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  loadRecordedBuffer(sim);
});

/** The recorded request against the simulator: the key's placeholder and the NetBox origin mapped. */
function replay(x: RecordedExchange, origin = sim.origin): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(x.request.headers)) {
    // `<key>` hides what was sent: the right key, or a wrong one where the answer says so.
    if (name === 'X-Proxbox-API-Key') headers[name] = x.status === 401 ? 'a-wrong-key' : key;
    else if (name === 'Origin') headers[name] = value === 'http://127.0.0.1:8000' ? origin : value;
    else headers[name] = value;
  }
  return fetch(`${sim.backendUrl}${x.request.path}`, { method: x.request.method, headers });
}

/** The headers a client depends on: their values where they carry meaning, else whether they are there. */
function headersThatMatter(headers: Array<[string, string]>, requestOrigin: string | undefined) {
  const get = (name: string) => headers.find(([n]) => n === name)?.[1];
  return {
    'content-type': get('content-type'),
    'retry-after': get('retry-after'),
    vary: get('vary'),
    'access-control-*': headers.filter(([n]) => n.startsWith('access-control-')).map(([n]) => n),
    'allows the request origin': get('access-control-allow-origin') !== undefined && get('access-control-allow-origin') === requestOrigin,
  };
}

const headerList = (res: Response): Array<[string, string]> => [...res.headers.entries()];

/** Remaining attempts in a recorded 401 says how many failures came before it. */
async function failBefore(x: RecordedExchange): Promise<void> {
  const remaining = /(\d) attempts remaining/.exec((x.body as { detail: string }).detail);
  const before = remaining ? 4 - Number(remaining[1]) : 0;
  for (let i = 0; i < before; i++) await fetch(`${sim.backendUrl}/admin/logs`, { headers: { 'X-Proxbox-API-Key': 'earlier-wrong-key' } });
}

const exchanges = recordedExchanges();
const ids = (logs: WireLogEntry[]) => logs.map((e) => e.id);

describe('proxbox-api: every recorded exchange replayed', () => {
  it('has recordings to replay', () => {
    expect(exchanges.length).toBeGreaterThan(25);
  });

  for (const x of exchanges) {
    it(`${x.name}: ${x.request.method} ${x.request.path} → ${x.status}`, async () => {
      if (x.status === 401) await failBefore(x);
      const res = await replay(x);
      expect(res.status).toBe(x.status);
      const recordedOrigin = x.request.headers.Origin;
      expect(headersThatMatter(headerList(res), recordedOrigin && sim.origin)).toEqual(headersThatMatter(x.headers, recordedOrigin));
      const body = (await res.json()) as unknown;
      // 401 and 422 bodies word for word; /sync/active's idle answer too (it holds no entries).
      if (x.status !== 200 || !x.request.path.startsWith('/admin/logs')) {
        expect(body).toEqual(x.body);
        return;
      }
      const real = x.body as LogsAnswer;
      const got = body as LogsAnswer;
      expect(Object.keys(got)).toEqual(Object.keys(real));
      expect(got.active_filters).toEqual(real.active_filters);
      for (const entry of got.logs) expect(Object.keys(entry)).toEqual(Object.keys(real.logs[0] ?? entry));
      // Newest first; the same entries, so the same ids, as the simulator holds every entry
      // the real answer showed (and no filler matches a filter).
      expect(ids(got.logs)).toEqual(ids(real.logs));
      expect(got.logs).toEqual(real.logs);
      const params = new URLSearchParams(x.request.path.split('?')[1] ?? '');
      const offset = Number(params.get('offset') ?? 0);
      const limit = Number(params.get('limit') ?? 200);
      expect(got.has_more).toBe(offset + limit < got.total);
      // Filters the fillers can pass (none, id cursors, since) count the same total; the
      // others count only the entries recorded somewhere, at most the real total.
      const fillersMatch = !params.has('level') && !params.has('errors_only') && !params.has('operation_id');
      if (fillersMatch || real.total === real.logs.length) expect(got.total).toBe(real.total);
      else expect(got.total).toBeLessThanOrEqual(real.total);
    });
  }

  it('errors_only agrees with the real backend on every recorded entry (whole words, "failure" included)', () => {
    const flagged = new Set<string>();
    for (const x of exchanges.filter((e) => e.name.startsWith('errors_only'))) for (const e of (x.body as LogsAnswer).logs) flagged.add(e.id);
    const oldestFlagged = Math.min(...[...flagged].map(Number));
    // Every entry recorded between the oldest id the errors_only answer reached and the newest
    // it could see is in it exactly when errorish.
    const last = lastListedId();
    const judged = realEntries().filter((e) => Number(e.id) >= oldestFlagged && Number(e.id) <= last);
    expect(judged.length).toBeGreaterThan(200);
    for (const e of judged) expect(isErrorish(e), `${e.id}: ${e.message.slice(0, 80)}`).toBe(flagged.has(e.id));
  });
});

describe('proxbox-api: the recorded streams replayed', () => {
  async function read(path: string, until: (text: string) => boolean, ms = 5000) {
    const res = await fetch(`${sim.backendUrl}${path}`, { headers: { 'X-Proxbox-API-Key': key } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const timer = setTimeout(() => void reader.cancel(), ms);
    try {
      while (!until(text)) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      clearTimeout(timer);
      await reader.cancel().catch(() => undefined);
    }
    return { res, text };
  }

  const events = (text: string) => {
    const out: Array<{ event: string | undefined; data: string }> = [];
    const parser = createParser({ onEvent: (e) => out.push({ event: e.event, data: e.data }) });
    parser.feed(text);
    return out;
  };

  /** Entries the backend wrote after the /admin/logs recordings (id 1352), before the stream ones. */
  const appendLaterEntries = () => {
    for (const e of realEntries().filter((r) => Number(r.id) > sim.buffer.newestId!)) {
      const { id: _id, ...entry } = e;
      sim.buffer.append(entry);
    }
  };

  for (const name of ['default_3s', 'level_ERROR_3s']) {
    it(`${name}: the same bytes and headers`, async () => {
      const real = recordedStream(name);
      if (name === 'level_ERROR_3s') appendLaterEntries(); // recorded after id 1352 arrived
      const { res, text } = await read(real.path, (t) => t.length >= real.text.length);
      expect(res.status).toBe(real.status);
      expect(headersThatMatter(headerList(res), undefined)).toEqual(headersThatMatter(real.headers, undefined));
      for (const h of ['cache-control', 'x-accel-buffering']) expect(res.headers.get(h)).toBe(real.headers.find(([n]) => n === h)?.[1]);
      // The same entries as Python's json.dumps wrote them: spacing, escapes, order.
      expect(text).toBe(real.text);
    });
  }

  it('newer_than_latest_17s: the held entries after the cursor, then a new one as it arrives', async () => {
    const real = recordedStream('newer_than_latest_17s');
    const [first, second, arriving] = events(real.text).map((e) => JSON.parse(e.data) as WireLogEntry);
    const reading = read(real.path, (t) => t.length >= real.text.length);
    await expect.poll(() => sim.state().open_streams).toBe(1);
    const { id: _id, ...entry } = arriving!;
    sim.buffer.append(entry);
    const { text } = await reading;
    expect([first!.id, second!.id, arriving!.id]).toEqual(['1350', '1351', '1352']);
    expect(text).toBe(real.text);
  });

  it('idle_keepalive_20s: nothing to send, then `: keepalive` (after keepaliveMs, 15 s for real)', async () => {
    const real = recordedStream('idle_keepalive_20s');
    sim.buffer.append({ level: 'INFO', module: 'x', message: 'id 1352', operation_id: null, operation: null, phase: null, resource_type: null, resource_id: null, expandable: null });
    const started = Date.now();
    const { text } = await read(real.path, (t) => t.length > 0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(KEEPALIVE_MS - 20);
    expect(text).toBe(real.text);
    expect(real.text).toBe(': keepalive\n\n');
  });

  it('stream_no_key: the same 401 as /admin/logs', async () => {
    const x = readJson(REAL_PROXBOX_API, 'stream_no_key.json') as RecordedExchange;
    await failBefore(x);
    const res = await fetch(`${sim.backendUrl}${x.request.path}`);
    expect([res.status, await res.json()]).toEqual([x.status, x.body]);
  });
});

describe('NetBox with the released plugin: the recorded answers', () => {
  let admin: TestClient;
  beforeEach(async () => {
    admin = new TestClient(sim.origin);
    await admin.login();
  });
  const LOGS = '/api/plugins/proxbox/logs/';

  it('api-plugins-proxbox-logs: the same keys, URLs with the same paths on the backend', async () => {
    const real = readJson(REAL_NETBOX, 'api-plugins-proxbox-logs.json') as Record<string, string>;
    const { status, body } = await admin.json<Record<string, string>>(`${LOGS}?level=ERROR`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(Object.keys(real));
    const realBase = real.fastapi_url!;
    const paths = (answer: Record<string, string>, base: string) =>
      Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, v.replace(base, '<backend>').replace(base.replace('http', 'ws'), '<ws>')]));
    expect(paths(body, sim.backendUrl)).toEqual(paths(real, realBase));
  });

  it('api-plugins-proxbox-logs-no-endpoint: word for word, for no permission and for no endpoint', async () => {
    const real = readJson(REAL_NETBOX, 'api-plugins-proxbox-logs-no-endpoint.json');
    const viewer = new TestClient(sim.origin);
    await viewer.login('viewer');
    expect(await viewer.json(LOGS)).toMatchObject({ status: 200, body: real });
    await control(sim.origin, 'endpoint', { enabled: false });
    expect(await admin.json(LOGS)).toMatchObject({ status: 200, body: real });
  });

  it('api-anonymous-403: word for word', async () => {
    const real = readJson(REAL_NETBOX, 'api-anonymous-403.json');
    for (const path of [LOGS, '/api/status/']) expect(await new TestClient(sim.origin).json(path)).toMatchObject({ status: 403, body: real });
  });

  it('api-status: the same keys in the same order, plugin 0.0.24', async () => {
    const real = readJson(REAL_NETBOX, 'api-status.json') as Record<string, unknown>;
    const { body } = await admin.json<Record<string, unknown>>('/api/status/');
    expect(Object.keys(body)).toEqual(Object.keys(real));
    expect(body.plugins).toEqual(real.plugins);
  });
});
