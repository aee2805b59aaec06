// The fault matrix, as the user sees it on the toolbar badge: the real worker
// (lib/background/worker.ts: alarms, polls, stored state, badge) on fakeBrowser, its
// requests answered with each faulty HTTP answer through the real fetchLogs and
// parseLogsResponse. For every fault: the exact badge text, colour and tooltip, nothing
// thrown, and the first poll after the fault clears brings the count back (the errors
// that arrived during the fault counted once). Then the retry rules of docs/faults.md:
// which faults back off, Retry-After, and recovery within one interval.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWorker, type Worker } from '@/lib/background/worker';
import type { FailureKind } from '@/lib/core/failure';
import { fetchLogs } from '@/lib/core/fetch-logs';
import { sendMessage } from '@/lib/browser/messaging';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import type { NetBoxInstance } from '@/lib/core/instance';
import { stubExtensionApis } from '../worker/browser-stubs';
import { FAULT_ROWS, faultRow, type FaultId } from './fault-rows';
import { FaultyNetBox } from './faulty-netbox';

vi.mock('@/lib/browser/messaging', async () => (await import('../worker/browser-stubs')).inProcessMessaging());

const BASE = 'https://netbox.example.com';
const INTERVAL_S = 30; // the default and the floor of a packed extension

interface Badge {
  kind: FailureKind;
  text: string;
  /** Background colour, hex. */
  color: string;
  title: string;
}

const LOGIN = '#f59f00';
const GREY = '#6c757d';
const ORANGE = '#d9480f';
const tip = (line: string) => `Proxbox Backend Logs\nnetbox.example.com: ${line}`;
const loggedOut: Badge = { kind: 'logged-out', text: '?', color: LOGIN, title: tip('log in to NetBox') };
const notAList = (kind: FailureKind): Badge => ({ kind, text: '×', color: ORANGE, title: tip('answer is not a log list') });
const pluginMissing: Badge = {
  kind: 'plugin-missing',
  text: '!',
  color: GREY,
  title: tip('no Proxbox logs API found (plugin or proxy path)'),
};
// A plugin that names the backend switches the instance to reading from it: the badge
// then asks for the key (or, when no address is named, for the address).
const keyNeeded: Badge = { kind: 'key-needed', text: '!', color: GREY, title: tip('enter the backend API key in the options') };
const noAddress: Badge = {
  kind: 'no-backend-address',
  text: '!',
  color: GREY,
  title: tip('NetBox names no Proxbox backend; enter its address in the options'),
};

/** What the badge must show for each fault, spelled out. */
const EXPECTED: Record<FaultId, Badge> = {
  'session expired: login page instead of JSON': loggedOut,
  'session expired: redirected to the login page': loggedOut,
  'session expired: bare 302': loggedOut,
  'session expired: 403 credentials not provided': loggedOut,
  '401 API key rejected': { kind: 'api-key-rejected', text: '!', color: GREY, title: tip("the backend rejected NetBox's API key") },
  '403 no permission': { kind: 'forbidden', text: '!', color: GREY, title: tip('no permission to view backend logs') },
  '404 no endpoint': { kind: 'no-endpoint', text: '!', color: GREY, title: tip('no FastAPI endpoint configured in Proxbox') },
  '404 plugin not installed: NetBox 404 page': pluginMissing,
  '404 plugin not installed: API "Not found."': pluginMissing,
  '422 bad query': { kind: 'bad-query', text: '×', color: ORANGE, title: tip('the backend refused the query') },
  '429 with Retry-After': { kind: 'rate-limited', text: '×', color: ORANGE, title: tip('too many requests, waiting') },
  '500 NetBox error page': { kind: 'server-error', text: '×', color: ORANGE, title: tip('NetBox server error') },
  '502 backend down': { kind: 'backend-down', text: '×', color: ORANGE, title: tip('Proxbox backend unreachable') },
  '504 backend timeout': { kind: 'backend-timeout', text: '×', color: ORANGE, title: tip('Proxbox backend too slow') },
  'timeout: no answer': { kind: 'timeout', text: '×', color: ORANGE, title: tip('NetBox did not answer in time') },
  offline: { kind: 'offline', text: 'off', color: '#868e96', title: tip('offline') },
  'connection refused': { kind: 'network', text: '×', color: ORANGE, title: tip('NetBox cannot be reached') },
  'malformed: truncated JSON': notAList('malformed'),
  'malformed: plain text': notAList('malformed'),
  'malformed: nginx HTML page': notAList('malformed'),
  'malformed: empty body': notAList('malformed'),
  'wrong shape: null logs': notAList('wrong-shape'),
  'wrong shape: missing logs': notAList('wrong-shape'),
  'wrong shape: entry without id': notAList('wrong-shape'),
  'wrong shape: wrong types': notAList('wrong-shape'),
  'wrong shape: bare array': notAList('wrong-shape'),
  'discovery shape': keyNeeded,
  'discovery shape, nothing configured': noAddress,
};

