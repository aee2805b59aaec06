import type { Failure } from './failure';

// The same answer means something else when it comes from proxbox-api itself rather than
// through NetBox's proxy (contract §3): a 401 is the user's key, not NetBox's; one 429 is
// the lockout after wrong keys, the other the rate limit; a network error means this
// browser cannot reach the backend's address. fetchLogs classifies as for the proxy; this
// turns its Failure into the direct mode's.

const NOT_REGISTERED = /no api key configured/i;
const LOCKED_OUT = /failed authentication/i;

export function asBackendFailure(failure: Failure): Failure {
  const { kind, status, detail } = failure;
  const as = (next: Failure['kind']): Failure => ({ ...failure, kind: next });
  switch (kind) {
    case 'api-key-rejected':
      return as(NOT_REGISTERED.test(detail ?? '') ? 'key-not-registered' : 'key-rejected');
    case 'rate-limited':
      return LOCKED_OUT.test(detail ?? '') ? as('locked-out') : failure;
    case 'network':
      return as('backend-unreachable');
    case 'backend-down':
    case 'backend-timeout':
    case 'server-error':
      // A 502/504 here comes from a reverse proxy in front of the backend, not from NetBox.
      return status === 504 ? as('backend-timeout') : as('backend-error');
    case 'timeout':
      return as('backend-timeout');
    case 'logged-out':
      // With redirect: 'manual' (every request to the backend) a redirect is never followed.
      if (/^redirected/.test(detail ?? '') || (status !== undefined && (status === 0 || (status >= 300 && status < 400)))) {
        return { kind: 'backend-redirect', ...(status ? { status } : {}), ...(failure.redirectTo !== undefined ? { redirectTo: failure.redirectTo } : {}) };
      }
      return { kind: 'unexpected', ...(status !== undefined ? { status } : {}), detail: detail || 'not a proxbox-api answer' };
    case 'forbidden':
    case 'no-endpoint':
    case 'plugin-missing':
    case 'discovery':
      // NetBox's answers; from the backend's address they mean it is something else.
      return { kind: 'unexpected', ...(status !== undefined ? { status } : {}), detail: detail || 'not a proxbox-api answer' };
    default:
      return failure;
  }
}

/** Failures after which nothing is sent to the backend until the user enters a key. */
export function stopsBackendRequests(failure: Failure): boolean {
  return failure.kind === 'key-rejected' || failure.kind === 'key-not-registered';
}
