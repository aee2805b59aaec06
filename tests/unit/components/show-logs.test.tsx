import { signal, type Signal } from '@preact/signals';
import { defineExtensionMessaging } from '@webext-core/messaging';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { claimPage } from '../../../lib/content/claim-page';
import { mountDockedPanel, type DockedPanel } from '../../../lib/content/mount-docked-panel';
import { PANEL_HOST_ID } from '../../../lib/core/panel-injection';
import { loadPanelLayout } from '../../../lib/browser/panel-layout-storage';
import { PanelShell } from '../../../components/PanelShell';
import { listenForShowLogs } from '../../../lib/content/show-logs-listener';
import type { Theme } from '../../../components/netbox-theme';
import type { ProtocolMap, ShowLogsRequest } from '../../../lib/browser/messaging';
import { fakeViewModel, makeEntry, type FakeViewModel } from './fake-view-model';
import { byRole, click, queryByRole, renderUi, settle } from './render';
import { shadowRootOf } from './shadow-roots';

// The popup's "Show logs" reaches the page's panel: the real @webext-core messenger on both
// sides, over a stand-in for Chrome's message passing (every runtime.onMessage listener of
// the tab gets the message; the first sendResponse wins; nobody answering = no response).

type Listener = (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => boolean | undefined | void;

function fakeChromeMessaging() {
  const listeners = new Set<Listener>();
  const chrome = {
    runtime: {
      lastError: undefined,
      onMessage: {
        addListener: (l: Listener) => void listeners.add(l),
        removeListener: (l: Listener) => void listeners.delete(l),
      },
    },
    tabs: {
      sendMessage(_tabId: number, message: unknown, _options: unknown, callback: (r: unknown) => void) {
        let answered = false;
        let waiting = false;
        const respond = (r: unknown) => {
          if (answered) return;
          answered = true;
          callback(r);
        };
        for (const l of [...listeners]) if (l(message, { id: 'extension' }, respond) === true) waiting = true;
        if (!waiting && !answered) respond(undefined);
      },
    },
  };
  return { chrome, listeners };
}

const instance = { id: 'https://netbox.example.com', baseUrl: 'https://netbox.example.com', label: 'netbox.example.com' };
const OP = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
const TAB = 7;

let messaging: ReturnType<typeof fakeChromeMessaging>;
/** The popup's side: its own messenger, sending to the tab. */
let popup: ReturnType<typeof defineExtensionMessaging<ProtocolMap>>;

/** One copy of the content script: claims the page, mounts the panel, listens (own messenger, like its own IIFE). */
async function contentScript(ended: AbortSignal, vm: FakeViewModel = fakeViewModel({ entries: [makeEntry()] })) {
  const claim = claimPage();
  const ownsPage = claim.ownsPage;
  // The copy's life: the page's claim (another copy took over), or `ended` (a test's abort).
  const signal = AbortSignal.any([claim.signal, ended]);
  const copy = defineExtensionMessaging<ProtocolMap>();
  // The real script awaits its settings between claiming the page and mounting.
  const mount = async () => {
    const panel = await mountDockedPanel({ vm, instance, signal, ownsPage, askSync: async () => null });
    await settle();
    if (panel) listenForShowLogs({ vm, panel, ownsPage, signal, onMessage: copy.onMessage });
    return panel;
  };
  return { vm, ownsPage, mount };
}

function shadow(): ShadowRoot {
  return shadowRootOf(document.getElementById(PANEL_HOST_ID))!;
}

/** The popup's sendMessage; resolves to "answered" or the error it rejected with. */
async function showLogs(data: ShowLogsRequest): Promise<string> {
  const sent = popup.sendMessage('showLogs', data, TAB).then(
    () => 'answered',
    (error: Error) => error.message,
  );
  await settle();
  return sent;
}

describe('showLogs: the popup opens the page’s panel filtered', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    document.getElementById(PANEL_HOST_ID)?.remove();
    document.documentElement.setAttribute('data-netbox-version', '4.6.8');
    document.body.innerHTML = '<div class="page"><div class="page-wrapper">NetBox</div></div>';
    messaging = fakeChromeMessaging();
    vi.stubGlobal('chrome', messaging.chrome);
    popup = defineExtensionMessaging<ProtocolMap>();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens the closed panel on exactly that operation, dropping other filters and the search', async () => {
    const abort = new AbortController();
    const script = await contentScript(abort.signal);
    await script.mount();
    script.vm.setFilters({ level: 'WARNING' });
    script.vm.setSearch('pve01');
    expect(queryByRole(shadow(), 'region')).toBeNull();

    expect(await showLogs({ operationId: ` ${OP} ` })).toBe('answered');

    expect(script.vm.filters.value).toEqual({ level: null, errorsOnly: false, operationId: OP, from: null, to: null });
    expect(script.vm.search.value).toBe('');
    expect(byRole(shadow(), 'region', 'Backend Logs')).toBeTruthy();
    expect(byRole(shadow(), 'button', 'Backend Logs').getAttribute('aria-expanded')).toBe('true');
    // Started (by open(), ahead of the panel's own mount: start() is idempotent in the real controller).
    expect(script.vm.start).toHaveBeenCalled();
    // Remembered like the user's own click: the next page of this NetBox opens with it.
    expect(await loadPanelLayout(instance.id)).toEqual({ open: true, height: null });
    abort.abort();
  });

  it('shows a time range as asked, with nothing else left over', async () => {
    const abort = new AbortController();
    const script = await contentScript(abort.signal);
    await script.mount();
    script.vm.setFilters({ level: 'WARNING', to: 5 });
    expect(await showLogs({ operationId: OP, from: '2026-11-25T02:00:00.000Z' })).toBe('answered');
    expect(script.vm.filters.value).toEqual({ level: null, errorsOnly: false, operationId: OP, from: Date.UTC(2026, 10, 25, 2, 0), to: null });
    abort.abort();
  });

  it('shows the errors in a panel that is already open, keeping it open', async () => {
    const abort = new AbortController();
    const script = await contentScript(abort.signal);
    await script.mount();
    await click(byRole(shadow(), 'button', 'Backend Logs'));
    script.vm.setFilters({ operationId: 'older-op' });

    expect(await showLogs({ errorsOnly: true })).toBe('answered');

    expect(script.vm.filters.value).toEqual({ level: null, errorsOnly: true, operationId: '', from: null, to: null });
    expect(byRole(shadow(), 'region', 'Backend Logs')).toBeTruthy();
    // Started (by open(), ahead of the panel's own mount: start() is idempotent in the real controller).
    expect(script.vm.start).toHaveBeenCalled();
    abort.abort();
  });

  it("the popup's \"Show this run\": the run's time, from its start, and nothing else", async () => {
    const abort = new AbortController();
    const script = await contentScript(abort.signal);
    await script.mount();
    script.vm.setFilters({ errorsOnly: true, operationId: 'older-op' });
    const start = Date.parse('2026-12-07T10:56:00.123Z');

    expect(await showLogs({ from: new Date(start).toISOString() })).toBe('answered');

    expect(script.vm.filters.value).toEqual({ level: null, errorsOnly: false, operationId: '', from: start, to: null });
    expect(byRole(shadow(), 'region', 'Backend Logs')).toBeTruthy();
    // An operation later: the run's time goes with the rest.
    expect(await showLogs({ operationId: OP })).toBe('answered');
    expect(script.vm.filters.value.from).toBeNull();
    abort.abort();
  });

  it('only the copy that owns the page answers when the script was injected twice', async () => {
    const firstAbort = new AbortController();
    const first = await contentScript(firstAbort.signal);
    await first.mount();
    expect(messaging.listeners.size).toBe(1);

    // A second copy claims the page: the first stops listening at once, before the second mounts.
    const secondAbort = new AbortController();
    const second = await contentScript(secondAbort.signal);
    await settle();
    expect(first.ownsPage()).toBe(false);
    expect(messaging.listeners.size).toBe(0);
    // Meanwhile nobody answers: the popup hears "No response" and opens the side panel instead.
    expect(await showLogs({ operationId: OP })).toBe('No response');
    expect(first.vm.setFilters).not.toHaveBeenCalled();

    await second.mount();
    expect(messaging.listeners.size).toBe(1);
    expect(await showLogs({ operationId: OP })).toBe('answered');
    expect(second.vm.filters.value.operationId).toBe(OP);
    expect(first.vm.setFilters).not.toHaveBeenCalled();
    expect(document.querySelectorAll(`#${PANEL_HOST_ID}`)).toHaveLength(1);
    expect(byRole(shadow(), 'region', 'Backend Logs')).toBeTruthy();
    firstAbort.abort();
    secondAbort.abort();
  });

  it('removes its listener when the copy\'s life ends (its signal aborts)', async () => {
    const abort = new AbortController();
    const script = await contentScript(abort.signal);
    await script.mount();
    expect(messaging.listeners.size).toBe(1);
    abort.abort();
    expect(messaging.listeners.size).toBe(0);
    expect(await showLogs({ operationId: OP })).toBe('No response');
    expect(script.vm.setFilters).not.toHaveBeenCalled();
  });

  it('does not listen at all when aborted before it could start', async () => {
    const abort = new AbortController();
    const panel: DockedPanel = { open: vi.fn() };
    abort.abort();
    const copy = defineExtensionMessaging<ProtocolMap>();
    listenForShowLogs({ vm: fakeViewModel(), panel, ownsPage: () => true, signal: abort.signal, onMessage: copy.onMessage });
    expect(messaging.listeners.size).toBe(0);
  });
});

describe('PanelShell openRequests', () => {
  function shell(open: boolean, openRequests: Signal<number>, onLayoutChange = vi.fn()) {
    return renderUi(
      <PanelShell
        initialLayout={{ open, height: 300 }}
        onLayoutChange={onLayoutChange}
        theme={signal<Theme>('light')}
        dockLeft={signal(0)}
        openRequests={openRequests}
      >
        {(close) => (
          <div role="region" aria-label="Backend Logs" tabIndex={-1}>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        )}
      </PanelShell>,
    );
  }

  it('opens on each request, ignores requests made before it rendered, and can be closed again', async () => {
    const requests = signal<number>(3);
    const onLayoutChange = vi.fn();
    const root = await shell(false, requests, onLayoutChange);
    expect(queryByRole(root, 'region')).toBeNull();

    requests.value += 1;
    await settle();
    expect(byRole(root, 'region', 'Backend Logs')).toBeTruthy();
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: true, height: 300 });

    await click(byRole(root, 'button', 'Close'));
    expect(queryByRole(root, 'region')).toBeNull();
    requests.value += 1;
    await settle();
    expect(byRole(root, 'region', 'Backend Logs')).toBeTruthy();
    expect(onLayoutChange).toHaveBeenCalledTimes(3);
  });
});
