// The offscreen document that makes the worker's requests to HTTPS backends in Chromium
// (lib/browser/fetch-relay.ts says why). Created on the first such request and kept:
// Chromium closes an offscreen document by itself only for audio. Firefox has no offscreen
// API and needs none: its background page honours an accepted certificate itself.

const PATH = '/offscreen.html';

type OffscreenApi = {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
};
type ChromeLike = {
  offscreen?: OffscreenApi;
  runtime?: { getContexts?: (filter: { contextTypes: string[] }) => Promise<unknown[]> };
};

function chromeApi(): ChromeLike | undefined {
  return (globalThis as { chrome?: ChromeLike }).chrome;
}

/** Whether this browser has offscreen documents (Chromium's MV3), and so needs one for HTTPS backends. */
export function hasOffscreenDocuments(): boolean {
  return typeof chromeApi()?.offscreen?.createDocument === 'function';
}

let creating: Promise<void> | null = null;

/** Makes sure the document is there; concurrent callers share one creation. */
export async function ensureOffscreenDocument(): Promise<void> {
  const api = chromeApi();
  if (!api?.offscreen) throw new TypeError('no offscreen documents in this browser');
  const open = (await api.runtime?.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
  if (open.length > 0) return;
  creating ??= api.offscreen
    .createDocument({
      url: PATH,
      // No reason names network requests; the document runs no DOM work, only fetch.
      reasons: ['WORKERS'],
      justification: "Requests to the user's Proxbox backend over HTTPS, so that a certificate the user accepted in this browser is honoured (a service worker's requests do not honour it).",
    })
    .catch((e: unknown) => {
      // Another caller (or a worker before a restart) made it first.
      if (!/single offscreen/i.test(String(e))) throw e;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}
