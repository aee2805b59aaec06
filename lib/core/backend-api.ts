// proxbox-api's paths and header (contract §3), one home for the worker and the pages.

/** The logs, and their live stream under it. */
export const BACKEND_LOGS_PATH = '/admin/logs';
/** Needs no key and counts no failed attempt: the safe reachability probe. */
export const BACKEND_HEALTH_PATH = '/health';
/**
 * Whether a sync runs now (behind the key like the logs; contract §3). A backend older than
 * the route answers 404: the indicator is simply absent.
 */
export const SYNC_ACTIVE_PATH = '/sync/active';
/** The header proxbox-api reads the key from; a key never goes into a URL. */
export const BACKEND_KEY_HEADER = 'X-Proxbox-API-Key';
/**
 * A page to open in a tab, where the browser shows its warning for an untrusted
 * certificate: proxbox-api's Swagger UI, whose assets and icon (under /static/) need no key.
 * /health would do, but the tab then asks for /favicon.ico, which wants the key: one failed
 * attempt of the five before a lockout, each time.
 */
export const BACKEND_DOCS_PATH = '/docs';
