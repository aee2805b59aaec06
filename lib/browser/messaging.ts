import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Failure, FailureKind, FetchOutcome } from '../core/failure';
import type { LogsPage, LogsQuery } from '../core/log-types';
import type { PageStart } from '../core/page-instance';
import type { RunningSync } from '../core/sync-active';
import type { RecentOperation } from '../core/worker-state';

// Typed messages between the views (content panel, side panel, popup, options) and the
// background worker. Add a message here, not ad-hoc runtime.sendMessage calls.

/** What the worker knows about one instance (getStatus). */
export interface InstanceStatus {
  instanceId: string;
  /** "netbox.example.com" */
  label: string;
  baseUrl: string;
  /** New entries that count for the badge since the user last saw them. */
  count: number;
  state: 'ok' | FailureKind;
  /** ms since epoch of the last successful poll, null before the first. */
  lastSuccessAt: number | null;
  /** The last poll's failure (absent when it succeeded). */
  lastError?: Failure;
  /** The sync running now, as the last badge poll found it (direct mode only; absent: none, or not known). */
  sync?: RunningSync;
}

export interface RecentOperationsAnswer {
  /** Distinct operation ids, newest first (what the worker fetched merged with what it recorded). */
  operations: RecentOperation[];
  /** Why the fresh fetch failed (the recorded operations are still returned). */
  failure?: Failure;
}

/** Where to open the logs, and with which filter (From/To as ISO instants). */
export interface OpenLogsRequest {
  instanceId?: string;
  operationId?: string;
  errorsOnly?: boolean;
  from?: string;
  to?: string;
}

/** The popup's "Show logs" to a NetBox tab's panel: the filters to show (From/To as ISO instants). */
export interface ShowLogsRequest {
  operationId?: string;
  errorsOnly?: boolean;
  from?: string;
  to?: string;
}

/** A view's request for one logs page (lib/background/shared-fetch.ts). */
export interface SharedFetchRequest {
  instanceId: string;
  query: LogsQuery;
  /** Bypass the reuse of a completed answer (a Refresh the user asked for). */
  force?: boolean;
  /** Longest age of a completed answer that may be reused (ms). */
  maxAgeMs?: number;
  /** The view's own deadline for the request (ms). */
  timeoutMs?: number;
  /** The asking view shows new entries at once (top of its list): it reports errors seen itself. */
  seesNewest?: boolean;
}

/** The user's backend address and key for an instance, from an extension page's form. */
export interface ConnectBackendRequest {
  instanceId: string;
  backendUrl: string;
  key: string;
  /** Keep the key only until the browser closes (storage.session). */
  session: boolean;
}

/** What connecting found: ok, or the failure of the step that stopped it. */
export type ConnectBackendAnswer = { ok: true } | { ok: false; failure: Failure; step: 'address' | 'permission' | 'reach' | 'key' };

/**
 * The live stream's port (lib/background/live-stream.ts): a view connects a runtime port
 * with this name, says which instance it shows (LiveHello), and the worker rings
 * (LiveRing) whenever the backend's stream brings entries.
 */
export const LIVE_PORT = 'proxbox-live';

export interface LiveHello {
  instanceId: string;
}

export interface LiveRing {
  newestId: number;
}

export interface ProtocolMap {
  /** A view showed the newest error entries of an instance: the badge count for it is cleared. */
  errorsSeen(data: { instanceId: string; newestId: number }): void;
  /** Poll now (all instances, or one); used by "Refresh" and by tests. Skips the failure backoff, not Retry-After. */
  pollNow(data: { instanceId?: string }): void;
  /** Every instance's count and state, in the order of the options page. */
  getStatus(): InstanceStatus[];
  /** The worker GETs the instance's newest 200 entries (unfiltered) and lists their operation ids. */
  getRecentOperations(data: { instanceId: string }): RecentOperationsAnswer;
  /**
   * The worker opens the side panel (or a tab) on these logs. Without a user gesture Chrome
   * refuses the side panel, so views call lib/browser/open-logs.ts themselves in a click.
   */
  openLogs(data: OpenLogsRequest): void;
  /**
   * To a tab's content script (sendMessage('showLogs', data, tabId)): open the in-page panel
   * filtered to this operation / to errors / to a time range. Sent by the popup's "Show logs".
   */
  showLogs(data: ShowLogsRequest): void;
  /**
   * Views share one poller: the worker fetches a page once for every view asking the same
   * (lib/background/shared-fetch.ts), from the instance's log source. Null: the worker will
   * not fetch it (not an added instance, no permission for NetBox), and the view fetches
   * it itself through NetBox.
   */
  fetchLogsPage(data: SharedFetchRequest): FetchOutcome<LogsPage> | null;
  /**
   * From the content script, as the user opens the page's panel: the worker starts fetching
   * the panel's first page now, while the panel's code is injected, and the panel's own
   * `fetchLogsPage` for it takes that request's answer (one request). Nothing is answered.
   */
  warmLogsPage(data: SharedFetchRequest): void;
  /**
   * Tests the backend address (GET /health, no key) and the key (one request), and keeps
   * them when both work. Sent by the options page and the side panel after the browser
   * granted the backend's origin (the prompt needs the click's gesture).
   */
  connectBackend(data: ConnectBackendRequest): ConnectBackendAnswer;
  /**
   * The options page's check of an instance's backend: GET /health (no key) the way the
   * worker reaches it (lib/background/backend-net.ts), so a refused certificate or a
   * redirect is named as such. Null when the instance has no backend address.
   */
  checkBackendHealth(data: { instanceId: string }): FetchOutcome<unknown> | null;
  /**
   * The sync running now on the instance's backend (direct mode), as the worker last found
   * it; null when none runs or it cannot be known (through NetBox there is no such route).
   * `opening`: a view has just opened, so the worker asks the backend unless its answer is a
   * few seconds old. A content script may only ask for its own page's instance.
   */
  getActiveSync(data: { instanceId: string; opening?: boolean }): RunningSync | null;
  /** Opens the options page at an instance (the page panel cannot take a key: see 'connect' actions). */
  openOptions(data: { instanceId?: string }): void;
  /**
   * From the content script: the worker injects the panel script (everything but the
   * launcher, loaded only when the panel is opened) into the sender's frame. True when done.
   */
  loadPanel(): boolean;
  /**
   * From the content script as its NetBox page starts: the page's instance and how its
   * panel was left; where it was left open, the worker has started its first page and
   * injected its code, unless the code came with the page (`panelCode`, registered where the
   * panel is left open) (lib/background/page-start.ts). Null: no page address to go by.
   */
  pageStart(data: { panelCode: boolean }): PageStart | null;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
