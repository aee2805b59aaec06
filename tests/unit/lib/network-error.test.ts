// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_PROBLEM_WORDS, certificateProblemOf } from '../../../lib/core/network-error';

describe('certificateProblemOf', () => {
  it.each([
    // webRequest.onErrorOccurred's `error` in Firefox ESR 153 for the event page's fetch
    // (docs/firefox.md): a chain Firefox does not trust is named as such, whatever else is wrong.
    ['The certificate is not trusted because it is self-signed.', 'self-signed'],
    ['Peer’s Certificate issuer is not recognized.', 'unknown-authority'],
    // Firefox's strings (nsserrors.properties) for a trusted chain with another fault.
    ['Unable to communicate securely with peer: requested domain name does not match the server’s certificate.', 'wrong-name'],
    ['Peer’s Certificate has expired.', 'expired'],
    ['The server presented a certificate that is not yet valid.', 'expired'],
    ['Peer’s certificate issuer has been marked as not trusted by the user.', 'unknown-authority'],
    ['Issuer certificate is invalid.', 'untrusted'],
    // Chromium's net error codes.
    ['net::ERR_CERT_AUTHORITY_INVALID', 'unknown-authority'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'wrong-name'],
    ['net::ERR_CERT_DATE_INVALID', 'expired'],
    ['net::ERR_CERT_REVOKED', 'untrusted'],
    // Firefox's codes, as a BiDi navigate error names them.
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'self-signed'],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'unknown-authority'],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'expired'],
  ] as const)('"%s" → %s', (error, problem) => {
    expect(certificateProblemOf(error)).toBe(problem);
  });

  it.each(['', 'net::ERR_ABORTED', 'NS_BINDING_ABORTED', 'net::ERR_CONNECTION_REFUSED', 'NS_ERROR_CONNECTION_REFUSED', 'NS_ERROR_NET_TIMEOUT', 'SSL received a record that exceeded the maximum permissible length.'])(
    'is no certificate problem: %s',
    (error) => {
      expect(certificateProblemOf(error)).toBeNull();
    },
  );

  it('has words for every problem, for the sentence that names it', () => {
    for (const words of Object.values(CERTIFICATE_PROBLEM_WORDS)) expect(words).toMatch(/^(it|this browser) /);
  });
});
