import { describe, expect, it, vi } from 'vitest';
import { createBadgeTrigger, mayCountForBadge } from '@/lib/background/badge-trigger';
import { createSharedFetch, type SharedFetchDeps } from '@/lib/background/shared-fetch';
import { WARM_MAX_AGE_MS } from '@/lib/core/cadence';
import type { FetchOutcome } from '@/lib/core/failure';
import type { LogEntry, LogsPage, LogsQuery } from '@/lib/core/log-types';
import { createInstance } from '@/lib/core/settings';
import { EMPTY_WORKER_STATE, emptyInstanceState, type WorkerState } from '@/lib/core/worker-state';

const netbox = createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' });
const tools = { ...createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' }) };
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

function entry(id: number, level = 'INFO', extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    timestamp: `2026-11-25T18:00:${String(id % 60).padStart(2, '0')}.000000+00:00`,
    level,
    module: 'sync',
    message: 'Simulated log entry',
    operationId: null,
    operation: null,
    phase: null,
    resourceType: null,
    resourceId: null,
    traceback: null,
    ...extra,
  };
}

function page(...logs: LogEntry[]): FetchOutcome<LogsPage> {
  return { ok: true, value: { logs, total: logs.length, hasMore: false } };
}

function setup(overrides: Partial<SharedFetchDeps> = {}) {
  let clock = 0;
  const resolvers: Array<(outcome: FetchOutcome<LogsPage>) => void> = [];
  const fetchLogs = vi.fn(
    (_query: LogsQuery) => new Promise<FetchOutcome<LogsPage>>((resolve) => resolvers.push(resolve)),
  );
  const shared = createSharedFetch({
    sourceFor: sourceOf(fetchLogs),
    now: () => clock,
    loadInstances: async () => [netbox, tools],
    extensionOrigin: EXTENSION,
    ...overrides,
  });
  return {
    shared,
    fetchLogs,
    answer: (outcome: FetchOutcome<LogsPage> = page(entry(1))) => resolvers.shift()!(outcome),
    advance: (ms: number) => (clock += ms),
  };
}

/** Every instance's source is the one spy (the queries tell requests apart). */
function sourceOf(fetchPage: (query: LogsQuery) => Promise<FetchOutcome<LogsPage>>): SharedFetchDeps['sourceFor'] {
  return () => ({ via: 'netbox', fetchPage: (query) => fetchPage(query) });
}

