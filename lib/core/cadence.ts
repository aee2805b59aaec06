// How often the extension asks, and how long it waits: every interval, floor, cap, backoff
// and Retry-After limit, with the reason beside each number. Change "how often" here.
// Pure constants (no browser API): imported by views, the worker and the parsers alike.

// ---- Views (the page's panel, the side panel) ------------------------------------------

/** A view polls every 5 s while visible: logs of a sync under way feel live, and the shared
 *  poller (lib/background/shared-fetch.ts) makes N open views cost one request. */
export const VIEW_INTERVAL_MS = 5000;

/** A completed answer may serve other views for the interval minus this, so views polling
 *  at different phases of one interval share it yet never show an answer a whole interval old. */
export const SHARED_REUSE_MARGIN_MS = 750;

/** Our own deadline for one request: long enough for a busy but working NetBox, short
 *  enough that one that never answers is reported within seconds (docs/faults.md). */
export const REQUEST_TIMEOUT_MS = 15_000;

/** A view's deadline. The end-to-end build waits 3 s, so a test of a NetBox that never
 *  answers needs no 15 s wait. */
export const VIEW_TIMEOUT_MS = import.meta.env.MODE === 'e2e' ? 3000 : REQUEST_TIMEOUT_MS;
/** A view waits for the worker's answer this much past the request's own deadline: the
 *  worker keeps that deadline, this only covers a worker that never answers (stopped, updated). */
export const WORKER_ANSWER_GRACE_MS = 2000;

// ---- The worker's shared poller ---------------------------------------------------------

/** Reuse window when a view does not say: its default interval minus the margin. */
export const SHARED_DEFAULT_MAX_AGE_MS = VIEW_INTERVAL_MS - SHARED_REUSE_MARGIN_MS;
/** Never reuse an answer older than this, whatever a view asks (a view's interval may be
 *  set longer in tests; a minute-old answer is no longer "live"). */
export const SHARED_MAX_AGE_MS = 60_000;
/** A page fetched ahead for a panel being opened (its code is still being injected) serves
 *  that panel's first page if it is no older than one view interval: the view would have
 *  polled by then anyway, so it never starts further behind than it would have. */
export const WARM_MAX_AGE_MS = VIEW_INTERVAL_MS;
/** A NetBox page starting with its panel left open: the worker's answer (message `pageStart`)
 *  waits this long at most for the panel's first page, to bring it along; a slower NetBox
 *  answers the panel's own first request instead (lib/background/page-start.ts). */
export const PAGE_START_WAIT_MS = 250;
/** A view's timeout is honoured up to this: a page script must not hold the worker's
 *  request open for ever. */
export const SHARED_MAX_TIMEOUT_MS = 60_000;

// ---- The toolbar badge (the worker's alarms) ---------------------------------------------

/** Default per instance: what packed extensions' alarms allow at most (below). */
export const DEFAULT_POLL_INTERVAL_SEC = 30;
/** Packed extensions cannot have alarms more often than every 30 s; unpacked (tests) can. */
export const MIN_POLL_INTERVAL_SEC = 30;
/** The end-to-end build polls every second so tests need not wait 30 s for a badge. */
export const E2E_MIN_POLL_INTERVAL_SEC = 1;
/** Polling less often than once a day is surely a typo. */
export const MAX_POLL_INTERVAL_SEC = 24 * 60 * 60;
/** Alarms fire a little early or late: an alarm within this (at most half the interval) of
 *  a backoff's end polls now, not a whole alarm period later. */
export const ALARM_SLACK_MS = 5000;
/** A view's answer with new entries starts a badge poll after this wait, so the view's own
 *  `errorsSeen` arrives first and what the user just saw is not counted. */
export const BADGE_TRIGGER_DELAY_MS = 300;

// ---- The sync running now (GET /sync/active, direct mode; lib/background/sync-probe.ts) -------

/** A badge poll asks whether a sync runs when the last answer is at least this share of the
 *  poll interval old: one request per alarm (alarms fire a little early), none for the badge
 *  polls a live view triggers in between (lib/background/badge-trigger.ts). */
export const SYNC_PROBE_MIN_AGE_SHARE = 0.5;
/** A view that opens asks the backend unless an answer is this fresh: a sync started a
 *  moment ago shows at once, and many tabs opened together cost one request. */
export const SYNC_OPEN_FRESH_MS = VIEW_INTERVAL_MS;
/** Open views re-read the worker's last answer this often (no request to the backend), so
 *  the indicator follows each badge poll. */
export const SYNC_VIEW_ASK_MS = VIEW_INTERVAL_MS;
/** An answer older than this many poll intervals is no longer shown: the badge polls that
 *  would have renewed it stopped (a closed gate, a backoff), so the run may long be over. */
export const SYNC_STALE_INTERVALS = 3;
/** A /sync/active answer is a few hundred bytes; anything far larger is not one. */
export const SYNC_ANSWER_MAX_BYTES = 64 * 1024;

// ---- The backend's live stream (lib/background/live-stream.ts) ---------------------------

/** A stream that said nothing, not even its keepalive (every 15 s), for this long is dead. */
export const STREAM_SILENCE_MS = 45_000;
/** Reconnecting after a stream ended: the first wait, doubling up to the longest. The views
 *  poll every interval meanwhile, so a slow reconnect costs freshness, never entries. */
export const STREAM_RETRY_MS = 5000;
export const STREAM_RETRY_MAX_MS = 60_000;

// ---- Backoff after failures ---------------------------------------------------------------

/** lib/core/backoff.ts's first delay when a caller's base is unusable (0, negative, NaN): a second,
 *  never a busy loop. */
export const RETRY_BASE_FALLBACK_MS = 1000;

/** lib/core/backoff.ts's cap when a caller names none: a broken backend is asked less and less
 *  often, yet the list still recovers within minutes once it is fixed. (Views pass their
 *  interval instead: a failing view costs no more than a working one, docs/faults.md.) */
export const RETRY_BACKOFF_CAP_MS = 5 * 60_000;
/** Share of a retry delay taken off at random, so many views that failed together do not
 *  retry in lockstep. */
export const RETRY_JITTER = 0.2;
/** The worker's badge polls back off to at most this: an alarm fires every 30 s or more
 *  anyway, and a struggling server (lib/core/failure-backoff.ts) is asked at least every 10 min. */
export const BADGE_BACKOFF_CAP_MS = 10 * 60_000;

// ---- Retry-After (429, the backend's lockout) ---------------------------------------------

/** An absent or unreadable Retry-After means a minute: proxbox-api's rate limit counts per minute. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;
/** A Retry-After longer than an hour is treated as an hour: a broken header must not stop
 *  polling for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** The panel's code loaded ahead on a NetBox page waits at most this long for the page to be idle (lib/content/lazy-panel.ts). */
export const CODE_AHEAD_IDLE_TIMEOUT_MS = 2000;
