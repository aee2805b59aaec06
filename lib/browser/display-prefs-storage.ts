import { signal, type ReadonlySignal } from '@preact/signals';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { TimeZoneChoice } from '../core/format-time';

/** How the views show things, whatever the instance: set on the options page ("Display"). */
export interface DisplayPrefs {
  timeZone: TimeZoneChoice;
}

export const DEFAULT_DISPLAY_PREFS: DisplayPrefs = { timeZone: 'local' };

// Defined on first use: WXT imports entrypoints in Node during the build.
let item: WxtStorageItem<DisplayPrefs, Record<string, unknown>> | undefined;
const prefs = () => (item ??= storage.defineItem<DisplayPrefs>('local:display-prefs', { fallback: DEFAULT_DISPLAY_PREFS }));

/** Anything stored that is not a known choice reads as the default. */
function valid(value: unknown): DisplayPrefs {
  const zone = (value as DisplayPrefs | null)?.timeZone;
  return { timeZone: zone === 'utc' || zone === 'local' ? zone : DEFAULT_DISPLAY_PREFS.timeZone };
}

export async function loadDisplayPrefs(): Promise<DisplayPrefs> {
  try {
    return valid(await prefs().getValue());
  } catch {
    return DEFAULT_DISPLAY_PREFS;
  }
}

export async function saveDisplayPrefs(next: DisplayPrefs): Promise<void> {
  await prefs().setValue(valid(next));
}

/** The preferences as a signal that follows changes made on the options page, until `abort`. */
export function watchDisplayPrefs(abort: AbortSignal): ReadonlySignal<DisplayPrefs> {
  const current = signal(DEFAULT_DISPLAY_PREFS);
  void loadDisplayPrefs().then((p) => {
    if (!abort.aborted) current.value = p;
  });
  try {
    const unwatch = prefs().watch((p) => (current.value = valid(p)));
    abort.addEventListener('abort', unwatch, { once: true });
  } catch {
    // Storage unavailable (extension reloaded under the page): the defaults stay.
  }
  return current;
}
