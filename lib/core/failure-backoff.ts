import type { FailureKind } from './failure';

// Which failures make the background worker space out its polls (lib/core/worker-state.ts).
//
// Only those that mean a server is struggling: asking it again adds load where it hurts
// (a 504 holds a NetBox worker for the proxy's whole timeout, a NetBox that does not answer
// is already overloaded). Every other failure is answered at once and cheaply (a 403, a
// 404, a login page) or never reaches a server (offline, connection refused), and is
// fixed by a person (logging in, a permission, a setting): those are retried at every
// alarm, so the badge follows within one interval once the fault clears. 429 waits for
// its Retry-After in every case. A Record, so a new kind must say which it is.

const BACKS_OFF: Record<FailureKind, boolean> = {
  'backend-down': true,
  'backend-timeout': true,
  'server-error': true,
  timeout: true,
  'rate-limited': true,
  'logged-out': false,
  forbidden: false,
  'no-endpoint': false,
  'plugin-missing': false,
  discovery: false,
  'api-key-rejected': false,
  'bad-query': false,
  offline: false,
  network: false,
  'no-host-permission': false,
  malformed: false,
  'wrong-shape': false,
  unexpected: false,
  'no-backend-address': false,
  // Nothing is sent without a key, so these cost the backend nothing; a rejected key sends
  // nothing until the user enters a new one (lib/background/backend-gate.ts).
  'key-needed': false,
  'key-rejected': false,
  'key-not-registered': false,
  // Waits for its Retry-After (300 s) like 429 always does.
  'locked-out': true,
  'backend-unreachable': false,
  // Both fail before the backend sees anything (a TLS handshake, a redirect not followed).
  'backend-certificate': false,
  'backend-redirect': false,
  'no-backend-permission': false,
  'backend-error': true,
};

/** Whether repeated failures of this kind wait longer and longer between polls. */
export function backsOff(kind: FailureKind): boolean {
  return BACKS_OFF[kind] ?? true;
}
