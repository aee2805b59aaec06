import { computed, signal as createSignal } from '@preact/signals';
import { sendMessage } from '../browser/messaging';
import { askActiveSync, type AskActiveSync } from '../browser/active-sync';
import { PANEL_HOST_ID } from '../core/panel-injection';
import type { LogsViewModel } from '../core/logs-view-model';
import { watchDisplayPrefs } from '../browser/display-prefs-storage';
import { keepMounted } from './keep-mounted';
import { LogsPanel } from '../../components/LogsPanel';
import { mountInShadowRoot } from './mount-in-shadow-root';
import { PanelShell } from '../../components/PanelShell';
import { loadPanelLayout, savePanelLayout, type PanelLayout } from '../browser/panel-layout-storage';
import { watchDockInset } from './watch-dock-inset';
import { watchNetBoxTheme } from '../../components/watch-theme';
import css from '../../components/panel.css?inline';

export interface DockedPanelOptions {
  vm: LogsViewModel;
  instance: { id: string; baseUrl: string; label: string };
  /** Aborting removes the panel and everything it watches. */
  signal: AbortSignal;
  /** From claimPage(): false once another copy of the script owns the page. */
  ownsPage: () => boolean;
  /** The layout, if already being read (default: read now). */
  layout?: Promise<PanelLayout>;
  /** How the open panel asks whether a sync runs (default: the worker; tests pass their own). */
  askSync?: AskActiveSync;
}

export interface DockedPanel {
  /** Opens the panel if it is closed (a click, the popup's "Show logs"), and starts its logs; remembered like a click. */
  open(): void;
}

/**
 * The launcher + docked LogsPanel in a shadow root at the end of NetBox's <body>. Null
 * when nothing was mounted (aborted meanwhile, or another copy of the script owns the page).
 */
export async function mountDockedPanel(options: DockedPanelOptions): Promise<DockedPanel | null> {
  const { vm, instance, signal, ownsPage } = options;
  const layout = await (options.layout ?? loadPanelLayout(instance.id));
  if (signal.aborted || !ownsPage()) return null;
  // A copy left by an earlier script (the extension was reloaded under the page).
  document.getElementById(PANEL_HOST_ID)?.remove();

  const life = new AbortController();
  signal.addEventListener('abort', () => life.abort(), { once: true });
  // Started by open() below, the logs stop with the panel even if it never rendered them.
  life.signal.addEventListener('abort', () => vm.stop(), { once: true });
  const theme = watchNetBoxTheme(life.signal);
  const dockLeft = watchDockInset(life.signal);
  const display = watchDisplayPrefs(life.signal);
  const openRequests = createSignal(0);
  const askSync = options.askSync ?? askActiveSync(instance.id);
  // The first page shown (or why not): NetBox's page makes room for the dock after that.
  const firstScreen = computed(() => vm.state.value.phase === 'ready' || vm.state.value.phase === 'failed');

  const ui = (
    <PanelShell
      initialLayout={layout}
      onLayoutChange={(next) => void savePanelLayout(instance.id, next)}
      theme={theme}
      dockLeft={dockLeft}
      openRequests={openRequests}
      contentShown={firstScreen}
    >
      {(close) => (
        <LogsPanel
          vm={vm}
          instanceLabel={instance.label}
          baseUrl={instance.baseUrl}
          linkTarget="_self"
          onClose={close}
          // A key is never typed into a web page: the options page opens at this instance.
          onConnect={() => void sendMessage('openOptions', { instanceId: instance.id }).catch(() => undefined)}
          display={display}
          askSync={askSync}
        />
      )}
    </PanelShell>
  );
  const { host } = mountInShadowRoot(PANEL_HOST_ID, css, ui, life.signal);
  keepMounted(host, life.signal, ownsPage, () => life.abort());
  return {
    open() {
      if (life.signal.aborted) return;
      // The first page is asked for now, not after the open panel's first paint (LogsPanel
      // starts polling in an effect): it is the page the worker began fetching at the click.
      if (document.visibilityState !== 'hidden') vm.start();
      openRequests.value += 1;
    },
  };
}
