import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createInstance } from '@/lib/core/settings';
import { addInstance, loadInstances, removeInstance, updateInstanceSettings, watchInstances } from '@/lib/browser/settings-storage';

const a = createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings storage (local:instances, v1)', () => {
  it('is empty at first and lives in storage.local, never sync', async () => {
    expect(await loadInstances()).toEqual([]);
    await addInstance(a);
    expect(await fakeBrowser.storage.local.get('instances')).toEqual({ instances: [a] });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('adds once, updates settings, removes', async () => {
    await addInstance(a);
    await addInstance(a);
    expect(await loadInstances()).toHaveLength(1);
    await updateInstanceSettings(a.id, { proxyPath: '/x/', pollIntervalSec: 60, badgeLevels: ['CRITICAL'], notifications: true });
    expect((await loadInstances())[0]).toMatchObject({ proxyPath: '/x/', pollIntervalSec: 60, badgeLevels: ['CRITICAL'], notifications: true });
    await removeInstance(a.id);
    expect(await loadInstances()).toEqual([]);
  });

  it('repairs what an older or broken writer stored', async () => {
    await fakeBrowser.storage.local.set({ instances: [{ baseUrl: 'https://netbox.example.com/' }, 42] });
    // Stored before instances had an added time: 0, the badge's first poll sets its baseline.
    expect(await loadInstances()).toEqual([{ ...a, addedAt: 0 }]);
  });

  it('tells watchers about changes', async () => {
    const seen: string[][] = [];
    const stop = watchInstances((list) => seen.push(list.map((i) => i.id)));
    await addInstance(a);
    await removeInstance(a.id);
    stop();
    expect(seen).toEqual([[a.id], []]);
  });
});
