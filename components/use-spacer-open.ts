import { effect, type ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';

/** The longest the spacer waits for the panel's first screen, ms (a fetch that hangs must not keep it small). */
export const SPACER_WAIT_MS = 1000;

/**
 * Whether the dock's spacer takes the open panel's height. Growing it makes NetBox's whole
 * page lay out and paint again, which with software rendering costs tens of milliseconds
 * of raster (bench section 0): with `contentShown`, it waits until the frame that shows the
 * panel's first screen has been drawn, so the logs come first. Closing shrinks it at once.
 * Without `contentShown` it follows `open`.
 */
export function useSpacerOpen(open: boolean, contentShown?: ReadonlySignal<boolean>): boolean {
  const [grown, setGrown] = useState(open && !contentShown);
  useEffect(() => {
    if (!open) {
      setGrown(false);
      return;
    }
    if (!contentShown) {
      setGrown(true);
      return;
    }
    let frame = 0;
    let timer = setTimeout(() => setGrown(true), SPACER_WAIT_MS);
    const stop = effect(() => {
      if (!contentShown.value || frame !== 0) return;
      // A task queued from an animation frame runs once that frame is drawn.
      frame = requestAnimationFrame(() => {
        clearTimeout(timer);
        timer = setTimeout(() => setGrown(true), 0);
      });
    });
    return () => {
      stop();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [open, contentShown]);
  return open && grown;
}
