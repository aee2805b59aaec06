// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_PROBLEM_WORDS, certificateProblemOf } from '../../../lib/core/network-error';

describe('certificateProblemOf: what webRequest.onErrorOccurred said, in our terms', () => {
  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'unknown-authority'], // measured: Chromium 156, a self-signed certificate
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'wrong-name'],
    ['net::ERR_CERT_DATE_INVALID', 'expired'],
    ['net::ERR_CERT_REVOKED', 'untrusted'],
    ['The certificate is not trusted because it is self-signed.', 'self-signed'], // measured: Firefox ESR 153
    ['The certificate is not trusted because the issuer certificate is unknown.', 'unknown-authority'],
    ['The certificate is only valid for other.example.com.', 'wrong-name'],
    ['The certificate expired on 1/1/2026, 12:00 AM.', 'expired'],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'unknown-authority'],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'self-signed'],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'expired'],
  ])('%s → %s', (error, problem) => {
    expect(certificateProblemOf(error)).toBe(problem);
  });

  it.each(['net::ERR_CONNECTION_REFUSED', 'net::ERR_ABORTED', 'net::ERR_NAME_NOT_RESOLVED', 'NS_ERROR_CONNECTION_REFUSED', 'NS_BINDING_ABORTED', ''])(
    'is null for %j: not a certificate, so the backend stays "unreachable"',
    (error) => {
      expect(certificateProblemOf(error)).toBeNull();
    },
  );

  it('has words for every problem', () => {
    for (const words of Object.values(CERTIFICATE_PROBLEM_WORDS)) expect(words).toMatch(/^(it|this browser) /);
  });
});
