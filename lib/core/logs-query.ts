import type { LogsQuery } from './log-types';

/** The backend's accepted range for `limit` (contract §3); outside it answers 422. */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 5000;

/** Entries in a view's page (its first page, each "load more"): the Proxbox page's page too. */
export const PAGE_SIZE = 200;

/** A time range is read whole, in the backend's largest pages: its 10,000 entries in two requests. */
export const RANGE_PAGE_SIZE = MAX_LIMIT;
/** Pages of a range read by themselves (twice the backend's buffer); past them "Load more" goes on. */
export const RANGE_FILL_MAX_PAGES = 4;

/** baseUrl + proxyPath with exactly one "/" between them, whatever either side brings. */
export function joinUrl(baseUrl: string, path: string): string {
  let end = baseUrl.length;
  while (end > 0 && baseUrl.charCodeAt(end - 1) === 47 /* / */) end--;
  let start = 0;
  while (start < path.length && path.charCodeAt(start) === 47) start++;
  return `${baseUrl.slice(0, end)}/${path.slice(start)}`;
}

/** A finite number as a non-negative integer string, or null when it cannot be one. */
function intParam(value: number | undefined | null, min: number, max = Number.MAX_SAFE_INTEGER): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return String(Math.min(max, Math.max(min, Math.trunc(value))));
}

/**
 * The full URL of the logs proxy for a query: baseUrl + proxyPath + "?level=...".
 * Only set fields are sent, in the contract's names; booleans as "true"; ids as integers.
 * `limit` is clamped to 1..5000 and `offset` to >= 0: a caller's slip should cost a
 * smaller page, not a 422 the user cannot act on.
 */
export function buildLogsUrl(baseUrl: string, proxyPath: string, query: LogsQuery): string {
  const url = joinUrl(baseUrl, proxyPath);
  const search = logsSearch(query);
  if (!search) return url;
  // A configured proxy path could already carry a query string of its own.
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

/** The query string of a logs query ("level=ERROR&limit=200"), '' for none: also the key views share answers by. */
export function logsSearch(query: LogsQuery): string {
  const params = new URLSearchParams();
  if (query.level) params.set('level', query.level);
  if (query.errorsOnly === true) params.set('errors_only', 'true');
  const operationId = typeof query.operationId === 'string' ? query.operationId.trim() : '';
  if (operationId) params.set('operation_id', operationId);
  const newer = intParam(query.newerThanId, 0);
  if (newer !== null) params.set('newer_than_id', newer);
  const older = intParam(query.olderThanId, 0);
  if (older !== null) params.set('older_than_id', older);
  const since = typeof query.since === 'string' ? query.since.trim() : '';
  if (since) params.set('since', since);
  const limit = intParam(query.limit, MIN_LIMIT, MAX_LIMIT);
  if (limit !== null) params.set('limit', limit);
  const offset = intParam(query.offset, 0);
  if (offset !== null) params.set('offset', offset);
  return params.toString();
}
