import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { claimPage } from '../../../lib/content/claim-page';
import { mountDockedPanel } from '../../../lib/content/mount-docked-panel';
import { PANEL_HOST_ID } from '../../../lib/core/panel-injection';
import { loadPanelLayout, loadSavedPanelLayout, savePanelLayout } from '../../../lib/browser/panel-layout-storage';
import type { RunningSync } from '../../../lib/core/sync-active';
import { fakeViewModel, makeEntry } from './fake-view-model';
import { byRole, click, queryByRole, settle } from './render';
import { shadowRootOf } from './shadow-roots';

const instance = { id: 'https://netbox.example.com', baseUrl: 'https://netbox.example.com', label: 'netbox.example.com' };

function netboxPage() {
  document.documentElement.setAttribute('data-netbox-version', '4.6.8');
  document.documentElement.setAttribute('data-bs-theme', 'light');
  document.body.innerHTML =
    '<div class="page"><aside class="navbar navbar-vertical">menu</aside><div class="page-wrapper"><table id="t"></table></div></div>';
}

/** What the worker says of the instance's backend: no sync, unless a test starts one. */
let running: RunningSync | null;
let asked: boolean[];

async function mount(signal = new AbortController().signal, ownsPage = claimPage().ownsPage, vm = fakeViewModel({ entries: [makeEntry()] })) {
  const askSync = async (opening: boolean) => {
    asked.push(opening);
    return running;
  };
  await mountDockedPanel({ vm, instance, signal, ownsPage, askSync });
  await settle();
  const host = document.getElementById(PANEL_HOST_ID)!;
  return { host, shadow: shadowRootOf(host)!, vm };
}

