import { browser } from 'wxt/browser';
import { combineBadge, type CombinedBadge } from '../core/badge-states';
import type { TimeZoneChoice } from '../core/format-time';
import { instanceLabel, type NetBoxInstance } from '../core/instance';
import type { InstanceStatus } from '../browser/messaging';
import { runningSyncOf } from '../core/sync-active';
import { syncTooltip } from '../core/sync-words';
import { badgeStateOf, getInstanceState, unseenCount, type WorkerState } from '../core/worker-state';

// The toolbar badge is a function of the instances and the stored state, redrawn after
// every change; the table of what each state looks like is lib/core/badge-states.ts.

export function statusOf(instances: readonly NetBoxInstance[], state: WorkerState, now = Date.now()): InstanceStatus[] {
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
    const sync = runningSyncOf(s.sync, now, instance.pollIntervalSec * 1000);
    if (sync) status.sync = sync;
    return status;
  });
}

/** The badge; its tooltip writes a running sync's start in the views' zone. */
export function badgeOf(instances: readonly NetBoxInstance[], state: WorkerState, opts: { now?: number; zone?: TimeZoneChoice } = {}): CombinedBadge {
  const now = opts.now ?? Date.now();
  const zone = opts.zone ?? 'local';
  return combineBadge(
    statusOf(instances, state, now).map((s) => ({
      label: s.label,
      count: s.count,
      state: s.state,
      ...(s.sync ? { sync: syncTooltip(s.sync, { zone, now }) } : {}),
    })),
  );
}

export async function drawBadge(badge: CombinedBadge): Promise<void> {
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setTitle({ title: badge.title });
  // Older browsers have no setBadgeTextColor; white on the coloured badge is their default anyway.
  await browser.action.setBadgeTextColor?.({ color: '#ffffff' })?.catch?.(() => undefined);
}
