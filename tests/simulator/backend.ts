// proxbox-api as far as logs go: `GET /admin/logs`, its SSE stream, `/sync/active` and `/health`, behind
// the rate limit and the X-Proxbox-API-Key check (backend-auth.ts), which run before
// routing and before CORS, as in the real middleware stack. The logs proxy calls
// authorize() and answerLogs() in-process, so direct and proxied answers are the same bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BackendAuth, needsNoKey, type AuthOptions, type KeyVerdict } from './backend-auth';
import { send, sendJson, type Headers } from './http';
import type { LogBuffer } from './log-buffer';
import { parseLogQuery, STREAM_PARAMS } from './log-query';
import { pythonJsonDumps } from './python-json';
import { SyncRegistry } from './sync-registry';
import type { LogQuery } from './types';

export interface BackendOptions extends AuthOptions {
  /** The key the backend accepts; null = none registered. */
  apiKey: string | null;
  /** Idle time before the stream sends `: keepalive`. */
  keepaliveMs: number;
  /** Origins the CORS middleware allows (the NetBox origin). */
  corsOrigins: readonly string[];
}

export const DEFAULT_BACKEND_API_KEY = 'proxbox-sim-key';
export const DEFAULT_KEEPALIVE_MS = 15_000;
/** At most this many entries per stream write: the newest, older ones skipped. */
export const STREAM_BATCH = 200;

export interface BackendAnswer {
  status: number;
  body: string;
  headers: Headers;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
/** What the backend's middleware adds to every answer past the key check (recorded). */
const PASSED_HEADERS: Headers = {
  Vary: 'Origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-XSS-Protection': '1; mode=block',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'geolocation=(), microphone=(), camera=()',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
};
/** A stream whose client stops reading is dropped rather than buffered without end. */
const MAX_STREAM_BACKLOG = 8 * 1024 * 1024;

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const DOCS_STYLESHEET = '/static/swagger-ui/swagger-ui.css';
/** The shape of proxbox-api's /docs (FastAPI's get_swagger_ui_html with local assets); the simulator runs no Swagger UI. */
const DOCS_PAGE = `<!DOCTYPE html>
<html>
<head>
<link type="text/css" rel="stylesheet" href="${DOCS_STYLESHEET}">
<link rel="shortcut icon" href="/static/swagger-ui/favicon.png">
<title>Proxbox Backend - Swagger UI</title>
</head>
<body>
<div id="swagger-ui">Proxbox Backend - Swagger UI</div>
</body>
</html>`;

export class Backend {
  readonly auth: BackendAuth;
  keepaliveMs: number;
  corsOrigins: readonly string[];
  /**
   * False: `/admin/logs/stream` answers 404 as for a route the backend does not have, and
   * open streams close (a backend or reverse proxy that offers no stream: clients poll).
   */
  private streamOffered = true;
  private readonly streams = new Set<ServerResponse>();
  /** The runs in flight `/sync/active` reports (./sync-registry.ts). */
  readonly syncs: SyncRegistry;
  /** False: `/sync/active` answers 404, as a backend older than the route does. */
  offersSyncRoute = true;

  constructor(
    private readonly buffer: LogBuffer,
    options: Partial<BackendOptions> = {},
  ) {
    const { apiKey, keepaliveMs, corsOrigins, ...auth } = options;
    this.auth = new BackendAuth(apiKey === undefined ? DEFAULT_BACKEND_API_KEY : apiKey, auth);
    this.keepaliveMs = keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.corsOrigins = corsOrigins ?? [];
    this.syncs = new SyncRegistry(buffer);
  }

  get apiKey(): string | null {
    return this.auth.apiKey;
  }
  set apiKey(key: string | null) {
    this.auth.apiKey = key;
  }

  /** How a request's key compares with the backend's, for the request record. */
  keyVerdict(req: IncomingMessage): KeyVerdict {
    return this.auth.verdict(headerValue(req, 'x-proxbox-api-key'));
  }

  /** 401/429 for a missing or wrong key (counting failures per client), null when accepted. */
  authorize(key: string | undefined, client: string): BackendAnswer | null {
    const refused = this.auth.check(key, client);
    return refused && { status: refused.status, body: JSON.stringify({ detail: refused.detail }), headers: { ...JSON_TYPE, ...refused.headers } };
  }

  /** `GET /admin/logs?<params>` once the key is accepted: 200 or 422. */
  answerLogs(params: URLSearchParams): BackendAnswer {
    const parsed = parseLogQuery(params);
    if (!parsed.ok) return { status: 422, body: JSON.stringify({ detail: parsed.detail }), headers: JSON_TYPE };
    return { status: 200, body: JSON.stringify(this.buffer.query(parsed.query)), headers: JSON_TYPE };
  }

  /** A restart empties the buffer, forgets failed keys, rate windows and runs in flight, drops open streams. */
  restart(): void {
    this.buffer.restart();
    this.syncs.clear();
    this.auth.forget();
    this.closeStreams();
  }

  closeStreams(): void {
    for (const res of this.streams) res.destroy();
    this.streams.clear();
  }

