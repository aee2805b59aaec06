import { SHARED_DEFAULT_MAX_AGE_MS, SHARED_MAX_AGE_MS, SHARED_MAX_TIMEOUT_MS, WARM_MAX_AGE_MS } from '../core/cadence';
import type { FetchOutcome } from '../core/failure';
import type { NetBoxInstance } from '../core/instance';
import type { LogSource } from '../core/log-source';
import type { LogsPage } from '../core/log-types';
import { logsSearch } from '../core/logs-query';
import type { SharedFetchRequest } from '../browser/messaging';
import { senderMayAsk, type MessageSenderLike } from './sender-scope';

// Views share one poller: every open view of an instance (the page's panel in each tab,
// the side panel) asks the worker for its logs pages (message `fetchLogsPage`), and the
// worker makes one request where several views ask the same thing.
//
// - The key is the instance and the query. Views that are in sync ask the same (same
//   filters, same cursor: `newer_than_id = newest - 1`, same limit): N views, one request.
// - A request in flight is shared by everyone asking the same URL meanwhile.
// - A completed answer is reused for the same URL for `maxAgeMs` (for polls: the view's
//   interval minus a margin, measured from when the request started), so views polling
//   at different phases of the same interval still cost one request per interval. An
//   answer is never older than that when served; a view's first page asks maxAgeMs 0
//   (shared in flight only), and `force` (the user's Refresh) always fetches.
// - A failure is shared while in flight only: a view's retry must reach NetBox, so that
//   the logs come back within one interval of the fault clearing.
// - Not an open proxy: a view names an added instance and a logs query, never a URL; the
//   worker asks that instance's log source (NetBox's proxy or proxbox-api). A content
//   script may only ask for its own page's instance (the extension's pages for any).
//   Anything else answers null. Through NetBox without the origin's permission it also
//   answers null, and the view fetches by itself (a page may fetch its own origin).
// - Fetched ahead (`warm`): when the user opens a page's panel, the content script asks
//   for the panel's first page at once, while the panel's code is still being injected.
//   Its answer goes to no one; the panel's first request takes it (in flight or, once
//   settled, if no older than WARM_MAX_AGE_MS), once, failure included: one request,
//   one failure shown, and a key or session that fails is not asked twice for it. Only a
//   request made (or in flight) at the click is used, never an older answer. A NetBox page
//   starting with its panel left open (./page-start.ts) has a request of its own made, and
//   takes its answer into the worker's reply (`takeWarm`).

export type { SharedFetchRequest };

/** Who sent it (runtime.MessageSender, the fields used). */
export type SharedFetchSender = MessageSenderLike;

export interface SharedFetchDeps {
  /** The instance's log source (lib/background/log-sources.ts). */
  sourceFor: (instance: NetBoxInstance) => LogSource;
  now: () => number;
  loadInstances: () => Promise<NetBoxInstance[]>;
  /** The extension's own origin: its pages may ask for any instance. */
  extensionOrigin?: string;
  /** Whether the extension may reach the instance's NetBox origin (else, through NetBox, the view fetches itself). */
  hasPermission?: (instance: NetBoxInstance) => Promise<boolean>;
  /** A page from the instance's live stream (lib/background/live-stream.ts), or null: then the source is asked. */
  answerLive?: (instance: NetBoxInstance, query: SharedFetchRequest['query']) => LogsPage | null;
  /** Told about every answer actually fetched (not the reused ones), with the request that fetched it. */
  onFetched?: (instance: NetBoxInstance, request: SharedFetchRequest, outcome: FetchOutcome<LogsPage>) => void;
}

export interface SharedFetchStats {
  /** Requests asked for by views. */
  asked: number;
  /** Requests made to NetBox. */
  fetched: number;
  /** Answered from a request in flight. */
  joined: number;
  /** Answered from a recent completed answer. */
  reused: number;
  /** Answered from the live stream's tail, without a request. */
  live: number;
  /** Pages fetched ahead for a panel being opened (`warm`); a request made for one counts in `fetched` too. */
  warmed: number;
  /** First pages answered by a settled page fetched ahead. */
  taken: number;
  /** Refused (null): not an added instance, not the asking page's, not permitted, or sharing off. */
  refused: number;
}

export interface SharedFetch {
  /** The outcome for the query, or null when the worker will not fetch it (the view fetches itself). */
  fetch(request: SharedFetchRequest, sender?: SharedFetchSender): Promise<FetchOutcome<LogsPage> | null>;
  /**
   * Starts fetching a page a view is about to ask for (a panel being opened), for that
   * view's first request to take. Settles once the request is under way (or refused:
   * then the view asks as usual); the answer itself is never given here.
   */
  warm(request: SharedFetchRequest, sender?: SharedFetchSender, options?: { fresh?: boolean }): Promise<void>;
  /**
   * The answer of a page fetched ahead (`warm`), taken in place of the view's own first
   * request, if it comes within `waitMs`; else null, and the page stays for the view.
   */
  takeWarm(request: SharedFetchRequest, waitMs: number): Promise<FetchOutcome<LogsPage> | null>;
  /** Sharing on or off (off: every request answers null). For measurements. */
  setEnabled(on: boolean): void;
  readonly stats: SharedFetchStats;
  clear(): void;
}

/** Answers kept at most (one per distinct URL recently asked). */
const MAX_ENTRIES = 64;

interface Entry {
  startedAt: number;
  settled: boolean;
  /** Settled with an answer (a failure is never reused). */
  ok: boolean;
  /** Fetched ahead and not yet taken by a view's request (see `warm`). */
  warm: boolean;
  promise: Promise<FetchOutcome<LogsPage>>;
}

