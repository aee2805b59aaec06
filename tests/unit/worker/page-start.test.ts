// The first rows a NetBox page shows with its panel left open come with the worker's answer
// to the page's start (lib/background/page-start.ts). They must be true: the page's own
// instance, the unfiltered first page, fetched with the session of now — never an answer or
// a request from before the page started, another instance's, or another filter's.
import { describe, expect, it, vi } from 'vitest';
import { pageStart, type PageStartDeps } from '@/lib/background/page-start';
import { createSharedFetch } from '@/lib/background/shared-fetch';
import { PAGE_START_WAIT_MS } from '@/lib/core/cadence';
import type { FetchOutcome } from '@/lib/core/failure';
import type { NetBoxInstance } from '@/lib/core/instance';
import type { LogEntry, LogsPage, LogsQuery } from '@/lib/core/log-types';
import { logsSearch } from '@/lib/core/logs-query';
import { firstPageQuery } from '@/lib/core/panel-injection';
import type { PanelLayout } from '@/lib/core/panel-layout';
import { createInstance } from '@/lib/core/settings';
import { instanceFetchPage } from '@/lib/browser/instance-logs-controller';
import { startNavigationWarm } from '@/lib/background/navigation-warm';

const a = createInstance({ baseUrl: 'https://netbox-a.example.com', origin: 'https://netbox-a.example.com' });
const b = createInstance({ baseUrl: 'https://netbox-b.example.com', origin: 'https://netbox-b.example.com' });
const OPEN: PanelLayout = { open: true, height: null };

/** What NetBox answers: the instance asked, the query and the session the request went with. */
function answer(instance: NetBoxInstance, query: LogsQuery, session: string): FetchOutcome<LogsPage> {
  const logs = [{ id: 1, timestamp: '2026-12-07T10:00:00+00:00', level: 'INFO', module: 'sync', message: `${instance.id} ${logsSearch(query)} as ${session}` }] as LogEntry[];
  return { ok: true, value: { logs, total: 1, hasMore: false } };
}

/** A worker with two instances, NetBox answering when told, and the browser's session of the moment. */
function worker(layouts: Record<string, PanelLayout>) {
  const world = { session: 'alice' };
  const pending: Array<() => void> = [];
  const asked: string[] = [];
  const shared = createSharedFetch({
    now: () => Date.now(),
    loadInstances: async () => [a, b],
    sourceFor: (instance) => ({
      via: 'netbox',
      fetchPage: (query) => {
        const session = world.session; // the cookie goes with the request as it is sent
        asked.push(`${instance.id} ${logsSearch(query)}`);
        return new Promise((resolve) => pending.push(() => resolve(answer(instance, query, session))));
      },
    }),
  });
  const injectPanel = vi.fn(async () => true);
  const deps: PageStartDeps = { loadInstances: async () => [a, b], loadLayouts: async () => layouts, warm: shared.warm, takeWarm: shared.takeWarm, injectPanel };
  const netboxAnswers = () => pending.splice(0).forEach((go) => go());
  return { world, shared, deps, asked, injectPanel, netboxAnswers };
}

const pageOf = (instance: NetBoxInstance) => ({ url: `${instance.baseUrl}/dcim/devices/`, tab: { id: 7 }, frameId: 0 });
const message = (start: Awaited<ReturnType<typeof pageStart>> | undefined) => (start?.firstPage?.ok ? start.firstPage.value.logs[0]!.message : null);