const ask = (query: LogsQuery, instance = netbox) => ({ instanceId: instance.id, query });

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('shared fetch', () => {
  it('makes one request for views asking the same URL at once, and shares the answer', async () => {
    const { shared, fetchLogs, answer } = setup();
    const a = shared.fetch(ask({ limit: 200 }));
    const b = shared.fetch(ask({ limit: 200 }));
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(1);
    answer(page(entry(7)));
    expect(await a).toEqual(page(entry(7)));
    expect(await b).toEqual(page(entry(7)));
  });

  it('reuses a completed answer within maxAge, fetches again after it, and always on force', async () => {
    const { shared, fetchLogs, answer, advance } = setup();
    const query = { newerThanId: 6, limit: 200 };
    const first = shared.fetch({ ...ask(query), maxAgeMs: 4000 });
    await flush();
    answer();
    await first;
    advance(3000);
    await shared.fetch({ ...ask(query), maxAgeMs: 4000 });
    expect(fetchLogs).toHaveBeenCalledTimes(1);

    const forced = shared.fetch({ ...ask(query), maxAgeMs: 4000, force: true });
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
    answer();
    await forced;

    advance(4001);
    const later = shared.fetch({ ...ask(query), maxAgeMs: 4000 });
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(3);
    answer();
    await later;
    expect(shared.stats).toMatchObject({ asked: 4, fetched: 3, reused: 1 });
  });

  it('never reuses a failure: a retry reaches NetBox', async () => {
    const { shared, fetchLogs, answer, advance } = setup();
    const first = shared.fetch({ ...ask({}), maxAgeMs: 4000 });
    const joined = shared.fetch({ ...ask({}), maxAgeMs: 4000 });
    await flush();
    answer({ ok: false, failure: { kind: 'backend-down', status: 502 } });
    expect(await first).toEqual(await joined);
    advance(1000);
    void shared.fetch({ ...ask({}), maxAgeMs: 4000 });
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
  });

  it('keeps different URLs apart', async () => {
    const { shared, fetchLogs } = setup();
    void shared.fetch(ask({ limit: 200 }));
    void shared.fetch(ask({ errorsOnly: true, limit: 200 }));
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
  });

  it('is no open proxy: unknown instances, URLs, other origins than the asking page, and unpermitted origins answer null', async () => {
    const hasPermission = vi.fn(async () => true);
    const { shared, fetchLogs } = setup({ hasPermission });
    expect(await shared.fetch({ instanceId: 'https://evil.example.com', query: {} })).toBeNull();
    expect(await shared.fetch({ url: 'https://netbox.example.com/api/users/tokens/' } as never)).toBeNull();
    // A content script on another NetBox asks for this one.
    expect(
      await shared.fetch(ask({}), { url: 'https://tools.example.com/netbox/dcim/devices/', origin: 'https://tools.example.com' }),
    ).toBeNull();
    hasPermission.mockResolvedValueOnce(false);
    expect(await shared.fetch(ask({}))).toBeNull();
    expect(fetchLogs).not.toHaveBeenCalled();

    // Its own page's NetBox, and the extension's pages, are served.
    void shared.fetch(ask({}), { url: 'https://netbox.example.com/dcim/devices/', origin: 'https://netbox.example.com' });
    void shared.fetch(ask({ limit: 1 }), { url: `${EXTENSION}/sidepanel.html`, origin: EXTENSION });
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
  });

  it('answers null for everything while sharing is off', async () => {
    const { shared, fetchLogs } = setup();
    shared.setEnabled(false);
    expect(await shared.fetch(ask({}))).toBeNull();
    expect(fetchLogs).not.toHaveBeenCalled();
  });

  it('turns a throwing fetch into a failure', async () => {
    const fetchLogs = vi.fn(async (): Promise<FetchOutcome<LogsPage>> => {
      throw new Error('boom');
    });
    const shared = createSharedFetch({ sourceFor: sourceOf(fetchLogs), now: () => 0, loadInstances: async () => [netbox] });
    expect(await shared.fetch(ask({}))).toMatchObject({ ok: false, failure: { kind: 'unexpected' } });
  });

  it('tells onFetched about fetched answers only, not reused ones', async () => {
    const onFetched = vi.fn();
    const fetchLogs = vi.fn(async () => page(entry(3)));
    const shared = createSharedFetch({ sourceFor: sourceOf(fetchLogs), now: () => 0, loadInstances: async () => [netbox], onFetched });
    await shared.fetch({ ...ask({}), maxAgeMs: 4000 });
    await shared.fetch({ ...ask({}), maxAgeMs: 4000 });
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(1);
    expect(onFetched).toHaveBeenCalledTimes(1);
    expect(onFetched).toHaveBeenCalledWith(netbox, { ...ask({}), maxAgeMs: 4000 }, page(entry(3)));
  });
});

