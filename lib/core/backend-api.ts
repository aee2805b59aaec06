// proxbox-api's paths and header (contract §3), one home for the worker and the pages.

/** The logs, and their live stream under it. */
export const BACKEND_LOGS_PATH = '/admin/logs';
/** Needs no key and counts no failed attempt: the safe reachability probe. */
export const BACKEND_HEALTH_PATH = '/health';
/** The header proxbox-api reads the key from; a key never goes into a URL. */
export const BACKEND_KEY_HEADER = 'X-Proxbox-API-Key';
