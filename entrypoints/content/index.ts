import { claimPage } from '@/lib/content/claim-page';
import { readE2eShadowRootSwitch } from '@/lib/content/e2e-shadow-roots';
import { startLazyPanel } from '@/lib/content/lazy-panel';
import { loadSavedPanelLayout } from '@/lib/browser/panel-layout-storage';
import { listenForShowLogs } from '@/lib/content/show-logs-listener';
import { loadInstances } from '@/lib/browser/settings-storage';
import { pageInstance } from './page-instance';

// Registered at run time on the NetBox origins the user added (no fixed matches).
// It stays small — it runs on every NetBox page: it shows the launcher and loads the
// panel's code only when the panel is opened (lib/content/lazy-panel.ts).
//
// WXT's context (`ctx`) is not used: it ends itself when the page's document receives a
// CustomEvent named "<extension id>:content:wxt:content-script-started" from anyone, so a
// page knowing the (public) id could remove the panel. The panel's life is claimPage()'s
// instead, kept in the isolated world. WXT's announcing postMessage, which would tell the
// page the extension's id, is turned off.
export default defineContentScript({
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  async main() {
    if (!document.documentElement.hasAttribute('data-netbox-version')) return;
    const { signal, ownsPage } = claimPage();
    const [instances] = await Promise.all([loadInstances().catch(() => []), readE2eShadowRootSwitch()]);
    const instance = pageInstance(instances, location.href);
    if (!ownsPage()) return;
    const layout = await loadSavedPanelLayout(instance.id);
    if (!ownsPage()) return;
    // Opened here before (a layout was saved): the panel's code is loaded ahead, when the page is idle.
    const lazy = startLazyPanel({ instance, signal, ownsPage, startOpen: layout?.open ?? false, loadCodeAhead: layout !== null });
    // The popup's "Show logs": this panel opens on exactly that operation (or the errors),
    // its code loaded first if it was not yet.
    listenForShowLogs({ vm: lazy.vm, panel: lazy.panel, ownsPage, signal });
  },
});
