import { useEffect, useState } from 'preact/hooks';

/** Countdowns show whole seconds. */
const TICK_MS = 1000;

/** Date.now(), re-read every `everyMs` while `active` (for countdowns). */
export function useNow(active: boolean, everyMs = TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
