import type { FetchOutcome } from '../core/failure';
import type { LogsPage } from '../core/log-types';
import type { LogsViewModel } from '../core/logs-view-model';
import type { PanelLayout } from '../browser/panel-layout-storage';
import type { DockedPanel } from './mount-docked-panel';

// What the panel script (entrypoints/content-panel.tsx, loaded only when the panel is
// opened) gives the content script (entrypoints/content): both run in the extension's
// isolated world of the page, so the panel script leaves this on the world's global
// object (its name: lib/core/panel-injection.ts). Types only: importing this costs the content
// script nothing.

export interface PanelMountOptions {
  instance: { id: string; baseUrl: string; proxyPath: string; logsVia: 'netbox' | 'backend'; label: string };
  /** The content script's life: aborting removes the panel. */
  signal: AbortSignal;
  /** From claimPage(): false once another copy of the script owns the page. */
  ownsPage: () => boolean;
  /** The panel's layout, read when the panel was asked for, while this script loaded. */
  layout: Promise<PanelLayout>;
  /** Its first page, fetched by the worker as the page started (lib/background/page-start.ts). */
  firstPage?: FetchOutcome<LogsPage>;
}

export interface MountedPanel {
  vm: Pick<LogsViewModel, 'setFilters' | 'setSearch'>;
  panel: DockedPanel;
}

export interface PanelApi {
  /** The launcher + docked panel (lib/content/mount-docked-panel.tsx) with the instance's logs. */
  mountPanel(options: PanelMountOptions): Promise<MountedPanel | null>;
}