/** Faults that space out the polls while they last (lib/core/failure-backoff.ts). */
const BACKING_OFF: ReadonlySet<FaultId> = new Set<FaultId>([
  '429 with Retry-After',
  '500 NetBox error page',
  '502 backend down',
  '504 backend timeout',
  'timeout: no answer',
]);

// ---- the harness --------------------------------------------------------------------

let net: FaultyNetBox;
let worker: Worker | undefined;
let clock: number;
let online: boolean;
let instance: NetBoxInstance;
const uncaught: unknown[] = [];
const onRejection = (reason: unknown) => uncaught.push(reason);
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // fetchLogs' deadline
  fakeBrowser.reset();
  stubExtensionApis({ granted: (p) => p === 'https://netbox.example.com:443/*' });
  net = new FaultyNetBox(BASE);
  clock = Date.parse('2026-11-25T18:00:00Z');
  online = true;
  instance = createInstance({ baseUrl: BASE, origin: BASE });
  await saveInstances([instance]);
  uncaught.length = 0;
  process.on('unhandledRejection', onRejection);
  warn = vi.spyOn(console, 'warn');
});

afterEach(() => {
  worker?.stop();
  worker = undefined;
  process.off('unhandledRejection', onRejection);
  warn.mockRestore();
  vi.useRealTimers();
});

async function start(): Promise<void> {
  worker = startWorker({
    fetchLogs: (url, options) => fetchLogs(url, { ...options, fetchImpl: net.fetch }),
    now: () => clock,
    isOnline: () => online,
  });
  await worker.ready;
}

/** Time passes, then the instance's alarm fires (and a request with no answer runs into the 15 s deadline). */
async function tick(seconds = INTERVAL_S): Promise<void> {
  clock += seconds * 1000;
  const fired = fakeBrowser.alarms.onAlarm.trigger({ name: `poll:${instance.id}`, scheduledTime: clock, periodInMinutes: 0.5 });
  await vi.advanceTimersByTimeAsync(15_000);
  await fired;
}

async function badge(): Promise<Omit<Badge, 'kind'> & { kind: string }> {
  const [text, rgba, title, status] = await Promise.all([
    fakeBrowser.action.getBadgeText({}),
    fakeBrowser.action.getBadgeBackgroundColor({}),
    fakeBrowser.action.getTitle({}),
    sendMessage('getStatus'),
  ]);
  const hex = `#${(rgba as number[])
    .slice(0, 3)
    .map((n) => n.toString(16).padStart(2, '0'))
    .join('')}`;
  return { kind: status[0]!.state, text, color: hex, title };
}

const COUNT_RED = '#d63939';
const counted = (n: number) => ({ kind: 'ok', text: String(n), color: COUNT_RED, title: tip(`${n} new error${n === 1 ? '' : 's'}`) });

/** Nothing threw in the worker: no unhandled rejection, no "[proxbox] ... failed" warning. */
function nothingCrashed(): void {
  expect(uncaught).toEqual([]);
  expect(warn.mock.calls.filter((c: unknown[]) => String(c[0]).startsWith('[proxbox]'))).toEqual([]);
}

// ---- the matrix -----------------------------------------------------------------------

const PASSING_FAULTS = FAULT_ROWS.filter((row) => !row.switchesToBackend);

