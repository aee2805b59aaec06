import { useEffect, useState } from 'preact/hooks';
import type { AskActiveSync } from '../lib/browser/active-sync';
import { SYNC_VIEW_ASK_MS } from '../lib/core/cadence';
import type { RunningSync } from '../lib/core/sync-active';

/**
 * The sync running now, asked of the worker while this view is mounted and its tab visible:
 * as "opening" on mount and when the tab comes back (the worker then asks the backend unless
 * its answer is fresh), then every SYNC_VIEW_ASK_MS (the worker answers from its state).
 */
export function useActiveSync(ask: AskActiveSync | undefined, everyMs = SYNC_VIEW_ASK_MS): RunningSync | null {
  const [sync, setSync] = useState<RunningSync | null>(null);
  useEffect(() => {
    setSync(null);
    if (!ask) return;
    let live = true;
    let asking = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (opening: boolean) => {
      const mine = ++asking;
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') return;
      void ask(opening)
        .then((answer) => {
          if (live && mine === asking) setSync(answer);
        })
        .finally(() => {
          if (live && mine === asking) timer = setTimeout(() => tick(false), everyMs);
        });
    };
    const onVisibility = () => tick(true);
    tick(true);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      live = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ask, everyMs]);
  return sync;
}
