import { browser } from 'wxt/browser';
import { asBackendFailure } from '../core/backend-failure';
import { BACKEND_KEY_HEADER } from '../core/backend-api';
import type { Failure } from '../core/failure';
import type { FetchLogsOptions } from '../core/fetch-logs';
import { RELAY_PORT, relayFetch } from '../browser/fetch-relay';
import type { NetworkWatch } from './network-watch';
import { ensureOffscreenDocument, hasOffscreenDocuments } from './offscreen-document';

// The one way the worker reaches a backend, for every request: the logs, the stream, /health
// and Connect's key test. It sends no cookies and follows no redirect (a request with the
// key goes to the address the user confirmed, nowhere else); in Chromium it asks an HTTPS
// backend through the offscreen document, which honours a certificate the user accepted;
// and a failure is told in the backend's terms, with what the browser's network layer saw
// (a certificate it refused, where a redirect pointed).

export interface BackendNet {
  /** The fetch to use for this URL. */
  fetchFor(url: string): typeof fetch;
  /** What the browser saw of a failed request (lib/background/network-watch.ts). */
  watch?: Pick<NetworkWatch, 'explain'>;
}

function viaOffscreen(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input);
  return ensureOffscreenDocument().then(() =>
    relayFetch(
      () => browser.runtime.connect({ name: RELAY_PORT }),
      {
        url,
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        credentials: init.credentials ?? 'omit',
        redirect: init.redirect ?? 'manual',
      },
      init.signal ?? undefined,
    ),
  );
}

/** The worker's network: Chromium's offscreen document for HTTPS, its own fetch otherwise. */
export function browserBackendNet(watch: NetworkWatch): BackendNet {
  const own: typeof fetch = (...args) => globalThis.fetch(...args);
  return {
    fetchFor: (url) => (url.startsWith('https:') && hasOffscreenDocuments() ? (viaOffscreen as typeof fetch) : own),
    watch,
  };
}

/** Options for a request to the backend at `url`, with the key when there is one. */
export function backendRequestOptions(net: BackendNet | undefined, url: string, key?: string): FetchLogsOptions {
  return {
    credentials: 'omit',
    redirect: 'manual',
    ...(key ? { headers: { [BACKEND_KEY_HEADER]: key } } : {}),
    ...(net ? { fetchImpl: net.fetchFor(url) } : {}),
  };
}

/** A failed request to the backend in its own terms, with what the browser saw of it. */
export async function explainBackendFailure(net: BackendNet | undefined, url: string, since: number, failure: Failure): Promise<Failure> {
  const f = asBackendFailure(failure);
  const unexplained = f.kind === 'backend-unreachable' || (f.kind === 'backend-redirect' && !f.redirectTo);
  if (!unexplained || !net?.watch) return f;
  const seen = await net.watch.explain(url, since);
  if (f.kind === 'backend-unreachable' && seen?.certificate) {
    return { kind: 'backend-certificate', certificate: seen.certificate, ...(seen.error ? { detail: seen.error } : {}), ...(f.backendUrl ? { backendUrl: f.backendUrl } : {}) };
  }
  if (f.kind === 'backend-redirect' && seen?.redirectTo) return { ...f, redirectTo: seen.redirectTo };
  return f;
}
