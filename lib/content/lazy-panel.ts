import type { LogFilters } from '../core/log-types';
import { sendMessage } from '../browser/messaging';
import { keepMounted } from './keep-mounted';
import { PANEL_API_GLOBAL, type MountedPanel, type PanelApi, type PanelMountOptions } from './lazy-panel-api';
import css from '../../components/panel.css?inline';

// The content script runs on every NetBox page, so it stays small: it shows the launcher
// (plain DOM, the same markup and CSS as components/Launcher.tsx inside PanelShell) and
// loads the panel — Preact, signals, the virtual list, the logs controller — only when
// the panel is opened (a click, the popup's "Show logs", or a panel left open). The
// worker injects the panel script into this frame (message `loadPanel`), where it runs
// in the same isolated world as this script and leaves its API on the global object.
// The panel then takes the launcher's place (components/mount-docked-panel.tsx).

/** The same host id as components/mount-docked-panel.tsx HOST_ID (the panel replaces the launcher). */
export const LAUNCHER_HOST_ID = 'proxbox-backend-logs';

const SVG = 'http://www.w3.org/2000/svg';

export interface LazyLauncher {
  remove(): void;
  setBusy(busy: boolean): void;
}

/** The "Backend Logs" launcher alone, in a shadow root at the end of NetBox's <body>. */
export function mountLazyLauncher(options: { signal: AbortSignal; ownsPage: () => boolean; onOpen: () => void }): LazyLauncher {
  document.getElementById(LAUNCHER_HOST_ID)?.remove();
  const life = new AbortController();
  options.signal.addEventListener('abort', () => life.abort(), { once: true });

  const host = document.createElement('div');
  host.id = LAUNCHER_HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  const root = document.createElement('div');
  root.className = 'pbl-root pbl-root--docked';
  const html = document.documentElement;
  const readTheme = () => (root.dataset.theme = html.getAttribute('data-bs-theme') === 'dark' ? 'dark' : 'light');
  readTheme();
  const themeObserver = new MutationObserver(readTheme);
  themeObserver.observe(html, { attributes: true, attributeFilter: ['data-bs-theme'] });

  const spacer = document.createElement('div');
  spacer.className = 'pbl-spacer';
  spacer.style.height = '0px';
  const wrap = document.createElement('div');
  wrap.className = 'pbl-launcher-wrap';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'pbl-launcher';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'pbl-dock');
  button.title = 'Show backend logs';
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('class', 'pbl-launcher-icon');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  for (const [name, value] of [
    ['d', 'M4 6h16M4 12h10M4 18h13'],
    ['fill', 'none'],
    ['stroke', 'currentColor'],
    ['stroke-width', '2'],
    ['stroke-linecap', 'round'],
  ] as const) {
    path.setAttribute(name, value);
  }
  icon.append(path);
  button.append(icon, 'Backend Logs');
  button.addEventListener('click', () => options.onOpen());
  wrap.append(button);
  root.append(spacer, wrap);
  container.append(root);
  shadow.append(style, container);

  life.signal.addEventListener(
    'abort',
    () => {
      themeObserver.disconnect();
      host.remove();
    },
    { once: true },
  );
  keepMounted(host, life.signal, options.ownsPage, () => life.abort());
  return {
    remove: () => life.abort(),
    setBusy(busy) {
      if (busy) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
    },
  };
}

function panelApi(): PanelApi | undefined {
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

export interface LazyPanelOptions extends PanelMountOptions {
  /** The panel was left open on this instance: load it at once (no launcher first). */
  startOpen: boolean;
  /** Tests: where the panel comes from. */
  loadApi?: () => Promise<PanelApi>;
}

/** The launcher now, the panel when it is opened. */
export function startLazyPanel(options: LazyPanelOptions): LazyPanel {
  const { signal, ownsPage, instance, loadApi = loadPanelApi } = options;
  let launcher: LazyLauncher | null = null;
  let loading: Promise<MountedPanel | null> | null = null;

  const showLauncher = () => {
    if (launcher || signal.aborted || !ownsPage()) return;
    launcher = mountLazyLauncher({ signal, ownsPage, onOpen: () => void load().then((p) => p?.panel.open()) });
  };

  function load(): Promise<MountedPanel | null> {
    loading ??= (async () => {
      launcher?.setBusy(true);
      try {
        const api = await loadApi();
        if (signal.aborted || !ownsPage()) return null;
        launcher?.remove();
        launcher = null;
        const mounted = await api.mountPanel({ instance, signal, ownsPage });
        if (!mounted) showLauncher();
        return mounted;
      } catch (error) {
        console.warn('[proxbox] the Backend Logs panel could not be loaded', error);
        launcher?.setBusy(false);
        showLauncher();
        loading = null; // the next click tries again
        return null;
      }
    })();
    return loading;
  }

  if (options.startOpen) void load();
  else showLauncher();

  return {
    load,
    vm: {
      setSearch: (text: string) => void load().then((p) => p?.vm.setSearch(text)),
      setFilters: (patch: Partial<LogFilters>) => void load().then((p) => p?.vm.setFilters(patch)),
    },
    panel: { open: () => void load().then((p) => p?.panel.open()) },
  };
}
