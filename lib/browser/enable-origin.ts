import { browser } from 'wxt/browser';
import { injectIntoOpenTabs, syncContentScripts } from './content-registration';
import { instanceLabel, type NetBoxInstance } from '../core/instance';
import { normaliseNetBoxUrl } from '../core/instance-url';
import { createInstance } from '../core/settings';
import { addInstance, loadInstances } from './settings-storage';

// "Enable an origin": the popup's "Enable on this site" and the options page's "Add" both
// turn an address the user gave into an instance the extension reads. The host permission
// is asked for that origin alone, and asked first: the browser shows its prompt only inside
// the user's gesture, so callers call this synchronously from the click.

export type EnableOutcome =
  | { ok: true; instance: NetBoxInstance; instances: NetBoxInstance[] }
  /** Said as is: an address that is no NetBox URL, or one already added. */
  | { ok: false; why: 'invalid' | 'known'; reason: string }
  /** The user said no: each page says in its own words what that costs. */
  | { ok: false; why: 'denied'; origin: string };

export interface EnableOptions {
  /** Called once the prompt is up (the permission asked, not yet answered): e.g. show "Adding…". */
  asking?: () => void;
}

/**
 * Adds the NetBox at `input` (any URL of it): asks for its origin, stores the instance,
 * registers the content script on its origin and injects it into the tabs already open
 * there, so its launcher shows without a reload.
 */
export async function enableOrigin(input: string, known: readonly NetBoxInstance[], options: EnableOptions = {}): Promise<EnableOutcome> {
  const where = normaliseNetBoxUrl(input);
  if (!where.ok) return { ok: false, why: 'invalid', reason: where.reason };
  if (known.some((i) => i.id === where.baseUrl)) return { ok: false, why: 'known', reason: `${instanceLabel(where)} is already in the list.` };
  // Issued before the first await: the prompt for this origin only.
  const asking = browser.permissions.request({ origins: [where.originPattern] });
  options.asking?.();
  const granted = await asking.catch((error: unknown) => {
    console.warn('[proxbox] permission request failed', error);
    return false;
  });
  if (!granted) return { ok: false, why: 'denied', origin: where.origin };
  const instance = createInstance(where);
  const instances = await addInstance(instance);
  await syncContentScripts(instances).catch((error: unknown) => console.warn('[proxbox] registering the content script failed', error));
  await injectIntoOpenTabs(instance).catch(() => []);
  // Read again: while this ran, the worker polled the new instance and may have stored what
  // it found (e.g. that its logs come from the backend); callers must not show the older list.
  const now = await loadInstances();
  return { ok: true, instance: now.find((i) => i.id === instance.id) ?? instance, instances: now };
}
