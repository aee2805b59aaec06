import type { AskActiveSync } from '../lib/browser/active-sync';
import type { TimeZoneChoice } from '../lib/core/format-time';
import type { RunningSync } from '../lib/core/sync-active';
import { syncSentence } from '../lib/core/sync-words';
import { useActiveSync } from './use-active-sync';

export interface SyncIndicatorProps {
  sync: RunningSync;
  timeZone: TimeZoneChoice;
  /** The view's From (`since`, ms): equal to the run's start, the view shows this run. */
  since: number | null;
  /**
   * "Show this run": the view narrows to the run's time (its entries are a time range from
   * its start; the backend tags only a couple of them with the operation id).
   */
  onShowRun: (startedAt: number) => void;
  /** Now, for the run's age (tests). */
  now?: number;
}

/** "Sync running: full-update, started 10:56 (2 min)", its operation ID and "Show this run". */
export function SyncIndicator({ sync, timeZone, since, onShowRun, now = Date.now() }: SyncIndicatorProps) {
  const { run } = sync;
  const showing = since === run.startedAt;
  return (
    <div class="pbl-sync" role="group" aria-label="Sync running">
      <span class="pbl-sync-text">
        <span class="pbl-sync-dot" aria-hidden="true" />
        {syncSentence(sync, { zone: timeZone, now })}
      </span>
      {run.id && (
        <span class="pbl-sync-op">
          <span class="pbl-sync-label">Operation ID</span>{' '}
          <code class="pbl-sync-id" title={run.id}>
            {run.id}
          </code>
        </span>
      )}
      {showing ? (
        <span class="pbl-sync-showing">Showing this run</span>
      ) : (
        <button type="button" class="pbl-btn pbl-btn--sm" onClick={() => onShowRun(run.startedAt)}>
          Show this run
        </button>
      )}
    </div>
  );
}

export type LiveSyncIndicatorProps = Omit<SyncIndicatorProps, 'sync' | 'now'> & { ask: AskActiveSync };

/** The indicator while the worker says a sync runs; nothing otherwise. Re-renders alone, not the panel. */
export function LiveSyncIndicator({ ask, ...props }: LiveSyncIndicatorProps) {
  const sync = useActiveSync(ask);
  return sync ? <SyncIndicator sync={sync} {...props} /> : null;
}
