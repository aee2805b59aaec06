import type { NetBoxInstance } from '../core/instance';

// Which instances a message's sender may ask about: the extension's own pages any, a
// content script only its own page's (a NetBox page must not learn about other instances).

/** Who sent a message (runtime.MessageSender, the fields used). */
export interface MessageSenderLike {
  url?: string | undefined;
  origin?: string | undefined;
}

function senderOrigin(sender: MessageSenderLike): string | null {
  if (sender.origin) return sender.origin;
  try {
    return sender.url ? new URL(sender.url).origin : null;
  } catch {
    return null;
  }
}

/** Whether the sender may ask about the instance (no sender: the worker itself, or a test). */
export function senderMayAsk(sender: MessageSenderLike | undefined, instance: Pick<NetBoxInstance, 'origin'>, extensionOrigin: string | undefined): boolean {
  if (!sender) return true;
  const origin = senderOrigin(sender);
  const ownPage = origin !== null && extensionOrigin !== undefined && origin === extensionOrigin;
  return ownPage || origin === instance.origin;
}
