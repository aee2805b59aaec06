import { originMatchPattern } from './match-pattern';

export type NormalisedUrl =
  | { ok: true; baseUrl: string; origin: string; /** e.g. "https://nb.example.com:443/*" */ originPattern: string }
  | { ok: false; reason: string };

/**
 * NetBox's top-level URL sections. In a pasted URL, everything from the first of these
 * on is a NetBox page; what comes before is the BASE_PATH ("/netbox" in
 * "https://tools.example.com/netbox/dcim/devices/").
 */
export const NETBOX_SECTIONS: ReadonlySet<string> = new Set([
  'api', 'dcim', 'ipam', 'virtualization', 'plugins', 'extras', 'users', 'tenancy', 'circuits',
  'wireless', 'vpn', 'core', 'login', 'logout', 'search', 'account', 'admin', 'media', 'static',
  // Also NetBox's: the 3.x user profile and the GraphQL browser.
  'user', 'graphql',
]);

export const REASONS = {
  empty: 'Enter the address of your NetBox, for example https://netbox.example.com.',
  whitespace: 'The address must not contain spaces.',
  scheme: 'Only http:// and https:// addresses are supported.',
  credentials: 'Remove the user name and password from the URL; the extension uses your NetBox session.',
  invalid: 'This is not a valid web address.',
  host: 'The host name is not valid.',
} as const;

const fail = (reason: string): NormalisedUrl => ({ ok: false, reason });

// A DNS label as browsers accept them after IDNA ("xn--..." included); "_" is common on
// intranets (Docker service names) and browsers allow it.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

function validHost(hostname: string): boolean {
  if (!hostname || hostname.length > 253) return false;
  if (hostname.startsWith('[')) return hostname.endsWith(']'); // IPv6, already checked by URL
  return hostname.split('.').every((label) => label.length <= 63 && LABEL.test(label));
}

/**
 * Turns what a user pastes (a NetBox address, a page URL, an /api/ URL, with or without
 * scheme or trailing slash) into the instance's base URL (origin + BASE_PATH), or a reason.
 */
export function normaliseNetBoxUrl(input: string): NormalisedUrl {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return fail(REASONS.empty);
  if (/\s/.test(text)) return fail(REASONS.whitespace);

  let withScheme = text;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (text.startsWith('//')) withScheme = `https:${text}`;
  else if (scheme && text.slice(scheme[0].length).startsWith('//')) {
    if (!/^https?$/i.test(scheme[1]!)) return fail(REASONS.scheme);
  } else if (scheme && !/^\d/.test(text.slice(scheme[0].length))) {
    // "javascript:...", "mailto:..." (but "localhost:8000" is a host and a port); "http:/x" is a typo.
    return fail(/^https?$/i.test(scheme[1]!) ? REASONS.invalid : REASONS.scheme);
  } else {
    // No scheme: a NetBox worth adding is served over https.
    withScheme = `https://${text}`;
  }

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(REASONS.invalid);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(REASONS.scheme);
  if (url.username || url.password) return fail(REASONS.credentials);

  // URL has lower-cased the host, turned IDN into punycode, checked IPv4/IPv6 syntax.
  let hostname = url.hostname;
  if (hostname.endsWith('.') && !hostname.startsWith('[')) hostname = hostname.slice(0, -1);
  if (!validHost(hostname)) return fail(REASONS.host);

  const segments = url.pathname.split('/').filter((s) => s !== '');
  const base: string[] = [];
  for (const segment of segments) {
    if (NETBOX_SECTIONS.has(segment.toLowerCase())) break;
    base.push(segment);
  }
  const basePath = base.length ? `/${base.join('/')}` : '';
  const protocol = url.protocol.slice(0, -1);
  const origin = `${protocol}://${hostname}${url.port ? `:${url.port}` : ''}`;
  return {
    ok: true,
    baseUrl: origin + basePath,
    origin,
    // "http://10.0.0.5:8000/*": that port alone (the host on every port in Firefox: ./match-pattern.ts).
    originPattern: originMatchPattern(origin),
  };
}

/**
 * The proxbox-api address a user types (or NetBox names): "http://10.0.0.7:8800" from
 * "10.0.0.7:8800", ".../admin/logs", ".../admin/logs/stream" or a trailing slash. Plain
 * http is common for a backend on the LAN, so a bare host gets http:// (the backend's
 * default); the path prefix of a reverse proxy is kept.
 */
export function normaliseBackendUrl(input: string): NormalisedUrl {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return fail('Enter the address of proxbox-api as this browser reaches it, for example http://10.0.0.7:8800.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  const parsed = normaliseNetBoxUrl(withScheme);
  if (!parsed.ok) return parsed.reason === REASONS.credentials ? fail('Remove the user name and password from the address.') : parsed;
  // normaliseNetBoxUrl cut the path at NetBox's sections; a backend's own paths are cut here.
  const url = new URL(withScheme);
  const path = url.pathname.replace(/\/admin\/logs(\/stream)?\/?$/, '').replace(/\/+$/, '');
  return { ...parsed, baseUrl: parsed.origin + path };
}
