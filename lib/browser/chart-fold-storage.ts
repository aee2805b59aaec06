import { storage, type WxtStorageItem } from 'wxt/utils/storage';

// Whether the chart above the list is folded away: one choice for every view and instance,
// kept in storage.local so a NetBox page opened next shows the panel as the user left it.

// Defined on first use: WXT imports entrypoints in Node during the build.
let item: WxtStorageItem<boolean, Record<string, unknown>> | undefined;
const folded = () => (item ??= storage.defineItem<boolean>('local:chart-folded', { fallback: false }));

/** Calls `apply` with the stored choice and with every later change, until the returned function is called. */
export function watchChartFolded(apply: (folded: boolean) => void): () => void {
  let live = true;
  try {
    void folded()
      .getValue()
      .then((value) => live && apply(value === true))
      .catch(() => undefined);
    const unwatch = folded().watch((value) => apply(value === true));
    return () => {
      live = false;
      unwatch();
    };
  } catch {
    // No extension storage (a page outside the extension, or one reloaded under the page): unfolded, unsaved.
    return () => {
      live = false;
    };
  }
}

export async function saveChartFolded(value: boolean): Promise<void> {
  try {
    await folded().setValue(value);
  } catch {
    // As above: the choice holds for this view only.
  }
}
