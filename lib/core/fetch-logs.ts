import { REQUEST_TIMEOUT_MS } from './cadence';
import type { FetchOutcome } from './failure';
import type { LogsPage } from './log-types';
import { joinUrl } from './logs-query';
import { classifyAnswer, failure, parseLogsResponse, safeDetail, type RawResponse } from './parse-logs-response';

export interface FetchLogsOptions {
  /** Our own deadline; past it the outcome is a 'timeout' failure. Default 15 s. */
  timeoutMs?: number;
  /**
   * The caller's own cancellation. When it aborts, the promise rejects with a DOMException
   * named 'AbortError' (see isAbortError): a cancelled request has no outcome to show.
   */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** navigator.onLine where there is one; false turns a network error into 'offline'. */
  isOnline?: () => boolean;
  /** Larger answers are refused as 'malformed' ("answer too large"). Default 50 MB. */
  maxBytes?: number;
  /** Extra request headers (the backend's X-Proxbox-API-Key; never put a key in a URL). */
  headers?: Record<string, string>;
  /**
   * 'include' (default) sends the NetBox session. A call to proxbox-api says 'omit':
   * cookies are per host, not per port, so a backend on NetBox's host would get them.
   */
  credentials?: RequestCredentials;
  /**
   * 'follow' (default) for NetBox: the /login/ redirect is spotted from where the answer
   * came from ('manual' gives an opaque answer in extension contexts). Every request to the
   * backend says 'manual': one that carries the key must never go anywhere else.
   */
  redirect?: RequestRedirect;
}

/** 5,000 entries with long tracebacks stay far below this; anything bigger is not our API. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

function abortError(): DOMException {
  return new DOMException('The request was aborted by its caller.', 'AbortError');
}

/** True for the rejection of fetchLogs/fetchJson/fetchNetBoxStatus when the caller aborted. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

class TooLarge extends Error {}

/** The body as text, refusing to hold more than maxBytes. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw new TooLarge();
  }
  const stream = response.body;
  if (!stream) {
    // Some fetch stand-ins have no stream; the cap is then checked after the fact.
    const text = await response.text();
    if (text.length > maxBytes) throw new TooLarge();
    return text;
  }
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * One GET with the browser's NetBox session, as plain data for the parsers. Never throws
 * except the caller's AbortError: network errors, our deadline and oversized bodies
 * become Failures. The 'no-host-permission' kind is not decided here: a fetch the browser
 * refuses looks like any network error, so the caller that knows the permissions says so.
 */
export async function fetchAnswer(url: string, options: FetchLogsOptions = {}): Promise<FetchOutcome<RawResponse>> {
  const { signal, isOnline } = options;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  if (signal?.aborted) throw abortError();

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  // Races every await against the abort, so the deadline holds even with a fetch (or a
  // body stream) that ignores its signal.
  const abandoned = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(abortError()), { once: true });
  });
  abandoned.catch(() => {});

  try {
    const request = fetchImpl(url, {
      method: 'GET',
      credentials: options.credentials ?? 'include',
      redirect: options.redirect ?? 'follow',
      cache: 'no-store',
      headers: { Accept: 'application/json', ...options.headers },
      signal: controller.signal,
    });
    // The loser of a race must not surface later as an unhandled rejection.
    Promise.resolve(request).catch(() => {});
    const response = await Promise.race([request, abandoned]);
    const headers = Object.create(null) as Record<string, string>;
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const reading = readText(response, maxBytes);
    reading.catch(() => {});
    const bodyText = await Promise.race([reading, abandoned]);
    return {
      ok: true,
      value: {
        status: response.status,
        headers,
        url: response.url || url,
        redirected: response.redirected,
        type: response.type,
        bodyText,
      },
    };
  } catch (e) {
    if (signal?.aborted) throw abortError();
    if (timedOut) return failure('timeout', undefined, `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 100) / 10} s`}`);
    if (e instanceof TooLarge) return failure('malformed', undefined, 'answer too large');
    if (isOnline?.() === false) return failure('offline');
    const message = e instanceof Error ? e.message : String(e);
    return failure('network', undefined, safeDetail(message) || 'network error');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * GETs a logs proxy URL with the browser's NetBox session (credentials: 'include') and
 * parses the answer. Never throws: every failure is a FetchOutcome with a Failure. The
 * one exception is the caller's own abort (options.signal), which rejects with an
 * AbortError DOMException.
 */
export async function fetchLogs(url: string, options: FetchLogsOptions = {}): Promise<FetchOutcome<LogsPage>> {
  const answer = await fetchAnswer(url, options);
  return answer.ok ? parseLogsResponse(answer.value) : answer;
}

/** A JSON GET with the same rules as fetchLogs (login redirects, statuses, size cap). */
export async function fetchJson(url: string, options: FetchLogsOptions = {}): Promise<FetchOutcome<unknown>> {
  const answer = await fetchAnswer(url, options);
  return answer.ok ? classifyAnswer(answer.value) : answer;
}

export interface NetBoxStatus {
  /** e.g. "4.6.8"; '' when not logged in (NetBox tells nothing then). */
  netboxVersion: string;
  /** The netbox_proxbox plugin's version, null when the plugin is not installed (or unknown). */
  proxboxVersion: string | null;
  loggedIn: boolean;
}

const LOGGED_OUT: NetBoxStatus = { netboxVersion: '', proxboxVersion: null, loggedIn: false };

/**
 * What the options page shows about an instance: NetBox and Proxbox versions and whether
 * this browser is logged in. Being logged out is an ok value (loggedIn: false), not a
 * Failure: the address is right, the user only has to log in. /api/status/ may answer
 * anonymous users when NetBox's LOGIN_REQUIRED is off, so a 200 is confirmed with
 * /api/authentication-check/. Other problems are Failures; a 404 means no NetBox API at
 * this address (kind 'unexpected', status 404), not a missing plugin.
 */
export async function fetchNetBoxStatus(
  baseUrl: string,
  options: FetchLogsOptions = {},
): Promise<FetchOutcome<NetBoxStatus>> {
  const status = await fetchJson(joinUrl(baseUrl, '/api/status/'), options);
  if (!status.ok) {
    const f = status.failure;
    if (f.kind === 'logged-out') return { ok: true, value: { ...LOGGED_OUT } };
    if (f.status === 404) {
      return failure('unexpected', 404, 'no NetBox API at this address (/api/status/ not found): check the address and its base path');
    }
    return status;
  }
  const json = status.value;
  const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['netbox-version'] : undefined;
  if (typeof version !== 'string' || !version) {
    return failure('wrong-shape', 200, 'not a NetBox /api/status/ answer (no "netbox-version")');
  }
  const plugins = (json as Record<string, unknown>).plugins;
  const proxbox = typeof plugins === 'object' && plugins !== null ? (plugins as Record<string, unknown>).netbox_proxbox : undefined;
  const value: NetBoxStatus = {
    netboxVersion: safeDetail(version, 40),
    proxboxVersion: typeof proxbox === 'string' && proxbox ? safeDetail(proxbox, 40) : null,
    loggedIn: true,
  };

  const check = await fetchJson(joinUrl(baseUrl, '/api/authentication-check/'), options);
  if (check.ok) return { ok: true, value };
  if (check.failure.kind === 'logged-out') return { ok: true, value: { ...value, loggedIn: false } };
  // Older NetBox without the check endpoint: the status answer is all we know.
  if (check.failure.status === 404) return { ok: true, value };
  return check;
}
