import { useEffect } from 'preact/hooks';
import { instanceOfHash } from '@/lib/browser/options-url';
import { AddInstanceForm } from './AddInstanceForm';
import { DisplaySection } from './DisplaySection';
import { InstanceCard } from './InstanceCard';
import { PolicySection } from './PolicySection';
import type { OptionsStore } from './options-store';

export function OptionsApp({ store }: { store: OptionsStore }) {
  useEffect(() => store.start(), [store]);
  const instances = store.instances.value;
  useScrollToInstance(instances.length > 0);
  return (
    <main class="options">
      <header class="options-header">
        <h1>Proxbox Backend Logs</h1>
        <p class="muted">
          Shows the Proxbox backend logs on your NetBox pages, counts new errors on the toolbar badge and opens them in the side
          panel.
        </p>
      </header>

      <PolicySection store={store} />

      {/* The policy may say users add no instances of their own. */}
      {store.policy.value.allowUserInstances ? (
        <section class="card" aria-labelledby="add-title">
          <h2 id="add-title">Add a NetBox instance</h2>
          <AddInstanceForm store={store} />
        </section>
      ) : null}

      <section aria-labelledby="instances-title">
        <h2 id="instances-title" class="section-title">
          NetBox instances
        </h2>
        <p class="notice" role="status">
          {store.notice.value ?? ''}
        </p>
        {store.loaded.value && instances.length === 0 ? (
          <p class="muted empty">No NetBox added yet. Add the address you open NetBox at.</p>
        ) : (
          <ul class="instance-list">
            {instances.map((instance) => (
              <li key={instance.id}>
                <InstanceCard store={store} instance={instance} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <DisplaySection />
    </main>
  );
}

/**
 * Opened at an instance ("#instance=<id>", from a panel's "Enter backend API key"): that
 * card scrolls into view and its key field (else the card) takes the focus.
 */
function useScrollToInstance(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const go = () => {
      const id = instanceOfHash(location.hash);
      if (!id) return;
      const card = [...document.querySelectorAll<HTMLElement>('article[data-instance-id]')].find((el) => el.dataset.instanceId === id);
      if (!card) return;
      card.scrollIntoView({ block: 'start' });
      const field = card.querySelector<HTMLInputElement>('input[type="password"]');
      (field ?? card).focus({ preventScroll: true });
    };
    go();
    addEventListener('hashchange', go);
    return () => removeEventListener('hashchange', go);
  }, [ready]);
}
