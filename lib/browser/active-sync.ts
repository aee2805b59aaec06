import type { RunningSync } from '../core/sync-active';
import { sendMessage } from './messaging';

// A view's question to the worker: is a sync running on this instance's backend? The
// worker answers from its state (lib/background/sync-probe.ts), asking the backend itself
// only when a view opens. A worker that cannot answer (being updated) means "not known".

/** How a view asks: `opening` when it has just opened (or its tab came back). */
export type AskActiveSync = (opening: boolean) => Promise<RunningSync | null>;

export function askActiveSync(instanceId: string): AskActiveSync {
  return (opening) =>
    sendMessage('getActiveSync', { instanceId, opening }).then(
      (answer) => (answer && typeof answer === 'object' && typeof answer.run?.startedAt === 'number' ? answer : null),
      () => null,
    );
}
