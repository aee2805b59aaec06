import { browser } from 'wxt/browser';
import { NO_POLICY, readPolicy, type Policy } from '../core/policy';
import { pollIntervalFloorSec } from '../core/settings';

// The administrator's policy as the browser hands it over: storage.managed, read-only.
// Chrome fills it from the `3rdparty` extension policy after checking it against
// public/managed_schema.json, Firefox from policies.json's `3rdparty` as written
// (docs/rollout.md says what each one passes on). Chrome tells of a change while it runs
// (storage.onChanged, area "managed"); Firefox reads policies when it starts.

/** The policy now, checked (lib/core/policy.ts); no policy when the browser has none to give. */
export async function readManagedPolicy(floorSec: number = pollIntervalFloorSec()): Promise<Policy> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    // Firefox rejects when no policy names the extension ("Managed storage manifest not found").
    return { ...NO_POLICY, problems: [] };
  }
  return readPolicy(raw, floorSec);
}

/** Calls back whenever the browser reports a change of policy. */
export function watchManagedPolicy(onChange: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
