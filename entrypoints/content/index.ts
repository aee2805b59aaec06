import { claimPage } from '@/lib/content/claim-page';
import { startLazyPanel } from '@/lib/content/lazy-panel';
import { loadSavedPanelLayout } from '@/lib/browser/panel-layout-storage';
import { listenForShowLogs } from '@/lib/content/show-logs-listener';
import { loadInstances } from '@/lib/browser/settings-storage';
import { pageInstance } from './page-instance';

// Registered at run time on the NetBox origins the user added (no fixed matches).
// It stays small — it runs on every NetBox page: it shows the launcher and loads the
// panel's code only when the panel is opened (lib/content/lazy-panel.ts).
export default defineContentScript({
  registration: 'runtime',
  async main(ctx) {
    if (!document.documentElement.hasAttribute('data-netbox-version')) return;
    const ownsPage = claimPage();
    const instance = pageInstance(await loadInstances().catch(() => []), location.href);
    if (ctx.signal.aborted || !ownsPage()) return;
    const layout = await loadSavedPanelLayout(instance.id);
    if (ctx.signal.aborted || !ownsPage()) return;
    // Opened here before (a layout was saved): the panel's code is loaded ahead, when the page is idle.
    const lazy = startLazyPanel({ instance, signal: ctx.signal, ownsPage, startOpen: layout?.open ?? false, loadCodeAhead: layout !== null });
    // The popup's "Show logs": this panel opens on exactly that operation (or the errors),
    // its code loaded first if it was not yet.
    listenForShowLogs({ vm: lazy.vm, panel: lazy.panel, ownsPage, signal: ctx.signal });
  },
});
