import { browser } from 'wxt/browser';
import { combineBadge, type CombinedBadge } from '../core/badge-states';
import { instanceLabel, type NetBoxInstance } from '../core/instance';
import type { InstanceStatus } from '../browser/messaging';
import { badgeStateOf, getInstanceState, unseenCount, type WorkerState } from '../core/worker-state';

// The toolbar badge is a function of the instances and the stored state, redrawn after
// every change; the table of what each state looks like is lib/core/badge-states.ts.

export function statusOf(instances: readonly NetBoxInstance[], state: WorkerState): InstanceStatus[] {
  return instances.map((instance) => {
    const s = getInstanceState(state, instance.id);
    const status: InstanceStatus = {
      instanceId: instance.id,
      label: instanceLabel(instance),
      baseUrl: instance.baseUrl,
      count: unseenCount(s),
      state: badgeStateOf(s),
      lastSuccessAt: s.lastSuccessAt,
    };
    if (s.failure) status.lastError = s.failure;
    return status;
  });
}

export function badgeOf(instances: readonly NetBoxInstance[], state: WorkerState): CombinedBadge {
  return combineBadge(statusOf(instances, state).map((s) => ({ label: s.label, count: s.count, state: s.state })));
}

export async function drawBadge(badge: CombinedBadge): Promise<void> {
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setTitle({ title: badge.title });
  // Older browsers have no setBadgeTextColor; white on the coloured badge is their default anyway.
  await browser.action.setBadgeTextColor?.({ color: '#ffffff' })?.catch?.(() => undefined);
}
