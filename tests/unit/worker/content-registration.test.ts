import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONTENT_SCRIPT_ID, injectIntoOpenTabs, matchPatternsOf, PANEL_OPEN_SCRIPT_ID, syncContentScripts } from '@/lib/browser/content-registration';
import { savePanelLayout } from '@/lib/browser/panel-layout-storage';
import { createInstance } from '@/lib/core/settings';
import { stubExtensionApis } from './browser-stubs';

const a = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });
const b = createInstance({ baseUrl: 'https://tools.example.com/netbox-test', origin: 'https://tools.example.com' });
const c = createInstance({ baseUrl: 'http://10.0.0.5:8000', origin: 'http://10.0.0.5:8000' });
let stubs: ReturnType<typeof stubExtensionApis>;

beforeEach(() => {
  fakeBrowser.reset();
  stubs = stubExtensionApis({ granted: () => true });
});

describe('syncContentScripts', () => {
  it('registers one script on the distinct origin patterns, without ports', async () => {
    expect(matchPatternsOf([a, b, c])).toEqual(['http://10.0.0.5:8000/*', 'https://tools.example.com:443/*']);
    await syncContentScripts([a, b, c]);
    expect(stubs.registered).toEqual([
      {
        id: CONTENT_SCRIPT_ID,
        matches: ['http://10.0.0.5:8000/*', 'https://tools.example.com:443/*'],
        js: ['content-scripts/content.js'],
        runAt: 'document_start',
        persistAcrossSessions: false,
      },
    ]);
  });

  it('leaves an up-to-date registration alone, replaces a stale one, and unregisters when nothing is left', async () => {
    await syncContentScripts([a]);
    await syncContentScripts([a, b]);
    expect(stubs.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    await syncContentScripts([c]);
    expect(stubs.registered.map((s) => s.matches)).toEqual([['http://10.0.0.5:8000/*']]);
    await syncContentScripts([]);
    expect(stubs.registered).toEqual([]);
  });

  it('skips origins without permission', async () => {
    stubs.permissions.contains.mockImplementation(async ({ origins }) => origins?.[0] === 'http://10.0.0.5:8000/*');
    await syncContentScripts([a, c]);
    expect(stubs.registered.map((s) => s.matches)).toEqual([['http://10.0.0.5:8000/*']]);
  });

  it('updates a stale registration in place: never a moment without one', async () => {
    await syncContentScripts([a]);
    await syncContentScripts([a, c]);
    expect(stubs.scripting.unregisterContentScripts).not.toHaveBeenCalled();
    expect(stubs.scripting.updateContentScripts).toHaveBeenCalledTimes(1);
    expect(stubs.registered.map((s) => s.matches)).toEqual([['http://10.0.0.5:8000/*', 'https://tools.example.com:443/*']]);
  });

  it('updates instead when another context registered between its read and its register', async () => {
    // The worker registered first; this context (the options page) read before that.
    stubs.scripting.getRegisteredContentScripts.mockResolvedValueOnce([]);
    stubs.registered.push({ id: 'proxbox-logs', matches: ['https://tools.example.com:443/*'], js: ['content-scripts/content.js'] } as never);
    await syncContentScripts([a, c]);
    expect(stubs.registered).toHaveLength(1);
    expect(stubs.registered[0]?.matches).toEqual(['http://10.0.0.5:8000/*', 'https://tools.example.com:443/*']);
  });

  it("updates a registration an older version made at document_idle (a panel left open starts with the page)", async () => {
    stubs.registered.push({ id: 'proxbox-logs', matches: ['https://tools.example.com:443/*'], js: ['content-scripts/content.js'], runAt: 'document_idle' } as never);
    await syncContentScripts([a]);
    expect(stubs.scripting.updateContentScripts).toHaveBeenCalledTimes(1);
    expect(stubs.registered[0]?.runAt).toBe('document_start');
  });

  it('brings the panel’s code with the page where a panel is left open, and takes it away when it is closed', async () => {
    await syncContentScripts([a, c]);
    await savePanelLayout(c.id, { open: true, height: null });
    await syncContentScripts([a, c]);
    const byId = () => Object.fromEntries(stubs.registered.map((r) => [r.id, { matches: r.matches, js: r.js }]));
    expect(byId()).toEqual({
      [CONTENT_SCRIPT_ID]: { matches: ['https://tools.example.com:443/*'], js: ['content-scripts/content.js'] },
      [PANEL_OPEN_SCRIPT_ID]: { matches: ['http://10.0.0.5:8000/*'], js: ['content-panel.js', 'content-scripts/content.js'] },
    });
    await savePanelLayout(c.id, { open: false, height: 300 });
    await syncContentScripts([a, c]);
    expect(byId()).toEqual({ [CONTENT_SCRIPT_ID]: { matches: ['http://10.0.0.5:8000/*', 'https://tools.example.com:443/*'], js: ['content-scripts/content.js'] } });
  });

  it('survives two contexts registering at once', async () => {
    await Promise.all([syncContentScripts([a]), syncContentScripts([a, c])]);
    expect(stubs.registered).toHaveLength(1);
    expect(stubs.registered[0]?.matches).toEqual(['http://10.0.0.5:8000/*', 'https://tools.example.com:443/*']);
  });
});

describe('injectIntoOpenTabs', () => {
  it('injects into the tabs under the instance only', async () => {
    const inside = await fakeBrowser.tabs.create({ url: 'https://tools.example.com/netbox/dcim/devices/' });
    await fakeBrowser.tabs.create({ url: 'https://tools.example.com/netbox-test/' });
    await fakeBrowser.tabs.create({ url: 'https://example.org/' });
    expect(await injectIntoOpenTabs(a)).toEqual([inside.id]);
    expect(stubs.scripting.executeScript).toHaveBeenCalledTimes(1);
  });
});