describe('badge fault matrix', () => {
  it.each(PASSING_FAULTS.map((row) => [row.id, row] as const))('%s', async (id, row) => {
    net.netbox.errors(3);
    await start();
    expect(await badge()).toEqual({ kind: 'ok', text: '', color: COUNT_RED, title: tip('no new errors') });

    net.fault = row.fault(BASE);
    online = !row.offline;
    net.netbox.errors(2); // arrive during the fault
    await tick();
    expect(await badge()).toEqual(EXPECTED[id]);
    expect((await sendMessage('getStatus'))[0]!.lastError?.kind).toBe(EXPECTED[id].kind);

    // The fault clears: the next alarm (one interval; for 429 its Retry-After, 30 s here) counts the two errors once.
    net.fault = null;
    online = true;
    await tick();
    expect(await badge()).toEqual(counted(2));
    await tick();
    expect(await badge()).toEqual(counted(2));
    nothingCrashed();
  });
});

describe('a plugin that names the backend instead of serving logs', () => {
  it.each([
    ['discovery shape', 'http://proxbox:8800'],
    ['discovery shape, nothing configured', null],
  ] as const)('%s: the instance reads from the backend from then on, and asks for nothing it cannot have', async (id, named) => {
    net.netbox.errors(3);
    await start();
    net.fault = faultRow(id).fault(BASE);
    const asked = net.requests;
    await tick();
    expect(await badge()).toEqual(EXPECTED[id]);
    expect((await loadInstances())[0]).toMatchObject({ logsVia: 'backend', backendUrl: named, backendUrlFromNetBox: named });
    // One question to NetBox, and nothing sent to a backend without a key (or address).
    expect(net.requests - asked).toBe(1);
    await tick();
    expect(net.requests - asked).toBe(1);
    nothingCrashed();
  });
});

describe('badge retry rules', () => {
  const cheap = PASSING_FAULTS.filter((r) => !BACKING_OFF.has(r.id));
  const struggling = PASSING_FAULTS.filter((r) => BACKING_OFF.has(r.id) && !r.retryAfterMs);

  it.each(cheap.map((r) => [r.id, r] as const))(
    '%s: polled at every alarm however long it lasts, recovered at the first alarm after it clears',
    async (id, row) => {
      net.netbox.errors(3);
      await start();
      net.fault = row.fault(BASE);
      online = !row.offline;
      const before = net.requests;
      for (let i = 0; i < 40; i++) await tick(); // 20 minutes
      expect(net.requests - before).toBe(40); // one request per alarm: what a healthy instance costs
      expect((await badge()).text).toBe(EXPECTED[id].text);
      net.fault = null;
      online = true;
      net.netbox.errors(1);
      await tick();
      expect(await badge()).toEqual(counted(1));
      nothingCrashed();
    },
  );

  it.each(struggling.map((r) => [r.id, r] as const))(
    '%s: polls space out while it lasts (30 s, 1, 2, 4, 8, 10 min); Refresh recovers at once, the next allowed alarm by itself',
    async (id, row) => {
      net.netbox.errors(3);
      await start();
      net.fault = row.fault(BASE);
      const before = net.requests;
      const polledAt: number[] = [];
      for (let i = 1; i <= 60; i++) {
        const asked = net.requests;
        await tick();
        if (net.requests > asked) polledAt.push(i * INTERVAL_S);
      }
      expect(polledAt).toEqual([30, 60, 120, 240, 480, 960, 1560]);
      expect(net.requests - before).toBe(7);
      expect((await badge()).text).toBe(EXPECTED[id].text);

      // Fixed: "Refresh" in the popup polls at once, whatever the backoff.
      net.fault = null;
      net.netbox.errors(1);
      await sendMessage('pollNow', {});
      expect(await badge()).toEqual(counted(1));

      // Broken again for long, then fixed: the first alarm the backoff allows recovers, within 10 minutes.
      net.fault = row.fault(BASE);
      for (let i = 0; i < 20; i++) await tick();
      net.fault = null;
      net.netbox.errors(1);
      let waited = 0;
      while ((await badge()).kind !== 'ok' && waited < 3600) {
        await tick();
        waited += INTERVAL_S;
      }
      expect(waited).toBeLessThanOrEqual(600);
      expect(await badge()).toEqual(counted(2));
      nothingCrashed();
    },
  );

  it('429: no request before Retry-After, not even Refresh; the first alarm after it recovers', async () => {
    net.netbox.errors(3);
    await start();
    net.fault = faultRow('429 with Retry-After').fault(BASE);
    net.netbox.errors(1);
    await tick();
    const asked = net.requests;
    net.fault = async () =>
      new Response(JSON.stringify({ detail: 'Too many failed authentication attempts. Try again later.' }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '120' },
      });
    await tick(); // 30 s Retry-After passed: asks, gets 120 s more
    expect(net.requests).toBe(asked + 1);
    net.fault = null;
    await tick();
    await sendMessage('pollNow', {});
    await tick();
    await tick();
    expect(net.requests).toBe(asked + 1);
    expect((await badge()).text).toBe('×');
    await tick(); // 120 s after the 429
    expect(net.requests).toBe(asked + 2);
    expect(await badge()).toEqual(counted(1));
    nothingCrashed();
  });

  it('an hour logged out, then a 502: the 502 is retried at the next alarm (backoff counts its own class only)', async () => {
    net.netbox.errors(3);
    await start();
    net.fault = faultRow('session expired: 403 credentials not provided').fault(BASE);
    for (let i = 0; i < 120; i++) await tick();
    net.fault = faultRow('502 backend down').fault(BASE);
    await tick();
    expect((await badge()).text).toBe('×');
    const asked = net.requests;
    net.fault = null;
    await tick();
    expect(net.requests).toBe(asked + 1);
    expect((await badge()).kind).toBe('ok');
  });

  it('offline: coming back online polls at once, without waiting for the alarm', async () => {
    net.netbox.errors(3);
    await start();
    net.fault = faultRow('offline').fault(BASE);
    online = false;
    net.netbox.errors(1);
    await tick();
    expect((await badge()).text).toBe('off');
    net.fault = null;
    online = true;
    globalThis.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect(await badge()).toEqual(counted(1)));
  });
});