export function createSharedFetch(deps: SharedFetchDeps): SharedFetch {
  const entries = new Map<string, Entry>();
  const stats: SharedFetchStats = { asked: 0, fetched: 0, joined: 0, reused: 0, live: 0, refused: 0, warmed: 0, taken: 0 };
  /** Pages being fetched ahead, until their entry exists: a view asking meanwhile waits for it. */
  const warming = new Map<string, Promise<void>>();
  let enabled = true;

  function prune(now: number): void {
    for (const [url, entry] of entries) {
      if (entry.settled && now - entry.startedAt > SHARED_MAX_AGE_MS) entries.delete(url);
    }
    // Oldest first (Map keeps insertion order; a refetch re-inserts).
    while (entries.size > MAX_ENTRIES) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  }

  /** The instance a well-formed request (keyOf not null) may be answered for, or null. */
  async function resolve(request: SharedFetchRequest, sender: SharedFetchSender | undefined): Promise<NetBoxInstance | null> {
    if (!enabled) return null;
    const instance = (await deps.loadInstances()).find((i) => i.id === request.instanceId);
    if (!instance) return null;
    // The extension's pages may ask for any instance; a content script for its own page's only.
    if (!senderMayAsk(sender, instance, deps.extensionOrigin)) return null;
    if (instance.logsVia === 'netbox' && deps.hasPermission && !(await deps.hasPermission(instance))) return null;
    return instance;
  }

  /** The key answers are shared by (null: no request a view could make). */
  function keyOf(request: SharedFetchRequest): string | null {
    if (typeof request?.instanceId !== 'string' || typeof request.query !== 'object' || request.query === null) return null;
    return `${request.instanceId}\n${logsSearch(request.query)}`;
  }

  /** One request to the instance's log source, kept under `url` for the views asking the same. */
  function start(instance: NetBoxInstance, request: SharedFetchRequest, url: string, now: number): Entry {
    stats.fetched++;
    const timeoutMs =
      typeof request.timeoutMs === 'number' && request.timeoutMs > 0 ? Math.min(request.timeoutMs, SHARED_MAX_TIMEOUT_MS) : undefined;
    const entry: Entry = {
      startedAt: now,
      settled: false,
      ok: false,
      warm: false,
      promise: deps
        .sourceFor(instance)
        .fetchPage(request.query, timeoutMs ? { timeoutMs } : {})
        .catch((error: unknown) => ({
          ok: false as const,
          failure: { kind: 'unexpected' as const, detail: String(error).slice(0, 300) },
        })),
    };
    entries.delete(url);
    entries.set(url, entry);
    void entry.promise.then((outcome) => {
      entry.settled = true;
      entry.ok = outcome.ok;
      try {
        deps.onFetched?.(instance, request, outcome);
      } catch {
        // a listener's slip must not lose the answer
      }
    });
    return entry;
  }

  return {
    stats,
    setEnabled(on) {
      enabled = on;
      if (!on) entries.clear();
    },
    clear() {
      entries.clear();
    },
    async fetch(request, sender) {
      stats.asked++;
      const url = keyOf(request);
      // A page being fetched ahead for this query: wait until it is under way, then join it.
      if (url !== null) await warming.get(url);
      const instance = url === null ? null : await resolve(request, sender);
      if (!instance || url === null) {
        stats.refused++;
        return null;
      }
      const streamed = deps.answerLive?.(instance, request.query);
      if (streamed) {
        stats.live++;
        return { ok: true, value: streamed };
      }
      const now = deps.now();
      prune(now);
      const maxAge = Math.min(SHARED_MAX_AGE_MS, Math.max(0, request.maxAgeMs ?? SHARED_DEFAULT_MAX_AGE_MS));
      const known = entries.get(url);
      if (known && !known.settled) {
        stats.joined++;
        known.warm = false;
        return known.promise;
      }
      if (known && known.warm && !request.force && now - known.startedAt < WARM_MAX_AGE_MS) {
        // Its failure too: that request was this view's, made a little early.
        stats.taken++;
        known.warm = false;
        return known.promise;
      }
      if (known && known.ok && !request.force && now - known.startedAt < maxAge) {
        stats.reused++;
        return known.promise;
      }
      return start(instance, request, url, now).promise;
    },
    async takeWarm(request, waitMs) {
      const url = keyOf(request);
      if (url === null) return null;
      await warming.get(url);
      const entry = entries.get(url);
      if (!entry?.warm || deps.now() - entry.startedAt >= WARM_MAX_AGE_MS) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      const outcome = await Promise.race([entry.promise, late]).finally(() => clearTimeout(timer));
      if (!outcome || !entry.warm) return null;
      stats.taken++;
      entry.warm = false;
      return outcome;
    },
    warm(request, sender, options) {
      const url = keyOf(request);
      if (url === null) return Promise.resolve();
      const already = warming.get(url);
      if (already && !options?.fresh) return already;
      const run: Promise<void> = (async () => {
        const instance = await resolve(request, sender);
        if (!instance || deps.answerLive?.(instance, request.query)) return;
        const now = deps.now();
        prune(now);
        stats.warmed++;
        const known = entries.get(url);
        // Joined while in flight; an answer already in, though, may predate the user's click
        // (another view's): a panel just opened shows what NetBox holds now. `fresh`: not even
        // a request in flight (a page starting: one made before it may carry another session).
        // A page fetched ahead is a view's first page, shown at the top of its list: like a
        // view there, it leaves the errors it brings to the view to report seen (no badge poll
        // triggered, lib/background/badge-trigger.ts), or to the badge's next alarm.
        if (known && !known.settled && !options?.fresh) known.warm = true;
        else start(instance, { ...request, seesNewest: true }, url, now).warm = true;
      })().finally(() => {
        if (warming.get(url) === run) warming.delete(url);
      });
      warming.set(url, run);
      return run;
    },
  };
}
