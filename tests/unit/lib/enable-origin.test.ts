import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { enableOrigin } from '@/lib/browser/enable-origin';
import { REASONS } from '@/lib/core/instance-url';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances, updateInstance } from '@/lib/browser/settings-storage';
import { stubExtensionApis } from '../worker/browser-stubs';

// The one "enable an origin" behind the popup's "Enable on this site" and the options
// page's "Add" (their own tests check the sentences they show).

let stubs: ReturnType<typeof stubExtensionApis>;
const existing = createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' });

beforeEach(async () => {
  fakeBrowser.reset();
  stubs = stubExtensionApis();
  await saveInstances([existing]);
});

describe('enableOrigin', () => {
  it('asks for the origin before anything is awaited, then stores, registers and injects', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'http://10.0.0.5:8000/netbox/dcim/devices/' });
    const asking = vi.fn();
    const enabling = enableOrigin('http://10.0.0.5:8000/netbox/api/', [existing], { asking });
    // Synchronously, inside the caller's gesture:
    expect(stubs.permissions.request).toHaveBeenCalledWith({ origins: ['http://10.0.0.5:8000/*'] });
    expect(asking).toHaveBeenCalledTimes(1);
    const enabled = await enabling;
    expect(enabled).toMatchObject({ ok: true, instance: { baseUrl: 'http://10.0.0.5:8000/netbox' } });
    expect((await loadInstances()).map((i) => i.baseUrl)).toEqual([existing.baseUrl, 'http://10.0.0.5:8000/netbox']);
    expect(enabled.ok && enabled.instances.map((i) => i.baseUrl)).toEqual([existing.baseUrl, 'http://10.0.0.5:8000/netbox']);
    expect(stubs.registered.map((s) => s.matches)).toEqual([['http://10.0.0.5:8000/*']]);
    expect(stubs.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: ['content-scripts/content.js'] });
  });

  it('answers with the list as stored when it ends, so what the worker wrote meanwhile is not undone', async () => {
    // The worker polls a new instance at once and may store that its logs come from the backend.
    stubs.scripting.executeScript.mockImplementationOnce(async () => {
      await updateInstance('http://10.0.0.5:8000/netbox', { logsVia: 'backend', backendUrl: 'http://10.0.0.5:8800' });
      return [];
    });
    await fakeBrowser.tabs.create({ url: 'http://10.0.0.5:8000/netbox/' });
    const enabled = await enableOrigin('http://10.0.0.5:8000/netbox/', [existing]);
    expect(enabled.ok && enabled.instance.logsVia).toBe('backend');
    expect(enabled.ok && enabled.instances.find((i) => i.id === 'http://10.0.0.5:8000/netbox')?.logsVia).toBe('backend');
  });

  it('asks for nothing for an address that is no NetBox URL, or one already added', async () => {
    const asking = vi.fn();
    expect(await enableOrigin('ftp://netbox.example.com', [existing], { asking })).toEqual({ ok: false, why: 'invalid', reason: REASONS.scheme });
    expect(await enableOrigin('https://netbox.example.com/ipam/', [existing], { asking })).toEqual({
      ok: false,
      why: 'known',
      reason: 'netbox.example.com is already in the list.',
    });
    expect(stubs.permissions.request).not.toHaveBeenCalled();
    expect(asking).not.toHaveBeenCalled();
  });

  it('adds nothing when the user says no, or the request fails', async () => {
    stubs.permissions.request.mockResolvedValueOnce(false);
    expect(await enableOrigin('https://other.example.com', [existing])).toEqual({ ok: false, why: 'denied', origin: 'https://other.example.com' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    stubs.permissions.request.mockRejectedValueOnce(new Error('not in a gesture'));
    expect(await enableOrigin('https://other.example.com', [existing])).toMatchObject({ ok: false, why: 'denied' });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(await loadInstances()).toEqual([existing]);
    expect(stubs.scripting.registerContentScripts).not.toHaveBeenCalled();
  });
});
