import type { LogFilters } from '../core/log-types';
import type { PageStart } from '../core/page-instance';
import { sendMessage } from '../browser/messaging';
import { CODE_AHEAD_IDLE_TIMEOUT_MS } from '../core/cadence';
import { loadPanelLayout } from '../browser/panel-layout-storage';
import { firstPageQuery, PANEL_API_GLOBAL, PANEL_HOST_ID } from '../core/panel-injection';
import { keepMounted } from './keep-mounted';
import type { MountedPanel, PanelApi, PanelMountOptions } from './lazy-panel-api';
import { DOCK_ID, LAUNCHER_ICON, LAUNCHER_LABEL, launcherClass, launcherTitle } from '../../components/launcher-look';
import { followNetBoxTheme } from '../../components/netbox-theme';
import { whenIdle as whenPageIdle } from '../../components/when-idle';
import { whenBodyExists } from './page-ready';
import { createShadowHost } from './shadow-host';
import css from '../../components/panel.css?inline';

// The content script runs on every NetBox page, so it stays small: it shows the launcher
// (plain DOM, the same markup and CSS as components/Launcher.tsx inside PanelShell) and
// loads the panel — Preact, signals, the virtual list, the logs controller — only when
// the panel is opened (a click, the popup's "Show logs", or a panel left open), or, on an
// instance where the user opened it before, once the page is idle, so that a click only
// mounts it (code only: nothing is asked of NetBox or the backend before the click). The
// worker injects the panel script into this frame (message `loadPanel`), where it runs
// in the same isolated world as this script and leaves its API on the global object.
// The panel then takes the launcher's place (lib/content/mount-docked-panel.tsx).
// Opened by a click or left open, the panel shows its first page at once: the worker
// starts fetching it (message `warmLogsPage`) while the panel's code is injected, and the
// panel's own first request takes that answer (lib/background/shared-fetch.ts).

const SVG = 'http://www.w3.org/2000/svg';

export interface LazyLauncher {
  remove(): void;
  setBusy(busy: boolean): void;
}

function launcherButton(onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = launcherClass(false);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', DOCK_ID);
  button.title = launcherTitle(false);
  const icon = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries(LAUNCHER_ICON.svg)) icon.setAttribute(name, value);
  const path = document.createElementNS(SVG, 'path');
  for (const [name, value] of Object.entries(LAUNCHER_ICON.path)) path.setAttribute(name, value);
  icon.append(path);
  button.append(icon, LAUNCHER_LABEL);
  button.addEventListener('click', onClick);
  return button;
}

/** The "Backend Logs" launcher alone, in a shadow root at the end of NetBox's <body>. */
export function mountLazyLauncher(options: { signal: AbortSignal; ownsPage: () => boolean; onOpen: () => void }): LazyLauncher {
  document.getElementById(PANEL_HOST_ID)?.remove();
  const life = new AbortController();
  options.signal.addEventListener('abort', () => life.abort(), { once: true });

  const { host, container } = createShadowHost(PANEL_HOST_ID, css);
  // What components/PanelShell.tsx draws while the panel is closed.
  const root = document.createElement('div');
  root.className = 'pbl-root pbl-root--docked';
  root.dataset.theme = followNetBoxTheme((theme) => (root.dataset.theme = theme), life.signal);
  const spacer = document.createElement('div');
  spacer.className = 'pbl-spacer';
  spacer.style.height = '0px';
  const wrap = document.createElement('div');
  wrap.className = 'pbl-launcher-wrap';
  const button = launcherButton(() => options.onOpen());
  wrap.append(button);
  root.append(spacer, wrap);
  container.append(root);

  life.signal.addEventListener('abort', () => host.remove(), { once: true });
  keepMounted(host, life.signal, options.ownsPage, () => life.abort());
  return {
    remove: () => life.abort(),
    setBusy(busy) {
      if (busy) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
    },
  };
}

export function panelApi(): PanelApi | undefined {
  return (globalThis as Record<string, unknown>)[PANEL_API_GLOBAL] as PanelApi | undefined;
}

/** Has the worker inject the panel script into this frame; its API then is on the global object. */
export async function loadPanelApi(): Promise<PanelApi> {
  // A copy left by an earlier version of the extension (reloaded under the page) is not ours.
  delete (globalThis as Record<string, unknown>)[PANEL_API_GLOBAL];
  const injected = await sendMessage('loadPanel', undefined);
  const api = panelApi();
  if (!injected || !api) throw new Error('the panel script was not loaded');
  return api;
}

export interface LazyPanel {
  /** Loads and mounts the panel (once); null when it could not be (or the page was given up). */
  load(): Promise<MountedPanel | null>;
  /** For listenForShowLogs: each call loads the panel first, in order. */
  vm: MountedPanel['vm'];
  panel: MountedPanel['panel'];
}

