import type { FetchOutcome } from './failure';
import type { LogsVia } from './instance';
import type { LogsPage, LogsQuery } from './log-types';

// The seam between "what logs a view or the badge wants" and "where they come from".
// Controllers, the badge poller and the views hold a LogSource and never learn which one:
// NetBox's logs proxy with the session (lib/background/log-sources.ts `netboxSource`),
// proxbox-api itself with the user's key (`backendSource`), or, in a view, the worker
// that holds one of those (lib/browser/instance-logs-controller.ts).

export interface PageOptions {
  /** The caller's cancellation: the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** The caller's deadline for this request (ms). */
  timeoutMs?: number;
}

export interface LogSource {
  /** Which way it reads, for what the views say ("through NetBox" / "from proxbox-api"). */
  readonly via: LogsVia;
  /** One page for a query. Never throws but the caller's AbortError: failures are outcomes. */
  fetchPage(query: LogsQuery, options?: PageOptions): Promise<FetchOutcome<LogsPage>>;
}
