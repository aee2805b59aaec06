// The faults of the matrix (docs/faults.md), as the network answers them. The panel and
// badge matrices run every one of these and spell out what the user must see for each.
import { wireEntry } from '../../fixtures/wire-entry';
import {
  hang,
  html,
  json,
  loginPage,
  NETBOX_404_PAGE,
  NETBOX_500_PAGE,
  redirectedTo,
  refused,
  type Fault,
} from './faulty-netbox';

export type FaultId =
  | 'session expired: login page instead of JSON'
  | 'session expired: redirected to the login page'
  | 'session expired: bare 302'
  | 'session expired: 403 credentials not provided'
  | '401 API key rejected'
  | '403 no permission'
  | '404 no endpoint'
  | '404 plugin not installed: NetBox 404 page'
  | '404 plugin not installed: API "Not found."'
  | '422 bad query'
  | '429 with Retry-After'
  | '500 NetBox error page'
  | '502 backend down'
  | '504 backend timeout'
  | 'timeout: no answer'
  | 'offline'
  | 'connection refused'
  | 'malformed: truncated JSON'
  | 'malformed: plain text'
  | 'malformed: nginx HTML page'
  | 'malformed: empty body'
  | 'wrong shape: null logs'
  | 'wrong shape: missing logs'
  | 'wrong shape: entry without id'
  | 'wrong shape: wrong types'
  | 'wrong shape: bare array'
  | 'discovery shape'
  | 'discovery shape, nothing configured';

export interface FaultRow {
  id: FaultId;
  fault: (baseUrl: string) => Fault;
  /** The browser says it is offline while the fault lasts. */
  offline?: boolean;
  /** The Retry-After the fault sends, in ms (recovery waits for it). */
  retryAfterMs?: number;
  /** The fault takes our own deadline to show (no answer at all). */
  noAnswer?: boolean;
  /** Not a passing fault for the worker: the instance switches to reading from the backend. */
  switchesToBackend?: boolean;
}

const entry = (id: string, extra: Record<string, unknown> = {}) => wireEntry(id, { level: 'ERROR', ...extra });
const page = (logs: unknown, extra: Record<string, unknown> = {}) => ({ logs, total: 1, has_more: false, ...extra });
const answer = (r: () => Response): (() => Fault) => () => async () => r();

export const FAULT_ROWS: FaultRow[] = [
  {
    id: 'session expired: login page instead of JSON',
    fault: answer(() => html(200, loginPage())),
  },
  {
    id: 'session expired: redirected to the login page',
    fault: (base) => async (url) =>
      redirectedTo(html(200, loginPage()), `${base}/login/?next=${encodeURIComponent(url.pathname + url.search)}`),
  },
  {
    id: 'session expired: bare 302',
    fault: (base) => async () => new Response(null, { status: 302, headers: { location: `${base}/login/?next=/api/` } }),
  },
  {
    id: 'session expired: 403 credentials not provided',
    fault: answer(() => json(403, { detail: 'Authentication credentials were not provided.' })),
  },
  { id: '401 API key rejected', fault: answer(() => json(401, { detail: 'Invalid API key' })) },
  {
    id: '403 no permission',
    fault: answer(() => json(403, { detail: 'You do not have permission to view FastAPI endpoints.' })),
  },
  { id: '404 no endpoint', fault: answer(() => json(404, { detail: 'No enabled FastAPIEndpoint is configured.' })) },
  { id: '404 plugin not installed: NetBox 404 page', fault: answer(() => html(404, NETBOX_404_PAGE)) },
  { id: '404 plugin not installed: API "Not found."', fault: answer(() => json(404, { detail: 'Not found.' })) },
  {
    id: '422 bad query',
    fault: answer(() =>
      json(422, {
        detail: [
          {
            type: 'less_than_equal',
            loc: ['query', 'limit'],
            msg: 'Input should be less than or equal to 5000',
            input: '9999',
            ctx: { le: 5000 },
          },
        ],
      }),
    ),
  },
  {
    id: '429 with Retry-After',
    fault: answer(() =>
      json(429, { detail: 'Too many failed authentication attempts. Try again later.' }, { 'retry-after': '30' }),
    ),
    retryAfterMs: 30_000,
  },
  { id: '500 NetBox error page', fault: answer(() => html(500, NETBOX_500_PAGE)) },
  {
    id: '502 backend down',
    fault: answer(() =>
      json(502, { detail: 'Could not reach the Proxbox backend at http://proxbox:8800: [Errno 111] Connection refused' }),
    ),
  },
  { id: '504 backend timeout', fault: answer(() => json(504, { detail: 'Backend did not answer in time.' })) },
  { id: 'timeout: no answer', fault: () => hang, noAnswer: true },
  { id: 'offline', fault: () => refused, offline: true },
  { id: 'connection refused', fault: () => refused },
  {
    id: 'malformed: truncated JSON',
    fault: answer(() => new Response('{"logs": [{"id": "41", "timestamp": "2026-11-25T18:0', { headers: { 'content-type': 'application/json' } })),
  },
  {
    id: 'malformed: plain text',
    fault: answer(() => new Response('Service temporarily unavailable', { headers: { 'content-type': 'text/plain' } })),
  },
  {
    id: 'malformed: nginx HTML page',
    fault: answer(() =>
      html(200, '<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>'),
    ),
  },
  { id: 'malformed: empty body', fault: answer(() => new Response('', { headers: { 'content-type': 'application/json' } })) },
  { id: 'wrong shape: null logs', fault: answer(() => json(200, page(null))) },
  { id: 'wrong shape: missing logs', fault: answer(() => json(200, { items: [], count: 0 })) },
  {
    id: 'wrong shape: entry without id',
    fault: answer(() => {
      const { id: _id, ...noId } = entry('9');
      return json(200, page([noId]));
    }),
  },
  {
    id: 'wrong shape: wrong types',
    fault: answer(() =>
      json(200, {
        logs: [entry('x', { id: { value: 9 }, level: 40, message: ['a', 'b'], timestamp: true })],
        total: 'many',
        has_more: 'yes',
      }),
    ),
  },
  { id: 'wrong shape: bare array', fault: answer(() => json(200, [entry('9')])) },
  {
    id: 'discovery shape',
    switchesToBackend: true,
    fault: answer(() =>
      json(200, {
        fastapi_url: 'http://proxbox:8800',
        logs_api_url: 'http://proxbox:8800/admin/logs',
        sse_stream_url: 'http://proxbox:8800/admin/logs/stream',
        websocket_url: 'ws://proxbox:8800/ws',
      }),
    ),
  },
  {
    id: 'discovery shape, nothing configured',
    switchesToBackend: true,
    fault: answer(() => json(200, { fastapi_url: '', logs_api_url: '', sse_stream_url: '', websocket_url: '' })),
  },
];

export function faultRow(id: FaultId): FaultRow {
  const row = FAULT_ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`no fault row ${id}`);
  return row;
}
