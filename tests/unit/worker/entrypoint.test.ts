import { beforeEach, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { sendMessage } from '@/lib/browser/messaging';
import { createInstance } from '@/lib/core/settings';
import { saveInstances } from '@/lib/browser/settings-storage';
import { stubExtensionApis } from './browser-stubs';
import { FakeNetBox } from './fake-netbox';

vi.mock('@/lib/browser/messaging', async () => (await import('./browser-stubs')).inProcessMessaging());

beforeEach(() => {
  fakeBrowser.reset();
});

it('the background entrypoint starts the worker: alarms, badge and messages with the real fetch', async () => {
  const stubs = stubExtensionApis({ granted: () => true });
  const netbox = new FakeNetBox();
  const realFetch = globalThis.fetch;
  globalThis.fetch = netbox.fetch as typeof fetch;
  onTestFinished(() => {
    globalThis.fetch = realFetch;
  });
  const instance = createInstance({ baseUrl: netbox.baseUrl, origin: netbox.baseUrl });
  await saveInstances([instance]);
  netbox.errors(3);

  background.main();
  await sendMessage('pollNow', {}); // waits for the first poll (it sets the cursor)
  netbox.errors(2);
  await fakeBrowser.alarms.onAlarm.trigger({ name: `poll:${instance.id}`, scheduledTime: Date.now() });

  expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([`poll:${instance.id}`]);
  expect(stubs.scripting.registerContentScripts).toHaveBeenCalled();
  // On browser start the worker re-registers (registrations do not survive a restart).
  stubs.registered.length = 0;
  await fakeBrowser.runtime.onStartup.trigger();
  await vi.waitFor(() => expect(stubs.registered).toHaveLength(1));
});