describe('pageStart: the first rows of a NetBox page with its panel left open', () => {
  it("are the page's own instance's unfiltered first page, fetched as the page starts, with its code injected", async () => {
    const w = worker({ [a.id]: OPEN });
    const start = pageStart(pageOf(a), false, w.deps);
    await vi.waitFor(() => expect(w.asked).toHaveLength(1));
    w.netboxAnswers();
    const told = await start;
    expect(told).toMatchObject({ instance: { id: a.id }, layout: OPEN, panelLoaded: true });
    expect(message(told)).toBe(`${a.id} ${logsSearch(firstPageQuery())} as alice`);
    expect(w.injectPanel).toHaveBeenCalledTimes(1);
  });

  it('never come from an answer or a request made before the page started (another session may have made it)', async () => {
    const w = worker({ [a.id]: OPEN });
    // Alice's panel asked for the first page on the page before; it is still in flight, and
    // an earlier answer of hers is settled in the worker's cache.
    const earlier = w.shared.fetch({ instanceId: a.id, query: firstPageQuery(), maxAgeMs: 60_000 });
    await vi.waitFor(() => expect(w.asked).toHaveLength(1));
    w.netboxAnswers();
    await earlier;
    const inFlight = w.shared.fetch({ instanceId: a.id, query: firstPageQuery(), force: true });
    await vi.waitFor(() => expect(w.asked).toHaveLength(2));
    // She logs out, Bob logs in: the next page starts with Bob's session.
    w.world.session = 'bob';
    const start = pageStart(pageOf(a), false, w.deps);
    await vi.waitFor(() => expect(w.asked).toHaveLength(3)); // a request of the page's own
    w.netboxAnswers();
    expect(message(await start)).toBe(`${a.id} ${logsSearch(firstPageQuery())} as bob`);
    const alices = await inFlight; // that one went to its own asker only
    expect(alices?.ok && alices.value.logs[0]!.message).toContain('as alice');
  });

  it("are never another instance's: each page gets its own instance's page, and a page of no added instance gets none", async () => {
    const w = worker({ [a.id]: OPEN, [b.id]: OPEN, 'https://other.example.com': OPEN });
    const starts = [pageStart(pageOf(a), false, w.deps), pageStart(pageOf(b), false, w.deps), pageStart({ url: 'https://other.example.com/', tab: { id: 8 }, frameId: 0 }, false, w.deps)];
    await vi.waitFor(() => expect(w.asked).toHaveLength(2)); // the third is refused by the shared fetch's sender rule
    w.netboxAnswers();
    const [fromA, fromB, other] = await Promise.all(starts);
    expect(message(fromA)).toContain(a.id);
    expect(message(fromB)).toContain(b.id);
    expect(other?.firstPage).toBeNull();
  });

  it('inject nothing where the panel’s code came with the page (registered where it is left open)', async () => {
    const w = worker({ [a.id]: OPEN });
    const start = pageStart(pageOf(a), true, w.deps);
    await vi.waitFor(() => expect(w.asked).toHaveLength(1));
    w.netboxAnswers();
    expect(await start).toMatchObject({ panelLoaded: true, firstPage: { ok: true } });
    expect(w.injectPanel).not.toHaveBeenCalled();
  });

  it('ask nothing and inject nothing where the panel was left closed or never opened', async () => {
    const w = worker({ [a.id]: { open: false, height: 300 } });
    expect(await pageStart(pageOf(a), false, w.deps)).toEqual({ instance: expect.objectContaining({ id: a.id }), layout: { open: false, height: 300 }, panelLoaded: false, firstPage: null });
    expect((await pageStart(pageOf(b), false, w.deps))?.layout).toBeNull();
    expect(w.asked).toEqual([]);
    expect(w.injectPanel).not.toHaveBeenCalled();
  });

  it('answer without rows when NetBox is slower than the wait; the page stays for the panel’s own first request', async () => {
    vi.useFakeTimers();
    try {
      const w = worker({ [a.id]: OPEN });
      const start = pageStart(pageOf(a), false, w.deps);
      await vi.waitFor(() => expect(w.asked).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(PAGE_START_WAIT_MS);
      expect((await start)?.firstPage).toBeNull();
      const own = w.shared.fetch({ instanceId: a.id, query: firstPageQuery(), maxAgeMs: 0 }, pageOf(a));
      w.netboxAnswers();
      expect((await own)?.ok).toBe(true);
      expect(w.asked).toHaveLength(1); // taken from the page's request: no second one
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the first page asked for as the page’s document answers (navigation-warm)', () => {
  function navigating(layouts: Record<string, PanelLayout>) {
    const w = worker(layouts);
    const navigations = startNavigationWarm({ loadInstances: w.deps.loadInstances, loadLayouts: w.deps.loadLayouts, warm: w.shared.warm, now: () => Date.now() });
    const deps: PageStartDeps = { ...w.deps, askedAtResponse: (s) => navigations.take(s.tab?.id, s.url ?? '') };
    return { ...w, navigations, deps };
  }
  const html = [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }];
  const documentOf = (instance: NetBoxInstance, statusCode = 200) => ({ url: `${instance.baseUrl}/dcim/devices/`, tabId: 7, frameId: 0, statusCode, responseHeaders: html });

  it('is the page’s one request: asked with the session its document came with, taken by its start', async () => {
    const w = navigating({ [a.id]: OPEN });
    w.world.session = 'bob'; // the login's answer set Bob's cookie before the page's document answered
    w.navigations.onResponse(documentOf(a));
    await vi.waitFor(() => expect(w.asked).toHaveLength(1));
    const start = pageStart(pageOf(a), false, w.deps);
    w.netboxAnswers();
    expect(message(await start)).toBe(`${a.id} ${logsSearch(firstPageQuery())} as bob`);
    expect(w.asked).toHaveLength(1);
  });

  it('starts nothing for a redirect (a login’s answer), a frame, an API answer or a page whose panel is closed, and serves only its own tab and address, once', async () => {
    const w = navigating({ [a.id]: OPEN });
    const cases = [
      { ...documentOf(a, 302), tabId: 1 },
      { ...documentOf(a), tabId: 2, frameId: 3 },
      { ...documentOf(b), tabId: 3 },
      { ...documentOf(a, 500), tabId: 4 },
      { ...documentOf(a), tabId: 5, url: `${a.baseUrl}/api/dcim/devices/`, responseHeaders: [{ name: 'content-type', value: 'application/json' }] },
    ];
    cases.forEach((d) => w.navigations.onResponse(d));
    for (const d of cases) expect(await w.navigations.take(d.tabId, d.url)).toBe(false);
    w.navigations.onResponse({ ...documentOf(a), tabId: 9 });
    expect(await w.navigations.take(8, documentOf(a).url)).toBe(false); // another tab
    expect(await w.navigations.take(9, `${a.baseUrl}/dcim/sites/`)).toBe(false); // another address: and it is used up
    w.navigations.onResponse({ ...documentOf(a), tabId: 9 });
    expect(await w.navigations.take(9, `${documentOf(a).url}#tab=2`)).toBe(true);
    expect(await w.navigations.take(9, documentOf(a).url)).toBe(false); // once
    expect(w.asked).toHaveLength(2); // the two of tab 9 only
  });
});

describe("the panel's first request with the page it was given", () => {
  const given = answer(a, firstPageQuery(), 'alice');
  /** NetBox, asked by the view itself (what it answers does not matter here: that it was asked does). */
  const netbox = () => vi.fn(async () => new Response('{}', { status: 500 }));

  it('takes it for the unfiltered first page, once', async () => {
    const fetchImpl = netbox();
    const fetchPage = instanceFetchPage(a, { firstPage: given, fetchImpl, shared: false });
    expect(await fetchPage(firstPageQuery())).toBe(given);
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(await fetchPage(firstPageQuery())).not.toBe(given);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('never for another filter, and never after the first request', async () => {
    const fetchImpl = netbox();
    const filtered = instanceFetchPage(a, { firstPage: given, fetchImpl, shared: false });
    expect(await filtered({ ...firstPageQuery(), level: 'ERROR' })).not.toBe(given);
    expect(await filtered(firstPageQuery())).not.toBe(given);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});
