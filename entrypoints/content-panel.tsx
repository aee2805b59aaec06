import { effect } from '@preact/signals';
import { createInstanceLogs } from '@/lib/browser/instance-logs-controller';
import type { LogsController } from '@/lib/core/logs-controller';
import type { PanelApi } from '@/lib/content/lazy-panel-api';
import { mountDockedPanel } from '@/lib/content/mount-docked-panel';
import { PANEL_API_GLOBAL } from '@/lib/core/panel-injection';

// The panel's code (Preact, signals, the virtual list, the logs controller and its
// components), apart from the content script so that NetBox pages load only the launcher:
// the worker injects this into the page's frame when the panel is opened, or ahead where it
// was opened before (lib/content/lazy-panel.ts, lib/background/inject-panel.ts). It runs in
// the same isolated world as the content script and leaves its API there; loading it starts
// nothing: the logs, their requests and the panel start in mountPanel.
/** Starts the logs and resolves once their first page is in (answered from what was given: no request). */
function firstPageShown(logs: LogsController): Promise<void> {
  return new Promise((resolve) => {
    const stop = effect(() => {
      const { phase } = logs.state.value;
      if (phase !== 'ready' && phase !== 'failed') return;
      resolve();
      queueMicrotask(() => stop());
    });
    logs.start();
  });
}

export default defineUnlistedScript(() => {
  const api: PanelApi = {
    async mountPanel({ instance, signal, ownsPage, layout, firstPage }) {
      const logs = createInstanceLogs(instance, undefined, firstPage ? { firstPage } : {});
      signal.addEventListener('abort', () => logs.stop(), { once: true });
      // Given its first page (a panel left open), it is drawn once, with its rows, rather
      // than empty first and again a moment later; open() below finds it started.
      if (firstPage && document.visibilityState !== 'hidden') await firstPageShown(logs);
      const panel = await mountDockedPanel({ vm: logs, instance, signal, ownsPage, layout });
      return panel ? { vm: logs, panel } : null;
    },
  };
  (globalThis as Record<string, unknown>)[PANEL_API_GLOBAL] = api;
});
