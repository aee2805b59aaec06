import { forgetInstances } from '../browser/forget-instances';
import { readManagedPolicy } from '../browser/managed-policy';
import { releaseUnusedOrigins } from '../browser/origin-permissions';
import { loadInstances, saveInstances } from '../browser/settings-storage';
import { applyPolicy } from '../core/managed-instances';
import type { Policy } from '../core/policy';
import { originMatchPattern } from '../core/settings';

// The worker writes the administrator's instances into the stored list (on every start, on
// a change of policy, and after every change of the list, so an edit can never undo the
// policy). Everything else reads that one list and so treats them as the user's own.

/** Applies the policy to the stored list; says whether the list changed. */
export async function applyManagedPolicy(read: () => Promise<Policy> = readManagedPolicy, now: number = Date.now()): Promise<boolean> {
  const [policy, stored] = await Promise.all([read(), loadInstances()]);
  const applied = applyPolicy(stored, policy, now);
  if (JSON.stringify(applied.instances) === JSON.stringify(stored)) return false;
  await saveInstances(applied.instances);
  await forgetInstances(applied.dropped, applied.instances);
  // A replaced address's key is void already (keys are bound to their address).
  const replaced = applied.replacedBackends.map((url) => originMatchPattern(url));
  if (replaced.length > 0) await releaseUnusedOrigins(replaced, applied.instances);
  return true;
}
