import type { FetchOutcome } from '../core/failure';
import type { LogsPage } from '../core/log-types';
import type { RunningSync } from '../core/sync-active';
import {
  onMessage,
  type ConnectBackendAnswer,
  type ConnectBackendRequest,
  type InstanceStatus,
  type OpenLogsRequest,
  type RecentOperationsAnswer,
} from '../browser/messaging';
import type { PanelSender } from './inject-panel';
import type { PageStart } from '../core/page-instance';
import { refusal, senderAllowed, type SenderRulesDeps, type WorkerMessage } from './sender-rules';
import type { SharedFetchRequest, SharedFetchSender } from './shared-fetch';

// The worker's side of lib/browser/messaging.ts: each message to one method of the worker,
// once its sender passed the message's rule (./sender-rules.ts).

export interface WorkerApi {
  pollNow(instanceId?: string): Promise<void>;
  errorsSeen(instanceId: string, newestId: number): Promise<void>;
  getStatus(): Promise<InstanceStatus[]>;
  getRecentOperations(instanceId: string): Promise<RecentOperationsAnswer>;
  openLogs(request: OpenLogsRequest): Promise<void>;
  /** A view's logs page, fetched once for all views asking the same (null: fetch it yourself). */
  fetchLogsPage(request: SharedFetchRequest, sender?: SharedFetchSender): Promise<FetchOutcome<LogsPage> | null>;
  /** Starts fetching the page a panel being opened will ask for first (its request takes the answer). */
  warmLogsPage(request: SharedFetchRequest, sender?: SharedFetchSender): Promise<void>;
  /** The sync running now on an instance's backend (asked of it when a view opens); null: none, or not known. */
  getActiveSync(request: { instanceId: string; opening?: boolean }, sender?: SharedFetchSender): Promise<RunningSync | null>;
  connectBackend(request: ConnectBackendRequest): Promise<ConnectBackendAnswer>;
  checkBackendHealth(instanceId: string): Promise<FetchOutcome<unknown> | null>;
  openOptions(instanceId?: string): Promise<void>;
  /** Injects the panel script into the content script's frame that asked. */
  loadPanel(sender: PanelSender): Promise<boolean>;
  /** A NetBox page starts: its instance and panel layout; a panel left open is started (./page-start.ts). */
  pageStart(sender: PanelSender & SharedFetchSender, panelCode: boolean): Promise<PageStart | null>;
}

/** Registers the handlers; returns what removes them again. */
export function handleMessages(worker: WorkerApi, senders: SenderRulesDeps): () => void {
  /** A refused sender gets a rejection, and the worker does nothing. */
  function on<T extends WorkerMessage>(type: T, handle: Parameters<typeof onMessage<T>>[1]): () => void {
    return onMessage(type, (message) =>
      senderAllowed(type, message.sender, message.data, senders).then((allowed) => {
        if (!allowed) throw refusal(type);
        return handle(message);
      }) as ReturnType<typeof handle>,
    );
  }
  const removers = [
    on('pollNow', ({ data }) => worker.pollNow(data?.instanceId)),
    on('errorsSeen', ({ data }) => worker.errorsSeen(data.instanceId, data.newestId)),
    on('getStatus', () => worker.getStatus()),
    on('getRecentOperations', ({ data }) => worker.getRecentOperations(data.instanceId)),
    on('openLogs', ({ data }) => worker.openLogs(data ?? {})),
    on('fetchLogsPage', ({ data, sender }) => worker.fetchLogsPage(data, sender)),
    on('warmLogsPage', ({ data, sender }) => worker.warmLogsPage(data, sender)),
    on('loadPanel', ({ sender }) => worker.loadPanel(sender)),
    on('pageStart', ({ data, sender }) => worker.pageStart(sender, data?.panelCode === true)),
    on('getActiveSync', ({ data, sender }) => worker.getActiveSync(data, sender)),
    on('connectBackend', ({ data }) => worker.connectBackend(data)),
    on('checkBackendHealth', ({ data }) => worker.checkBackendHealth(data.instanceId)),
    on('openOptions', ({ data }) => worker.openOptions(data?.instanceId)),
  ];
  return () => removers.forEach((remove) => remove());
}
