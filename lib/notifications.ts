import { browser } from 'wxt/browser';
import { focusedWindowId } from './background/open-logs';
import { instanceLabel, type NetBoxInstance } from './core/instance';
import type { LogEntry } from './core/log-types';

// Desktop notifications for new errors: one per instance and poll (batched, never one per
// entry), plain text only. The notification id carries the instance and the window that
// was focused when it was shown, so a click can open the side panel there without an
// await first (Chrome wants sidePanel.open inside the click's gesture).

const PREFIX = 'proxbox-errors';
/** Longest message excerpt shown. */
export const MESSAGE_EXCERPT_CHARS = 100;

/** The extension's own icon (public/icon/128.png, generated from docs/icon.svg). */
export const NOTIFICATION_ICON = 'icon/128.png';

/** Untrusted text as one short plain line: control characters and runs of space collapsed, cut at max with "…". */
export function plainExcerpt(text: string, max: number = MESSAGE_EXCERPT_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  return `${line.slice(0, max - 1).trimEnd()}…`;
}

/** "3 new errors on netbox.example.com" and the newest entry's message. */
export function errorNotificationText(label: string, entries: readonly Pick<LogEntry, 'id' | 'message'>[]): { title: string; message: string } {
  const n = entries.length;
  const title = `${n} new error${n === 1 ? '' : 's'} on ${label}`;
  let newest = entries[0];
  for (const e of entries) if (newest && e.id > newest.id) newest = e;
  const message = newest ? plainExcerpt(newest.message) || '(no message)' : '';
  return { title, message };
}

export function notificationId(instanceId: string, windowId: number | undefined): string {
  return `${PREFIX}:${windowId ?? -1}:${encodeURIComponent(instanceId)}`;
}

export function parseNotificationId(id: string): { instanceId: string; windowId: number | undefined } | null {
  const match = /^proxbox-errors:(-?\d+):(.+)$/.exec(id);
  if (!match) return null;
  try {
    const windowId = Number(match[1]);
    return { instanceId: decodeURIComponent(match[2] ?? ''), windowId: windowId >= 0 ? windowId : undefined };
  } catch {
    return null;
  }
}

/** Shows (or replaces) the instance's notification for the entries a poll newly counted. */
export async function notifyNewErrors(instance: NetBoxInstance, entries: readonly LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { title, message } = errorNotificationText(instanceLabel(instance), entries);
  const windowId = await focusedWindowId();
  // One notification per instance: clear the previous one so a new batch replaces it.
  const all = await browser.notifications.getAll().catch(() => ({}) as Record<string, unknown>);
  for (const id of Object.keys(all ?? {})) {
    if (parseNotificationId(id)?.instanceId === instance.id) await browser.notifications.clear(id);
  }
  await browser.notifications.create(notificationId(instance.id, windowId), {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title,
    message,
  });
}
