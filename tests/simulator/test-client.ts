// A cookie-keeping HTTP client for the simulator's tests (and the e2e suite's setup):
// fetch with redirects left visible, as a browser's cookie jar would behave for one site.
import { needsNoKey } from './backend-auth';
import type { RequestRecord } from './request-record';

export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.form) {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(new URL(path, this.origin), { ...init, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '""') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.request(path, init);
    return { status: res.status, body: (await res.json()) as T, res };
  }

  /** Logs in through the form as a browser does; basePath is NetBox's BASE_PATH. */
  async login(username = 'admin', password = username, basePath = ''): Promise<Response> {
    const page = await this.request(`${basePath}/login/`);
    const html = await page.text();
    const token = /name="csrfmiddlewaretoken" value="([^"]*)"/.exec(html)?.[1] ?? '';
    return this.request(`${basePath}/login/`, {
      method: 'POST',
      form: { csrfmiddlewaretoken: token, username, password, next: `${basePath}/` },
    });
  }
}

/** POST to the control API. */
export async function control<T = unknown>(origin: string, path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(new URL(`/__sim/${path}`, origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every request the simulator recorded (GET /__sim/requests), oldest first; `after`: only those after that seq. */
export async function recordedRequests(origin: string, after = 0): Promise<RequestRecord[]> {
  const res = await fetch(new URL(`/__sim/requests?after=${after}`, origin));
  return ((await res.json()) as { requests: RequestRecord[] }).requests;
}

/** The backend requests the simulator recorded (GET /__sim/requests), oldest first. */
/** NetBox's requests for a panel's first page (no filter, no cursor; any size, so one fetched ahead with another query would show). */
export async function firstPageRequests(origin: string): Promise<RequestRecord[]> {
  return (await recordedRequests(origin)).filter((r) => r.server === 'netbox' && /\/logs\/\?limit=\d+$/.test(r.path));
}

export async function backendRequests(origin: string): Promise<RequestRecord[]> {
  return (await recordedRequests(origin)).filter((r) => r.server === 'backend');
}

/**
 * Backend requests that proxbox-api counts as failed key attempts: any without the valid
 * key, except on the paths that need none (GET /health, the reachability probe; /docs and
 * its /static/ assets, the page opened to accept a certificate).
 */
export async function failedKeyAttempts(origin: string): Promise<number> {
  return (await backendRequests(origin)).filter((r) => r.key !== 'valid' && !needsNoKey(r.path.split('?')[0]!)).length;
}
