// A stand-in for a backend address that redirects (a reverse proxy, an open redirect, a
// plain-http hop): it passes requests to the simulated proxbox-api until told to redirect,
// then answers /admin/logs* with a 307 to another origin. That origin answers CORS
// permissively (a preflight too) and records every request, with the key if one came:
// the extension must never send it there.
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  method: string;
  path: string;
  key: string | null;
}

export interface RedirectingBackend {
  url: string;
  /** Where /admin/logs* points while redirecting (another loopback address: another origin). */
  targetUrl: string;
  redirecting: boolean;
  /** Every request the redirect's target received. */
  arrivals: Arrival[];
  /** The paths answered with the redirect. */
  redirected: string[];
  close(): Promise<void>;
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

function key(req: IncomingMessage): string | null {
  const value = req.headers['x-proxbox-api-key'];
  return typeof value === 'string' ? value : null;
}

export async function startRedirectingBackend(backendUrl: string): Promise<RedirectingBackend> {
  const arrivals: Arrival[] = [];
  const target = createServer((req, res) => {
    arrivals.push({ method: req.method ?? '', path: req.url ?? '', key: key(req) });
    res.writeHead(200, {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Headers': '*',
      'Content-Type': 'application/json',
    });
    res.end('{"logs": [], "total": 0, "has_more": false}');
  });
  const backend = new URL(backendUrl);
  const front = createServer((req, res) => {
    if (state.redirecting && (req.url ?? '').startsWith('/admin/logs')) {
      state.redirected.push(req.url ?? '');
      res.writeHead(307, { Location: `${state.targetUrl}${req.url}` });
      res.end();
      return;
    }
    const upstream = forward(
      { host: backend.hostname, port: backend.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        // A stream the backend drops (a restart) is dropped here too, as a proxy would.
        answer.on('aborted', () => res.destroy());
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const targetPort = await listen(target, '127.0.0.2');
  const frontPort = await listen(front, '127.0.0.1');
  const state: RedirectingBackend = {
    url: `http://127.0.0.1:${frontPort}`,
    targetUrl: `http://127.0.0.2:${targetPort}`,
    redirecting: true,
    arrivals,
    redirected: [],
    async close() {
      for (const server of [front, target]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
  return state;
}
