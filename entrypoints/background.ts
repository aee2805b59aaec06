import { startWorker } from '@/lib/background/worker';

// Thin: the worker (lib/background/worker.ts) registers its listeners synchronously, as an
// MV3 service worker must, then syncs alarms, content scripts and the badge from storage.
export default defineBackground(() => {
  startWorker();
});
