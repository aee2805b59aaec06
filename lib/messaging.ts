import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Failure, FailureKind, FetchOutcome } from './failure';
import type { LogsPage } from './log-types';
import type { RecentOperation } from './worker-state';

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
}

export interface RecentOperationsAnswer {
  /** Distinct operation ids, newest first (what the worker fetched merged with what it recorded). */
  operations: RecentOperation[];
  /** Why the fresh fetch failed (the recorded operations are still returned). */
  failure?: Failure;
}

/** Where to open the logs, and with which filter. */
export interface OpenLogsRequest {
  instanceId?: string;
  operationId?: string;
  errorsOnly?: boolean;
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
   * refuses the side panel, so views call lib/background/open-logs.ts themselves in a click.
   */
  openLogs(data: OpenLogsRequest): void;
  /**
   * To a tab's content script (sendMessage('showLogs', data, tabId)): open the in-page panel
   * filtered to this operation / to errors. Sent by the popup's "Show logs".
   */
  showLogs(data: { operationId?: string; errorsOnly?: boolean }): void;
  /**
   * Views share one poller: the worker GETs this logs proxy URL once for every view asking
   * the same (lib/background/shared-fetch.ts). Null: the worker will not fetch it (not an
   * added instance's proxy, no permission), and the view fetches it itself.
   */
  fetchLogsPage(data: {
    url: string;
    force?: boolean;
    maxAgeMs?: number;
    timeoutMs?: number;
    /** The asking view shows new entries at once (top of its list): it reports errors seen itself. */
    seesNewest?: boolean;
  }): FetchOutcome<LogsPage> | null;
  /**
   * From the content script: the worker injects the panel script (everything but the
   * launcher, loaded only when the panel is opened) into the sender's frame. True when done.
   */
  loadPanel(): boolean;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