describe('shared fetch: a first page fetched ahead (warm)', () => {
  // The content script of the instance's own page asks as the user opens the panel.
  const page_ = { url: 'https://netbox.example.com/dcim/devices/', origin: 'https://netbox.example.com' };
  // The panel's first page: shared in flight only (maxAgeMs 0), as lib/browser/instance-logs-controller.ts asks.
  const firstPage = { ...ask({ limit: 200 }), maxAgeMs: 0 };

  it('is one request with the first page the panel asks while it is in flight', async () => {
    const { shared, fetchLogs, answer } = setup();
    await shared.warm(ask({ limit: 200 }), page_);
    expect(fetchLogs).toHaveBeenCalledTimes(1);
    const first = shared.fetch(firstPage, page_);
    await flush();
    answer(page(entry(9)));
    expect(await first).toEqual(page(entry(9)));
    expect(fetchLogs).toHaveBeenCalledTimes(1);
  });

  it('is one request when the panel asks before the worker has even started it', async () => {
    const { shared, fetchLogs, answer } = setup();
    const warming = shared.warm(ask({ limit: 200 }), page_);
    const first = shared.fetch(firstPage, page_); // no await between: the same task
    await warming;
    await flush();
    answer(page(entry(9)));
    expect(await first).toEqual(page(entry(9)));
    expect(fetchLogs).toHaveBeenCalledTimes(1);
  });

  it('serves a settled answer to the first page once, within one view interval', async () => {
    const { shared, fetchLogs, answer, advance } = setup();
    await shared.warm(ask({ limit: 200 }), page_);
    answer(page(entry(9)));
    await flush();
    advance(WARM_MAX_AGE_MS - 1);
    expect(await shared.fetch(firstPage, page_)).toEqual(page(entry(9)));
    expect(fetchLogs).toHaveBeenCalledTimes(1);
    // Taken: the next first page (another view opening) shows what NetBox holds now.
    void shared.fetch(firstPage, page_);
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
    expect(shared.stats).toMatchObject({ warmed: 1, taken: 1, fetched: 2 });
  });

  it('does not serve an answer older than one view interval: the first page is fetched again', async () => {
    const { shared, fetchLogs, answer, advance } = setup();
    await shared.warm(ask({ limit: 200 }), page_);
    answer(page(entry(9)));
    await flush();
    advance(WARM_MAX_AGE_MS);
    const first = shared.fetch(firstPage, page_);
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
    answer(page(entry(10), entry(9)));
    expect(await first).toEqual(page(entry(10), entry(9)));
  });

  it("hands its failure to the panel's first page once (one request, one failure), and the retry asks again", async () => {
    const onFetched = vi.fn();
    const { shared, fetchLogs, answer } = setup({ onFetched });
    await shared.warm(ask({ limit: 200 }), page_);
    const denied: FetchOutcome<LogsPage> = { ok: false, failure: { kind: 'logged-out', status: 403 } };
    answer(denied);
    await flush();
    expect(await shared.fetch(firstPage, page_)).toEqual(denied);
    expect(fetchLogs).toHaveBeenCalledTimes(1);
    expect(onFetched).toHaveBeenCalledTimes(1);
    void shared.fetch(firstPage, page_); // the view's retry, one interval later
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
  });

  it('never serves a Refresh the user asked for', async () => {
    const { shared, fetchLogs, answer } = setup();
    await shared.warm(ask({ limit: 200 }), page_);
    answer(page(entry(9)));
    await flush();
    void shared.fetch({ ...firstPage, force: true }, page_);
    await flush();
    expect(fetchLogs).toHaveBeenCalledTimes(2);
  });

  it('asks nothing for another NetBox than the asking page, nor what the live stream answers, and gives no answer', async () => {
    const live: LogsPage = { logs: [entry(4)], total: 1, hasMore: false };
    const { shared, fetchLogs } = setup({ answerLive: (instance) => (instance.id === tools.id ? live : null) });
    expect(await shared.warm(ask({ limit: 200 }, tools), { url: 'https://tools.example.com/netbox/', origin: 'https://tools.example.com' })).toBeUndefined();
    await shared.warm(ask({ limit: 200 }), { url: 'https://tools.example.com/netbox/', origin: 'https://tools.example.com' });
    expect(fetchLogs).not.toHaveBeenCalled();
    expect(shared.stats.warmed).toBe(0);
  });

  it("fetches anew rather than take another view's answer from before the click", async () => {
    const { shared, fetchLogs, answer, advance } = setup();
    const before = shared.fetch(firstPage, page_);
    await flush();
    answer(page(entry(9)));
    await before;
    advance(100);
    await shared.warm(ask({ limit: 200 }), page_);
    expect(fetchLogs).toHaveBeenCalledTimes(2);
    const first = shared.fetch(firstPage, page_);
    answer(page(entry(10), entry(9)));
    expect(await first).toEqual(page(entry(10), entry(9)));
  });

  it('joins a request already in flight rather than making another', async () => {
    const { shared, fetchLogs, answer } = setup();
    const polling = shared.fetch(ask({ limit: 200 }), page_);
    await flush();
    await shared.warm(ask({ limit: 200 }), page_);
    const first = shared.fetch(firstPage, page_);
    answer(page(entry(9)));
    expect(await polling).toEqual(await first);
    expect(fetchLogs).toHaveBeenCalledTimes(1);
  });
});

