import { onMessage, type InstanceStatus, type OpenLogsRequest, type RecentOperationsAnswer } from '../messaging';

// The worker's side of lib/messaging.ts: each message to one method of the worker.

export interface WorkerApi {
  pollNow(instanceId?: string): Promise<void>;
  errorsSeen(instanceId: string, newestId: number): Promise<void>;
  getStatus(): Promise<InstanceStatus[]>;
  getRecentOperations(instanceId: string): Promise<RecentOperationsAnswer>;
  openLogs(request: OpenLogsRequest): Promise<void>;
}

/** Registers the handlers; returns what removes them again. */
export function handleMessages(worker: WorkerApi): () => void {
  const removers = [
    onMessage('pollNow', ({ data }) => worker.pollNow(data?.instanceId)),
    onMessage('errorsSeen', ({ data }) => worker.errorsSeen(data.instanceId, data.newestId)),
    onMessage('getStatus', () => worker.getStatus()),
    onMessage('getRecentOperations', ({ data }) => worker.getRecentOperations(data.instanceId)),
    onMessage('openLogs', ({ data }) => worker.openLogs(data ?? {})),
  ];
  return () => removers.forEach((remove) => remove());
}
