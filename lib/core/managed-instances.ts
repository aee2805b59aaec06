import type { ManagedField, NetBoxInstance } from './instance';
import type { Policy } from './policy';
import { createInstance, originMatchPattern, type InstanceSettings } from './settings';

// The administrator's instances in the stored list. An instance the policy sets works as if
// the user had added it (same alarms, content script, key, views), marked `managed` so it
// cannot be removed and the fields the policy sets cannot be edited. What the extension
// learned about it (where its logs come from, what NetBox names) is kept across policy
// changes; the policy's values are written over the stored ones each time it is applied.

export interface AppliedPolicy {
  instances: NetBoxInstance[];
  /** The user's own instances the policy no longer allows (their keys and origins go). */
  dropped: NetBoxInstance[];
  /** Backend addresses the policy replaced (their origins go when nothing else uses them). */
  replacedBackends: string[];
}

/**
 * The stored list with the policy applied: its instances first, in its order, then the
 * user's own ones while it allows them. An instance the policy stops setting stays as the
 * user's own (its key with it), so a policy that lost its list by mistake takes nothing away.
 */
export function applyPolicy(stored: readonly NetBoxInstance[], policy: Policy, now: number): AppliedPolicy {
  const byId = new Map(stored.map((i) => [i.id, i]));
  const replacedBackends: string[] = [];
  const managed = policy.instances.map((set) => {
    const before = byId.get(set.baseUrl);
    const next: NetBoxInstance = { ...(before ?? createInstance(set, now)) };
    const fields: ManagedField[] = [];
    if (set.backendUrl !== undefined) {
      if (before?.backendUrl && before.backendUrl !== set.backendUrl) replacedBackends.push(before.backendUrl);
      next.backendUrl = set.backendUrl;
      fields.push('backendUrl');
    }
    if (set.pollIntervalSec !== undefined) {
      next.pollIntervalSec = set.pollIntervalSec;
      fields.push('pollIntervalSec');
    }
    if (set.badgeLevels !== undefined) {
      next.badgeLevels = [...set.badgeLevels];
      fields.push('badgeLevels');
    }
    next.managed = { fields };
    return next;
  });
  const setIds = new Set(managed.map((i) => i.id));
  const others = stored.filter((i) => !setIds.has(i.id)).map(ownInstance);
  // Chromium drops the whole "instances" list when one entry has a wrong type, silently
  // (measured, docs/rollout.md): a policy that forbids own instances yet names none is that
  // mistake far more often than an intent, so it removes nothing (no instance, no key).
  const drop = !policy.allowUserInstances && managed.length > 0;
  return {
    instances: drop ? managed : [...managed, ...others],
    dropped: drop ? others : [],
    replacedBackends,
  };
}

function ownInstance(instance: NetBoxInstance): NetBoxInstance {
  const { managed: _managed, ...own } = instance;
  return own;
}

/** Whether the policy sets this field of the instance (or sets the instance at all, without a field). */
export function isManaged(instance: Pick<NetBoxInstance, 'managed'>, field?: ManagedField): boolean {
  if (!instance.managed) return false;
  return field === undefined || instance.managed.fields.includes(field);
}

/** An edit of an instance's settings, with the values the policy sets kept as they are. */
export function editableSettings(instance: NetBoxInstance, settings: InstanceSettings): InstanceSettings {
  return {
    ...settings,
    pollIntervalSec: isManaged(instance, 'pollIntervalSec') ? instance.pollIntervalSec : settings.pollIntervalSec,
    badgeLevels: [...(isManaged(instance, 'badgeLevels') ? instance.badgeLevels : settings.badgeLevels)],
  };
}

/** The match patterns the policy names for an instance: its NetBox, and its backend when the policy sets that. */
export function policyPatterns(instance: Pick<NetBoxInstance, 'origin' | 'backendUrl' | 'managed'>): string[] {
  if (!instance.managed) return [];
  const patterns = [originMatchPattern(instance.origin)];
  if (isManaged(instance, 'backendUrl') && instance.backendUrl) patterns.push(originMatchPattern(instance.backendUrl));
  return patterns;
}
