import type { FetchOutcome } from '../core/failure';
import { SHARED_REUSE_MARGIN_MS, VIEW_INTERVAL_MS, VIEW_TIMEOUT_MS, WORKER_ANSWER_GRACE_MS } from '../core/cadence';
import { fetchLogs } from '../core/fetch-logs';
import type { NetBoxInstance } from '../core/instance';
import type { LogFilters, LogsPage, LogsQuery } from '../core/log-types';
import { createLogsController, type LogsController, type LogsControllerDeps } from '../core/logs-controller';
import { buildLogsUrl, logsSearch, PAGE_SIZE } from '../core/logs-query';
import { firstPageQuery } from '../core/panel-injection';
import { sendMessage, type SharedFetchRequest } from './messaging';
import { watchLive } from './watch-live';
import type { FetchPage } from '../core/sync-newer';

/** What a view knows of its instance: where it is and which way its logs come. */
export type ViewInstance = Pick<NetBoxInstance, 'id' | 'baseUrl' | 'proxyPath' | 'logsVia'>;

export interface InstanceLogsOverrides extends Partial<Omit<LogsControllerDeps, 'fetchPage'>> {
  /** Tests: the network. */
  fetchImpl?: typeof fetch;
  /** Whether the browser is online (default navigator.onLine): a failed fetch while offline says "You are offline". */
  isOnline?: () => boolean;
  timeoutMs?: number;
  /**
   * The view's first page, fetched for it already (the worker's answer as a NetBox page
   * started): the first request, if it asks exactly that page, gets it without asking.
   */
  firstPage?: FetchOutcome<LogsPage>;
  /** Tests: the line to the worker's live stream (default: a runtime port, in direct mode). */
  watchLive?: typeof watchLive;
  /**
   * Through the worker's shared poller (default: yes, unless fetchImpl is given): views of
   * the same instance asking the same page cost one request (lib/background/shared-fetch.ts).
   */
  shared?: boolean;
}

const browserOnline = (): boolean => globalThis.navigator?.onLine !== false;

export interface InstanceFetchOptions extends Pick<InstanceLogsOverrides, 'fetchImpl' | 'isOnline' | 'timeoutMs' | 'shared' | 'firstPage'> {
  /** Longest age of another view's answer this view accepts (default: the interval minus the margin). */
  maxAgeMs?: number;
  /** True while the user's own Refresh runs: never a reused answer then. */
  force?: () => boolean;
  /** Whether the view shows new entries at once (at the top of its list). */
  seesNewest?: () => boolean;
}

function abortError(): DOMException {
  return new DOMException('The request was aborted by its caller.', 'AbortError');
}

/** The worker's answer, or null when it will not fetch (or cannot be reached): then the view fetches itself. */
function askWorker(
  request: Required<SharedFetchRequest>,
  signal: AbortSignal | undefined,
): Promise<FetchOutcome<LogsPage> | null> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(abortError()));
    const waitMs = request.timeoutMs + WORKER_ANSWER_GRACE_MS;
    const timer = setTimeout(
      () => finish(() => resolve({ ok: false, failure: { kind: 'timeout', detail: `no answer within ${Math.round(waitMs / 100) / 10} s` } })),
      waitMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    sendMessage('fetchLogsPage', request).then(
      (answer) => finish(() => resolve(answer && typeof answer === 'object' && typeof answer.ok === 'boolean' ? answer : null)),
      () => finish(() => resolve(null)),
    );
  });
}

/**
 * Pages of an instance's logs, asked of the worker, which holds the instance's log source
 * (NetBox's proxy, or proxbox-api with the key: a view never holds a key). Only through
 * NetBox may a view fetch by itself, when the worker will not or cannot answer.
 */