describe('mountDockedPanel', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    document.getElementById(PANEL_HOST_ID)?.remove();
    netboxPage();
    running = null;
    asked = [];
  });

  it('the open panel shows the sync running now; closed, it asks nothing', async () => {
    const abort = new AbortController();
    running = { run: { id: 'b8517053-da07-4d41-979b-3d76e167d578', kind: 'full-update', startedAt: Date.now() - 125_000 }, alsoRunning: 0 };
    const { shadow, vm } = await mount(abort.signal);
    expect(asked).toEqual([]);
    await click(byRole(shadow, 'button', 'Backend Logs'));
    await settle();
    expect(asked).toEqual([true]);
    const indicator = byRole(shadow, 'group', 'Sync running');
    expect(indicator.textContent).toMatch(/^Sync running: full-update, started \d{2}:\d{2} \(2 min\)Operation ID b8517053-/);
    await click(byRole(indicator, 'button', 'Show this run'));
    expect(vm.setTimeRange).toHaveBeenLastCalledWith({ from: running.run.startedAt, to: null });
    await click(byRole(shadow, 'button', 'Close'));
    await settle();
    expect(queryByRole(shadow, 'group', 'Sync running')).toBeNull();
    abort.abort();
  });

  it('mounts the launcher in a closed shadow root with its CSS inlined, leaving nothing else in the page', async () => {
    const abort = new AbortController();
    const attributes = document.documentElement.getAttributeNames();
    const { host, shadow } = await mount(abort.signal);
    expect(host.parentElement).toBe(document.body);
    // The page's scripts get nothing from the host, and no mark on <html>.
    expect(shadow.mode).toBe('closed');
    expect(host.shadowRoot).toBeNull();
    expect(document.documentElement.getAttributeNames()).toEqual(attributes);
    // The stylesheet is inlined into the shadow root (vitest stubs CSS as '', the build inlines it).
    expect(shadow.firstElementChild!.tagName).toBe('STYLE');
    expect(byRole(shadow, 'button', 'Backend Logs').getAttribute('aria-expanded')).toBe('false');
    // Nothing of ours in the page's own DOM besides the host.
    expect(document.querySelectorAll('[class^="pbl-"]')).toHaveLength(0);
    abort.abort();
  });

  it('opens the panel, polls only while open, and remembers it per instance', async () => {
    const abort = new AbortController();
    const { shadow, vm } = await mount(abort.signal);
    expect(vm.start).not.toHaveBeenCalled();
    // Never opened here: nothing saved (the content script then loads no code ahead).
    expect(await loadSavedPanelLayout(instance.id)).toBeNull();
    await click(byRole(shadow, 'button', 'Backend Logs'));
    await settle();
    expect(byRole(shadow, 'region', 'Backend Logs')).toBeTruthy();
    expect(vm.start).toHaveBeenCalledTimes(1);
    expect(await loadPanelLayout(instance.id)).toEqual({ open: true, height: null });

    await click(byRole(shadow, 'button', 'Close'));
    await settle();
    expect(queryByRole(shadow, 'region')).toBeNull();
    expect(vm.stop).toHaveBeenCalled();
    expect(await loadPanelLayout(instance.id)).toEqual({ open: false, height: null });
    expect(await loadSavedPanelLayout(instance.id)).toEqual({ open: false, height: null }); // opened here before
    abort.abort();
  });

  it('reopens as it was left on this instance', async () => {
    await savePanelLayout(instance.id, { open: true, height: 400 });
    const abort = new AbortController();
    const { shadow } = await mount(abort.signal);
    expect(byRole(shadow, 'region', 'Backend Logs')).toBeTruthy();
    expect(shadow.querySelector<HTMLElement>('.pbl-dock')!.style.height).toBe('400px');
    abort.abort();
  });

  it('follows NetBox’s colour mode', async () => {
    const abort = new AbortController();
    const { shadow } = await mount(abort.signal);
    const root = shadow.querySelector('.pbl-root')!;
    expect(root.getAttribute('data-theme')).toBe('light');
    document.documentElement.setAttribute('data-bs-theme', 'dark');
    await settle();
    expect(root.getAttribute('data-theme')).toBe('dark');
    abort.abort();
  });

  it('survives an HTMX swap of the body, keeping its state: one panel, never two', async () => {
    const abort = new AbortController();
    const { host, shadow } = await mount(abort.signal);
    await click(byRole(shadow, 'button', 'Backend Logs'));
    document.body.innerHTML = '<div class="page"><div class="page-wrapper">swapped</div></div>';
    await settle();
    expect(host.isConnected).toBe(true);
    expect(document.querySelectorAll(`#${PANEL_HOST_ID}`)).toHaveLength(1);
    expect(byRole(shadow, 'region', 'Backend Logs')).toBeTruthy();
    abort.abort();
  });

  it('a second copy of the script takes over; the first removes itself', async () => {
    const firstClaim = claimPage();
    const { host: firstHost } = await mount(firstClaim.signal, firstClaim.ownsPage);
    const secondClaim = claimPage();
    const { host: secondHost } = await mount(secondClaim.signal, secondClaim.ownsPage);
    await settle();
    expect(firstClaim.ownsPage()).toBe(false);
    expect(firstHost.isConnected).toBe(false);
    expect(secondHost.isConnected).toBe(true);
    expect(document.querySelectorAll(`#${PANEL_HOST_ID}`)).toHaveLength(1);
    secondHost.remove(); // the page removes it: it comes back
    await settle();
    expect(secondHost.isConnected).toBe(true);
  });

  it('nothing the page writes into <html> takes the panel away (the owner is kept in the isolated world)', async () => {
    const claim = claimPage();
    const { host, shadow } = await mount(claim.signal, claim.ownsPage);
    const html = document.documentElement;
    for (const name of ['data-proxbox-logs', 'data-proxbox-logs-owner']) html.setAttribute(name, 'forged');
    html.removeAttribute('data-netbox-version');
    host.id = 'renamed-by-the-page';
    host.remove();
    await settle();
    expect(claim.ownsPage()).toBe(true);
    expect(host.isConnected).toBe(true);
    expect(byRole(shadow, 'button', 'Backend Logs')).toBeTruthy();
  });

  it('lets go when the extension went away under the page (reloaded, updated, removed)', async () => {
    let alive = true;
    const claim = claimPage(() => alive);
    const { host } = await mount(claim.signal, claim.ownsPage);
    alive = false;
    host.remove(); // the page's next swap: the dead copy does not come back
    await settle();
    expect(claim.signal.aborted).toBe(true);
    expect(host.isConnected).toBe(false);
  });

  it('tears everything down on abort', async () => {
    const abort = new AbortController();
    const { host } = await mount(abort.signal);
    abort.abort();
    expect(host.isConnected).toBe(false);
    document.body.innerHTML = '<div>swap</div>';
    await settle();
    expect(document.getElementById(PANEL_HOST_ID)).toBeNull();
  });
});
