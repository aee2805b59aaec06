// The fault matrix's network: the in-memory NetBox of the worker tests (the simulator's
// ring buffer and query parser behind a fetch function) with every fault of the matrix as
// the HTTP answer (or the lack of one) a browser's fetch would give. The extension's real
// fetchLogs / parseLogsResponse read these answers, so parsing is tested end to end.
import { LogBuffer } from '../../simulator/log-buffer';
import { parseLogQuery } from '../../simulator/log-query';
import { FakeNetBox } from '../worker/fake-netbox';

/** The worker tests' NetBox with a ring buffer of another size (eviction in a few entries). */
class SizedNetBox extends FakeNetBox {
  override readonly buffer: LogBuffer;
  constructor(baseUrl: string | undefined, capacity: number) {
    super(baseUrl);
    this.buffer = new LogBuffer({ capacity, nowMs: () => this.clockMs });
  }
}

/** One faulty answer: a Response, a rejected fetch, or a fetch that never settles. */
export type Fault = (url: URL, init: RequestInit | undefined) => Promise<Response>;

const JSON_TYPE = { 'content-type': 'application/json' };
const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_TYPE, ...headers } });
}

export function html(status: number, body: string): Response {
  return new Response(body, { status, headers: HTML_TYPE });
}

/** What a Response looks like after fetch followed redirects (the constructor cannot say so). */
export function redirectedTo(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: true });
  return response;
}

/** NetBox 4.x's login page, as Django renders it (trimmed). */
export function loginPage(basePath = ''): string {
  return `<!DOCTYPE html>
<html lang="en" data-netbox-version="4.6.8" data-netbox-url-name="login" data-bs-theme="light">
<head><title>Login | NetBox</title></head>
<body class="login">
<form action="${basePath}/login/" method="post" id="login-form">
<input type="hidden" name="csrfmiddlewaretoken" value="8cQ2mZ0pR4sT6vX8yA1cE3gI5kM7oQ9s">
<input type="text" name="username" id="id_username">
<input type="password" name="password" id="id_password">
<input type="hidden" name="next" value="${basePath}/plugins/proxbox/logs/">
<button type="submit" class="btn btn-primary" id="login-submit">Sign In</button>
</form>
</body>
</html>`;
}

/** NetBox's own 404 page (HTML) for a URL it does not know. */
export const NETBOX_404_PAGE = `<!DOCTYPE html>
<html lang="en" data-netbox-version="4.6.8" data-netbox-url-name="" data-bs-theme="light">
<head><title>Page Not Found | NetBox</title></head>
<body><div class="page"><div class="page-wrapper"><h1>Page Not Found</h1>
<p>The requested page does not exist.</p></div></div></body></html>`;

/** NetBox's 500 page (Django's server error template). */
export const NETBOX_500_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Server Error</title></head>
<body><div class="container"><h1>Server Error</h1>
<p>There was a problem with your request. Please contact an administrator.</p>
<pre>ProgrammingError: relation "netbox_proxbox_fastapiendpoint" does not exist</pre></div></body></html>`;

/** A fetch that never answers (until its signal aborts, as a real fetch would). */
export const hang: Fault = (_url, init) =>
  new Promise<Response>((_, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), {
      once: true,
    });
  });

/** What Chromium's fetch rejects with when the TCP connection is refused, DNS fails or the browser is offline. */
export const refused: Fault = async () => {
  throw new TypeError('Failed to fetch');
};

export class FaultyNetBox {
  readonly netbox: FakeNetBox;
  /** While set, every logs request gets this answer instead of the real one. */
  fault: Fault | null = null;
  /** Requests that reached the network, faulty or not. */
  requests = 0;
  /** Answers to every request, fault or not: a test can rewrite the real answer (5,000 entries at once). */
  rewrite: ((url: URL, real: Response) => Promise<Response>) | null = null;

  constructor(baseUrl?: string, options: { capacity?: number } = {}) {
    this.netbox = options.capacity ? new SizedNetBox(baseUrl, options.capacity) : new FakeNetBox(baseUrl);
  }

  /** From now on the backend ignores `limit`: every matching entry comes in one answer. */
  ignoreLimit(): void {
    this.rewrite = async (url, real) => {
      const parsed = parseLogQuery(url.searchParams);
      if (!parsed.ok || real.status !== 200) return real;
      return json(200, this.netbox.buffer.query({ ...parsed.query, limit: Number.MAX_SAFE_INTEGER }));
    };
  }

  get baseUrl(): string {
    return this.netbox.baseUrl;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    this.requests++;
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (this.fault) return this.fault(url, init);
    const real = await this.netbox.fetch(url);
    return this.rewrite ? this.rewrite(url, real) : real;
  };
}
