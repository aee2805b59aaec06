import { browser } from 'wxt/browser';
import type { CertificateProblem } from '../core/failure';
import { certificateProblemOf } from '../core/network-error';

// What the browser's network layer saw of the extension's own requests to an origin: a
// certificate it refused, or a redirect it was not allowed to follow. A failed fetch says
// neither ("Failed to fetch"; a redirect not followed is an opaque answer with no
// Location); webRequest does, for origins the extension holds a permission for. Requests
// from the worker and the offscreen document carry tabId -1, which keeps the pages' own
// requests out. Measured in Chromium 156 and Firefox ESR 153 (docs/certificates.md).

export interface NetworkNote {
  certificate?: CertificateProblem;
  /** The browser's own words for the error (a net:: code, or Firefox's sentence). */
  error?: string;
  /** Where a redirect pointed. */
  redirectTo?: string;
}

export interface NetworkWatch {
  /** What was seen for the URL's origin at or after `since`, waiting up to waitMs for it to arrive. */
  explain(url: string, since: number, waitMs?: number): Promise<NetworkNote | null>;
  stop(): void;
}

/** webRequest's events can come a moment after the fetch's own rejection. */
export const EXPLAIN_WAIT_MS = 300;
const KEEP_MS = 60_000;

interface Seen {
  at: number;
  note: NetworkNote;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function watchNetwork(now: () => number = Date.now): NetworkWatch {
  const seen = new Map<string, Seen[]>();
  const waiters = new Set<() => void>();

  function note(url: string, what: NetworkNote): void {
    const origin = originOf(url);
    if (!origin) return;
    const t = now();
    const list = (seen.get(origin) ?? []).filter((s) => t - s.at < KEEP_MS);
    list.push({ at: t, note: what });
    seen.set(origin, list);
    for (const wake of [...waiters]) wake();
  }

  const onError = (d: { url: string; error: string; tabId: number }) => {
    if (d.tabId !== -1) return;
    const certificate = certificateProblemOf(d.error);
    if (certificate) note(d.url, { certificate, error: d.error });
  };
  const onRedirect = (d: { url: string; redirectUrl: string; tabId: number }) => {
    if (d.tabId === -1) note(d.url, { redirectTo: d.redirectUrl });
  };
  const onHeaders = (d: { url: string; statusCode: number; tabId: number; responseHeaders?: Array<{ name: string; value?: string }> }): undefined => {
    // A redirect with redirect: 'manual' is reported here (Chromium also fires onBeforeRedirect).
    if (d.tabId !== -1 || d.statusCode < 300 || d.statusCode >= 400) return;
    const location = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (location) note(d.url, { redirectTo: new URL(location, d.url).href });
  };

  const webRequest = (browser as { webRequest?: typeof browser.webRequest }).webRequest;
  const filter = { urls: ['<all_urls>'] };
  try {
    webRequest?.onErrorOccurred.addListener(onError, filter);
    webRequest?.onBeforeRedirect.addListener(onRedirect, filter);
    webRequest?.onHeadersReceived.addListener(onHeaders, filter, ['responseHeaders']);
  } catch {
    // No webRequest here (a test's fake browser): failures stay as the fetch said them.
  }

  function find(origin: string, since: number): NetworkNote | null {
    const list = seen.get(origin)?.filter((s) => s.at >= since) ?? [];
    return list.length > 0 ? Object.assign({}, ...list.map((s) => s.note)) : null;
  }

  return {
    explain(url, since, waitMs = EXPLAIN_WAIT_MS) {
      const origin = originOf(url);
      if (!origin) return Promise.resolve(null);
      const found = find(origin, since);
      if (found || !webRequest) return Promise.resolve(found);
      return new Promise((resolve) => {
        const done = (): void => {
          const now = find(origin, since);
          if (!now && !timedOut) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve(now);
        };
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          done();
        }, waitMs);
        waiters.add(done);
      });
    },
    stop() {
      try {
        webRequest?.onErrorOccurred.removeListener(onError);
        webRequest?.onBeforeRedirect.removeListener(onRedirect);
        webRequest?.onHeadersReceived.removeListener(onHeaders);
      } catch {
        // see above
      }
      seen.clear();
    },
  };
}
