import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { readSecret, writeSecret } from './secret-store';

// Where the backend API keys live: the extension origin's IndexedDB (./secret-store.ts), or
// storage.session when the user keeps a key only until the browser closes; never
// storage.local or storage.sync. Content scripts can reach storage.local, not those two (a
// content script's IndexedDB is the web page's; storage.session is for the extension's own
// contexts by default), and only the worker and the extension's own pages import this
// module: a key never enters a web page's process. A key is bound to the backend address it was accepted
// for: another address means no key (a key is never sent to an address it was not
// given for).
//
// The gate beside it: after the backend rejected a key, or locked this address out,
// nothing is sent until the user enters a key again, or until Retry-After has passed
// (proxbox-api locks an address out for 300 s after 5 failed keys, NetBox's syncs too).

export interface BackendKey {
  key: string;
  /** The backend address the key was entered for. */
  backendUrl: string;
}

export interface BackendGate {
  /** The backend's words when it rejected the key (e.g. "Invalid API key. 3 attempts remaining."). */
  rejected?: string;
  /** 401 "No API key configured": the backend has no key at all. */
  notRegistered?: boolean;
  /** ms since epoch before which nothing is sent (429 Retry-After). */
  blockedUntil?: number;
  /** Which 429: the lockout after wrong keys, or the rate limit. */
  blockedFor?: 'locked-out' | 'rate-limited';
}

type KeyMap = Record<string, BackendKey>;
type GateMap = Record<string, BackendGate>;

/** An item defined on first use: WXT imports entrypoints in Node during the build. */
function lazyItem<T>(key: `local:${string}` | `session:${string}`): () => WxtStorageItem<T, Record<string, unknown>> {
  let item: WxtStorageItem<T, Record<string, unknown>> | undefined;
  return () => (item ??= storage.defineItem<T>(key, { fallback: {} as T }));
}

const items = {
  session: lazyItem<KeyMap>('session:backend-keys'),
  /** Where earlier versions kept keys, readable by content scripts: moved out at the first read. */
  legacy: lazyItem<KeyMap>('local:backend-keys'),
  gates: lazyItem<GateMap>('local:backend-gates'),
};

/** The record of the keys kept for good in ./secret-store.ts. */
const KEPT = 'backend-keys';

/** Moves the keys an earlier version left in storage.local into the secret store (checked at each read: one cheap get). */
async function moveLegacyKeys(): Promise<void> {
  const legacy = await items.legacy().getValue();
  if (typeof legacy !== 'object' || legacy === null || Object.keys(legacy).length === 0) return;
  const kept = (await readSecret<KeyMap>(KEPT)) ?? {};
  await writeSecret(KEPT, { ...legacy, ...kept });
  await items.legacy().removeValue();
}

/** Each area's whole map of keys. */
const areas = {
  session: { get: () => items.session().getValue(), set: (map: KeyMap) => items.session().setValue(map) },
  local: {
    get: async () => {
      await moveLegacyKeys();
      return readSecret<KeyMap>(KEPT);
    },
    set: (map: KeyMap) => writeSecret(KEPT, map),
  },
};

function isKey(value: unknown): value is BackendKey {
  return typeof value === 'object' && value !== null && typeof (value as BackendKey).key === 'string' && typeof (value as BackendKey).backendUrl === 'string';
}

async function read(which: 'local' | 'session'): Promise<KeyMap> {
  try {
    const map = await areas[which].get();
    return typeof map === 'object' && map !== null ? map : {};
  } catch {
    return {}; // storage.session is missing in old browsers: nothing kept there (and no key is no request)
  }
}

/** The key for this instance at this backend address, or null. */
export async function getBackendKey(instanceId: string, backendUrl: string | null): Promise<string | null> {
  if (!backendUrl) return null;
  for (const which of ['session', 'local'] as const) {
    const found = (await read(which))[instanceId];
    if (isKey(found) && found.key && found.backendUrl === backendUrl) return found.key;
  }
  return null;
}

/** Whether a key is kept until the browser closes (storage.session) rather than in local storage. */
export async function keptForSession(instanceId: string): Promise<boolean> {
  return isKey((await read('session'))[instanceId]);
}

/** Stores a key the backend accepted, in one of the two areas (and drops it from the other). */
export async function saveBackendKey(instanceId: string, value: BackendKey, options: { session: boolean }): Promise<void> {
  const keep = options.session ? 'session' : 'local';
  const drop = options.session ? 'local' : 'session';
  await areas[keep].set({ ...(await read(keep)), [instanceId]: { key: value.key, backendUrl: value.backendUrl } });
  const other = await read(drop);
  if (other[instanceId]) {
    delete other[instanceId];
    await areas[drop].set(other).catch(() => undefined);
  }
  await clearBackendGate(instanceId);
}

/** Forgets an instance's key (rejected, removed instance, changed address). */
export async function dropBackendKey(instanceId: string): Promise<void> {
  for (const which of ['local', 'session'] as const) {
    const map = await read(which);
    if (!map[instanceId]) continue;
    delete map[instanceId];
    await areas[which].set(map).catch(() => undefined);
  }
}

export async function getBackendGate(instanceId: string): Promise<BackendGate> {
  const gates = await items.gates().getValue();
  return gates?.[instanceId] ?? {};
}

export async function setBackendGate(instanceId: string, gate: BackendGate): Promise<void> {
  const gates = { ...(await items.gates().getValue()) };
  gates[instanceId] = gate;
  await items.gates().setValue(gates);
}

export async function clearBackendGate(instanceId: string): Promise<void> {
  const gates = { ...(await items.gates().getValue()) };
  if (!(instanceId in gates)) return;
  delete gates[instanceId];
  await items.gates().setValue(gates);
}

/** Everything kept for an instance, when it is removed. */
export async function forgetBackend(instanceId: string): Promise<void> {
  await dropBackendKey(instanceId);
  await clearBackendGate(instanceId);
}

/** Calls back with the instances whose gate was closed by a rejected key (to stop what already runs, like a stream). */
export function watchRejectedKeys(cb: (instanceIds: string[]) => void): () => void {
  return items.gates().watch((gates) => {
    const rejected = Object.entries(gates ?? {})
      .filter(([, gate]) => gate.rejected !== undefined || gate.notRegistered)
      .map(([id]) => id);
    if (rejected.length > 0) cb(rejected);
  });
}
