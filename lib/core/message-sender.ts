// Who sent a runtime message, as the worker may trust it: the browser fills in the sender's
// address (a compromised NetBox renderer cannot claim an extension page's), so it tells
// the extension's own pages apart from content scripts in web pages.

/** runtime.MessageSender, the fields used. */
export interface MessageSender {
  url?: string | undefined;
  origin?: string | undefined;
}

export type SenderPlace =
  /** One of the extension's own pages: options, popup, side panel. */
  | { kind: 'extension' }
  /** A content script in a web page of this origin. */
  | { kind: 'page'; origin: string }
  /** No address to go by (or an opaque one, like a sandboxed frame's): trusted with nothing. */
  | { kind: 'unknown' };

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Where a message comes from. `extensionBase` is `runtime.getURL('')`
 * ("chrome-extension://<id>/"): compared as text, because URL parsers give a non-web scheme
 * the opaque origin "null", which a sandboxed frame has too. Chrome gives `origin` as well
 * as `url` (the frame's origin, "null" when sandboxed); Firefox gives `url` alone.
 */
export function senderPlace(sender: MessageSender | undefined, extensionBase: string): SenderPlace {
  const url = typeof sender?.url === 'string' ? sender.url : '';
  const origin = typeof sender?.origin === 'string' ? sender.origin : undefined;
  if (extensionBase && url.startsWith(extensionBase) && (origin === undefined || `${origin}/` === extensionBase)) {
    return { kind: 'extension' };
  }
  if (origin !== undefined) {
    // The frame's own origin is the one to trust: a sandboxed frame has a URL but no origin.
    return origin === 'null' || `${origin}/` === extensionBase ? { kind: 'unknown' } : { kind: 'page', origin };
  }
  const fromUrl = url && !url.startsWith(extensionBase) ? originOf(url) : null;
  return fromUrl ? { kind: 'page', origin: fromUrl } : { kind: 'unknown' };
}
