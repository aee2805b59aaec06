// Every way a call to the logs proxy can fail, as a small closed set of kinds. One table
// maps each kind to the panel's sentence (lib/core/failure-messages.ts) and one to the badge
// (lib/core/badge-states.ts), so a new kind is a compile error until both say what it means.

export type FailureKind =
  | 'logged-out' // 403 "credentials not provided", a 302 to /login/, or a login page where JSON was expected
  | 'forbidden' // 403: no view permission on FastAPIEndpoint
  | 'no-endpoint' // 404 JSON from the plugin: no enabled FastAPIEndpoint
  | 'plugin-missing' // 404 HTML: NetBox has no such URL (plugin not installed, wrong proxy path)
  | 'discovery' // an older/newer plugin answered with where the backend is, not with logs
  | 'api-key-rejected' // 401 passed through from the backend
  | 'bad-query' // 422 passed through
  | 'rate-limited' // 429 (Retry-After honoured)
  | 'backend-down' // 502
  | 'backend-timeout' // 504
  | 'server-error' // other 5xx (NetBox itself broke)
  | 'timeout' // no answer from NetBox in time (our own deadline)
  | 'offline' // the browser is offline
  | 'network' // connection refused / DNS / TLS: NetBox itself unreachable
  | 'no-host-permission' // the browser will not let the extension reach this origin
  | 'malformed' // 200 but not JSON
  | 'wrong-shape' // 200 JSON but not the logs shape
  | 'unexpected' // any other status
  // Reading straight from proxbox-api (the instance's logs come 'backend', contract §2a, §3):
  | 'no-backend-address' // NetBox names no backend (no endpoint, no permission, key not verified) and the user gave none
  | 'key-needed' // no backend API key stored: nothing was sent
  | 'key-rejected' // 401 from the backend: requests stop until the user enters a key again
  | 'key-not-registered' // 401 "No API key configured": the backend has no key at all
  | 'locked-out' // 429 after too many failed keys from this address (Retry-After, 300 s)
  | 'backend-unreachable' // the browser cannot reach the backend's address
  | 'backend-certificate' // HTTPS: this browser does not trust the backend's certificate (nothing was sent)
  | 'backend-redirect' // the backend's address answered with a redirect, which a request with the key never follows
  | 'no-backend-permission' // the user has not allowed the extension to reach the backend's origin
  | 'backend-error'; // 5xx from the backend itself

export interface Failure {
  kind: FailureKind;
  /** HTTP status when there was one. */
  status?: number;
  /** Short detail for the "technical details" line (already safe plain text, truncated). */
  detail?: string;
  /** Milliseconds to wait before retrying, from Retry-After. */
  retryAfterMs?: number;
  /** The backend address: the one read from (direct mode), or the one the plugin named ('discovery', '' for none). */
  backendUrl?: string;
  /** 'backend-certificate': what the browser said is wrong with the certificate. */
  certificate?: CertificateProblem;
  /** 'backend-redirect': where the address pointed, when the browser told ('' when not). */
  redirectTo?: string;
}

/** Why a browser refuses a certificate, where it says which (lib/core/network-error.ts). */
export type CertificateProblem = 'unknown-authority' | 'self-signed' | 'wrong-name' | 'expired' | 'untrusted';

export type FetchOutcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };
