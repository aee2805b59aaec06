import type { CertificateProblem } from './failure';

// What the browser's network layer says about a request that failed, in our terms. A
// fetch that fails says only "TypeError: Failed to fetch" (Chromium) or "NetworkError when
// attempting to fetch resource." (Firefox); webRequest.onErrorOccurred names the reason:
// Chromium a net error code (`net::ERR_CERT_AUTHORITY_INVALID`), Firefox an English
// sentence ("The certificate is not trusted because it is self-signed."), both measured
// (docs/certificates.md).

const CHROMIUM: Array<[RegExp, CertificateProblem]> = [
  [/^net::ERR_CERT_AUTHORITY_INVALID$/, 'unknown-authority'],
  [/^net::ERR_CERT_COMMON_NAME_INVALID$/, 'wrong-name'],
  [/^net::ERR_CERT_DATE_INVALID$/, 'expired'],
  [/^net::ERR_CERT_/, 'untrusted'],
];

// Firefox's sentences: its nsserrors.properties strings, as onErrorOccurred gives them. For a
// chain it does not trust Firefox names only that, whatever else is wrong: "…self-signed."
// or "Peer’s Certificate issuer is not recognized." (mkcert's, an internal CA's); a wrong
// name or a date only with a trusted chain. Measured in Firefox ESR 153 (docs/firefox.md).
const FIREFOX: Array<[RegExp, CertificateProblem]> = [
  [/self-signed/i, 'self-signed'],
  [/issuer is not recognized|issuer (certificate )?is unknown|issuer.*not trusted|unknown issuer/i, 'unknown-authority'],
  [/domain name does not match|only valid for|not valid for|domain mismatch/i, 'wrong-name'],
  [/expired|not (yet )?valid until|not yet valid/i, 'expired'],
  [/certificate/i, 'untrusted'],
];

/** The certificate problem a browser's network error names, or null for any other error. */
export function certificateProblemOf(error: string): CertificateProblem | null {
  const text = error.trim();
  if (text.startsWith('net::')) return CHROMIUM.find(([re]) => re.test(text))?.[1] ?? null;
  if (/^SEC_ERROR_|^MOZILLA_PKIX_ERROR_|^SSL_ERROR_BAD_CERT/.test(text)) {
    if (/SELF_SIGNED/.test(text)) return 'self-signed';
    if (/UNKNOWN_ISSUER|UNTRUSTED_ISSUER/.test(text)) return 'unknown-authority';
    if (/EXPIRED|NOT_YET_VALID/.test(text)) return 'expired';
    return 'untrusted';
  }
  return FIREFOX.find(([re]) => re.test(text))?.[1] ?? null;
}

/** The problem in a few words, for the sentence that names it. */
export const CERTIFICATE_PROBLEM_WORDS: Record<CertificateProblem, string> = {
  'unknown-authority': 'it is signed by an authority this browser does not know (self-signed, or an internal CA)',
  'self-signed': 'it is self-signed',
  'wrong-name': 'it is made out for another name than this address',
  expired: 'it has expired or is not valid yet',
  untrusted: 'this browser refuses it',
};
