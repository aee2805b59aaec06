import { BACKEND_HEALTH_PATH, BACKEND_LOGS_PATH } from '../core/backend-api';
import { stopsBackendRequests } from '../core/backend-failure';
import type { FetchOutcome } from '../core/failure';
import { clearBackendGate, getBackendGate, saveBackendKey } from '../browser/backend-keys';
import { normaliseBackendUrl } from '../core/instance-url';
import { isManaged } from '../core/managed-instances';
import { buildLogsUrl, joinUrl } from '../core/logs-query';
import type { ConnectBackendAnswer, ConnectBackendRequest } from '../browser/messaging';
import { originMatchPattern } from '../core/settings';
import { loadInstances, updateInstance } from '../browser/settings-storage';
import { noteBackendFailure, type SourceDeps } from './log-sources';
import { releaseUnusedOrigins } from '../browser/origin-permissions';
import { backendRequestOptions, explainBackendFailure } from './backend-net';

// "Connect" on the options page or in the side panel: prove each step before keeping
// anything. The address must answer GET /health (no key, and it counts no failed
// attempt on the backend); then the key is tested with exactly one request. A wrong key
// costs one attempt of the five proxbox-api allows an address before locking it out for
// 300 s (NetBox's own syncs from the same address included), so it is never retried.

/** GET /health of an address, without a key, as every backend request goes (no redirects, certificates named). */
export async function checkHealth(backendUrl: string, deps: SourceDeps): Promise<FetchOutcome<unknown>> {
  const url = joinUrl(backendUrl, BACKEND_HEALTH_PATH);
  const since = Date.now();
  const health = await deps.fetchJson(url, { isOnline: deps.isOnline, ...backendRequestOptions(deps.backendNet, url) });
  if (health.ok) return health;
  return { ok: false, failure: { ...(await explainBackendFailure(deps.backendNet, url, since, health.failure)), backendUrl } };
}

export async function connectBackend(request: ConnectBackendRequest, deps: SourceDeps): Promise<ConnectBackendAnswer> {
  const instance = (await loadInstances()).find((i) => i.id === request.instanceId);
  if (!instance) return { ok: false, step: 'address', failure: { kind: 'unexpected', detail: 'this NetBox instance is no longer in the list' } };
  // Where the administrator's policy sets the address, the key goes there and nowhere else.
  const where = normaliseBackendUrl(isManaged(instance, 'backendUrl') && instance.backendUrl ? instance.backendUrl : request.backendUrl);
  if (!where.ok) return { ok: false, step: 'address', failure: { kind: 'no-backend-address', detail: where.reason } };
  const backendUrl = where.baseUrl;
  const named = { backendUrl };
  if (!(await deps.hasPermission(originMatchPattern(backendUrl)))) {
    return { ok: false, step: 'permission', failure: { kind: 'no-backend-permission', ...named } };
  }

  // The key goes out only after /health, without it, has answered: the TLS handshake with
  // this address succeeded, and it did not redirect.
  const health = await checkHealth(backendUrl, deps);
  if (!health.ok) {
    const failure = health.failure;
    // Anything but these at /health: something answers there, but not proxbox-api.
    const reach = ['backend-unreachable', 'offline', 'backend-timeout', 'backend-certificate', 'backend-redirect'].includes(failure.kind);
    return { ok: false, step: 'reach', failure: reach ? { ...failure, ...named } : { kind: 'backend-unreachable', ...named, detail: `${BACKEND_HEALTH_PATH} answered ${failure.status ? `HTTP ${failure.status}` : 'something else'}: is this proxbox-api?` } };
  }

  const key = request.key.trim();
  if (!key) return { ok: false, step: 'key', failure: { kind: 'key-needed', ...named } };
  const gate = await getBackendGate(instance.id);
  if (gate.blockedUntil !== undefined && gate.blockedUntil > deps.now()) {
    return { ok: false, step: 'key', failure: { kind: gate.blockedFor ?? 'rate-limited', retryAfterMs: gate.blockedUntil - deps.now(), ...named } };
  }
  const testUrl = buildLogsUrl(backendUrl, BACKEND_LOGS_PATH, { limit: 1 });
  const testSince = Date.now();
  const test = await deps.fetchLogs(testUrl, { isOnline: deps.isOnline, ...backendRequestOptions(deps.backendNet, testUrl, key) });
  if (!test.ok) {
    const failure = { ...(await explainBackendFailure(deps.backendNet, testUrl, testSince, test.failure)), ...named };
    // A 429 closes the gate for everyone; a wrong key typed here leaves the kept one alone.
    if (!stopsBackendRequests(failure)) await noteBackendFailure(instance, failure, deps.now());
    return { ok: false, step: 'key', failure };
  }

  await saveBackendKey(instance.id, { key, backendUrl }, { session: request.session });
  await clearBackendGate(instance.id);
  const updated = await updateInstance(instance.id, { logsVia: 'backend', backendUrl });
  // A new address: the old one's permission goes unless something still uses it (the
  // key was bound to the old address, so it is gone already).
  if (instance.backendUrl && instance.backendUrl !== backendUrl) {
    const others = (await loadInstances()).map((i) => (i.id === instance.id && updated ? updated : i));
    await releaseUnusedOrigins([originMatchPattern(instance.backendUrl)], others);
  }
  return { ok: true };
}