export interface LazyPanelOptions extends Omit<PanelMountOptions, 'layout'> {
  /** The panel was left open on this instance: load it at once (no launcher first). */
  startOpen: boolean;
  /**
   * The user opened the panel on this instance before: its code is loaded once the page
   * is idle, so a click only mounts it. Code only: nothing is asked of NetBox or the backend.
   */
  loadCodeAhead?: boolean;
  /** The panel's code is in this frame already (it came with the page, or the worker injected it). */
  codeInPage?: boolean;
  /** The worker started this panel already (message `pageStart`): its layout and (if it came in time) its first page. */
  started?: Pick<PageStart, 'layout' | 'firstPage'>;
  /** Tests: runs `task` when the page is idle (default: requestIdleCallback). */
  whenIdle?: (task: () => void) => void;
  /** Tests: where the panel comes from. */
  loadApi?: () => Promise<PanelApi>;
  /** Tests: has the worker start fetching the panel's first page (default: message `warmLogsPage`). */
  warmFirstPage?: () => void;
  /** Tests: resolves once the page has a <body> to mount into (default: ./page-ready.ts). */
  whenBody?: () => Promise<unknown>;
}

/** Asks the worker to start fetching the first page the panel will ask for; nothing comes back here. */
function warmFirstPageOf(instanceId: string): () => void {
  return () => void sendMessage('warmLogsPage', { instanceId, query: firstPageQuery() }).catch(() => undefined);
}

/** The launcher now, the panel when it is opened. */
export function startLazyPanel(options: LazyPanelOptions): LazyPanel {
  const { signal, ownsPage, instance, loadApi = loadPanelApi, warmFirstPage = warmFirstPageOf(instance.id), whenBody = () => whenBodyExists() } = options;
  const whenIdle = options.whenIdle ?? ((task: () => void) => void whenPageIdle(task, CODE_AHEAD_IDLE_TIMEOUT_MS));
  let launcher: LazyLauncher | null = null;
  let loading: Promise<MountedPanel | null> | null = null;
  // The panel's code, loaded once (ahead, or at the click); a failure lets the next click try again.
  const injected = options.codeInPage ? panelApi() : undefined;
  let code: Promise<PanelApi> | null = injected ? Promise.resolve(injected) : null;
  const loadCode = () =>
    (code ??= loadApi().catch((error: unknown) => {
      code = null;
      throw error;
    }));

  // The script starts with the page (document_start): what it shows waits for <body>.
  const body = whenBody();
  const mountLauncher = () => {
    // Not while the panel loads (the popup's "Show logs" may come first): the panel takes the host.
    if (launcher || loading || signal.aborted || !ownsPage()) return;
    launcher = mountLazyLauncher({ signal, ownsPage, onOpen: openNow });
  };
  const showLauncher = () => (document.body ? mountLauncher() : void body.then(mountLauncher));
  let started = options.started;

  function load(): Promise<MountedPanel | null> {
    loading ??= (async () => {
      launcher?.setBusy(true);
      // Read while the panel's code loads, not after: the first screen waits for both.
      // What the worker gave for the panel it started is for that first load alone.
      const given = started;
      started = undefined;
      const layout = given?.layout ? Promise.resolve(given.layout) : loadPanelLayout(instance.id);
      layout.catch(() => {});
      const firstPage = given?.firstPage ?? undefined;
      try {
        const [api] = await Promise.all([loadCode(), body]);
        if (signal.aborted || !ownsPage()) return null;
        launcher?.remove();
        launcher = null;
        const mounted = await api.mountPanel({ instance, signal, ownsPage, layout, ...(firstPage ? { firstPage } : {}) });
        if (!mounted) showLauncher();
        return mounted;
      } catch (error) {
        console.warn('[proxbox] the Backend Logs panel could not be loaded', error);
        launcher?.setBusy(false);
        loading = null; // the next click tries again
        showLauncher();
        return null;
      }
    })();
    return loading;
  }

  /** The user opens the panel: its first page is fetched while its code loads. */
  function openNow(): void {
    if (!loading) warmFirstPage();
    void load().then((p) => p?.panel.open());
  }

  if (options.startOpen) {
    if (!started) warmFirstPage(); // else the worker did, as the page started
    void load().then((p) => p?.panel.open()); // open already: this starts its logs at once
  } else {
    showLauncher();
    if (options.loadCodeAhead) {
      whenIdle(() => {
        if (!signal.aborted && ownsPage()) loadCode().catch(() => undefined); // the click tries again
      });
    }
  }

  return {
    load,
    vm: {
      setSearch: (text: string) => void load().then((p) => p?.vm.setSearch(text)),
      setFilters: (patch: Partial<LogFilters>) => void load().then((p) => p?.vm.setFilters(patch)),
    },
    panel: { open: () => void load().then((p) => p?.panel.open()) },
  };
}
