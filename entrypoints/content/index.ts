import { claimPage } from '@/lib/content/claim-page';
import { readE2eShadowRootSwitch } from '@/lib/content/e2e-shadow-roots';
import { panelApi, startLazyPanel } from '@/lib/content/lazy-panel';
import { isNetBoxPage } from '@/lib/content/page-ready';
import { loadSavedPanelLayouts } from '@/lib/browser/panel-layout-storage';
import { listenForShowLogs } from '@/lib/content/show-logs-listener';
import { loadInstances } from '@/lib/browser/settings-storage';
import { sendMessage } from '@/lib/browser/messaging';
import { pageInstance, type PageStart } from '@/lib/core/page-instance';

/** The worker's answer (lib/background/page-start.ts); where it gives none, the same from storage. */
async function startOfPage(panelCode: boolean): Promise<PageStart> {
  const told = await sendMessage('pageStart', { panelCode }).catch(() => null);
  if (told) return told;
  const [instances, layouts] = await Promise.all([loadInstances().catch(() => []), loadSavedPanelLayouts()]);
  const instance = pageInstance(instances, location.href);
  return { instance, layout: layouts[instance.id] ?? null, panelLoaded: false, firstPage: null };
}

// Registered at run time on the NetBox origins the user added (no fixed matches), at
// document_start: its first question goes to the worker (message `pageStart`), which, where
// the panel was left open, has its first page asked for while NetBox's page is still
// arriving; the rows show as soon as there is a <body>. It stays small — it runs on every
// NetBox page: it shows the launcher, and the panel's code comes only where the panel is
// opened (lib/content/lazy-panel.ts) or left open (registered with the page,
// lib/browser/content-registration.ts).
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
    if (!(await isNetBoxPage())) return;
    const { signal, ownsPage } = claimPage();
    // The panel's code came with the page (registered so where a panel is left open). Only
    // in a page just starting: a copy of this script injected into an open page may meet one
    // an earlier version of the extension left.
    const codeInPage = document.readyState === 'loading' && panelApi() !== undefined;
    const [{ instance, layout, panelLoaded, firstPage }] = await Promise.all([startOfPage(codeInPage), readE2eShadowRootSwitch()]);
    if (!ownsPage()) return;
    // Opened here before (a layout was saved): the panel's code is loaded ahead, when the page is idle.
    const lazy = startLazyPanel({
      instance,
      signal,
      ownsPage,
      startOpen: layout?.open ?? false,
      loadCodeAhead: layout !== null,
      codeInPage: codeInPage || panelLoaded,
      started: panelLoaded && layout?.open ? { layout, firstPage } : undefined,
    });
    // The popup's "Show logs": this panel opens on exactly that operation (or the errors),
    // its code loaded first if it was not yet.
    listenForShowLogs({ vm: lazy.vm, panel: lazy.panel, ownsPage, signal });
  },
});
