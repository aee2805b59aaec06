/**
 * Runs `task` when the page is next idle (no task waiting, the frame's work done), or after
 * `timeoutMs` at most; where there is no requestIdleCallback, in a task of its own. Returns
 * what cancels it.
 */
export function whenIdle(task: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
}

/** `whenIdle`, but not before the next frame was produced (the frame showing what was just rendered). */
export function whenIdleAfterNextFrame(task: () => void, timeoutMs: number): () => void {
  let cancelIdle: (() => void) | undefined;
  const frame = requestAnimationFrame(() => {
    cancelIdle = whenIdle(task, timeoutMs);
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelIdle?.();
  };
}
