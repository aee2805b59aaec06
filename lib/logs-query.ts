import type { LogsQuery } from './log-types';

/**
 * The full URL of the logs proxy for a query: baseUrl + proxyPath + "?level=...".
 * Only set fields are sent; booleans as "true"; ids as integers.
 */
export function buildLogsUrl(baseUrl: string, proxyPath: string, query: LogsQuery): string {
  throw new Error('not implemented');
}
