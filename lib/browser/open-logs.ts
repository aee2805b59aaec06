import { browser } from 'wxt/browser';

// Opening the logs somewhere the user can see them: Chrome's side panel, Firefox's
// sidebar, or (when neither can open, e.g. without a user gesture) the same page in a tab.
// The side panel reads its filter from the query string:
//   sidepanel.html?instance=<id>&operation_id=<uuid>&errors_only=1&since=<ISO, UTC>

export interface LogsTarget {
  instanceId?: string;
  operationId?: string;
  errorsOnly?: boolean;
  /** Only entries after this time (ms since epoch): "Show this run" from the popup. */
  since?: number;
}

export type OpenedIn = 'side-panel' | 'sidebar' | 'tab';

/** The window the user last used (where a panel should open), if any. */
export async function focusedWindowId(): Promise<number | undefined> {
  try {
    const win = await browser.windows.getLastFocused();
    return win?.id;
  } catch {
    return undefined;
  }
}

/** "sidepanel.html?instance=...&operation_id=...&errors_only=1" (relative to the extension root). */
export function logsPanelPath(target: LogsTarget): string {
  const params = new URLSearchParams();
  if (target.instanceId) params.set('instance', target.instanceId);
  const op = target.operationId?.trim();
  if (op) params.set('operation_id', op);
  if (target.errorsOnly) params.set('errors_only', '1');
  if (typeof target.since === 'number' && Number.isFinite(target.since)) params.set('since', new Date(target.since).toISOString());
  const search = params.toString();
  return search ? `sidepanel.html?${search}` : 'sidepanel.html';
}

interface ChromeSidePanel {
  setOptions(options: { path?: string; enabled?: boolean }): Promise<void>;
  open(options: { windowId: number }): Promise<void>;
}
interface FirefoxSidebarAction {
  setPanel(details: { panel: string }): Promise<void>;
  open(): Promise<void>;
}

function chromeSidePanel(): ChromeSidePanel | undefined {
  const api = (globalThis as { chrome?: { sidePanel?: Partial<ChromeSidePanel> } }).chrome?.sidePanel;
  return api && typeof api.open === 'function' && typeof api.setOptions === 'function' ? (api as ChromeSidePanel) : undefined;
}

function firefoxSidebar(): FirefoxSidebarAction | undefined {
  const api = (browser as unknown as { sidebarAction?: Partial<FirefoxSidebarAction> }).sidebarAction;
  return api && typeof api.open === 'function' && typeof api.setPanel === 'function' ? (api as FirefoxSidebarAction) : undefined;
}

/**
 * Opens the logs for a target. Call it first thing in a click handler (popup, notification
 * click): the side panel and the sidebar only open inside a user gesture, so both API calls
 * are made before anything is awaited. Falls back to a tab when they refuse.
 */
export async function openLogsPanel(target: LogsTarget, windowId: number | undefined): Promise<OpenedIn> {
  const path = logsPanelPath(target);
  const sidePanel = chromeSidePanel();
  if (sidePanel && windowId !== undefined) {
    try {
      // Both calls are issued synchronously, in order: the panel opens on the new path.
      const setting = sidePanel.setOptions({ path, enabled: true });
      const opening = sidePanel.open({ windowId });
      await Promise.all([setting, opening]);
      return 'side-panel';
    } catch {
      // No gesture any more, or the window is gone: a tab still shows the logs.
    }
  } else {
    const sidebar = firefoxSidebar();
    if (sidebar) {
      try {
        const setting = sidebar.setPanel({ panel: browser.runtime.getURL(`/${path}` as '/sidepanel.html') });
        const opening = sidebar.open();
        await Promise.all([setting, opening]);
        return 'sidebar';
      } catch {
        // fall through to a tab
      }
    }
  }
  await browser.tabs.create({ url: browser.runtime.getURL(`/${path}` as '/sidepanel.html') });
  return 'tab';
}
