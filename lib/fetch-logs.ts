import type { FetchOutcome } from './failure';
import type { LogsPage } from './log-types';

export interface FetchLogsOptions {
  /** Our own deadline; past it the outcome is a 'timeout' failure. Default 15 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** navigator.onLine where there is one; false turns a network error into 'offline'. */
  isOnline?: () => boolean;
}

/**
 * GETs a logs proxy URL with the browser's NetBox session (credentials: 'include') and
 * parses the answer. Never throws: every failure is a FetchOutcome with a Failure.
 */
export async function fetchLogs(url: string, options: FetchLogsOptions = {}): Promise<FetchOutcome<LogsPage>> {
  throw new Error('not implemented');
}
