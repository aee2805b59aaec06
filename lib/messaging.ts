import { defineExtensionMessaging } from '@webext-core/messaging';

// Typed messages between the views (content panel, side panel, popup, options) and the
// background worker. Add a message here, not ad-hoc runtime.sendMessage calls.

export interface ProtocolMap {
  /** A view showed the newest error entries of an instance: the badge count for it is cleared. */
  errorsSeen(data: { instanceId: string; newestId: number }): void;
  /** Poll now (all instances, or one); used by "Refresh" and by tests. */
  pollNow(data: { instanceId?: string }): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
