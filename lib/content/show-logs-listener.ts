import type { LogsViewModel } from '../core/logs-view-model';
import { onMessage as extensionOnMessage, type ProtocolMap } from '../browser/messaging';
import type { DockedPanel } from './mount-docked-panel';

/** What the popup's "Show logs" asks of the page: `sendMessage('showLogs', data, tabId)`. */
export type ShowLogsRequest = Parameters<ProtocolMap['showLogs']>[0];

/**
 * Shows exactly what was asked: that operation (or the errors, or a run's time) with no other filter or
 * search left over from before, in the panel, opened if it was closed.
 */
export function showLogsIn(vm: Pick<LogsViewModel, 'setFilters' | 'setSearch'>, panel: DockedPanel, request: ShowLogsRequest): void {
  vm.setSearch('');
  const since = typeof request?.since === 'number' ? request.since : null;
  vm.setFilters({ level: null, errorsOnly: request?.errorsOnly === true, operationId: request?.operationId?.trim() ?? '', since });
  panel.open();
}

export interface ShowLogsListenerOptions {
  vm: Pick<LogsViewModel, 'setFilters' | 'setSearch'>;
  panel: DockedPanel;
  /** From claimPage(): false once another copy of the script owns the page. */
  ownsPage: () => boolean;
  /** Aborting removes the listener (the content script was invalidated). */
  signal: AbortSignal;
  /** lib/messaging's onMessage; injectable so tests can give each "copy" its own messenger. */
  onMessage?: typeof extensionOnMessage;
}

/**
 * Answers the popup's `showLogs` in the copy of the content script that owns the page, and
 * only there: the script may be injected twice (registered and injected into open tabs,
 * or the extension updated under the page), and a copy that answered without owning the
 * page would open a panel that is about to go. So the listener goes as soon as another
 * copy claims the page (claimPage() marks <html> at once, long before that copy has
 * mounted and listens itself; meanwhile nobody answers and the popup opens the side panel
 * instead), and when `signal` aborts. Returns what removes it earlier.
 */
export function listenForShowLogs(options: ShowLogsListenerOptions): () => void {
  const { vm, panel, ownsPage, signal, onMessage = extensionOnMessage } = options;
  if (signal.aborted || !ownsPage()) return () => undefined;

  const removeListener = onMessage('showLogs', ({ data }) => {
    // Not reached once the observer below ran; a message racing it gets a refusal, not a panel.
    if (!ownsPage()) throw new Error('Another copy of the Backend Logs script owns this page.');
    showLogsIn(vm, panel, data ?? {});
  });
  // claimPage() keeps the owner in an attribute of <html>: any attribute change is a cheap check.
  const observer = new MutationObserver(() => {
    if (!ownsPage()) stop();
  });
  observer.observe(document.documentElement, { attributes: true });

  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    removeListener();
    observer.disconnect();
    signal.removeEventListener('abort', stop);
  }
  signal.addEventListener('abort', stop, { once: true });
  return stop;
}
