import { browser } from 'wxt/browser';
import { LIVE_PORT, type LiveHello, type LiveRing } from './messaging';

// A view's line to the worker's live stream of its instance (lib/background/live-stream.ts):
// while it is open, the worker keeps one stream of the backend for every view, and rings
// when entries arrive. A port that breaks (the worker was stopped or updated) is opened
// again after `retryMs`; the view polls on its interval meanwhile, so nothing depends on it.

export function watchLive(instanceId: string, onRing: (ring: LiveRing) => void, retryMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;

  const open = () => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: LIVE_PORT });
    } catch {
      timer = setTimeout(open, retryMs); // the extension is being reloaded
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      const ring = message as Partial<LiveRing> | null;
      if (typeof ring?.newestId === 'number') onRing({ newestId: ring.newestId });
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (!stopped) timer = setTimeout(open, retryMs);
    });
    port.postMessage({ instanceId } satisfies LiveHello);
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}
