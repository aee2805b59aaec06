import type { FetchOutcome } from './failure';
import type { LogsPage } from './log-types';

/** What parsing needs of an HTTP answer: plain data, so it is tested without a network. */
export interface RawResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Final URL after redirects (a /login/ URL means the session is gone). */
  url: string;
  redirected: boolean;
  /** 'opaqueredirect' when fetched with redirect: 'manual' and NetBox redirected. */
  type?: string;
  bodyText: string;
}

/** Turns any answer of the logs proxy into a LogsPage or a Failure (contract §2, §3). */
export function parseLogsResponse(res: RawResponse): FetchOutcome<LogsPage> {
  throw new Error('not implemented');
}
