import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWorker, type Worker } from '@/lib/background/worker';
import { getBackendKey, saveBackendKey } from '@/lib/browser/backend-keys';
import { loadInstances, saveInstances, updateInstance, updateInstanceSettings } from '@/lib/browser/settings-storage';
import { createInstance } from '@/lib/core/settings';
import { FakeNetBox } from './fake-netbox';
import { stubExtensionApis } from './browser-stubs';

// The worker with the administrator's policy in storage.managed (the fake browser's
// managed area stands in for what Chrome hands over, storage.onChanged included).
vi.mock('@/lib/browser/messaging', async () => (await import('./browser-stubs')).inProcessMessaging());

const TEAM = 'https://netbox.example.com';
const MINE = 'https://mine.example.com';
let stubs: ReturnType<typeof stubExtensionApis>;
let netbox: FakeNetBox;
let worker: Worker | undefined;

async function start(): Promise<Worker> {
  worker = startWorker({ fetchLogs: netbox.fetchLogs, now: () => Date.parse('2026-11-25T18:00:00Z'), isOnline: () => true });
  await worker.ready;
  return worker;
}

/** The administrator changes the policy while the browser runs; the worker's sync after the change has run. */
async function changePolicy(policy: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.clear();
  await fakeBrowser.storage.managed.set(policy);
  await worker!.sync();
}

const ids = async () => (await loadInstances()).map((i) => i.id);
const alarms = async () => (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort();

beforeEach(async () => {
  fakeBrowser.reset();
  stubs = stubExtensionApis({ granted: (p) => p === 'https://netbox.example.com:443/*' || p === 'https://mine.example.com:443/*' });
  netbox = new FakeNetBox();
  await saveInstances([createInstance({ baseUrl: MINE, origin: MINE })]);
});

afterEach(() => {
  vi.restoreAllMocks();
  worker?.stop();
  worker = undefined;
});

describe('the worker with a policy', () => {
  it('adds the policy\'s instances at start as if the user had: stored, polled on an alarm, content script registered', async () => {
    await fakeBrowser.storage.managed.set({ instances: [{ url: TEAM, pollIntervalSec: 60, badgeLevels: ['CRITICAL'] }] });
    await start();
    const [team, mine] = await loadInstances();
    expect(team).toMatchObject({ id: TEAM, pollIntervalSec: 60, badgeLevels: ['CRITICAL'], managed: { fields: ['pollIntervalSec', 'badgeLevels'] } });
    expect(mine).toMatchObject({ id: MINE });
    expect(mine).not.toHaveProperty('managed');
    expect(await alarms()).toEqual([`poll:${MINE}`, `poll:${TEAM}`]);
    expect(stubs.registered[0]?.matches).toEqual(['https://mine.example.com:443/*', 'https://netbox.example.com:443/*']);
    // Both were polled at once: the team's NetBox for every level (the badge counts CRITICAL
    // alone, which errors_only cannot ask), the user's for errors only.
    expect(netbox.queries()).toEqual(expect.arrayContaining([{ limit: '100' }, { errors_only: 'true', limit: '100' }]));
  });

  it('applies a change of policy while it runs, without a restart', async () => {
    await start();
    expect(await ids()).toEqual([MINE]);
    await changePolicy({ instances: [{ url: TEAM }] });
    expect(await ids()).toEqual([TEAM, MINE]);
    expect(await alarms()).toEqual([`poll:${MINE}`, `poll:${TEAM}`]);

    // Taken out of the policy: it stays, as the user's own.
    await changePolicy({ instances: [] });
    expect(await ids()).toEqual([TEAM, MINE]);
    expect((await loadInstances())[0]).not.toHaveProperty('managed');
  });

  it('drops the user\'s own instances, their keys and origins, when the policy allows none', async () => {
    await saveBackendKey(MINE, { key: 'k', backendUrl: 'http://10.0.0.9:8800' }, { session: false });
    await start();
    await changePolicy({ instances: [{ url: TEAM }], allowUserInstances: false });
    expect(await ids()).toEqual([TEAM]);
    expect(await getBackendKey(MINE, 'http://10.0.0.9:8800')).toBeNull();
    expect(stubs.permissions.remove).toHaveBeenCalledWith({ origins: ['https://mine.example.com:443/*'] });
    expect(await alarms()).toEqual([`poll:${TEAM}`]);
  });

  it('keeps what the policy sets when the list is edited, and puts it back when storage was changed around it', async () => {
    await fakeBrowser.storage.managed.set({ instances: [{ url: TEAM, backendUrl: 'http://10.0.0.7:8800', pollIntervalSec: 60 }] });
    await start();
    await updateInstanceSettings(TEAM, { proxyPath: '/logs/', pollIntervalSec: 30, badgeLevels: ['ERROR'], notifications: true });
    await updateInstance(TEAM, { logsVia: 'backend', backendUrl: 'http://elsewhere:8800' });
    expect((await loadInstances())[0]).toMatchObject({ proxyPath: '/logs/', pollIntervalSec: 60, notifications: true, backendUrl: 'http://10.0.0.7:8800', logsVia: 'backend' });

    // Removed behind the worker's back (another page's write): the next sync sets it again.
    await saveInstances((await loadInstances()).filter((i) => i.id !== TEAM));
    await worker!.sync();
    expect(await ids()).toEqual([TEAM, MINE]);
  });

  it('names nothing and changes nothing when the browser has no policy (Firefox rejects the read)', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    const before = await loadInstances();
    await start();
    expect(await loadInstances()).toEqual(before);
    expect(await alarms()).toEqual([`poll:${MINE}`]);
  });

  it('applies the rest of a policy with a wrong entry', async () => {
    await fakeBrowser.storage.managed.set({ instances: [{ url: 'ftp://x' }, { url: TEAM, pollIntervalSec: 'often' }], surprise: true });
    await start();
    expect(await ids()).toEqual([TEAM, MINE]);
    expect((await loadInstances())[0]).toMatchObject({ managed: { fields: [] } });
  });
});