  get offersStream(): boolean {
    return this.streamOffered;
  }
  set offersStream(on: boolean) {
    this.streamOffered = on;
    if (!on) this.closeStreams();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Node handler for the backend's own port: rate limit, key check, then the routes. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://backend');
    const client = req.socket.remoteAddress ?? 'unknown';
    const refuse = (answer: BackendAnswer) => send(res, answer.status, answer.body, answer.headers);
    const limited = this.auth.rateLimited(client);
    if (limited) return refuse({ status: 429, body: JSON.stringify({ detail: limited.detail }), headers: { ...JSON_TYPE, ...limited.headers } });
    if (!needsNoKey(url.pathname)) {
      // Before routing and before CORS: a preflight (which never carries the key) gets a
      // 401 without Access-Control-* headers, and an unknown path a 401 too.
      const refused = this.authorize(headerValue(req, 'x-proxbox-api-key'), client);
      if (refused) return refuse(refused);
    }
    const headers: Headers = { ...PASSED_HEADERS, ...this.cors(req) };
    const route = url.pathname.replace(/\/+$/, '') || '/';
    if (route === '/health' && url.pathname === '/health') {
      // proxbox_api/app/root_meta.py once its start-up is done.
      sendJson(res, 200, { status: 'ready', init_ok: true }, headers);
      return;
    }
    if (route === '/sync/active' && this.offersSyncRoute) {
      // proxbox-api's registry of runs in flight (per process): idle as recorded, unless a
      // run was started (POST /__sim/sync). The writer's own runs leave no registry.
      sendJson(res, 200, this.syncs.answer(), headers);
      return;
    }
    if (url.pathname === '/docs') {
      // proxbox-api's own Swagger UI page: its assets and favicon under /static/, which needs
      // no key, so a browser tab opened here (to accept the certificate) costs no failed attempt.
      send(res, 200, DOCS_PAGE, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      return;
    }
    if (url.pathname === DOCS_STYLESHEET) {
      // Empty, but a stylesheet: a 404 in JSON is blocked under nosniff, an error Firefox reports in the page.
      send(res, 200, '', { ...headers, 'Content-Type': 'text/css; charset=utf-8' });
      return;
    }
    if (route !== '/admin/logs' && (route !== '/admin/logs/stream' || !this.streamOffered)) {
      sendJson(res, 404, { detail: 'Not Found' }, headers);
      return;
    }
    if (url.pathname.endsWith('/')) {
      // FastAPI's redirect_slashes.
      send(res, 307, '', { ...headers, Location: `${route}${url.search}` });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { detail: 'Method Not Allowed' }, headers);
      return;
    }
    if (route === '/admin/logs') {
      const answer = this.answerLogs(url.searchParams);
      send(res, answer.status, answer.body, { ...answer.headers, ...headers });
    } else {
      this.stream(url.searchParams, res, headers);
    }
  }

  /** Starlette's CORSMiddleware for a simple request from an allowed origin. */
  private cors(req: IncomingMessage): Headers {
    const origin = headerValue(req, 'origin');
    return origin && this.corsOrigins.includes(origin) ? { 'Access-Control-Allow-Origin': origin } : {};
  }

  /**
   * Server-Sent Events as proxbox-api sends them: on connect the newest (at most 200)
   * matching entries after `newer_than_id`, oldest first; then on each wake (entries
   * written in one turn of the event loop) at most the newest 200 newer than the last
   * look, older ones skipped; `: keepalive` after `keepaliveMs` without a write.
   */
  private stream(params: URLSearchParams, res: ServerResponse, headers: Headers): void {
    const parsed = parseLogQuery(params, STREAM_PARAMS);
    if (!parsed.ok) {
      sendJson(res, 422, { detail: parsed.detail }, headers);
      return;
    }
    res.writeHead(200, {
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
      'Content-Type': 'text/event-stream; charset=utf-8',
      ...headers,
    });
    let keepalive: ReturnType<typeof setTimeout> | undefined;
    const write = (chunk: string) => {
      if (res.destroyed) return;
      res.write(chunk);
      if (res.writableLength > MAX_STREAM_BACKLOG) res.destroy();
      clearTimeout(keepalive);
      keepalive = setTimeout(() => write(': keepalive\n\n'), this.keepaliveMs);
    };
    let cursor = parsed.query.newerThanId;
    const send = () => {
      const newest = this.buffer.newestId;
      const query: LogQuery = { ...parsed.query, newerThanId: cursor, olderThanId: null, since: null, limit: STREAM_BATCH, offset: 0 };
      const { logs } = this.buffer.query(query);
      if (newest !== null) cursor = Math.max(cursor ?? 0, newest);
      // One write per event, as the recording's chunked framing shows.
      for (const entry of logs.reverse()) write(`event: log\ndata: ${pythonJsonDumps(entry)}\n\n`);
    };
    let waking = false;
    const unsubscribe = this.buffer.onAppend(() => {
      if (waking) return;
      waking = true;
      setImmediate(() => {
        waking = false;
        if (!res.destroyed) send();
      });
    });
    send();
    if (!keepalive) keepalive = setTimeout(() => write(': keepalive\n\n'), this.keepaliveMs);
    this.streams.add(res);
    res.on('close', () => {
      unsubscribe();
      clearTimeout(keepalive);
      this.streams.delete(res);
    });
  }
}
