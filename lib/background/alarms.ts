import { browser } from 'wxt/browser';
import type { NetBoxInstance } from '../core/instance';

// One alarm per instance, `poll:<instanceId>`, firing every pollIntervalSec. Alarms
// survive the worker being stopped; syncAlarms runs on every worker start and whenever
// the instances change, so they also follow interval edits and removed instances.

export const ALARM_PREFIX = 'poll:';

export function alarmName(instanceId: string): string {
  return `${ALARM_PREFIX}${instanceId}`;
}

export function instanceIdOfAlarm(name: string): string | null {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : null;
}

export function periodInMinutes(instance: Pick<NetBoxInstance, 'pollIntervalSec'>): number {
  return instance.pollIntervalSec / 60;
}

export async function syncAlarms(instances: readonly NetBoxInstance[]): Promise<void> {
  const wanted = new Map(instances.map((i) => [alarmName(i.id), periodInMinutes(i)]));
  const existing = await browser.alarms.getAll();
  for (const alarm of existing) {
    if (alarm.name.startsWith(ALARM_PREFIX) && !wanted.has(alarm.name)) await browser.alarms.clear(alarm.name);
  }
  for (const [name, period] of wanted) {
    const alarm = existing.find((a) => a.name === name);
    // Re-creating an alarm restarts its schedule: only when it is missing or its period changed.
    if (alarm && alarm.periodInMinutes !== undefined && Math.abs(alarm.periodInMinutes - period) < 1e-9) continue;
    await browser.alarms.create(name, { periodInMinutes: period, delayInMinutes: period });
  }
}
