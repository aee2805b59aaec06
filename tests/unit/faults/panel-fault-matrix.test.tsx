// The fault matrix, as the user sees it in the Backend Logs panel: the real controller of
// the page's panel and the side panel (lib/browser/instance-logs-controller.ts, with the
// real fetchLogs and parseLogsResponse reading each faulty HTTP answer) rendered in the
// real LogsPanel. For every fault: the exact banner (title, sentence, action, technical
// detail), the rows already loaded stay, nothing throws, and once the fault clears the
// next scheduled poll (one interval, or the Retry-After) brings the panel back to the
// right rows with nothing twice. docs/faults.md is the table of what these prove.
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogsPanel } from '../../../components/LogsPanel';
import { createInstanceLogs } from '../../../lib/browser/instance-logs-controller';
import { VIEW_INTERVAL_MS } from '../../../lib/core/cadence';
import type { FailureKind } from '../../../lib/core/failure';
import { formatClockTime } from '../../../lib/core/format-time';
import type { LogsController } from '../../../lib/core/logs-controller';
import { RESTART_NOTICE } from '../../../lib/core/logs-controller';
import { renderUi } from '../components/render';
import { FAULT_ROWS, faultRow, type FaultId } from './fault-rows';
import { FaultyNetBox } from './faulty-netbox';

const sent: Array<{ type: string; data: unknown }> = [];
vi.mock('@/lib/browser/messaging', () => ({
  sendMessage: async (type: string, data: unknown) => {
    sent.push({ type, data });
  },
  onMessage: () => () => {},
}));

const BASE = 'https://netbox.example.com';
const LABEL = 'netbox.example.com';
const LOGIN = 'https://netbox.example.com/login/?next=/plugins/proxbox/logs/';
const ENDPOINTS = 'https://netbox.example.com/plugins/proxbox/endpoints/fastapi/';

type Action = { link: string; href: string } | { button: string } | null;

interface Shown {
  kind: FailureKind;
  title: string;
  sentence: string;
  action: Action;
  /** The technical detail line ("HTTP 502: ..."), or null when there is none. */
  detail: string | null;
}

const TRY_AGAIN = { button: 'Try again' };
const RETRY_NOW = { button: 'Retry now' };
const LOGGED_OUT = {
  kind: 'logged-out',
  title: 'Not logged in to NetBox',
  sentence: 'Log in to netbox.example.com in this browser; the logs resume by themselves after you log in.',
  action: { link: 'Log in to NetBox', href: LOGIN },
} as const;
const NOT_A_LIST = {
  kind: 'malformed',
  title: 'Not a Proxbox log list',
  sentence: "NetBox answered with something that is not a Proxbox log list. Check the logs proxy path in the extension's options.",
  action: TRY_AGAIN,
} as const;
const WRONG_SHAPE = {
  kind: 'wrong-shape',
  title: 'Not a Proxbox log list',
  sentence:
    "NetBox answered with something that is not a Proxbox log list. Check the logs proxy path in the extension's options, or update the Proxbox plugin.",
  action: TRY_AGAIN,
} as const;
const PLUGIN_MISSING = {
  kind: 'plugin-missing',
  title: 'No Proxbox logs API found',
  sentence:
    "This NetBox has no Proxbox logs API at the configured path. Check that the Proxbox plugin is installed, or the logs proxy path in the extension's options.",
  action: TRY_AGAIN,
} as const;
const DISCOVERY = {
  kind: 'discovery',
  title: 'Logs come from the Proxbox backend',
  sentence:
    'This Proxbox plugin does not serve logs through NetBox; it names the backend. Enter the backend API key once to read the logs from there.',
  action: { button: 'Enter backend API key' },
} as const;

