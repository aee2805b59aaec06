import type { ReadonlySignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { DisplayPrefs } from '@/lib/browser/display-prefs-storage';
import { EnableOnSite } from './EnableOnSite';
import { InstanceStatusList } from './InstanceStatusList';
import { OperationFilter } from './OperationFilter';
import type { PopupStore } from './popup-store';

export function PopupApp({ store, display }: { store: PopupStore; display?: ReadonlySignal<DisplayPrefs> }) {
  useEffect(() => {
    void store.start();
  }, [store]);
  return (
    <main class="popup">
      <h1 class="visually-hidden">Proxbox Backend Logs</h1>
      <OperationFilter store={store} />
      <EnableOnSite store={store} />
      <InstanceStatusList store={store} display={display} />
      <p class="message" role="status">
        {store.message.value ?? ''}
      </p>
      <footer class="links">
        <button type="button" class="link" onClick={() => void store.openSidePanel()}>
          Open side panel
        </button>
        <button type="button" class="link" onClick={() => void store.refresh()} disabled={store.refreshing.value}>
          Refresh
        </button>
        <button type="button" class="link" onClick={() => void store.openOptions()}>
          Options
        </button>
      </footer>
    </main>
  );
}
