import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { NetBoxInstance } from '../core/instance';
import { editableSettings, isManaged } from '../core/managed-instances';
import { INSTANCES_STORAGE_VERSION, instancesMigrations, repairInstances, type InstanceSettings } from '../core/settings';

// Typed, versioned settings in storage.local (never sync: instance URLs are the user's
// infrastructure). Implemented with WXT's storage (wxt/utils/storage) and its migrations.
// The item is defined on first use, not at import time: WXT imports entrypoints in Node
// during the build, where there is no browser.storage.

let item: WxtStorageItem<NetBoxInstance[], Record<string, unknown>> | undefined;

export function instancesItem(): WxtStorageItem<NetBoxInstance[], Record<string, unknown>> {
  item ??= storage.defineItem<NetBoxInstance[]>('local:instances', {
    version: INSTANCES_STORAGE_VERSION,
    fallback: [],
    migrations: instancesMigrations,
  });
  return item;
}

export async function loadInstances(): Promise<NetBoxInstance[]> {
  return repairInstances(await instancesItem().getValue());
}

/** Calls back with the new list whenever instances change (options page edits). */
export function watchInstances(cb: (instances: NetBoxInstance[]) => void): () => void {
  return instancesItem().watch((value) => cb(repairInstances(value)));
}

export async function saveInstances(instances: NetBoxInstance[]): Promise<void> {
  await instancesItem().setValue(instances);
}

/** Adds an instance (or leaves the list alone when one with its id exists). Returns the list. */
export async function addInstance(instance: NetBoxInstance): Promise<NetBoxInstance[]> {
  const list = await loadInstances();
  if (list.some((i) => i.id === instance.id)) return list;
  const next = [...list, instance];
  await saveInstances(next);
  return next;
}

export async function removeInstance(id: string): Promise<NetBoxInstance[]> {
  const list = await loadInstances();
  const next = list.filter((i) => i.id !== id);
  if (next.length !== list.length) await saveInstances(next);
  return next;
}

/** Saves an edit of an instance's settings; what the administrator's policy sets stays. */
export async function updateInstanceSettings(id: string, settings: InstanceSettings): Promise<NetBoxInstance[]> {
  const list = await loadInstances();
  const next = list.map((i) => (i.id === id ? { ...i, ...editableSettings(i, settings) } : i));
  await saveInstances(next);
  return next;
}

/** Changes one instance in place (where it reads its logs from); returns it, or null when it is gone. */
export async function updateInstance(
  id: string,
  patch: Partial<Pick<NetBoxInstance, 'logsVia' | 'backendUrl' | 'backendUrlFromNetBox'>>,
): Promise<NetBoxInstance | null> {
  const list = await loadInstances();
  const found = list.find((i) => i.id === id);
  if (!found) return null;
  // A backend address the policy sets is the only one this instance uses.
  const next = { ...found, ...patch, ...(isManaged(found, 'backendUrl') ? { backendUrl: found.backendUrl } : {}) };
  await saveInstances(list.map((i) => (i.id === id ? next : i)));
  return next;
}
