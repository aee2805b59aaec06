import { BACKEND_HEALTH_PATH, BACKEND_KEY_HEADER, BACKEND_LOGS_PATH } from '../core/backend-api';
import { asBackendFailure, stopsBackendRequests } from '../core/backend-failure';
import { clearBackendGate, getBackendGate, saveBackendKey } from '../browser/backend-keys';
import { normaliseBackendUrl } from '../core/instance-url';
import { buildLogsUrl, joinUrl } from '../core/logs-query';
import type { ConnectBackendAnswer, ConnectBackendRequest } from '../browser/messaging';
import { originMatchPattern } from '../core/settings';
import { loadInstances, updateInstance } from '../browser/settings-storage';
import { noteBackendFailure, type SourceDeps } from './log-sources';
import { releaseUnusedOrigins } from '../browser/origin-permissions';

// "Connect" on the options page or in the side panel: prove each step before keeping
// anything. The address must answer GET /health (no key, and it counts no failed
// attempt on the backend); then the key is tested with exactly one request. A wrong key
// costs one attempt of the five proxbox-api allows an address before locking it out for
// 300 s (NetBox's own syncs from the same address included), so it is never retried.

export async function connectBackend(request: ConnectBackendRequest, deps: SourceDeps): Promise<ConnectBackendAnswer> {
  const instance = (await loadInstances()).find((i) => i.id === request.instanceId);
  if (!instance) return { ok: false, step: 'address', failure: { kind: 'unexpected', detail: 'this NetBox instance is no longer in the list' } };
  const where = normaliseBackendUrl(request.backendUrl);
  if (!where.ok) return { ok: false, step: 'address', failure: { kind: 'no-backend-address', detail: where.reason } };
  const backendUrl = where.baseUrl;
  const named = { backendUrl };
  if (!(await deps.hasPermission(originMatchPattern(backendUrl)))) {
    return { ok: false, step: 'permission', failure: { kind: 'no-backend-permission', ...named } };
  }

  const health = await deps.fetchJson(joinUrl(backendUrl, BACKEND_HEALTH_PATH), { credentials: 'omit', isOnline: deps.isOnline });
  if (!health.ok) {
    const failure = asBackendFailure(health.failure);
    // Anything but "not reachable" at /health: something answers there, but not proxbox-api.
    const reach = failure.kind === 'backend-unreachable' || failure.kind === 'offline' || failure.kind === 'backend-timeout';
    return { ok: false, step: 'reach', failure: reach ? { ...failure, ...named } : { kind: 'backend-unreachable', ...named, detail: `${BACKEND_HEALTH_PATH} answered ${failure.status ? `HTTP ${failure.status}` : 'something else'}: is this proxbox-api?` } };
  }

  const key = request.key.trim();
  if (!key) return { ok: false, step: 'key', failure: { kind: 'key-needed', ...named } };
  const gate = await getBackendGate(instance.id);
  if (gate.blockedUntil !== undefined && gate.blockedUntil > deps.now()) {
    return { ok: false, step: 'key', failure: { kind: gate.blockedFor ?? 'rate-limited', retryAfterMs: gate.blockedUntil - deps.now(), ...named } };
  }
  const test = await deps.fetchLogs(buildLogsUrl(backendUrl, BACKEND_LOGS_PATH, { limit: 1 }), {
    isOnline: deps.isOnline,
    headers: { [BACKEND_KEY_HEADER]: key },
    credentials: 'omit',
  });
  if (!test.ok) {
    const failure = { ...asBackendFailure(test.failure), ...named };
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
