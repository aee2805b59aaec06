import { storage, type WxtStorageItem } from 'wxt/utils/storage';

import { DEFAULT_PANEL_LAYOUT, type PanelLayout } from '../core/panel-layout';

export { DEFAULT_PANEL_LAYOUT, type PanelLayout };

type Layouts = Record<string, PanelLayout>;

// Defined on first use: WXT imports entrypoints in Node during the build.
let item: WxtStorageItem<Layouts, Record<string, unknown>> | undefined;
const layouts = () => (item ??= storage.defineItem<Layouts>('local:panelLayout', { fallback: {} }));

function valid(value: unknown): value is PanelLayout {
  const v = value as PanelLayout | null;
  return typeof v?.open === 'boolean' && (v.height === null || (typeof v.height === 'number' && Number.isFinite(v.height)));
}

/** The valid layouts of what storage holds. */
function validLayouts(saved: Record<string, unknown> | null | undefined): Partial<Layouts> {
  return Object.fromEntries(Object.entries(saved ?? {}).filter(([, layout]) => valid(layout))) as Partial<Layouts>;
}

/** The layouts saved per instance (the valid ones); an instance missing never had its panel opened (or resized). */
export async function loadSavedPanelLayouts(): Promise<Partial<Layouts>> {
  try {
    return validLayouts(await layouts().getValue());
  } catch {
    return {};
  }
}

/** The layout saved for the instance, or null when the panel was never opened (or resized) there. */
export async function loadSavedPanelLayout(instanceId: string): Promise<PanelLayout | null> {
  return (await loadSavedPanelLayouts())[instanceId] ?? null;
}

/** Calls back whenever a layout changes (opened, closed, resized). */
export function watchPanelLayouts(cb: () => void): () => void {
  return layouts().watch(() => cb());
}

/** Calls back with the instances whose panel is left open, whenever that set changes (not on a resize). */
export function watchOpenPanels(cb: (openIds: string[]) => void): () => void {
  let last: string | null = null;
  return layouts().watch((all) => {
    const open = Object.entries(validLayouts(all))
      .filter(([, layout]) => layout?.open)
      .map(([id]) => id)
      .sort();
    const key = open.join('\n');
    if (key === last) return;
    last = key;
    cb(open);
  });
}

export async function loadPanelLayout(instanceId: string): Promise<PanelLayout> {
  return (await loadSavedPanelLayout(instanceId)) ?? DEFAULT_PANEL_LAYOUT;
}

export async function savePanelLayout(instanceId: string, layout: PanelLayout): Promise<void> {
  try {
    const all = await layouts().getValue();
    await layouts().setValue({ ...all, [instanceId]: { open: layout.open, height: layout.height === null ? null : Math.round(layout.height) } });
  } catch {
    // Storage unavailable (extension reloaded under the page): the layout is not worth an error.
  }
}
