import type { PopupStore } from './popup-store';

/** On an http(s) tab of no added instance: add this site (asks for its origin in the click). */
export function EnableOnSite({ store }: { store: PopupStore }) {
  if (!store.canEnable.value) return null;
  let host = '';
  try {
    host = new URL(store.activeTab.value?.url ?? '').host;
  } catch {
    // canEnable says it is a URL
  }
  return (
    <section class="enable">
      <p>Is {host} a NetBox with Proxbox? Let the extension read it to show its backend logs here.</p>
      <button type="button" class="btn btn-secondary" onClick={() => void store.enableOnSite()}>
        Enable on this site
      </button>
    </section>
  );
}