describe('badge: answers that are not faults but must not hurt', () => {
  it('an entry with a 1 MB message: counted once, the notification shows 100 characters of it', async () => {
    await saveInstances([{ ...instance, notifications: true }]);
    net.netbox.errors(3);
    await start();
    net.netbox.log('ERROR', `Failed: ${'x'.repeat(1024 * 1024)}`);
    await tick();
    expect(await badge()).toEqual(counted(1));
    const shown = Object.values((await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string }>);
    expect(shown.map((n) => n.title)).toEqual(['1 new error on netbox.example.com']);
    expect(shown[0]!.message).toBe(`Failed: ${'x'.repeat(91)}…`);
    nothingCrashed();
  });

  it('5,000 new errors between two polls: 99+', async () => {
    net.netbox.errors(3);
    await start();
    net.netbox.errors(5000);
    await tick();
    expect(await badge()).toMatchObject({ kind: 'ok', text: '99+', color: COUNT_RED });
    nothingCrashed();
  });

  it('5,000 entries in one answer (a backend that ignores limit): 99+, nothing counted twice', async () => {
    net.ignoreLimit();
    net.netbox.errors(3);
    await start();
    net.netbox.errors(5000);
    await tick();
    expect(await badge()).toMatchObject({ kind: 'ok', text: '99+', color: COUNT_RED });
    const counts = (await sendMessage('getStatus'))[0]!.count;
    await tick();
    expect((await sendMessage('getStatus'))[0]!.count).toBe(counts);
    nothingCrashed();
  });

  it('backend restart with ids from 1: the new run\'s errors count, none twice', async () => {
    net.netbox.errors(5);
    await start();
    net.netbox.errors(1);
    await tick();
    expect(await badge()).toEqual(counted(1));
    net.netbox.restartBackend();
    net.netbox.errors(2, 'after restart'); // ids 1, 2 again
    await tick();
    expect(await badge()).toEqual(counted(3));
    await tick();
    expect(await badge()).toEqual(counted(3));
    nothingCrashed();
  });

  it('entries evicted by the ring buffer between polls: what is still there is counted', async () => {
    net = new FaultyNetBox(BASE, { capacity: 20 });
    net.netbox.errors(5);
    await start();
    net.netbox.errors(30); // ids 6..35, the buffer keeps 16..35
    await tick();
    expect(await badge()).toEqual(counted(20));
    net.netbox.errors(1);
    await tick();
    expect(await badge()).toEqual(counted(21));
    nothingCrashed();
  });
});
