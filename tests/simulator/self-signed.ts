// The certificate of a backend served over HTTPS: self-signed, made at start for the
// loopback name, like the one mkcert makes inside Proxbox's *-nginx image. No browser
// trusts it until the user accepts it (docs/certificates.md).
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SelfSignedCertificate {
  key: string;
  cert: string;
  /** SHA-256, "AB:CD:…", as browsers show it. */
  fingerprint256: string;
}

export async function selfSignedCertificate(host: '127.0.0.1' | 'localhost'): Promise<SelfSignedCertificate> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 7 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}
