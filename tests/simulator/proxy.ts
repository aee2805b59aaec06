// The Proxbox plugin's `<base>/api/plugins/proxbox/logs/`. As released ('discovery') it
// answers where the backend is. As the documented logs proxy ('proxy') it checks the
// caller's permission and the FastAPIEndpoint, forwards the query to the backend with the
// endpoint's key and returns the backend's answer unchanged, or misbehaves as the
// current fault says. The caller is already authenticated (netbox.ts).
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { User } from './auth';
import type { BackendAnswer } from './backend';
import { discoveryAnswer } from './discovery';
import type { SimContext } from './context';
import { send, type Headers } from './http';
import type { Fault } from './faults';

export const PROXY_PATH = '/api/plugins/proxbox/logs/';

/** Headers NetBox's REST API puts on every answer. */
export const API_HEADERS: Headers = {
  'API-Version': '4.6',
  Vary: 'Accept, Cookie, Origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'same-origin',
};

function reply(res: ServerResponse, answer: BackendAnswer): void {
  send(res, answer.status, answer.body, { ...API_HEADERS, ...answer.headers });
}

function json(status: number, value: unknown, headers: Headers = {}): BackendAnswer {
  return { status, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json', ...headers } };
}

/** A fault's own body, when it has one: strings as is, anything else as JSON. */
function custom(fault: Fault, status: number, defaultType: string): BackendAnswer | null {
  if (fault.body === undefined) return null;
  const text = typeof fault.body === 'string';
  return {
    status,
    body: text ? (fault.body as string) : JSON.stringify(fault.body),
    headers: { 'Content-Type': text ? defaultType : 'application/json', ...fault.headers },
  };
}

export function handleLogsProxy(ctx: SimContext, user: User, params: URLSearchParams, res: ServerResponse): void {
  // The released plugin answers where the backend is, whatever the query or permission.
  if (ctx.plugin === 'discovery') {
    reply(res, json(200, discoveryAnswer(ctx, user)));
    return;
  }
  // In the proxy world, the 'discovery' fault stands for a NetBox still on the released plugin.
  if (ctx.faults.peek().mode === 'discovery') {
    const fault = ctx.faults.take();
    reply(res, custom(fault, 200, 'application/json') ?? json(200, discoveryAnswer(ctx, user), fault.headers));
    return;
  }
  if (!user.canViewEndpoint) {
    reply(res, json(403, { detail: 'You do not have permission to view FastAPI endpoints.' }));
    return;
  }
  if (!ctx.endpoint.enabled) {
    reply(res, json(404, { detail: 'No enabled FastAPIEndpoint is configured.' }));
    return;
  }
  const fault = ctx.faults.take();
  const forward = (): BackendAnswer =>
    ctx.backend.authorize(ctx.endpoint.apiKey, 'netbox') ?? ctx.backend.answerLogs(params);

  switch (fault.mode) {
    case 'none':
    case 'discovery':
      reply(res, forward());
      return;
    case 'down':
      reply(
        res,
        custom(fault, 502, 'text/plain') ??
          json(502, { detail: 'Could not reach the Proxbox backend at http://proxbox:8800: [Errno 111] Connection refused' }, fault.headers),
      );
      return;
    case 'slow': {
      const delay = fault.delayMs ?? 2000;
      const timeout = fault.timeoutMs ?? ctx.proxyTimeoutMs;
      const late = delay > timeout;
      hold(ctx, res, late ? timeout : delay, () =>
        reply(res, late ? json(504, { detail: 'Backend did not answer in time.' }) : forward()),
      );
      return;
    }
    case 'hang':
      hold(ctx, res, null, () => undefined);
      return;
    case 'status':
      reply(res, custom(fault, fault.status!, 'text/html; charset=utf-8') ?? statusDefault(fault));
      return;
    case 'malformed':
      reply(res, custom(fault, 200, 'application/json') ?? malformed(fault, forward()));
      return;
    case 'wrong-shape':
      reply(res, custom(fault, 200, 'application/json') ?? wrongShape(fault, forward()));
      return;
  }
}

/** Keeps a response open for `ms` (or until the socket goes, when null), then answers. */
function hold(ctx: SimContext, res: ServerResponse, ms: number | null, then: () => void): void {
  ctx.held.add(res);
  const timer = ms === null ? undefined : setTimeout(() => {
    ctx.held.delete(res);
    then();
  }, ms);
  res.on('close', () => {
    clearTimeout(timer);
    ctx.held.delete(res);
  });
}

function statusDefault(fault: Fault): BackendAnswer {
  const status = fault.status!;
  const reason = STATUS_CODES[status] ?? 'Error';
  if (status >= 500) {
    // What a Django error page or a gateway in front of NetBox sends.
    return {
      status,
      body: `<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head><body><h1>${reason}</h1></body></html>`,
      headers: { 'Content-Type': 'text/html; charset=utf-8', ...fault.headers },
    };
  }
  const retry: Headers = status === 429 && !fault.headers?.['Retry-After'] ? { 'Retry-After': '30' } : {};
  return json(status, { detail: reason }, { ...retry, ...fault.headers });
}

function malformed(fault: Fault, real: BackendAnswer): BackendAnswer {
  const headers = (type: string) => ({ 'Content-Type': type, ...fault.headers });
  switch (fault.variant ?? 'truncated') {
    case 'text':
      return { status: 200, body: 'Proxbox backend: OK', headers: headers('text/plain; charset=utf-8') };
    case 'html':
      return {
        status: 200,
        body: '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>',
        headers: headers('text/html'),
      };
    case 'empty':
      return { status: 200, body: '', headers: headers('application/json') };
    default:
      return { status: 200, body: real.body.slice(0, Math.max(1, Math.floor(real.body.length / 2))), headers: headers('application/json') };
  }
}

function wrongShape(fault: Fault, real: BackendAnswer): BackendAnswer {
  const answer = JSON.parse(real.body) as { logs?: Array<Record<string, unknown>>; [key: string]: unknown };
  switch (fault.variant ?? 'null-logs') {
    case 'items':
      return json(200, { items: [], count: 0 }, fault.headers);
    case 'array':
      return json(200, answer.logs ?? [], fault.headers);
    case 'missing-fields':
      // Every entry loses one of the fields the extension needs.
      return json(200, {
        ...answer,
        logs: (answer.logs ?? []).map((entry, i) => {
          const copy = { ...entry };
          delete copy[['id', 'level', 'message', 'timestamp'][i % 4]!];
          return copy;
        }),
      }, fault.headers);
    case 'wrong-types':
      return json(200, {
        ...answer,
        total: 'many',
        has_more: 'yes',
        logs: (answer.logs ?? []).map((entry) => ({ ...entry, id: { value: entry.id }, level: 40, message: ['not', 'a', 'string'], timestamp: true })),
      }, fault.headers);
    default:
      return json(200, { ...answer, logs: null }, fault.headers);
  }
}
