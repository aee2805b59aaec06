// In-page timing helpers of the benchmarks. Times are from performance.now().
// "Painted" is taken after the frame that shows a change: in a requestAnimationFrame
// callback (before that frame's style, layout and paint) a message is posted, and it is
// handled once the frame is done.

export const now = () => performance.now();

/** Resolves with the time right after the current frame's style, layout and paint. */
export function afterThisFrame(): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(now());
    channel.port2.postMessage(null);
  });
}

/** Resolves with the time right after the next frame was produced (style, layout, paint). */
export function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => void afterThisFrame().then(resolve)));
}

/**
 * Runs `act` in the next animation-frame callback and times it to the end of that frame's
 * style, layout and paint: the work of a frame whose change `act` made (ms), and the
 * frame's timestamp.
 */
export async function timedFrame(act: () => void): Promise<{ stamp: number; work: number }> {
  const { stamp, start } = await new Promise<{ stamp: number; start: number }>((resolve) =>
    requestAnimationFrame((stamp) => {
      const start = now();
      act();
      resolve({ stamp, start });
    }),
  );
  return { stamp, work: (await afterThisFrame()) - start };
}

export const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });

/**
 * A list the bench has just moved (to the top, before a wheel scroll or a poll) renders
 * the rows beyond its view's edges 150 ms after that jump (components/LogList.tsx,
 * JUMP_SETTLE_MS): what is timed next starts from the list as a user finds it.
 */
export async function settled(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  await frames(2);
}

/** Waits, a task at a time, until `ready()` holds (or throws after `timeoutMs`). */
export async function until(ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = now() + timeoutMs;
  while (!ready()) {
    if (now() > end) throw new Error('timed out waiting for the page');
    await new Promise((r) => setTimeout(r, 0));
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