export function instanceFetchPage(instance: ViewInstance, overrides: InstanceFetchOptions = {}): FetchPage {
  const isOnline = overrides.isOnline ?? browserOnline;
  const timeoutMs = overrides.timeoutMs ?? VIEW_TIMEOUT_MS;
  const shared = overrides.shared ?? !overrides.fetchImpl;
  const maxAgeMs = overrides.maxAgeMs ?? VIEW_INTERVAL_MS - SHARED_REUSE_MARGIN_MS;
  const direct = (url: string, signal: AbortSignal | undefined) =>
    fetchLogs(url, { signal, isOnline, timeoutMs, ...(overrides.fetchImpl ? { fetchImpl: overrides.fetchImpl } : {}) });
  const byItself = (query: LogsQuery, signal: AbortSignal | undefined): Promise<FetchOutcome<LogsPage>> =>
    instance.logsVia === 'backend'
      ? Promise.resolve({ ok: false, failure: { kind: 'unexpected', detail: "the extension's background worker did not answer; reload this page" } })
      : direct(buildLogsUrl(instance.baseUrl, instance.proxyPath, query), signal);
  // Only ever the very first request, and only if it is that page (no filter, no cursor).
  let seeded = overrides.firstPage;
  return async (query, options) => {
    const given = seeded;
    seeded = undefined;
    if (given && logsSearch(query) === logsSearch(firstPageQuery())) return given;
    if (!shared) return byItself(query, options?.signal);
    const force = overrides.force?.() === true;
    const seesNewest = overrides.seesNewest?.() !== false;
    // Another view's recent answer serves a poll (views in sync poll the same URL); a first
    // page or an older page is shared only while in flight, so a view just opened shows
    // what NetBox holds now.
    const reuseMs = query.newerThanId !== undefined ? maxAgeMs : 0;
    const answer = await askWorker({ instanceId: instance.id, query, force, maxAgeMs: reuseMs, timeoutMs, seesNewest }, options?.signal);
    return answer ?? byItself(query, options?.signal);
  };
}

/**
 * The logs of one NetBox instance for a view (the page's panel or the side panel): pages
 * come from its logs proxy with the browser's NetBox session, and seeing the newest errors
 * clears the toolbar badge for it.
 *
 * Retries: a view polls only while it is visible, and a failed poll costs NetBox no more
 * than a good one, so a failing view keeps asking once per interval (never less often)
 * and shows the logs again within one interval of the fault clearing; coming back online
 * asks at once. Only the backend's Retry-After makes it wait longer (docs/faults.md).
 */
export function createInstanceLogs(
  instance: ViewInstance,
  initialFilters?: Partial<LogFilters>,
  overrides: InstanceLogsOverrides = {},
): LogsController {
  const { fetchImpl, isOnline, timeoutMs, shared, firstPage, watchLive: _watch, ...deps } = overrides;
  const intervalMs = deps.intervalMs ?? VIEW_INTERVAL_MS;
  const controller: LogsController = createLogsController({
    fetchPage: instanceFetchPage(instance, {
      fetchImpl,
      isOnline,
      timeoutMs,
      shared,
      firstPage,
      maxAgeMs: Math.max(0, intervalMs - SHARED_REUSE_MARGIN_MS),
      // The user's Refresh asks NetBox itself, never another view's recent answer.
      force: () => controller.userRefreshing(),
      // At its top the view reports the errors seen itself: the worker's badge poll need not chase them.
      seesNewest: () => controller.seesNewest(),
    }),
    onErrorsSeen: (newestId) => {
      sendMessage('errorsSeen', { instanceId: instance.id, newestId }).catch(() => {
        // The worker is being updated or restarted: the next view will report again.
      });
    },
    isVisible: () => document.visibilityState !== 'hidden',
    initialFilters,
    maxBackoffMs: intervalMs,
    // The size lib/core/panel-injection.ts's first page is fetched ahead with.
    pageSize: PAGE_SIZE,
    ...deps,
    intervalMs,
  });
  const onOnline = (): void => controller.backOnline();
  // The backend's live stream rings: poll now (the worker answers from the stream's tail).
  const watch = overrides.watchLive ?? (shared === false || fetchImpl ? null : watchLive);
  let unwatchLive: (() => void) | null = null;
  return {
    ...controller,
    start() {
      globalThis.addEventListener?.('online', onOnline);
      controller.start();
      // Whichever way the instance reads now: it may switch to its backend while the view is open.
      if (watch && !unwatchLive) unwatchLive = watch(instance.id, () => controller.pollSoon(), intervalMs);
    },
    stop() {
      globalThis.removeEventListener?.('online', onOnline);
      unwatchLive?.();
      unwatchLive = null;
      controller.stop();
    },
  };
}
