import type { NetBoxInstance } from '../core/instance';
import { senderPlace, type MessageSender } from '../core/message-sender';
import type { ProtocolMap } from '../browser/messaging';

// Which sender the worker accepts each message from. Content scripts run inside NetBox's
// pages: a compromised NetBox renderer can send anything a content script can. So what
// changes settings, spends a backend key attempt, costs requests outside the views' own
// rhythm or tells about other instances comes from the extension's own pages only, and a
// content script may only ask about its own page's instance.

/** The messages the worker answers (`showLogs` goes to a tab's content script). */
export type WorkerMessage = Exclude<keyof ProtocolMap, 'showLogs'>;

export type SenderRule =
  /** The extension's own pages only (options, popup, side panel). */
  | 'extension-pages'
  /** The extension's pages for any instance; a content script for its own page's instance only. */
  | 'own-instance'
  /** A content script in a page of an added instance (the worker acts on the sender's frame). */
  | 'instance-page';

/**
 * Every message has a rule (a new message is a compile error until it has one). Why each:
 * - connectBackend: keeps an address and key, and spends one of the backend's five key
 *   attempts: a page could lock the backend out, or put its own backend in.
 * - pollNow: skips the failure backoff, so a page could make the worker hammer NetBox or
 *   the backend; only the popup's Refresh and the options check ask it.
 * - getStatus, getRecentOperations: every instance's state and addresses, and a fetch
 *   of 200 entries; only the popup and the options page ask.
 * - openLogs: opens the side panel or a tab; no content script asks.
 * - checkBackendHealth: the options page's check; it sends a request to the backend.
 * - errorsSeen: clears the badge's count; the page's panel reports its own instance's.
 * - fetchLogsPage, warmLogsPage: the page's panel reads its own instance's logs (with the
 *   key kept for it: a sender never gives a key here, and a rejected key stops them).
 * - getActiveSync: the page's panel asks whether a sync runs on its own instance's backend.
 * - openOptions: the page's panel opens the options page at its own instance.
 * - loadPanel: injects the panel script into the sender's frame: a page of an added NetBox.
 * - pageStart: the same, where the panel was left open, and the page's own instance and
 *   panel layout (what its content script may read itself).
 */
export const SENDER_RULES: Record<WorkerMessage, SenderRule> = {
  connectBackend: 'extension-pages',
  pollNow: 'extension-pages',
  getStatus: 'extension-pages',
  getRecentOperations: 'extension-pages',
  openLogs: 'extension-pages',
  checkBackendHealth: 'extension-pages',
  errorsSeen: 'own-instance',
  fetchLogsPage: 'own-instance',
  getActiveSync: 'own-instance',
  warmLogsPage: 'own-instance',
  openOptions: 'own-instance',
  loadPanel: 'instance-page',
  pageStart: 'instance-page',
};

export interface SenderRulesDeps {
  /** `runtime.getURL('')`: the extension's pages start with it. */
  extensionBase: string;
  loadInstances: () => Promise<readonly Pick<NetBoxInstance, 'id' | 'origin'>[]>;
}

/** What a refused sender gets: a rejected promise with this sentence, and nothing done. */
export function refusal(type: WorkerMessage): Error {
  return new Error(`proxbox: ${type} refused: ${SENDER_RULES[type] === 'extension-pages' ? "accepted from the extension's own pages only" : "not this page's NetBox instance"}`);
}

function instanceIdOf(data: unknown): string | null {
  const id = typeof data === 'object' && data !== null ? (data as { instanceId?: unknown }).instanceId : undefined;
  return typeof id === 'string' ? id : null;
}

/** Whether the worker accepts `type` with `data` from `sender`. */
export async function senderAllowed(type: WorkerMessage, sender: MessageSender | undefined, data: unknown, deps: SenderRulesDeps): Promise<boolean> {
  const rule = SENDER_RULES[type];
  const place = senderPlace(sender, deps.extensionBase);
  if (place.kind === 'extension') return rule !== 'instance-page';
  if (place.kind !== 'page' || rule === 'extension-pages') return false;
  const instances = await deps.loadInstances();
  if (rule === 'instance-page') return instances.some((i) => i.origin === place.origin);
  const instanceId = instanceIdOf(data);
  return instances.some((i) => i.id === instanceId && i.origin === place.origin);
}
