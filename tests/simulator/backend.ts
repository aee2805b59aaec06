// proxbox-api as far as logs go: `GET /admin/logs` and its SSE stream, behind the
// X-Proxbox-API-Key header with a lockout after repeated bad keys. The logs proxy calls
// answerLogs() in-process, so direct and proxied answers are the same bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, sendJson, type Headers } from './http';
import { matcher, isErrorish, type LogBuffer } from './log-buffer';
import { parseLogQuery, STREAM_PARAMS } from './log-query';
import type { WireLogEntry } from './types';

export interface BackendOptions {
  apiKey: string;
  /** Seconds between `: keepalive` comments on the stream. */
  keepaliveMs: number;
  /** Failed keys (per client) before 429. */
  maxKeyFailures: number;
  lockoutMs: number;
}

export const DEFAULT_BACKEND_OPTIONS: BackendOptions = {
  apiKey: 'proxbox-sim-key',
  keepaliveMs: 15_000,
  maxKeyFailures: 5,
  lockoutMs: 60_000,
};

export interface BackendAnswer {
  status: number;
  body: string;
  headers: Headers;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const MAX_TRACKED_CLIENTS = 10_000;
/** A stream whose client stops reading is dropped rather than buffered without end. */
const MAX_STREAM_BACKLOG = 8 * 1024 * 1024;

export class Backend {
  readonly options: BackendOptions;
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  private readonly streams = new Set<ServerResponse>();

  constructor(
    private readonly buffer: LogBuffer,
    options: Partial<BackendOptions> = {},
  ) {
    this.options = { ...DEFAULT_BACKEND_OPTIONS, ...options };
  }

  /** 401/429 for a missing or wrong key (counting failures per client), null when accepted. */
  authorize(key: string | undefined, client: string): BackendAnswer | null {
    const now = Date.now();
    const record = this.failures.get(client);
    if (record && record.lockedUntil > now) {
      return {
        status: 429,
        body: JSON.stringify({ detail: 'Too many failed authentication attempts. Try again later.' }),
        headers: { ...JSON_TYPE, 'Retry-After': String(Math.ceil((record.lockedUntil - now) / 1000)) },
      };
    }
    if (key === this.options.apiKey) {
      this.failures.delete(client);
      return null;
    }
    const count = (record && record.lockedUntil === 0 ? record.count : 0) + 1;
    const lockedUntil = count >= this.options.maxKeyFailures ? now + this.options.lockoutMs : 0;
    this.failures.delete(client); // re-insert so the map stays in least-recently-failed order
    this.failures.set(client, { count: lockedUntil ? 0 : count, lockedUntil });
    if (this.failures.size > MAX_TRACKED_CLIENTS) this.failures.delete(this.failures.keys().next().value!);
    return {
      status: 401,
      body: JSON.stringify({ detail: key === undefined ? 'Missing API key' : 'Invalid API key' }),
      headers: JSON_TYPE,
    };
  }

  /** `GET /admin/logs?<params>` once the key is accepted: 200 or 422. */
  answerLogs(params: URLSearchParams): BackendAnswer {
    const parsed = parseLogQuery(params);
    if (!parsed.ok) return { status: 422, body: JSON.stringify({ detail: parsed.detail }), headers: JSON_TYPE };
    return { status: 200, body: JSON.stringify(this.buffer.query(parsed.query)), headers: JSON_TYPE };
  }

  /** A restart empties the buffer, forgets failed keys and drops open streams. */
  restart(): void {
    this.buffer.restart();
    this.failures.clear();
    this.closeStreams();
  }

  closeStreams(): void {
    for (const res of this.streams) res.destroy();
    this.streams.clear();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Node handler for the backend's own port. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://backend');
    const route = url.pathname.replace(/\/+$/, '');
    if (route !== '/admin/logs' && route !== '/admin/logs/stream') {
      sendJson(res, 404, { detail: 'Not Found' });
      return;
    }
    if (url.pathname.endsWith('/')) {
      // FastAPI's redirect_slashes.
      send(res, 307, '', { Location: `${route}${url.search}` });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { detail: 'Method Not Allowed' });
      return;
    }
    const key = req.headers['x-proxbox-api-key'];
    const refused = this.authorize(Array.isArray(key) ? key[0] : key, req.socket.remoteAddress ?? 'unknown');
    if (refused) {
      send(res, refused.status, refused.body, refused.headers);
      return;
    }
    if (route === '/admin/logs') {
      const answer = this.answerLogs(url.searchParams);
      send(res, answer.status, answer.body, answer.headers);
    } else {
      this.stream(url.searchParams, res);
    }
  }

  /**
   * Server-Sent Events: the held entries newer than `newer_than_id` (when given), then
   * every new entry, oldest first, each as `event: log`; a `: keepalive` comment between.
   */
  private stream(params: URLSearchParams, res: ServerResponse): void {
    const parsed = parseLogQuery(params, STREAM_PARAMS);
    if (!parsed.ok) {
      sendJson(res, 422, { detail: parsed.detail });
      return;
    }
    const query = parsed.query;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (chunk: string) => {
      res.write(chunk);
      if (res.writableLength > MAX_STREAM_BACKLOG) res.destroy();
    };
    const event = (entry: WireLogEntry) => write(`event: log\ndata: ${JSON.stringify(entry)}\n\n`);
    if (query.newerThanId !== null) for (const entry of this.buffer.matchingOldestFirst(query)) event(entry);
    const match = matcher(query);
    const unsubscribe = this.buffer.onAppend((entry) => {
      if (!match || match({ entry, errorish: isErrorish(entry), micros: Number.NaN })) event(entry);
    });
    const keepalive = setInterval(() => write(': keepalive\n\n'), this.options.keepaliveMs);
    this.streams.add(res);
    res.on('close', () => {
      unsubscribe();
      clearInterval(keepalive);
      this.streams.delete(res);
    });
  }
}