/** What the panel must show for each fault, spelled out. */
const EXPECTED: Record<FaultId, Shown> = {
  'session expired: login page instead of JSON': { ...LOGGED_OUT, detail: 'HTTP 200: login page instead of JSON' },
  'session expired: redirected to the login page': { ...LOGGED_OUT, detail: 'HTTP 200: redirected to the login page' },
  'session expired: bare 302': { ...LOGGED_OUT, detail: 'HTTP 302: redirected' },
  'session expired: 403 credentials not provided': {
    ...LOGGED_OUT,
    detail: 'HTTP 403: Authentication credentials were not provided.',
  },
  '401 API key rejected': {
    kind: 'api-key-rejected',
    title: 'Backend rejected the API key',
    sentence:
      "The Proxbox backend rejected NetBox's API key. An administrator must update the key of the FastAPI endpoint in NetBox.",
    action: TRY_AGAIN,
    detail: 'HTTP 401: Invalid API key',
  },
  '403 no permission': {
    kind: 'forbidden',
    title: 'No permission to view backend logs',
    sentence:
      "Your NetBox user may not view the Proxbox FastAPI endpoint. Ask an administrator for the 'view' permission on FastAPIEndpoint.",
    action: TRY_AGAIN,
    detail: 'HTTP 403: You do not have permission to view FastAPI endpoints.',
  },
  '404 no endpoint': {
    kind: 'no-endpoint',
    title: 'No FastAPI endpoint configured',
    sentence: 'No enabled FastAPI endpoint is configured in Proxbox. Add one under Plugins > Proxbox > FastAPI Endpoints.',
    action: { link: 'Open FastAPI endpoints', href: ENDPOINTS },
    detail: 'HTTP 404: No enabled FastAPIEndpoint is configured.',
  },
  '404 plugin not installed: NetBox 404 page': { ...PLUGIN_MISSING, detail: null },
  '404 plugin not installed: API "Not found."': { ...PLUGIN_MISSING, detail: 'HTTP 404: Not found.' },
  '422 bad query': {
    kind: 'bad-query',
    title: 'Backend refused the filter',
    sentence:
      'The Proxbox backend refused this query (limit: Input should be less than or equal to 5000). Change or clear the filters.',
    action: TRY_AGAIN,
    detail: 'HTTP 422: limit: Input should be less than or equal to 5000',
  },
  '429 with Retry-After': {
    kind: 'rate-limited',
    title: 'Too many requests',
    sentence: "The Proxbox backend's rate limit is reached (it allows 300 requests a minute per address, NetBox's syncs included); retrying in 30 s.",
    action: null,
    detail: 'HTTP 429: Too many failed authentication attempts. Try again later.',
  },
  '500 NetBox error page': {
    kind: 'server-error',
    title: 'NetBox server error',
    sentence: 'netbox.example.com had an internal error (HTTP 500). Retrying…',
    action: RETRY_NOW,
    detail: null,
  },
  '502 backend down': {
    kind: 'backend-down',
    title: 'Proxbox backend unreachable',
    sentence: 'NetBox cannot reach the Proxbox backend. Check that proxbox-api is running. Retrying…',
    action: RETRY_NOW,
    detail: 'HTTP 502: Could not reach the Proxbox backend at http://proxbox:8800: [Errno 111] Connection refused',
  },
  '504 backend timeout': {
    kind: 'backend-timeout',
    title: 'Proxbox backend too slow',
    sentence: 'The Proxbox backend did not answer in time. Retrying…',
    action: RETRY_NOW,
    detail: 'HTTP 504: Backend did not answer in time.',
  },
  'timeout: no answer': {
    kind: 'timeout',
    title: 'NetBox did not answer in time',
    sentence: 'netbox.example.com did not answer in time. Retrying…',
    action: RETRY_NOW,
    detail: 'no answer within 15 s',
  },
  offline: {
    kind: 'offline',
    title: 'You are offline',
    sentence: 'You are offline. The logs resume by themselves when the connection is back.',
    action: null,
    detail: null,
  },
  'connection refused': {
    kind: 'network',
    title: 'NetBox cannot be reached',
    sentence: 'netbox.example.com cannot be reached. Check the address and your network or VPN. Retrying…',
    action: RETRY_NOW,
    detail: 'Failed to fetch',
  },
  'malformed: truncated JSON': { ...NOT_A_LIST, detail: 'HTTP 200: not JSON (application/json)' },
  'malformed: plain text': { ...NOT_A_LIST, detail: 'HTTP 200: not JSON (text/plain)' },
  'malformed: nginx HTML page': { ...NOT_A_LIST, detail: 'HTTP 200: not JSON (text/html; charset=utf-8)' },
  'malformed: empty body': { ...NOT_A_LIST, detail: 'HTTP 200: empty answer' },
  'wrong shape: null logs': { ...WRONG_SHAPE, detail: 'HTTP 200: "logs" is null' },
  'wrong shape: missing logs': { ...WRONG_SHAPE, detail: 'HTTP 200: "logs" is missing' },
  'wrong shape: entry without id': { ...WRONG_SHAPE, detail: 'HTTP 200: logs[0].id is not a non-negative integer' },
  'wrong shape: wrong types': { ...WRONG_SHAPE, detail: 'HTTP 200: logs[0].id is not a non-negative integer' },
  'wrong shape: bare array': { ...WRONG_SHAPE, detail: 'HTTP 200: expected an object with "logs", got a list' },
  'discovery shape': {
    ...DISCOVERY,
    sentence:
      'This Proxbox plugin does not serve logs through NetBox; it names the backend at http://proxbox:8800. Enter the backend API key once to read the logs from there.',
    detail: "HTTP 200: the plugin points to the backend's logs at http://proxbox:8800/admin/logs instead of serving them",
  },
  'discovery shape, nothing configured': {
    ...DISCOVERY,
    detail:
      'HTTP 200: the plugin names no backend logs URL (no FastAPI endpoint configured, or no permission to view it)',
  },
};

