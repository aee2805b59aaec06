import { BACKEND_LOGS_PATH } from '../core/backend-api';
import { stopsBackendRequests } from '../core/backend-failure';
import { dropBackendKey, getBackendGate, getBackendKey, setBackendGate, type BackendGate } from '../browser/backend-keys';
import type { Failure, FetchOutcome } from '../core/failure';
import type { FetchLogsOptions } from '../core/fetch-logs';
import type { NetBoxInstance } from '../core/instance';
import type { LogSource, PageOptions } from '../core/log-source';
import type { LogsPage, LogsQuery } from '../core/log-types';
import { buildLogsUrl } from '../core/logs-query';
import { originMatchPattern } from '../core/settings';
import { adoptBackend } from './adopt-backend';
import { backendRequestOptions, explainBackendFailure, type BackendNet } from './backend-net';

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
  /** How the backend is reached (./backend-net.ts); tests leave it out and stub fetchLogs. */
  backendNet?: BackendNet;
}

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

/** What a request to the backend needs, or why nothing may be sent now. */
export type BackendAccess = { ok: true; backendUrl: string; key: string } | { ok: false; failure: Failure };

/**
 * The address, the key and the permission for a request to the instance's backend; a
 * closed gate (a rejected key, a lockout's Retry-After) or a missing piece answers why
 * not, without anything sent. Every failure names the address, so the sentences can.
 */
export async function backendAccess(instance: NetBoxInstance, deps: Pick<SourceDeps, 'now' | 'hasPermission'>): Promise<BackendAccess> {
  const backendUrl = instance.backendUrl;
  if (!backendUrl) return fail('no-backend-address');
  const named = { backendUrl };
  const gate = await getBackendGate(instance.id);
  const closed = gateFailure(gate, deps.now());
  if (closed) return { ok: false, failure: { ...closed, ...named } };
  const key = await getBackendKey(instance.id, backendUrl);
  if (!key) {
    if (gate.notRegistered) return fail('key-not-registered', named);
    return gate.rejected !== undefined ? fail('key-rejected', { detail: gate.rejected, ...named }) : fail('key-needed', named);
  }
  if (!(await deps.hasPermission(originMatchPattern(backendUrl)))) return fail('no-backend-permission', named);
  return { ok: true, backendUrl, key };
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
      const access = await backendAccess(instance, deps);
      if (!access.ok) return access;
      const url = buildLogsUrl(access.backendUrl, BACKEND_LOGS_PATH, query);
      const since = Date.now();
      const outcome = await deps.fetchLogs(url, { isOnline: deps.isOnline, ...options, ...backendRequestOptions(deps.backendNet, url, access.key) });
      if (outcome.ok) return outcome;
      const failure: Failure = { ...(await explainBackendFailure(deps.backendNet, url, since, outcome.failure)), backendUrl: access.backendUrl };
      await noteBackendFailure(instance, failure, deps.now());
      return { ok: false, failure };
    },
  };
}

/** What a failed backend request means for the next ones: a rejected key closes the gate, a 429 until its Retry-After. */
export async function noteBackendFailure(instance: Pick<NetBoxInstance, 'id'>, failure: Failure, now: number): Promise<void> {
  if (stopsBackendRequests(failure)) {
    // Dropping the key is what makes every other caller (badge, views, stream) stop before sending.
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