describe('badge trigger', () => {
  const withCursor = (id: number): WorkerState => ({
    instances: { [netbox.id]: { ...emptyInstanceState(), cursor: { id, timestamp: 'x' }, cursorFilter: 'errors-only' } },
  });

  it('knows what may count: errors-only levels, tracebacks and error words; or the chosen levels', () => {
    expect(mayCountForBadge(entry(1, 'ERROR'), netbox)).toBe(true);
    expect(mayCountForBadge(entry(1, 'INFO', { traceback: 'Traceback' }), netbox)).toBe(true);
    expect(mayCountForBadge(entry(1, 'INFO', { message: 'Sync failed' }), netbox)).toBe(true);
    expect(mayCountForBadge(entry(1, 'INFO'), netbox)).toBe(false);
    expect(mayCountForBadge(entry(1, 'WARNING'), { badgeLevels: ['WARNING'] })).toBe(true);
    expect(mayCountForBadge(entry(1, 'ERROR'), { badgeLevels: ['WARNING'] })).toBe(false);
  });

  it('polls the badge soon after a view page brings an error newer than its cursor, once', async () => {
    const timers: Array<() => void> = [];
    const poll = vi.fn(async () => undefined);
    const trigger = createBadgeTrigger({
      readState: async () => withCursor(10),
      poll,
      setTimeout: (cb) => timers.push(cb),
    });
    trigger(netbox, ask({}), page(entry(12, 'INFO'), entry(11, 'INFO'), entry(10, 'ERROR')));
    await flush();
    expect(timers).toHaveLength(0); // nothing new that counts: no request
    // A view at the top of its list reports the error seen itself.
    trigger(netbox, { ...ask({}), seesNewest: true }, page(entry(13, 'ERROR'), entry(12, 'INFO')));
    await flush();
    expect(timers).toHaveLength(0);
    trigger(netbox, ask({}), page(entry(13, 'ERROR'), entry(12, 'INFO')));
    trigger(netbox, ask({}), page(entry(13, 'ERROR'), entry(12, 'INFO')));
    await flush();
    expect(timers).toHaveLength(1);
    timers[0]!();
    await flush();
    expect(poll).toHaveBeenCalledWith(netbox);
  });

  it("triggers no badge poll for a page fetched ahead: a view's first page, shown at the top, whose view reports errors seen", async () => {
    const timers: Array<() => void> = [];
    const trigger = createBadgeTrigger({ readState: async () => withCursor(10), poll: async () => undefined, setTimeout: (cb) => timers.push(cb) });
    const onFetched = vi.fn(trigger);
    const { shared, answer } = setup({ onFetched });
    await shared.warm(ask({ limit: 200 }), { url: 'https://netbox.example.com/dcim/devices/', origin: 'https://netbox.example.com' });
    answer(page(entry(13, 'ERROR'), entry(12, 'INFO')));
    await flush();
    expect(onFetched).toHaveBeenCalledWith(netbox, { ...ask({ limit: 200 }), seesNewest: true }, page(entry(13, 'ERROR'), entry(12, 'INFO')));
    expect(timers).toHaveLength(0);
    // The same answer fetched for a view scrolled away from the top would poll the badge.
    trigger(netbox, ask({ limit: 200 }), page(entry(13, 'ERROR'), entry(12, 'INFO')));
    await flush();
    expect(timers).toHaveLength(1);
  });

  it('waits for the alarm when the badge has no cursor yet, and ignores failures', async () => {
    const timers: Array<() => void> = [];
    const trigger = createBadgeTrigger({ readState: async () => EMPTY_WORKER_STATE, poll: async () => undefined, setTimeout: (cb) => timers.push(cb) });
    trigger(netbox, ask({}), page(entry(13, 'ERROR')));
    trigger(netbox, ask({}), { ok: false, failure: { kind: 'backend-down' } });
    await flush();
    expect(timers).toHaveLength(0);
  });
});
