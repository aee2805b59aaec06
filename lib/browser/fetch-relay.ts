import { browser, type Browser } from 'wxt/browser';

// Requests made for the worker by an extension document. In Chromium a certificate the
// user accepted in a tab is honoured by extension documents (pages, the offscreen
// document) but never by the service worker's own fetch (measured, Chromium 156:
// docs/certificates.md). So the worker hands requests to HTTPS backends to its offscreen
// document over a runtime port: one port per request, the answer's head first, then the
// body as text chunks (runtime messages carry JSON, not bytes), and closing the port aborts
// it. Both ends live here, so the protocol has one home.

export const RELAY_PORT = 'proxbox-fetch-relay';

/** The request, as plain data (a key header included: it goes only from the worker to its own document). */
export interface RelayRequest {
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  redirect: RequestRedirect;
}

type RelayAnswer =
  | { head: { status: number; headers: Array<[string, string]>; url: string; redirected: boolean; type: string } }
  | { chunk: string }
  | { end: true }
  | { error: string };

type Port = Browser.runtime.Port;

function abortError(): DOMException {
  return new DOMException('The request was aborted by its caller.', 'AbortError');
}

/**
 * A fetch that the offscreen document makes. Resolves with a Response-like answer (an
 * opaque redirect has status 0, which a real Response cannot be built with); rejects like
 * fetch: a TypeError for a network failure, an AbortError when the signal aborts.
 */
export function relayFetch(connect: () => Port, request: RelayRequest, signal?: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const port = connect();
    let body: ReadableStreamDefaultController<Uint8Array> | null = null;
    let settled = false;
    const encoder = new TextEncoder();
    const fail = (error: Error): void => {
      if (!settled) reject(error);
      settled = true;
      try {
        body?.error(error);
      } catch {
        // already closed
      }
      body = null;
    };
    const onAbort = (): void => {
      port.disconnect();
      fail(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    port.onDisconnect.addListener(() => fail(new TypeError('Failed to fetch (the offscreen document went away)')));
    port.onMessage.addListener((message: unknown) => {
      const m = message as RelayAnswer;
      if ('head' in m) {
        const stream = new ReadableStream<Uint8Array>({
          start: (controller) => void (body = controller),
          cancel: () => port.disconnect(),
        });
        const headers = new Headers(m.head.headers);
        settled = true;
        resolve({
          status: m.head.status,
          ok: m.head.status >= 200 && m.head.status < 300,
          url: m.head.url,
          redirected: m.head.redirected,
          type: m.head.type,
          headers,
          body: stream,
          text: () => new Response(stream).text(),
        } as unknown as Response);
      } else if ('chunk' in m) body?.enqueue(encoder.encode(m.chunk));
      else if ('end' in m) {
        body?.close();
        body = null;
        signal?.removeEventListener('abort', onAbort);
        port.disconnect();
      } else if ('error' in m) fail(new TypeError(m.error));
    });
    port.postMessage(request);
  });
}

/** Only the worker may have the offscreen document fetch: not a content script, not a web page. */
function fromWorker(port: Port): boolean {
  const sender = port.sender;
  if (!sender || sender.tab || sender.id !== browser.runtime.id || !sender.url) return false;
  return new URL(sender.url).origin === new URL(browser.runtime.getURL('/')).origin;
}

/** The offscreen document's side: serves each relay port until it closes. */
export function serveFetchRelay(): void {
  browser.runtime.onConnect.addListener((port: Port) => {
    if (port.name !== RELAY_PORT) return;
    if (!fromWorker(port)) return port.disconnect();
    const abort = new AbortController();
    port.onDisconnect.addListener(() => abort.abort());
    const send = (answer: RelayAnswer): void => {
      try {
        port.postMessage(answer);
      } catch {
        abort.abort();
      }
    };
    port.onMessage.addListener(async (message: unknown) => {
      const request = message as RelayRequest;
      try {
        const response = await fetch(request.url, {
          method: 'GET',
          headers: request.headers,
          credentials: request.credentials,
          redirect: request.redirect,
          cache: 'no-store',
          signal: abort.signal,
        });
        const headers: Array<[string, string]> = [];
        response.headers.forEach((value, name) => headers.push([name, value]));
        send({ head: { status: response.status, headers, url: response.url, redirected: response.redirected, type: response.type } });
        const reader = response.body?.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const read = await reader?.read();
          if (!read || read.done) break;
          send({ chunk: decoder.decode(read.value, { stream: true }) });
        }
        const rest = decoder.decode();
        if (rest) send({ chunk: rest });
        send({ end: true });
      } catch (e) {
        if (!abort.signal.aborted) send({ error: e instanceof Error ? e.message : String(e) });
      }
    });
  });
}
