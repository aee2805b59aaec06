// The certificate of a backend served over HTTPS: self-signed, made at start for the
// loopback name, like the one mkcert makes inside Proxbox's *-nginx image. No browser
// trusts it until the user accepts it (docs/certificates.md).
import { X509Certificate } from 'node:crypto';
import { generate, type SubjectAltNameEntry } from 'selfsigned';

export interface SelfSignedCertificate {
  key: string;
  cert: string;
  /** SHA-256, "AB:CD:…", as browsers show it. */
  fingerprint256: string;
}

export interface CertificateOptions {
  /** The authority that signs it (certificateAuthority()); none: self-signed. */
  signedBy?: { key: string; cert: string };
  /** Made out for another name than the loopback one. */
  otherName?: boolean;
  /** Its validity ended a month ago. */
  expired?: boolean;
}

const DAY_MS = 24 * 3600_000;

export async function selfSignedCertificate(host: '127.0.0.1' | 'localhost', options: CertificateOptions = {}): Promise<SelfSignedCertificate> {
  const now = Date.now();
  const names: SubjectAltNameEntry[] = options.otherName ? [{ type: 2, value: 'backend.example.invalid' }] : [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }];
  const pems = await generate([{ name: 'commonName', value: options.otherName ? 'backend.example.invalid' : host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(options.expired ? now - 60 * DAY_MS : now - 60_000),
    notAfterDate: new Date(options.expired ? now - 30 * DAY_MS : now + 7 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: names },
    ],
    ...(options.signedBy ? { ca: options.signedBy } : {}),
  });
  return { key: pems.private, cert: pems.cert, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}

/** A root no browser knows, as mkcert's is until its CA is installed: what it signs is not self-signed. */
export async function certificateAuthority(): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'Simulator test root CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 7 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
