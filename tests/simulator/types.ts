// Wire shapes of the outside world (docs/outside-world.md). These are what the
// simulator serves; the extension's parsed shapes live in lib/core/log-types.ts.

export const WIRE_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type WireLevel = (typeof WIRE_LEVELS)[number];

/** One entry of proxbox-api's `GET /admin/logs` answer (contract §3). */
export interface WireLogEntry {
  /** An increasing integer, serialised as a string. */
  id: string;
  /** Python isoformat, e.g. 2026-11-25T18:02:11.482913+00:00. */
  timestamp: string;
  /** One of WIRE_LEVELS for the writer; tests may write anything. */
  level: string;
  module: string;
  message: string;
  operation_id: string | null;
  operation: string | null;
  phase: string | null;
  resource_type: string | null;
  resource_id: number | string | null;
  expandable: { traceback?: string } | null;
}

/** An entry before the buffer gives it an id (and, when missing, a timestamp). */
export type NewLogEntry = Omit<WireLogEntry, 'id' | 'timestamp'> & { timestamp?: string };

/** The parsed query of `GET /admin/logs`; null means "not given". */
export interface LogQuery {
  level: WireLevel | null;
  errorsOnly: boolean | null;
  operationId: string | null;
  newerThanId: number | null;
  olderThanId: number | null;
  /** `since` as Python's isoformat() writes it back (echoed in active_filters) and its epoch microseconds. */
  since: { iso: string; micros: number } | null;
  limit: number;
  offset: number;
}

export interface ActiveFilters {
  level: string | null;
  errors_only: boolean | null;
  newer_than_id: number | null;
  older_than_id: number | null;
  operation_id: string | null;
  since: string | null;
}

export interface LogsAnswer {
  logs: WireLogEntry[];
  total: number;
  has_more: boolean;
  active_filters: ActiveFilters;
}

/** One item of a FastAPI 422 `detail` list. */
export interface ValidationIssue {
  type: string;
  loc: [string, string];
  msg: string;
  input: string;
  ctx?: Record<string, unknown>;
}
