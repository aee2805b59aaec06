import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_STATES, combineBadge } from '@/lib/core/badge-states';
import { startWorker, type Worker } from '@/lib/background/worker';
import { sendMessage } from '@/lib/browser/messaging';
import { NOTIFICATION_ICON } from '@/lib/background/notifications';
import { createInstance } from '@/lib/core/settings';
import { saveInstances } from '@/lib/browser/settings-storage';
import type { NetBoxInstance } from '@/lib/core/instance';
import { FakeNetBox } from './fake-netbox';
import { removeSidePanel, stubExtensionApis } from './browser-stubs';

vi.mock('@/lib/browser/messaging', async () => (await import('./browser-stubs')).inProcessMessaging());

const LABEL = 'netbox.example.com';
let netbox: FakeNetBox;
let stubs: ReturnType<typeof stubExtensionApis>;
let worker: Worker | undefined;
let clock: number;
let online: boolean;
let instance: NetBoxInstance;

function start(): Promise<void> {
  worker = startWorker({ fetchLogs: netbox.fetchLogs, now: () => clock, isOnline: () => online });
  return worker.ready;
}

/** Time passes, then the instance's alarm fires. */
async function tick(seconds = 30): Promise<void> {
  clock += seconds * 1000;
  await fakeBrowser.alarms.onAlarm.trigger({ name: `poll:${instance.id}`, scheduledTime: clock, periodInMinutes: 0.5 });
}

const badgeText = () => fakeBrowser.action.getBadgeText({});
const badgeTitle = () => fakeBrowser.action.getTitle({});

beforeEach(async () => {
  fakeBrowser.reset();
  stubs = stubExtensionApis({ granted: (p) => p === 'https://netbox.example.com:443/*' });
  netbox = new FakeNetBox();
  clock = Date.parse('2026-11-25T18:00:00Z');
  online = true;
  instance = createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' });
  await saveInstances([instance]);
});

afterEach(() => {
  worker?.stop();
  worker = undefined;
});

describe('start-up', () => {
  it('creates one alarm per instance, registers the content script and sets the cursor without counting history', async () => {
    netbox.errors(4);
    await start();
    expect(await fakeBrowser.alarms.getAll()).toEqual([
      expect.objectContaining({ name: `poll:${instance.id}`, periodInMinutes: 0.5 }),
    ]);
    expect(stubs.registered).toEqual([
      {
        id: 'proxbox-logs',
        matches: ['https://netbox.example.com:443/*'],
        js: ['content-scripts/content.js'],
        runAt: 'document_start',
        persistAcrossSessions: false,
      },
    ]);
    expect(netbox.queries()).toEqual([{ errors_only: 'true', limit: '100' }]);
    expect(await badgeText()).toBe('');
    expect(await badgeTitle()).toContain(`${LABEL}: no new errors`);
  });

  it('registers only origins the extension holds permission for', async () => {
    const other = createInstance({ baseUrl: 'http://10.0.0.5:8000', origin: 'http://10.0.0.5:8000' });
    await saveInstances([instance, other]);
    await start();
    expect(stubs.registered[0]?.matches).toEqual(['https://netbox.example.com:443/*']);
    stubs.granted.add('http://10.0.0.5:8000/*');
    await worker!.sync();
    expect(stubs.registered[0]?.matches).toEqual(['http://10.0.0.5:8000/*', 'https://netbox.example.com:443/*']);
  });
});