// ---- the harness --------------------------------------------------------------------

let net: FaultyNetBox;
let online: boolean;
let vm: LogsController;
let root: HTMLElement;
const uncaught: unknown[] = [];
const onRejection = (reason: unknown) => uncaught.push(reason);
const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);

beforeEach(() => {
  // One fake clock for everything: the controller's timers, fetchLogs' deadline, the banner's countdown.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(Date.parse('2026-11-25T18:00:00Z'));
  net = new FaultyNetBox(BASE);
  online = true;
  sent.length = 0;
  uncaught.length = 0;
  process.on('unhandledRejection', onRejection);
  window.addEventListener('error', onError);
  // The adapter asks navigator.onLine itself (no isOnline passed below).
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
});

afterEach(() => {
  vm?.stop();
  process.off('unhandledRejection', onRejection);
  window.removeEventListener('error', onError);
  vi.useRealTimers();
  delete (window.navigator as { onLine?: boolean }).onLine;
});

/** Time passes: timers fire in order, requests answer, the panel re-renders. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function openPanel(): Promise<void> {
  vm = createInstanceLogs({ id: BASE, baseUrl: BASE, proxyPath: '/api/plugins/proxbox/logs/', logsVia: 'netbox' }, undefined, {
    fetchImpl: net.fetch,
    random: () => 0, // no jitter: retries land exactly one interval later
  });
  root = await renderUi(
    <LogsPanel
      vm={vm}
      instanceLabel={LABEL}
      baseUrl={BASE}
      linkTarget="_self"
      onConnect={() => undefined}
      listInitialRect={{ width: 1200, height: 800 }}
    />,
  );
  await advance(0);
}

const shownIds = () =>
  [...root.querySelectorAll<HTMLElement>('[role="row"][data-entry-id]')].map((r) => Number(r.dataset.entryId));
const heldIds = () => vm.entries().map((e) => e.id);
const gapTexts = () => [...root.querySelectorAll('.pbl-row--gap')].map((g) => g.textContent?.trim());
const banner = () => root.querySelector<HTMLElement>('[data-failure]');
const countText = () => root.querySelector('.pbl-count')?.textContent;

function bannerShows(): Shown & { retry: string | null; lastUpdate: string | null } {
  const b = banner();
  if (!b) throw new Error(`no banner; panel says: ${root.textContent}`);
  const alert = b.querySelector('[role="alert"]')!;
  const link = b.querySelector<HTMLAnchorElement>('a');
  const button = b.querySelector<HTMLButtonElement>('.pbl-banner-meta button');
  const meta = [...b.querySelectorAll('.pbl-banner-meta > span')].map((s) => s.textContent ?? '');
  return {
    kind: b.dataset.failure as FailureKind,
    title: alert.querySelector('strong')!.textContent!,
    sentence: alert.querySelector('span')!.textContent!,
    action: link ? { link: link.textContent!, href: link.getAttribute('href')! } : button ? { button: button.textContent! } : null,
    detail: b.querySelector('.pbl-muted')?.textContent ?? null,
    retry: meta.find((t) => t.startsWith('Retrying in')) ?? null,
    lastUpdate: meta.find((t) => t.startsWith('Last successful update')) ?? null,
  };
}

// ---- the matrix -----------------------------------------------------------------------

describe('panel fault matrix', () => {
  it.each(FAULT_ROWS.map((row) => [row.id, row] as const))('%s', async (id, row) => {
    net.netbox.errors(3); // ids 1..3
    await openPanel();
    expect(shownIds()).toEqual([3, 2, 1]);
    const loadedAt = Date.now();

    // The fault starts between two polls, while new entries keep arriving behind it.
    net.fault = row.fault(BASE);
    online = !row.offline;
    net.netbox.errors(2); // ids 4, 5
    await advance(VIEW_INTERVAL_MS);
    if (row.noAnswer) {
      expect(banner()).toBeNull(); // still waiting for an answer: no verdict yet
      await advance(15_000);
    }

    const expected = EXPECTED[id];
    const waitMs = row.retryAfterMs ?? VIEW_INTERVAL_MS;
    expect(bannerShows()).toEqual({
      ...expected,
      retry: `Retrying in ${waitMs / 1000} s`,
      lastUpdate: `Last successful update ${formatClockTime(loadedAt)}`,
    });
    expect(banner()!.querySelector('a')?.getAttribute('target') ?? null).toBe(expected.action && 'link' in expected.action ? '_self' : null);
    // What was loaded stays on screen, nothing else.
    expect(shownIds()).toEqual([3, 2, 1]);
    expect(countText()).toBe('Showing 3 of 3');

    // The fault clears; the next scheduled poll, no click, brings everything back.
    net.fault = null;
    online = true;
    await advance(waitMs - 1);
    expect(banner()).not.toBeNull();
    await advance(1);
    expect(banner()).toBeNull();
    expect(vm.state.value).toEqual({ phase: 'ready' });
    expect(shownIds()).toEqual([5, 4, 3, 2, 1]);
    expect(heldIds()).toEqual([5, 4, 3, 2, 1]);
    expect(gapTexts()).toEqual([]);
    expect(countText()).toBe('Showing 5 of 5');
    expect(sent.at(-1)).toEqual({ type: 'errorsSeen', data: { instanceId: BASE, newestId: 5 } });
    expect(uncaught).toEqual([]);
  });

  it.each(FAULT_ROWS.map((row) => [row.id, row] as const))('%s on the first load: the banner alone, then the logs', async (id, row) => {
    net.netbox.errors(3);
    net.fault = row.fault(BASE);
    online = !row.offline;
    await openPanel();
    if (row.noAnswer) await advance(15_000);
    expect(bannerShows()).toMatchObject({ kind: EXPECTED[id].kind, title: EXPECTED[id].title, lastUpdate: null });
    expect(shownIds()).toEqual([]);
    expect(root.textContent).not.toContain('No log entries yet');

    net.fault = null;
    online = true;
    await advance(row.retryAfterMs ?? VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    expect(shownIds()).toEqual([3, 2, 1]);
    expect(uncaught).toEqual([]);
  });

  it('a long outage still recovers within one interval of the fault clearing (no growing backoff)', async () => {
    net.netbox.errors(3);
    await openPanel();
    net.fault = faultRow('502 backend down').fault(BASE);
    const before = net.requests;
    await advance(10 * 60_000); // ten minutes down
    // One request per interval, never more often: the same load as a healthy panel.
    expect(net.requests - before).toBeGreaterThanOrEqual((10 * 60_000) / VIEW_INTERVAL_MS);
    expect(net.requests - before).toBeLessThanOrEqual((10 * 60_000) / (0.8 * VIEW_INTERVAL_MS) + 1);
    expect(bannerShows().retry).toMatch(/^Retrying in [1-5] s$/);
    net.fault = null;
    net.netbox.errors(1);
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    expect(shownIds()).toEqual([4, 3, 2, 1]);
    expect(uncaught).toEqual([]);
  });

  it('timeout: while a retry waits for its answer the banner says "Retrying now…", not "Retrying in 0 s"', async () => {
    net.netbox.errors(3);
    await openPanel();
    net.fault = faultRow('timeout: no answer').fault(BASE);
    await advance(VIEW_INTERVAL_MS + 15_000);
    expect(bannerShows()).toMatchObject({ kind: 'timeout', retry: 'Retrying in 5 s' });
    await advance(VIEW_INTERVAL_MS + 7_000); // the retry has been waiting 7 s
    expect(root.querySelector('[data-failure] .pbl-banner-meta')?.textContent).toContain('Retrying now…');
    expect(bannerShows().retry).toBeNull();
    await advance(8_000);
    expect(bannerShows()).toMatchObject({ kind: 'timeout', retry: 'Retrying in 5 s' });
    net.fault = null;
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    expect(uncaught).toEqual([]);
  });

  it('offline: coming back online asks at once, without waiting for the retry', async () => {
    net.netbox.errors(3);
    await openPanel();
    net.fault = faultRow('offline').fault(BASE);
    online = false;
    await advance(VIEW_INTERVAL_MS);
    expect(bannerShows().kind).toBe('offline');
    net.fault = null;
    online = true;
    net.netbox.errors(1);
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    await advance(0);
    expect(banner()).toBeNull();
    expect(shownIds()).toEqual([4, 3, 2, 1]);
    // Once stopped (panel closed), the event asks nothing.
    vm.stop();
    const asked = net.requests;
    net.fault = faultRow('offline').fault(BASE);
    window.dispatchEvent(new Event('online'));
    await advance(0);
    expect(net.requests).toBe(asked);
  });

  it('429: no request before Retry-After has passed, then the logs', async () => {
    net.netbox.errors(3);
    await openPanel();
    net.fault = faultRow('429 with Retry-After').fault(BASE);
    await advance(VIEW_INTERVAL_MS);
    const asked = net.requests;
    net.fault = null;
    await advance(29_999);
    expect(net.requests).toBe(asked);
    expect(bannerShows().retry).toBe('Retrying in 1 s');
    await advance(1);
    expect(net.requests).toBe(asked + 1);
    expect(banner()).toBeNull();
  });

  it('session expired, then logged in again in another tab: the panel resumes by itself within one interval', async () => {
    net.netbox.errors(3);
    await openPanel();
    net.fault = faultRow('session expired: redirected to the login page').fault(BASE);
    for (let i = 0; i < 12; i++) await advance(VIEW_INTERVAL_MS); // a minute logged out
    expect(bannerShows()).toMatchObject({ kind: 'logged-out', retry: 'Retrying in 5 s' });
    net.fault = null;
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    expect(shownIds()).toEqual([3, 2, 1]);
  });
});

describe('panel: answers that are not faults but must not hurt', () => {
  it('an entry with a 1 MB message: shown, capped in the row, nothing else lost', async () => {
    net.netbox.errors(2);
    await openPanel();
    const huge = `Traceback: ${'x'.repeat(1024 * 1024)}`;
    net.netbox.log('ERROR', huge);
    net.netbox.errors(1);
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    expect(shownIds()).toEqual([4, 3, 2, 1]);
    expect(vm.entries().find((e) => e.id === 3)?.message).toBe(huge); // kept whole for copy/export
    const row = root.querySelector('[data-entry-id="3"] .pbl-cell--message')!;
    expect(row.textContent!.length).toBe(500); // the row shows the first 500 characters
    // Expanded: 200,000 characters until the user asks for all of it.
    await act(() => {
      root.querySelector<HTMLElement>('[data-entry-id="3"]')!.click();
    });
    const pre = root.querySelector('[data-entry-id="3"] pre[aria-label="Message"]')!;
    expect(pre.textContent!.length).toBe(200_000);
    expect(root.querySelector('[data-entry-id="3"] .pbl-capped button')?.textContent).toBe('Show all (1.0 MB)');
    expect(uncaught).toEqual([]);
  });

  it('5,000 entries in one answer: all of them, once, in order', async () => {
    net.netbox.errors(3);
    await openPanel();
    net.netbox.errors(5000);
    net.ignoreLimit(); // a backend that sends every new entry in one answer
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    const ids = heldIds();
    expect(ids).toHaveLength(5003);
    expect(new Set(ids).size).toBe(5003);
    expect(ids).toEqual(Array.from({ length: 5003 }, (_, i) => 5003 - i));
    expect(shownIds()[0]).toBe(5003);
    expect(countText()).toBe('Showing 5003 of 5003');
    expect(gapTexts()).toEqual([]);
    expect(uncaught).toEqual([]);
  });

  it('backend restart with ids from 1: a notice, a marker, the old entries below it, nothing twice', async () => {
    net.netbox.errors(5);
    await openPanel();
    net.netbox.restartBackend();
    net.netbox.errors(2, 'after restart'); // ids 1, 2 again
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    expect(root.querySelector('.pbl-notice span')?.textContent).toBe(RESTART_NOTICE);
    expect(gapTexts()).toEqual(['The backend restarted here: the entries below are from its previous run.']);
    expect(vm.entries().map((e) => `${e.id} ${e.message}`)).toEqual([
      '2 after restart 2',
      '1 after restart 1',
      '5 Failed to sync VM 5',
      '4 Failed to sync VM 4',
      '3 Failed to sync VM 3',
      '2 Failed to sync VM 2',
      '1 Failed to sync VM 1',
    ]);
    net.netbox.errors(1, 'later');
    await advance(VIEW_INTERVAL_MS);
    expect(heldIds()).toEqual([3, 2, 1, 5, 4, 3, 2, 1]);
    expect(sent.at(-1)).toEqual({ type: 'errorsSeen', data: { instanceId: BASE, newestId: 3 } });
    expect(uncaught).toEqual([]);
  });

  it('entries evicted by the ring buffer between polls: a gap marker says how many', async () => {
    net = new FaultyNetBox(BASE, { capacity: 20 });
    net.netbox.errors(5);
    await openPanel();
    // The buffer keeps 20 entries: 30 more (ids 6..35) push out ids 1..5 and 6..15.
    for (let i = 0; i < 30; i++) net.netbox.log('INFO', `burst ${i}`);
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
    expect(shownIds()).toEqual([...range(35, 16), 5, 4, 3, 2, 1]);
    expect(gapTexts()).toEqual(['Up to 10 entries are missing here: the backend dropped them before they were fetched.']);
    // The marker sits where the entries are missing: between 16 and 5.
    const rows = [...root.querySelectorAll<HTMLElement>('[role="row"][data-index]')].sort(
      (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
    );
    expect(rows.slice(19, 22).map((r) => r.dataset.entryId ?? 'gap')).toEqual(['16', 'gap', '5']);
    expect(countText()).toBe('Showing 25 of 25');
    expect(uncaught).toEqual([]);
  });

  it('eviction in a full 10,000-entry buffer: nothing twice, the gap counted exactly', async () => {
    net.netbox.errors(5);
    await openPanel();
    for (let i = 0; i < 10_050; i++) net.netbox.log('INFO', `burst ${i}`);
    await advance(VIEW_INTERVAL_MS);
    expect(banner()).toBeNull();
    const ids = heldIds();
    expect(ids).toHaveLength(10_005);
    expect(new Set(ids).size).toBe(10_005);
    expect(ids.slice(0, 2)).toEqual([10_055, 10_054]);
    expect(ids.slice(-6)).toEqual([56, 5, 4, 3, 2, 1]);
    expect(vm.rows.value.filter((r) => r.kind === 'gap')).toEqual([expect.objectContaining({ reason: 'evicted', missing: 50 })]);
    expect(uncaught).toEqual([]);
  });
});
