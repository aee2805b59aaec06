/** How the docked panel was left on an instance: open or closed, and how tall. */
export interface PanelLayout {
  open: boolean;
  /** px, as the user resized it; null until then (the panel opens at its default size). */
  height: number | null;
}

export const DEFAULT_PANEL_LAYOUT: PanelLayout = { open: false, height: null };
