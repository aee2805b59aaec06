// A NetBox with the Proxbox logs proxy, in memory, for the worker's unit tests: the
// simulator's log buffer and query parser (tests/simulator) behind a fetch function, with
// the failures of contract §2 on demand. Requests are recorded.
import type { FetchPage } from '@/lib/core/badge-poller';
import { fetchLogs, type FetchLogsOptions } from '@/lib/core/fetch-logs';
import { buildLogsUrl } from '@/lib/core/logs-query';
import { LogBuffer } from '../../simulator/log-buffer';
import { parseLogQuery } from '../../simulator/log-query';
import type { NewLogEntry } from '../../simulator/types';

export const BASE_URL = 'https://netbox.example.com';
export const PROXY_PATH = '/api/plugins/proxbox/logs/';

export type Trouble =
  | { kind: 'logged-out' }
  | { kind: 'forbidden' }
  | { kind: 'no-endpoint' }
  | { kind: 'backend-down' }
  | { kind: 'rate-limited'; retryAfterSec: number }
  | { kind: 'network' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export class FakeNetBox {
  clockMs = Date.parse('2026-11-25T18:00:00Z');
  readonly buffer = new LogBuffer({ nowMs: () => this.clockMs });
  /** Every URL asked for, in order. */
  readonly requests: URL[] = [];
  /** While set, every request fails this way. */
  trouble: Trouble | null = null;
  /** The logs proxy's path on this NetBox (another value answers 404 HTML). */
  proxyPath = PROXY_PATH;

  constructor(readonly baseUrl = BASE_URL) {}

  log(level: string, message: string, extra: Partial<NewLogEntry> = {}): number {
    this.clockMs += 1000;
    const entry = this.buffer.append({
      level,
      module: 'sync',
      message,
      operation_id: null,
      operation: null,
      phase: null,
      resource_type: null,
      resource_id: null,
      expandable: null,
      ...extra,
    });
    return Number(entry.id);
  }

  errors(n: number, prefix = 'Failed to sync VM'): number[] {
    return Array.from({ length: n }, (_, i) => this.log('ERROR', `${prefix} ${i + 1}`));
  }

  restartBackend(): void {
    this.buffer.restart();
  }

  readonly fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    this.requests.push(url);
    switch (this.trouble?.kind) {
      case 'network':
        throw new TypeError('Failed to fetch');
      case 'logged-out':
        return json(403, { detail: 'Authentication credentials were not provided.' });
      case 'forbidden':
        return json(403, { detail: 'You do not have permission to perform this action.' });
      case 'no-endpoint':
        return json(404, { detail: 'No enabled FastAPI endpoint is configured.' });
      case 'backend-down':
        return json(502, { detail: 'Proxbox backend unreachable.' });
      case 'rate-limited':
        return json(429, { detail: 'Too many failed API key attempts.' }, { 'retry-after': String(this.trouble.retryAfterSec) });
    }
    const base = new URL(this.baseUrl);
    if (url.origin !== base.origin || url.pathname !== `${base.pathname.replace(/\/$/, '')}${this.proxyPath}`) {
      return new Response('<html><body>Page not found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } });
    }
    const parsed = parseLogQuery(url.searchParams);
    if (!parsed.ok) return json(422, { detail: parsed.detail });
    return json(200, this.buffer.query(parsed.query));
  };

  /** The extension's real fetchLogs against this NetBox. */
  readonly fetchLogs = (url: string, options: FetchLogsOptions = {}) => fetchLogs(url, { ...options, fetchImpl: this.fetch });

  /** The badge poller's view of it. */
  readonly fetchPage: FetchPage = (query) => this.fetchLogs(buildLogsUrl(this.baseUrl, this.proxyPath, query));

  /** The query strings of the logs requests, for assertions. */
  queries(): Record<string, string>[] {
    return this.requests.map((u) => Object.fromEntries(u.searchParams));
  }
}
