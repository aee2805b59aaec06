import type { NetBoxInstance } from './instance';

// Typed, versioned settings in storage.local (never sync: instance URLs are the user's
// infrastructure). Implemented with WXT's storage (wxt/utils/storage) and its migrations.

export async function loadInstances(): Promise<NetBoxInstance[]> {
  throw new Error('not implemented');
}

/** Calls back with the new list whenever instances change (options page edits). */
export function watchInstances(cb: (instances: NetBoxInstance[]) => void): () => void {
  throw new Error('not implemented');
}
