import { beforeEach, describe, expect, it, vi } from 'vitest';
import { claimPage } from '../../../lib/content/claim-page';
import { LAUNCHER_HOST_ID, startLazyPanel } from '../../../lib/content/lazy-panel';
import type { MountedPanel, PanelApi } from '../../../lib/content/lazy-panel-api';
import { HOST_ID } from '../../../lib/content/mount-docked-panel';

const instance = { id: 'https://netbox.example.com', baseUrl: 'https://netbox.example.com', proxyPath: '/api/plugins/proxbox/logs/', logsVia: 'netbox' as const, label: 'netbox.example.com' };
const flush = () => new Promise((r) => setTimeout(r, 0));

function launcher(): HTMLButtonElement | null {
  return document.getElementById(LAUNCHER_HOST_ID)?.shadowRoot?.querySelector('button') ?? null;
}

function fakeApi() {
  const calls: string[] = [];
  const mounted: MountedPanel = {
    vm: { setSearch: (t) => calls.push(`search:${t}`), setFilters: (f) => calls.push(`filters:${JSON.stringify(f)}`) },
    panel: { open: () => calls.push('open') },
  };
  const api: PanelApi = { mountPanel: vi.fn(async () => mounted) };
  const loadApi = vi.fn(async () => api);
  return { api, loadApi, calls };
}

describe('the lazy panel (content script)', () => {
  beforeEach(() => {
    document.getElementById(LAUNCHER_HOST_ID)?.remove();
    document.documentElement.setAttribute('data-bs-theme', 'dark');
    document.body.innerHTML = '<div class="page"></div>';
  });

  it('uses the docked panel host id, so the panel takes the launcher place', () => {
    expect(LAUNCHER_HOST_ID).toBe(HOST_ID);
  });

  it('shows only the launcher, in a shadow root, without loading the panel', async () => {
    const { loadApi } = fakeApi();
    startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage(), startOpen: false, loadApi });
    await flush();
    const button = launcher()!;
    expect(button.textContent).toBe('Backend Logs');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.closest('.pbl-root')!.getAttribute('data-theme')).toBe('dark');
    expect(loadApi).not.toHaveBeenCalled();
  });

  it('loads and mounts the panel on a click, then opens it', async () => {
    const { api, loadApi, calls } = fakeApi();
    const signal = new AbortController().signal;
    const ownsPage = claimPage();
    startLazyPanel({ instance, signal, ownsPage, startOpen: false, loadApi });
    launcher()!.click();
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).toHaveBeenCalledWith({ instance, signal, ownsPage });
    expect(launcher()).toBeNull(); // the panel's own launcher replaces it
    expect(calls).toEqual(['open']);
  });

  it('loads at once, without a launcher first, when the panel was left open', async () => {
    const { api, loadApi } = fakeApi();
    startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage(), startOpen: true, loadApi });
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).toHaveBeenCalledTimes(1);
    expect(launcher()).toBeNull();
  });

  it('keeps the launcher when loading fails, and tries again on the next click', async () => {
    const { api } = fakeApi();
    const loadApi = vi.fn<() => Promise<PanelApi>>().mockRejectedValueOnce(new Error('no worker')).mockResolvedValue(api);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage(), startOpen: false, loadApi });
    launcher()!.click();
    await flush();
    expect(launcher()).not.toBeNull();
    expect(launcher()!.hasAttribute('aria-busy')).toBe(false);
    launcher()!.click();
    await flush();
    expect(api.mountPanel).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("runs the popup's Show logs in order once the panel is loaded", async () => {
    const { calls, loadApi } = fakeApi();
    const lazy = startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage(), startOpen: false, loadApi });
    lazy.vm.setSearch('');
    lazy.vm.setFilters({ operationId: 'op-1' });
    lazy.panel.open();
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['search:', 'filters:{"operationId":"op-1"}', 'open']);
  });

  it('goes away with the content script', async () => {
    const abort = new AbortController();
    startLazyPanel({ instance, signal: abort.signal, ownsPage: claimPage(), startOpen: false, loadApi: fakeApi().loadApi });
    expect(launcher()).not.toBeNull();
    abort.abort();
    expect(document.getElementById(LAUNCHER_HOST_ID)).toBeNull();
  });
});
