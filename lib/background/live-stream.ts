import { createParser } from 'eventsource-parser';
import { browser, type Browser } from 'wxt/browser';
import { BACKEND_LOGS_PATH } from '../core/backend-api';
import { STREAM_RETRY_MAX_MS, STREAM_RETRY_MS, STREAM_SILENCE_MS } from '../core/cadence';
import { LiveTail } from '../core/live-tail';
import type { NetBoxInstance } from '../core/instance';
import type { LogEntry, LogsPage, LogsQuery } from '../core/log-types';
import { buildLogsUrl } from '../core/logs-query';
import { LIVE_PORT, type LiveHello, type LiveRing } from '../browser/messaging';
import { classifyAnswer, parseLogsJson } from '../core/parse-logs-response';
import { backendAccess, noteBackendFailure, type SourceDeps } from './log-sources';
import { backendRequestOptions, explainBackendFailure } from './backend-net';

// The live tail of a backend, while a view of it is open (contract §3, /admin/logs/stream).
// One stream per instance, shared by every open view (page panels in any tab, the side
// panel), and only while one is open: a view connects a runtime port named LIVE_PORT and
// says which instance it shows. The stream's entries go into a LiveTail, from which the
// worker answers the views' polls without a request (lib/background/shared-fetch.ts), and
// each wake rings the views so they poll at once: a new entry is on screen within a
// moment of the backend writing it, and what the views show still comes through the same
// cursor rules as every poll (nothing lost or shown twice). When the stream cannot run
// (no key, a closed gate, a failure), the views simply poll the backend every interval.


type Port = Browser.runtime.Port;

interface Live {
  ports: Set<Port>;
  tail: LiveTail;
  /** True while the stream runs and the tail follows the backend. */
  streaming: boolean;
  abort: AbortController | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
  retryMs: number;
}

export interface LiveStreamsDeps extends SourceDeps {
  loadInstances: () => Promise<NetBoxInstance[]>;
  /** The extension's own origin: its pages may watch any instance, a content script its own page's. */
  extensionOrigin?: string;
  /** The network for the stream (tests pass a stand-in). */
  fetchImpl?: typeof fetch;
}

export interface LiveStreams {
  /** A page of entries for a view's poll from the tail, or null (ask the backend). */
  answer(instanceId: string, query: LogsQuery): LogsPage | null;
  /** Whether a stream runs for the instance (for measurements and tests). */
  streaming(instanceId: string): boolean;
  /** Closes an instance's stream and reconnects it with its current settings (address or key changed). */
  restart(instanceId: string): void;
  stop(): void;
}

function senderOrigin(port: Port): string | null {
  const sender = port.sender;
  if (sender?.origin) return sender.origin;
  try {
    return sender?.url ? new URL(sender.url).origin : null;
  } catch {
    return null;
  }
}