describe('counting new errors', () => {
  it('rises with new errors and clears on errorsSeen', async () => {
    netbox.errors(2);
    await start();
    netbox.log('INFO', 'fine');
    const [, , last] = netbox.errors(3);
    await tick();
    expect(await badgeText()).toBe('3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xd6, 0x39, 0x39, 255]);
    expect(await badgeTitle()).toContain(`${LABEL}: 3 new errors`);

    await sendMessage('errorsSeen', { instanceId: instance.id, newestId: last! - 1 });
    expect(await badgeText()).toBe('1');
    await sendMessage('errorsSeen', { instanceId: instance.id, newestId: last! });
    expect(await badgeText()).toBe('');
    await tick();
    expect(await badgeText()).toBe('');
  });

  it('shows 99+ past 99 and sums over instances', async () => {
    const second = createInstance({ baseUrl: 'http://10.0.0.5:8000', origin: 'http://10.0.0.5:8000' });
    stubs.granted.add('http://10.0.0.5:8000/*');
    const other = new FakeNetBox('http://10.0.0.5:8000');
    await saveInstances([instance, second]);
    worker = startWorker({
      fetchLogs: (url, o) => (url.startsWith('http://10.0.0.5') ? other.fetchLogs(url, o) : netbox.fetchLogs(url, o)),
      now: () => clock,
      isOnline: () => true,
    });
    await worker.ready;
    netbox.errors(60);
    other.errors(45);
    await sendMessage('pollNow', {});
    expect(await badgeText()).toBe('99+');
    expect(await badgeTitle()).toContain(`${LABEL}: 60 new errors`);
    expect(await badgeTitle()).toContain('10.0.0.5:8000: 45 new errors');
  });

  it('keeps the count when the worker is stopped and started again', async () => {
    await start();
    netbox.errors(3);
    await tick();
    expect(await badgeText()).toBe('3');
    worker!.stop();
    await fakeBrowser.action.setBadgeText({ text: '' }); // a browser restart forgets the badge too
    await start();
    expect(await badgeText()).toBe('3');
    netbox.errors(1);
    await tick();
    expect(await badgeText()).toBe('4');
  });

  it('a backend restart neither hides new errors nor counts an entry twice', async () => {
    netbox.errors(10);
    await start();
    netbox.errors(2);
    await tick();
    expect(await badgeText()).toBe('2');
    netbox.restartBackend();
    netbox.errors(3, 'after restart');
    await tick();
    expect(await badgeText()).toBe('5');
    await tick();
    await sendMessage('pollNow', { instanceId: instance.id });
    expect(await badgeText()).toBe('5');
    // Seen in a view of the new process: everything up to its newest id.
    await sendMessage('errorsSeen', { instanceId: instance.id, newestId: 3 });
    expect(await badgeText()).toBe('');
  });

  it('getStatus tells the count and state of each instance', async () => {
    await start();
    netbox.errors(2);
    await tick();
    expect(await sendMessage('getStatus')).toEqual([
      { instanceId: instance.id, label: LABEL, baseUrl: instance.baseUrl, count: 2, state: 'ok', lastSuccessAt: clock },
    ]);
  });
});

describe('badge states', () => {
  const cases: Array<[string, () => void, keyof typeof BADGE_STATES]> = [
    ['logged out', () => (netbox.trouble = { kind: 'logged-out' }), 'logged-out'],
    ['no permission to view the logs', () => (netbox.trouble = { kind: 'forbidden' }), 'forbidden'],
    ['no endpoint', () => (netbox.trouble = { kind: 'no-endpoint' }), 'no-endpoint'],
    ['backend unreachable', () => (netbox.trouble = { kind: 'backend-down' }), 'backend-down'],
    ['NetBox unreachable', () => (netbox.trouble = { kind: 'network' }), 'network'],
    ['offline', () => {
      netbox.trouble = { kind: 'network' };
      online = false;
    }, 'offline'],
    ['no host permission', () => stubs.granted.clear(), 'no-host-permission'],
    ['wrong proxy path', () => (netbox.proxyPath = '/api/plugins/other/'), 'plugin-missing'],
  ];

  it.each(cases)('%s', async (_name, breakIt, kind) => {
    await start();
    const grantedBefore = stubs.permissions.contains.getMockImplementation();
    if (kind === 'no-host-permission') stubs.permissions.contains.mockImplementation(async () => false);
    breakIt();
    await tick();
    const expected = combineBadge([{ label: LABEL, count: 0, state: kind }]);
    expect(await badgeText()).toBe(expected.text);
    expect(await badgeTitle()).toBe(expected.title);
    expect(await badgeTitle()).toContain(LABEL);
    expect((await sendMessage('getStatus'))[0]).toMatchObject({ state: kind, lastError: { kind } });
    if (grantedBefore) stubs.permissions.contains.mockImplementation(grantedBefore);
  });

  it('logged out says "log in" and names the instance', async () => {
    await start();
    netbox.trouble = { kind: 'logged-out' };
    await tick();
    expect(await badgeTitle()).toMatch(new RegExp(`${LABEL}.*log in`));
  });

  it('keeps showing the count of errors found before a failure', async () => {
    await start();
    netbox.errors(2);
    await tick();
    netbox.trouble = { kind: 'backend-down' };
    await tick();
    expect(await badgeText()).toBe('2');
    expect(await badgeTitle()).toContain('unreachable');
  });
});

describe('backoff', () => {
  it('honours Retry-After: no request before it, not even a manual one', async () => {
    await start();
    netbox.trouble = { kind: 'rate-limited', retryAfterSec: 120 };
    await tick();
    const asked = netbox.requests.length;
    expect(await badgeText()).toBe(BADGE_STATES['rate-limited'].text);
    await tick(30);
    await tick(30);
    await sendMessage('pollNow', {});
    await tick(30);
    expect(netbox.requests).toHaveLength(asked);
    netbox.trouble = null;
    netbox.errors(1);
    await tick(31);
    expect(netbox.requests).toHaveLength(asked + 1);
    expect(await badgeText()).toBe('1');
  });

  it('backs off exponentially while failing, then recovers by itself', async () => {
    await start();
    netbox.trouble = { kind: 'backend-down' };
    const before = netbox.requests.length;
    for (let i = 0; i < 40; i++) await tick(30); // 20 minutes of alarm ticks
    const asked = netbox.requests.length - before;
    // 30 s, 60 s, 2, 4, 8 minutes, then every 10 minutes: far fewer than 40 requests.
    expect(asked).toBeGreaterThanOrEqual(5);
    expect(asked).toBeLessThanOrEqual(8);
    netbox.trouble = null;
    netbox.errors(2);
    for (let i = 0; i < 21 && (await badgeText()) !== '2'; i++) await tick(30);
    expect(await badgeText()).toBe('2');
    expect((await sendMessage('getStatus'))[0]).toMatchObject({ state: 'ok' });
  });

  it('a manual poll skips the backoff', async () => {
    await start();
    netbox.trouble = { kind: 'backend-down' };
    await tick();
    await tick();
    netbox.trouble = null;
    await sendMessage('pollNow', { instanceId: instance.id });
    expect((await sendMessage('getStatus'))[0]).toMatchObject({ state: 'ok' });
  });
});

describe('notifications', () => {
  it('are off by default', async () => {
    await start();
    netbox.errors(2);
    await tick();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('come one per instance and poll, with plain text, and a click opens the errors in the side panel', async () => {
    await saveInstances([{ ...instance, notifications: true }]);
    await start();
    netbox.errors(2);
    netbox.log('ERROR', `<b>Boom</b>\n${'x'.repeat(300)}`);
    await tick();
    const all = (await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string; iconUrl: string }>;
    const ids = Object.keys(all);
    expect(ids).toHaveLength(1);
    const shown = all[ids[0]!]!;
    expect(shown.title).toBe(`3 new errors on ${LABEL}`);
    expect(shown.message.startsWith('<b>Boom</b> xxx')).toBe(true);
    expect(shown.message.length).toBeLessThanOrEqual(100);
    expect(shown.iconUrl).toBe(NOTIFICATION_ICON);

    netbox.errors(1);
    await tick();
    const next = (await fakeBrowser.notifications.getAll()) as Record<string, { title: string }>;
    expect(Object.values(next).map((n) => n.title)).toEqual([`1 new error on ${LABEL}`]);

    await fakeBrowser.notifications.onClicked.trigger(Object.keys(next)[0]!);
    expect(stubs.sidePanel.setOptions).toHaveBeenCalledWith({
      path: `sidepanel.html?instance=${encodeURIComponent(instance.id)}&errors_only=1`,
      enabled: true,
    });
    expect(stubs.sidePanel.open).toHaveBeenCalledWith({ windowId: expect.any(Number) });
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('a click opens a tab when there is no side panel', async () => {
    removeSidePanel();
    await saveInstances([{ ...instance, notifications: true }]);
    await start();
    netbox.errors(1);
    await tick();
    const [id] = Object.keys(await fakeBrowser.notifications.getAll());
    await fakeBrowser.notifications.onClicked.trigger(id!);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(
      `chrome-extension://test-extension-id/sidepanel.html?instance=${encodeURIComponent(instance.id)}&errors_only=1`,
    );
  });
});

describe('messages', () => {
  it('getRecentOperations fetches the newest 200 entries and lists distinct operations, newest first', async () => {
    await start();
    netbox.log('INFO', 'a', { operation_id: 'op-1', operation: 'vm_sync' });
    netbox.log('INFO', 'b', { operation_id: 'op-2', operation: 'device_sync' });
    netbox.log('INFO', 'c', { operation_id: 'op-1', operation: 'vm_sync' });
    const answer = await sendMessage('getRecentOperations', { instanceId: instance.id });
    expect(netbox.queries().at(-1)).toEqual({ limit: '200' });
    expect(answer.operations.map((o) => [o.operationId, o.operation])).toEqual([
      ['op-1', 'vm_sync'],
      ['op-2', 'device_sync'],
    ]);
    netbox.trouble = { kind: 'backend-down' };
    const failed = await sendMessage('getRecentOperations', { instanceId: instance.id });
    expect(failed.failure?.kind).toBe('backend-down');
    expect(failed.operations).toHaveLength(2);
  });

  it('openLogs opens a tab when the side panel refuses (no user gesture)', async () => {
    stubs.sidePanel.open.mockRejectedValue(new Error('`sidePanel.open()` may only be called in response to a user gesture.'));
    await start();
    await sendMessage('openLogs', { instanceId: instance.id, operationId: 'abc' });
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(
      `chrome-extension://test-extension-id/sidepanel.html?instance=${encodeURIComponent(instance.id)}&operation_id=abc`,
    );
  });
});

describe('instances change', () => {
  it('a removed instance loses its alarm, its registration and its state; a new one is polled at once', async () => {
    await start();
    const other = createInstance({ baseUrl: 'http://10.0.0.5:8000', origin: 'http://10.0.0.5:8000' });
    stubs.granted.add('http://10.0.0.5:8000/*');
    await saveInstances([other]);
    await worker!.sync();
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([`poll:${other.id}`]);
    expect(stubs.registered[0]?.matches).toEqual(['http://10.0.0.5:8000/*']);
    expect((await sendMessage('getStatus')).map((s) => s.instanceId)).toEqual([other.id]);
    expect(netbox.requests.some((u) => u.origin === 'http://10.0.0.5:8000')).toBe(true);
    await saveInstances([]);
    await worker!.sync();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(stubs.registered).toEqual([]);
  });

  it('an interval edit re-creates the alarm with the new period', async () => {
    await start();
    await saveInstances([{ ...instance, pollIntervalSec: 120 }]);
    await worker!.sync();
    expect(await fakeBrowser.alarms.get(`poll:${instance.id}`)).toMatchObject({ periodInMinutes: 2 });
  });
});
