import { asBackendFailure, stopsBackendRequests } from '../backend-failure';
import { dropBackendKey, getBackendGate, getBackendKey, setBackendGate, type BackendGate } from '../backend-keys';
import type { Failure, FetchOutcome } from '../failure';
import type { FetchLogsOptions } from '../fetch-logs';
import type { NetBoxInstance } from '../instance';
import type { LogSource, PageOptions } from '../log-source';
import type { LogsPage, LogsQuery } from '../log-types';
import { buildLogsUrl } from '../logs-query';
import { originMatchPattern } from '../settings';
import { adoptBackend } from './adopt-backend';

// The worker's log sources, chosen per instance in one place (logSourceFor). The worker
// is the only place that talks to proxbox-api: a content script never holds the key, and
// a web page's fetch would be refused by the backend's CORS anyway (contract §3).

export interface SourceDeps {
  fetchLogs: (url: string, options?: FetchLogsOptions) => Promise<FetchOutcome<LogsPage>>;
  /** Any other JSON GET (the backend's /health). */
  fetchJson: (url: string, options?: FetchLogsOptions) => Promise<FetchOutcome<unknown>>;
  now: () => number;
  isOnline: () => boolean;
  /** Whether the extension may reach an origin (a match pattern). */
  hasPermission: (pattern: string) => Promise<boolean>;
}

/** proxbox-api's logs path (contract §3), and its unauthenticated reachability probe. */
export const BACKEND_LOGS_PATH = '/admin/logs';
export const BACKEND_HEALTH_PATH = '/health';
/** The header proxbox-api reads the key from; the key never goes into a URL. */
export const BACKEND_KEY_HEADER = 'X-Proxbox-API-Key';

function fail(kind: Failure['kind'], extra: Partial<Failure> = {}): { ok: false; failure: Failure } {
  return { ok: false, failure: { kind, ...extra } };
}

/** NetBox's logs proxy with the browser's NetBox session. */
export function netboxSource(instance: NetBoxInstance, deps: SourceDeps): LogSource {
  return {
    via: 'netbox',
    fetchPage(query, options = {}) {
      const url = buildLogsUrl(instance.baseUrl, instance.proxyPath, query);
      return deps.fetchLogs(url, { isOnline: deps.isOnline, ...options });
    },
  };
}

/** Why nothing may be sent now (a closed gate), or null. */
function gateFailure(gate: BackendGate, now: number): Failure | null {
  if (gate.blockedUntil !== undefined && gate.blockedUntil > now) {
    return { kind: gate.blockedFor ?? 'rate-limited', retryAfterMs: gate.blockedUntil - now };
  }
  return null;
}

/**
 * proxbox-api itself, with the key the user gave. Every request that could fail
 * authentication is sent once: a 401 drops the key and closes the gate (nothing more is
 * sent until the user enters a key again); a 429 closes it until its Retry-After.
 */
export function backendSource(instance: NetBoxInstance, deps: SourceDeps): LogSource {
  return {
    via: 'backend',
    async fetchPage(query: LogsQuery, options: PageOptions = {}) {
      const backendUrl = instance.backendUrl;
      if (!backendUrl) return fail('no-backend-address');
      const outcome = await fetchWithKey(instance, backendUrl, query, options);
      // Every failure names the address, so the sentences can.
      return outcome.ok ? outcome : { ok: false, failure: { ...outcome.failure, backendUrl } };
    },
  };

  async function fetchWithKey(instance: NetBoxInstance, backendUrl: string, query: LogsQuery, options: PageOptions): Promise<FetchOutcome<LogsPage>> {
    const gate = await getBackendGate(instance.id);
    const closed = gateFailure(gate, deps.now());
    if (closed) return { ok: false, failure: closed };
    const key = await getBackendKey(instance.id, backendUrl);
    if (!key) {
      if (gate.notRegistered) return fail('key-not-registered');
      return gate.rejected !== undefined ? fail('key-rejected', { detail: gate.rejected }) : fail('key-needed');
    }
    if (!(await deps.hasPermission(originMatchPattern(backendUrl)))) return fail('no-backend-permission');
    const outcome = await deps.fetchLogs(buildLogsUrl(backendUrl, BACKEND_LOGS_PATH, query), {
      isOnline: deps.isOnline,
      ...options,
      headers: { [BACKEND_KEY_HEADER]: key },
      credentials: 'omit',
    });
    if (outcome.ok) return outcome;
    const failure = asBackendFailure(outcome.failure);
    await closeGate(instance, failure, deps.now());
    return { ok: false, failure };
  }
}

async function closeGate(instance: NetBoxInstance, failure: Failure, now: number): Promise<void> {
  if (stopsBackendRequests(failure)) {
    // Dropping the key is what makes every other caller (badge, views) stop before sending.
    await dropBackendKey(instance.id);
    await setBackendGate(instance.id, failure.kind === 'key-not-registered' ? { notRegistered: true } : { rejected: failure.detail ?? '' });
  } else if ((failure.kind === 'locked-out' || failure.kind === 'rate-limited') && failure.retryAfterMs) {
    await setBackendGate(instance.id, { blockedUntil: now + failure.retryAfterMs, blockedFor: failure.kind });
  }
}

/** The one place that decides how an instance's logs are read. */
export function logSourceFor(instance: NetBoxInstance, deps: SourceDeps): LogSource {
  return instance.logsVia === 'backend' ? backendSource(instance, deps) : netboxSource(instance, deps);
}

/**
 * An instance's logs, whichever way: when NetBox's plugin answers with where the backend
 * is instead of logs (every released plugin, contract §2a), the instance switches to
 * reading from the backend (lib/background/adopt-backend.ts) and is asked that way.
 */
export function readLogs(instance: NetBoxInstance, deps: SourceDeps): LogSource {
  const source = logSourceFor(instance, deps);
  return {
    via: source.via,
    async fetchPage(query, options) {
      const outcome = await source.fetchPage(query, options);
      if (outcome.ok || outcome.failure.kind !== 'discovery') return outcome;
      const adopted = await adoptBackend(instance.id, outcome.failure.backendUrl ?? '');
      return adopted ? backendSource(adopted, deps).fetchPage(query, options) : outcome;
    },
  };
}
