// Shapes of what the Proxbox logs proxy answers (docs/outside-world.md §3), as the
// extension holds them after parsing. Parsing (lib/core/parse-logs-response.ts) turns anything
// the network gives into one of these or into a Failure; nothing else reaches the UI.

export const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type Level = (typeof LEVELS)[number];

export interface LogEntry {
  /** The backend's id as an integer (the wire has a string holding an integer). */
  id: number;
  /** ISO-8601 as the backend sent it. */
  timestamp: string;
  /** One of LEVELS, or whatever unknown word the backend sent (shown as-is). */
  level: string;
  module: string;
  message: string;
  operationId: string | null;
  operation: string | null;
  phase: string | null;
  resourceType: string | null;
  resourceId: string | null;
  traceback: string | null;
}

export interface LogsPage {
  /** Newest first, as the backend sends them. */
  logs: LogEntry[];
  total: number;
  hasMore: boolean;
}

/** The query the extension sends to the logs proxy; every field optional. */
export interface LogsQuery {
  level?: Level;
  errorsOnly?: boolean;
  operationId?: string;
  newerThanId?: number;
  olderThanId?: number;
  since?: string;
  limit?: number;
  offset?: number;
}

/** The filters a user sets in a view (level/errors-only/operation/from); cursors are separate. */
export interface LogFilters {
  level: Level | null;
  errorsOnly: boolean;
  operationId: string;
  /**
   * Only entries after this time (ms since epoch), sent as the backend's `since` (ISO, UTC);
   * null: from the oldest. Set by "Show this run" (a run's entries are a time range from its
   * start); a From field is the other way to set it.
   */
  since: number | null;
}

export const EMPTY_FILTERS: LogFilters = { level: null, errorsOnly: false, operationId: '', since: null };
