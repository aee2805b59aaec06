import { beforeEach, describe, expect, it, vi } from 'vitest';
import { claimPage } from '../../../lib/content/claim-page';
import { startLazyPanel } from '../../../lib/content/lazy-panel';
import type { MountedPanel, PanelApi } from '../../../lib/content/lazy-panel-api';
import { PANEL_API_GLOBAL, PANEL_HOST_ID } from '../../../lib/core/panel-injection';
import { shadowRootOf } from './shadow-roots';

const instance = { id: 'https://netbox.example.com', baseUrl: 'https://netbox.example.com', proxyPath: '/api/plugins/proxbox/logs/', logsVia: 'netbox' as const, label: 'netbox.example.com' };
const flush = () => new Promise((r) => setTimeout(r, 0));
/** The worker's half is tested in tests/unit/worker/shared-fetch.test.ts. */
const noWarm = () => undefined;

function launcher(): HTMLButtonElement | null {
  return shadowRootOf(document.getElementById(PANEL_HOST_ID))?.querySelector('button') ?? null;
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
    document.getElementById(PANEL_HOST_ID)?.remove();
    document.documentElement.setAttribute('data-bs-theme', 'dark');
    document.body.innerHTML = '<div class="page"></div>';
  });

  it('shows only the launcher, in a shadow root, without loading the panel', async () => {
    const { loadApi } = fakeApi();
    startLazyPanel({ warmFirstPage: noWarm, instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: false, loadApi });
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
    const { ownsPage } = claimPage();
    const warmFirstPage = vi.fn();
    startLazyPanel({ instance, signal, ownsPage, startOpen: false, loadApi, warmFirstPage });
    expect(warmFirstPage).not.toHaveBeenCalled();
    launcher()!.click();
    // The first page is asked for in the click, before the panel's code is there.
    expect(warmFirstPage).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).not.toHaveBeenCalled();
    launcher()!.click(); // a second click while loading asks for nothing more
    await flush();
    expect(warmFirstPage).toHaveBeenCalledTimes(1);
    expect(loadApi).toHaveBeenCalledTimes(1);
    // The panel's layout was read while its code loaded; the panel gets that reading.
    expect(api.mountPanel).toHaveBeenCalledWith({ instance, signal, ownsPage, layout: expect.any(Promise) });
    await expect(vi.mocked(api.mountPanel).mock.calls[0]![0].layout).resolves.toEqual({ open: false, height: null }); // as stored: the click opens it next
    expect(launcher()).toBeNull(); // the panel's own launcher replaces it
    expect(calls).toEqual(['open', 'open']); // each click opens it (opening an open panel does nothing)
  });

  it('loads at once, without a launcher first, when the panel was left open', async () => {
    const { api, loadApi } = fakeApi();
    const warmFirstPage = vi.fn();
    startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: true, loadApi, warmFirstPage });
    await flush();
    expect(warmFirstPage).toHaveBeenCalledTimes(1);
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).toHaveBeenCalledTimes(1);
    expect(launcher()).toBeNull();
  });

  it('left open on a page still loading: asks for its first page and its code at once, mounts once <body> is there', async () => {
    const { api, loadApi } = fakeApi();
    const warmFirstPage = vi.fn();
    let bodyArrives!: () => void;
    const whenBody = () => new Promise<void>((resolve) => (bodyArrives = resolve));
    startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: true, loadApi, warmFirstPage, whenBody });
    await flush();
    expect(warmFirstPage).toHaveBeenCalledTimes(1);
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).not.toHaveBeenCalled();
    bodyArrives();
    await flush();
    expect(api.mountPanel).toHaveBeenCalledTimes(1);
  });

  it('started by the worker with the page (code in the page, first page given): mounts at once with them, asks for nothing', async () => {
    const { api, loadApi } = fakeApi();
    (globalThis as Record<string, unknown>)[PANEL_API_GLOBAL] = api;
    try {
      const warmFirstPage = vi.fn();
      const firstPage = { ok: true as const, value: { logs: [], total: 0, hasMore: false } };
      const layout = { open: true, height: 320 };
      startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: true, codeInPage: true, started: { layout, firstPage }, loadApi, warmFirstPage });
      await flush();
      expect(loadApi).not.toHaveBeenCalled();
      expect(warmFirstPage).not.toHaveBeenCalled();
      const options = vi.mocked(api.mountPanel).mock.calls[0]![0];
      expect(options.firstPage).toBe(firstPage);
      await expect(options.layout).resolves.toEqual(layout);
    } finally {
      delete (globalThis as Record<string, unknown>)[PANEL_API_GLOBAL];
    }
  });

  it('loads the code ahead when the page is idle where the panel was opened before; a click then only mounts it', async () => {
    const { api, loadApi } = fakeApi();
    const idle: (() => void)[] = [];
    const warmFirstPage = vi.fn();
    startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: false, loadCodeAhead: true, whenIdle: (task) => idle.push(task), loadApi, warmFirstPage });
    await flush();
    expect(loadApi).not.toHaveBeenCalled(); // not before the page is idle
    idle.splice(0).forEach((task) => task());
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).not.toHaveBeenCalled();
    expect(warmFirstPage).not.toHaveBeenCalled(); // no request before the click
    expect(launcher()!.getAttribute('aria-expanded')).toBe('false');
    launcher()!.click();
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(warmFirstPage).toHaveBeenCalledTimes(1);
    expect(api.mountPanel).toHaveBeenCalledTimes(1);
  });

  it('loads nothing ahead where the panel was never opened', async () => {
    const { loadApi } = fakeApi();
    const whenIdle = vi.fn();
    startLazyPanel({ warmFirstPage: noWarm, instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: false, whenIdle, loadApi });
    await flush();
    expect(whenIdle).not.toHaveBeenCalled();
    expect(loadApi).not.toHaveBeenCalled();
  });

  it('loads again at the click when loading ahead failed', async () => {
    const { api } = fakeApi();
    const loadApi = vi.fn<() => Promise<PanelApi>>().mockRejectedValueOnce(new Error('no worker')).mockResolvedValue(api);
    const idle: (() => void)[] = [];
    startLazyPanel({ warmFirstPage: noWarm, instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: false, loadCodeAhead: true, whenIdle: (task) => idle.push(task), loadApi });
    idle.splice(0).forEach((task) => task());
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    expect(launcher()!.hasAttribute('aria-busy')).toBe(false); // nothing shown for a failure the user did not ask for
    launcher()!.click();
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(2);
    expect(api.mountPanel).toHaveBeenCalledTimes(1);
  });

  it('loads nothing ahead once the content script is gone', async () => {
    const { loadApi } = fakeApi();
    const abort = new AbortController();
    const idle: (() => void)[] = [];
    startLazyPanel({ warmFirstPage: noWarm, instance, signal: abort.signal, ownsPage: claimPage().ownsPage, startOpen: false, loadCodeAhead: true, whenIdle: (task) => idle.push(task), loadApi });
    abort.abort();
    idle.splice(0).forEach((task) => task());
    await flush();
    expect(loadApi).not.toHaveBeenCalled();
  });

  it('keeps the launcher when loading fails, and tries again on the next click', async () => {
    const { api } = fakeApi();
    const loadApi = vi.fn<() => Promise<PanelApi>>().mockRejectedValueOnce(new Error('no worker')).mockResolvedValue(api);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    startLazyPanel({ warmFirstPage: noWarm, instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: false, loadApi });
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
    const warmFirstPage = vi.fn();
    const lazy = startLazyPanel({ instance, signal: new AbortController().signal, ownsPage: claimPage().ownsPage, startOpen: false, loadApi, warmFirstPage });
    lazy.vm.setSearch('');
    lazy.vm.setFilters({ operationId: 'op-1' });
    lazy.panel.open();
    await flush();
    expect(loadApi).toHaveBeenCalledTimes(1);
    // Its first page is filtered: an unfiltered page fetched ahead would be a wasted request.
    expect(warmFirstPage).not.toHaveBeenCalled();
    expect(calls).toEqual(['search:', 'filters:{"operationId":"op-1"}', 'open']);
  });

  it('goes away with the content script', async () => {
    const abort = new AbortController();
    startLazyPanel({ warmFirstPage: noWarm, instance, signal: abort.signal, ownsPage: claimPage().ownsPage, startOpen: false, loadApi: fakeApi().loadApi });
    expect(launcher()).not.toBeNull();
    abort.abort();
    expect(document.getElementById(PANEL_HOST_ID)).toBeNull();
  });
});
