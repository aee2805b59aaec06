import type { LogsQuery } from './log-types';
import { PAGE_SIZE } from './logs-query';

// The panel on demand: what the content script (lib/content/lazy-panel.ts), the panel script
// it has the worker inject (entrypoints/content-panel.tsx) and the worker
// (lib/background/inject-panel.ts) agree on. Names and plain values only, so the worker
// and the small content script may import it without pulling in any view.

/** Where the panel script leaves its API on the isolated world's global object. */
export const PANEL_API_GLOBAL = '__proxboxLogsPanel';

/** The panel script's file in the build (injected with scripting.executeScript). */
export const PANEL_SCRIPT_FILE = '/content-panel.js';

/**
 * The first page a panel asks for when it opens with no filter (lib/core/sync-newer.ts builds it
 * from the filters and the page size). The content script has the worker fetch it as soon
 * as the panel is opened, while the panel's code is still being injected; the panel's own
 * first request then joins that one (lib/background/shared-fetch.ts `warm`).
 */
export function firstPageQuery(): LogsQuery {
  return { limit: PAGE_SIZE };
}

/** The id of the page panel's host element: the launcher's first, then the panel's, which takes its place. */
export const PANEL_HOST_ID = 'proxbox-backend-logs';

/**
 * The end-to-end build's switch for open shadow roots (lib/content/e2e-shadow-roots.ts): a
 * key of the extension's local storage that the test harness sets. Production ignores it.
 */
export const E2E_OPEN_ROOTS_KEY = 'e2e-open-shadow-roots';