export function createLiveStreams(deps: LiveStreamsDeps): LiveStreams {
  const lives = new Map<string, Live>();
  const fetchFor = (url: string): typeof fetch =>
    deps.fetchImpl ?? deps.backendNet?.fetchFor(url) ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  function liveOf(instanceId: string): Live {
    let live = lives.get(instanceId);
    if (!live) {
      live = { ports: new Set(), tail: new LiveTail(), streaming: false, abort: null, retryTimer: null, retryMs: STREAM_RETRY_MS };
      lives.set(instanceId, live);
    }
    return live;
  }

  function close(instanceId: string, live: Live): void {
    live.abort?.abort();
    live.abort = null;
    live.streaming = false;
    live.tail.clear();
    if (live.retryTimer) clearTimeout(live.retryTimer);
    live.retryTimer = null;
  }

  function ring(live: Live): void {
    const newestId = live.tail.newestId;
    if (newestId === null) return;
    for (const port of live.ports) {
      try {
        port.postMessage({ newestId } satisfies LiveRing);
      } catch {
        live.ports.delete(port);
      }
    }
  }

  function retryLater(instanceId: string, live: Live, ms: number): void {
    if (live.ports.size === 0 || live.retryTimer) return;
    live.retryTimer = setTimeout(() => {
      live.retryTimer = null;
      void open(instanceId);
    }, ms);
    live.retryMs = Math.min(STREAM_RETRY_MAX_MS, live.retryMs * 2);
  }

  async function open(instanceId: string): Promise<void> {
    const live = lives.get(instanceId);
    if (!live || live.ports.size === 0 || live.abort) return;
    const instance = (await deps.loadInstances()).find((i) => i.id === instanceId);
    if (!instance || instance.logsVia !== 'backend') return;
    const access = await backendAccess(instance, deps);
    // No key, a closed gate, no permission: the views' polls say why; nothing is sent.
    if (!access.ok) return retryLater(instanceId, live, access.failure.retryAfterMs ?? STREAM_RETRY_MAX_MS);
    const abort = new AbortController();
    live.abort = abort;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), STREAM_SILENCE_MS);
    };
    try {
      heard();
      // No newer_than_id: every connection starts a fresh run from the newest entries, so
      // a restarted backend or a missed stretch can never be mistaken for continuity.
      const url = buildLogsUrl(access.backendUrl, `${BACKEND_LOGS_PATH}/stream`, {});
      const { headers: keyHeader, credentials, redirect } = backendRequestOptions(deps.backendNet, url, access.key);
      const since = Date.now();
      const response = await fetchFor(url)(url, {
        headers: { ...keyHeader, Accept: 'text/event-stream' },
        credentials,
        redirect,
        cache: 'no-store',
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const headers: Record<string, string> = {};
        response.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
        const text = response.type === 'opaqueredirect' ? '' : await response.text();
        const answer = classifyAnswer({ status: response.status, headers, url: response.url, redirected: false, type: response.type, bodyText: text });
        if (!answer.ok) await noteBackendFailure(instance, await explainBackendFailure(deps.backendNet, url, since, answer.failure), deps.now());
        return;
      }
      live.streaming = true;
      live.retryMs = STREAM_RETRY_MS;
      let batch: LogEntry[] = [];
      const parser = createParser({
        onEvent(event) {
          if (event.event !== 'log') return;
          let json: unknown;
          try {
            json = JSON.parse(event.data);
          } catch {
            return;
          }
          const parsed = parseLogsJson({ logs: [json] });
          if (parsed.ok && parsed.value.logs[0]) batch.push(parsed.value.logs[0]);
        },
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        heard();
        parser.feed(decoder.decode(value, { stream: true }));
        // One read is one wake of the backend (or part of one): the run grows, the views poll.
        if (batch.length > 0) {
          live.tail.add(batch);
          batch = [];
          ring(live);
        }
      }
    } catch {
      // Aborted (closed, or silent too long) or the connection broke: polling goes on.
    } finally {
      clearTimeout(silence);
      const current = live.abort === abort;
      if (current) {
        live.abort = null;
        live.streaming = false;
        live.tail.clear();
        if (!abort.signal.aborted || live.ports.size > 0) retryLater(instanceId, live, live.retryMs);
      }
    }
  }

  async function onConnect(port: Port): Promise<void> {
    if (port.name !== LIVE_PORT) return;
    let instanceId: string | null = null;
    port.onDisconnect.addListener(() => {
      if (instanceId === null) return;
      const live = lives.get(instanceId);
      if (!live) return;
      live.ports.delete(port);
      if (live.ports.size === 0) close(instanceId, live);
    });
    port.onMessage.addListener((message: unknown) => {
      const hello = message as Partial<LiveHello> | null;
      if (instanceId !== null || typeof hello?.instanceId !== 'string') return;
      const asked = hello.instanceId;
      void deps.loadInstances().then((instances) => {
        const instance = instances.find((i) => i.id === asked);
        if (!instance) return;
        // A content script watches only its own page's NetBox; the extension's pages any.
        const origin = senderOrigin(port);
        if (origin !== deps.extensionOrigin && origin !== instance.origin) return;
        instanceId = asked;
        const live = liveOf(asked);
        live.ports.add(port);
        if (!live.abort && !live.retryTimer) void open(asked);
      });
    });
  }

  const listener = (port: Port) => void onConnect(port);
  browser.runtime.onConnect.addListener(listener);

  return {
    answer(instanceId, query) {
      const live = lives.get(instanceId);
      return live?.streaming ? live.tail.answer(query) : null;
    },
    streaming: (instanceId) => lives.get(instanceId)?.streaming === true,
    restart(instanceId) {
      const live = lives.get(instanceId);
      if (!live) return;
      close(instanceId, live);
      live.retryMs = STREAM_RETRY_MS;
      if (live.ports.size > 0) void open(instanceId);
    },
    stop() {
      browser.runtime.onConnect.removeListener(listener);
      for (const [id, live] of lives) {
        close(id, live);
        for (const port of live.ports) port.disconnect();
      }
      lives.clear();
    },
  };
}
