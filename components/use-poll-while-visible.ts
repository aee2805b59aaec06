import { useEffect } from 'preact/hooks';
import type { LogsViewModel } from '../lib/core/logs-view-model';

/**
 * Polls while this view is mounted and its tab is visible: start() on mount and when the
 * tab comes back, stop() when it is hidden and on unmount (a closed panel is unmounted).
 */
export function usePollWhileVisible(vm: LogsViewModel): void {
  useEffect(() => {
    const update = () => (document.visibilityState === 'hidden' ? vm.stop() : vm.start());
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      vm.stop();
    };
  }, [vm]);
}
